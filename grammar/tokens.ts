// Every token of the Funnel language (spec §3) and the keyword lists derived from them.
// This file is the single source of truth for keywords and tokens: the hand-written scanner
// (scanner.ts) derives its keyword table and token kinds from here, and its tests check it
// against a chevrotain lexer built from these patterns; completion, the TextMate grammar and the
// docs read KEYWORDS / RESERVED_WORDS from here.
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import { NAME_UNANCHORED } from "../core/names.js";

/** Exclusive end offset of a real token (the lexer tracks start offsets only). */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Any word that may stand where a name is expected (identifiers and contextual keywords). */
export const Name = createToken({ name: "Name", pattern: Lexer.NA });

export const Identifier = createToken({
  name: "Identifier",
  pattern: NAME_UNANCHORED,
  categories: [Name],
});

function keyword(word: string, contextual: boolean): TokenType {
  return createToken({
    name: word[0].toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: contextual ? [Name] : [],
    label: `\`${word}\``,
  });
}

/**
 * Contextual keywords: words of the language that are still usable as names of fields, events,
 * teams, stages and scores (spec §3: "a field may be called owner, status, type, version…").
 */
export const Import = keyword("import", true);
export const Funnel = keyword("funnel", true);
export const Version = keyword("version", true);
export const Description = keyword("description", true);
export const Team = keyword("team", true);
export const Fields = keyword("fields", true);
export const Events = keyword("events", true);
export const Score = keyword("score", true);
export const From = keyword("from", true);
export const Any = keyword("any", true);
export const Stage = keyword("stage", true);
export const Detour = keyword("detour", true);
export const Terminal = keyword("terminal", true);
export const Definition = keyword("definition", true);
export const Owner = keyword("owner", true);
export const Label = keyword("label", true);
export const MapKw = keyword("map", true);
export const Outcome = keyword("outcome", true);
export const Sla = keyword("sla", true);
export const Warn = keyword("warn", true);
export const Notify = keyword("notify", true);
export const Target = keyword("target", true);
export const Probability = keyword("probability", true);
export const Forecast = keyword("forecast", true);
export const On = keyword("on", true);
export const When = keyword("when", true);

/** Reserved inside conditions (spec §3); never usable as names. */
export const And = keyword("and", false);
export const Or = keyword("or", false);
export const Not = keyword("not", false);
export const In = keyword("in", false);
export const Is = keyword("is", false);
export const SetKw = createToken({
  name: "Set",
  pattern: /set/,
  longer_alt: Identifier,
  label: "`set`",
});
export const Contains = keyword("contains", false);
export const EventKw = createToken({
  name: "Event",
  pattern: /event/,
  longer_alt: Identifier,
  label: "`event`",
});
export const True = keyword("true", false);
export const False = keyword("false", false);

export const CONTEXTUAL_KEYWORD_TOKENS = [
  Import,
  Funnel,
  Version,
  Description,
  Team,
  Fields,
  Events,
  Score,
  From,
  Any,
  Stage,
  Detour,
  Terminal,
  Definition,
  Owner,
  Label,
  MapKw,
  Outcome,
  Sla,
  Warn,
  Notify,
  Target,
  Probability,
  Forecast,
  On,
  When,
];
export const RESERVED_TOKENS = [And, Or, Not, In, Is, SetKw, Contains, EventKw, True, False];

/** Words that name things in specific clauses but are lexed as plain names (checked later). */
export const TYPE_NAMES = ["number", "text", "boolean", "date", "datetime"] as const;
export const OUTCOME_NAMES = ["won", "lost", "none"] as const;
export const TARGET_KINDS = ["conversion", "velocity"] as const;
/** The value each target measure takes: `target conversion 40%`, `target velocity 14 days`. */
export const TARGET_VALUES: Readonly<
  Record<(typeof TARGET_KINDS)[number], "percent" | "duration">
> = { conversion: "percent", velocity: "duration" };
/** Duration units: core/durations.ts holds them, with their lengths, for the runtime too. */
export { DURATION_UNITS } from "../core/durations.js";

/** The word a keyword token stands for (its pattern is the word itself). */
export function wordOf(token: TokenType): string {
  return (token.PATTERN as RegExp).source;
}
/** Every keyword of the language, in declaration order (for completion and syntax highlighting). */
export const KEYWORDS: readonly string[] = CONTEXTUAL_KEYWORD_TOKENS.map(wordOf);
/** Words that may never be used as names. */
export const RESERVED_WORDS: readonly string[] = RESERVED_TOKENS.map(wordOf);

// Comments. `///` doc comments are kept for the AST; the others only for the formatter.
export const DocComment = createToken({
  name: "DocComment",
  pattern: /\/\/\/[^\n\r]*/,
  group: "comments",
});
export const LineComment = createToken({
  name: "LineComment",
  pattern: /\/\/[^\n\r]*/,
  group: "comments",
});
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});
/** An opening `/*` with no closing `*\/`: lexed so the error names it instead of each character. */
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: /\/\*[\s\S]*/,
  group: "errors",
  line_breaks: true,
});

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** Ends at the first `"""` that no backslash escapes (escapes work inside triple strings too). */
export const TripleString = createToken({
  name: "TripleString",
  pattern: /"""(?:[^\\]|\\[\s\S])*?"""/,
  line_breaks: true,
  label: "string",
});
export const StringLiteral = createToken({
  name: "String",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
  label: "string",
});
/**
 * Strings cut off by the end of the line or file. They stay in the token stream as strings (by
 * category), so the parser goes on normally and the lexer reports the one real problem.
 */
export const UnterminatedTripleString = createToken({
  name: "UnterminatedTripleString",
  pattern: /"""[\s\S]*/,
  line_breaks: true,
  categories: [TripleString],
});
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?/,
  categories: [StringLiteral],
});

export const DateTimeLiteral = createToken({
  name: "DateTime",
  pattern: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/,
  label: "datetime",
});
export const DateLiteral = createToken({
  name: "Date",
  pattern: /\d{4}-\d{2}-\d{2}/,
  label: "date",
});
export const PercentLiteral = createToken({
  name: "Percent",
  pattern: /\d+(?:\.\d+)?%/,
  label: "percentage",
});
export const NumberLiteral = createToken({
  name: "Number",
  pattern: /\d+(?:\.\d+)?/,
  label: "number",
});

export const Arrow = createToken({ name: "Arrow", pattern: /->/, label: "`->`" });
export const LCurly = createToken({ name: "LCurly", pattern: /{/, label: "`{`" });
export const RCurly = createToken({ name: "RCurly", pattern: /}/, label: "`}`" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "`)`" });
export const LSquare = createToken({ name: "LSquare", pattern: /\[/, label: "`[`" });
export const RSquare = createToken({ name: "RSquare", pattern: /]/, label: "`]`" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "`,`" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "`:`" });
export const Pipe = createToken({ name: "Pipe", pattern: /\|/, label: "`|`" });
export const Question = createToken({ name: "Question", pattern: /\?/, label: "`?`" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "`.`" });
export const NotEquals = createToken({ name: "NotEquals", pattern: /!=/, label: "`!=`" });
export const LessEquals = createToken({ name: "LessEquals", pattern: /<=/, label: "`<=`" });
export const GreaterEquals = createToken({ name: "GreaterEquals", pattern: />=/, label: "`>=`" });
export const Less = createToken({ name: "Less", pattern: /</, label: "`<`" });
export const Greater = createToken({ name: "Greater", pattern: />/, label: "`>`" });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "`=`" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, label: "`+`" });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "`-`" });

/** Order matters: longer and more specific patterns first (chevrotain tries them in order). */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  DocComment,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  TripleString,
  UnterminatedTripleString,
  StringLiteral,
  UnterminatedString,
  DateTimeLiteral,
  DateLiteral,
  PercentLiteral,
  NumberLiteral,
  Arrow,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LSquare,
  RSquare,
  Comma,
  Colon,
  Pipe,
  Question,
  Dot,
  NotEquals,
  LessEquals,
  GreaterEquals,
  Less,
  Greater,
  Equals,
  Plus,
  Minus,
  ...CONTEXTUAL_KEYWORD_TOKENS,
  ...RESERVED_TOKENS,
  Identifier,
  Name,
];
