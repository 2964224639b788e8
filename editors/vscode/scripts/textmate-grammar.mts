// Builds the TextMate grammar of the VS Code extension from grammar/tokens.ts, so highlighting
// reads the same keyword lists and token patterns as the lexer and cannot drift from it.
// Pure: gen-grammar.mts writes the result; test/vscode checks the committed file is up to date.
import type { TokenType } from "chevrotain";
import {
  ALL_TOKENS,
  DURATION_UNITS,
  Identifier,
  KEYWORDS,
  OUTCOME_NAMES,
  RESERVED_WORDS,
  TARGET_KINDS,
  TYPE_NAMES,
} from "../../../grammar/tokens.js";

/** A TextMate rule as VS Code reads it (the subset this grammar uses). */
export interface TextMateRule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Record<string, TextMateRule>;
  beginCaptures?: Record<string, TextMateRule>;
  endCaptures?: Record<string, TextMateRule>;
  patterns?: TextMateRule[];
  include?: string;
}

export interface TextMateGrammar {
  information_for_contributors: string[];
  $schema: string;
  name: string;
  scopeName: string;
  fileTypes: string[];
  patterns: TextMateRule[];
  repository: Record<string, TextMateRule>;
}

export const SCOPE_NAME = "source.funnel";

/**
 * The scope of every token the lexer knows. A token added to grammar/tokens.ts without an entry
 * here stops the generator (and the test), so a new kind of token is never silently unhighlighted.
 * `null`: the token is highlighted by a rule of its own below (keywords, literals, comments,
 * names).
 */
export const TOKEN_SCOPES: Readonly<Record<string, string | null>> = {
  WhiteSpace: null,
  DocComment: null,
  LineComment: null,
  BlockComment: null,
  UnterminatedBlockComment: null,
  TripleString: null,
  UnterminatedTripleString: null,
  String: null,
  UnterminatedString: null,
  DateTime: null,
  Date: null,
  Percent: null,
  Number: null,
  Identifier: null,
  Name: null,
  Arrow: "keyword.operator.arrow.funnel",
  LCurly: "punctuation.section.block.begin.funnel",
  RCurly: "punctuation.section.block.end.funnel",
  LParen: "punctuation.section.parens.begin.funnel",
  RParen: "punctuation.section.parens.end.funnel",
  LSquare: "punctuation.section.brackets.begin.funnel",
  RSquare: "punctuation.section.brackets.end.funnel",
  Comma: "punctuation.separator.comma.funnel",
  Colon: "punctuation.separator.colon.funnel",
  Pipe: "keyword.operator.union.funnel",
  Question: "keyword.operator.optional.funnel",
  Dot: "punctuation.accessor.funnel",
  NotEquals: "keyword.operator.comparison.funnel",
  LessEquals: "keyword.operator.comparison.funnel",
  GreaterEquals: "keyword.operator.comparison.funnel",
  Less: "keyword.operator.comparison.funnel",
  Greater: "keyword.operator.comparison.funnel",
  Equals: "keyword.operator.comparison.funnel",
  Plus: "keyword.operator.sign.funnel",
  Minus: "keyword.operator.sign.funnel",
};

/** Reserved words that are values or the event reference rather than operators (spec §3). */
const RESERVED_CONSTANTS = ["true", "false"];
const RESERVED_EVENT = "event";
/** Contextual keywords that open a declaration followed by the declared name, and its scope. */
const DECLARATION_NAME_SCOPES: Record<string, string> = {
  funnel: "entity.name.namespace.funnel",
  stage: "entity.name.type.stage.funnel",
  detour: "entity.name.type.stage.funnel",
  terminal: "entity.name.type.stage.funnel",
  team: "entity.name.tag.team.funnel",
  score: "variable.other.score.funnel",
};
const STAGE_REFERENCE_SCOPE = "entity.name.type.stage.funnel";
const TEAM_REFERENCE_SCOPE = "entity.name.tag.team.funnel";
const EVENT_REFERENCE_SCOPE = "entity.name.function.event.funnel";
const KEYWORD_SCOPE = "keyword.other.funnel";

/** The source of a token's regular expression (every pattern in tokens.ts is a RegExp). */
function patternOf(token: TokenType): string {
  const pattern = token.PATTERN;
  if (!(pattern instanceof RegExp))
    throw new Error(`Token ${token.name} has no regular expression pattern.`);
  return pattern.source;
}

/** Throws when tokens.ts changed a pattern this generator rewrites by hand as begin/end rules. */
function expectPattern(name: string, expected: string): void {
  const token = ALL_TOKENS.find((t) => t.name === name);
  const actual = token ? patternOf(token) : "(missing)";
  if (actual !== expected) {
    throw new Error(
      `grammar/tokens.ts: token ${name} is now /${actual}/ (was /${expected}/); update its ` +
        `begin/end rule in editors/vscode/scripts/textmate-grammar.mts.`,
    );
  }
}

function alternation(words: readonly string[]): string {
  return words.join("|");
}

/** Regular expressions for whole words and names, built from the lexer's identifier pattern. */
interface WordPatterns {
  /** One of the words, as a whole word. */
  word(alternatives: readonly string[]): string;
  /** Where a word starts: no word character before it. */
  wordStart: string;
  /** Any name. */
  name: string;
  /** A name in a reference position: reserved words can never be names (spec §3). */
  referenceName: string;
}

/**
 * Builds the grammar.
 * @returns the grammar object, ready for JSON.stringify
 */
export function createTextMateGrammar(): TextMateGrammar {
  checkTokens();
  const words = wordPatterns();
  // The order of the rules is the order of `patterns` below.
  const repository: Record<string, TextMateRule> = {
    ...commentAndStringRules(),
    ...referenceRules(words),
    ...valueAndKeywordRules(words),
  };

  return {
    information_for_contributors: [
      "Generated from grammar/tokens.ts by editors/vscode/scripts/gen-grammar.mts " +
        "(npm run gen:vscode).",
      "Do not edit by hand: test/vscode checks that this file is up to date.",
    ],
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "Funnel",
    scopeName: SCOPE_NAME,
    fileTypes: ["funnel"],
    // Order decides ties at the same position: comments and strings first, then the rules that
    // read a keyword with the name after it, before the plain keyword and name rules.
    patterns: Object.keys(repository)
      .filter((key) => key !== "escapes")
      .map((key) => ({ include: `#${key}` })),
    repository,
  };
}

/** Stops at a token of tokens.ts this generator does not know how to highlight. */
function checkTokens(): void {
  for (const token of ALL_TOKENS) {
    if (
      !(token.name in TOKEN_SCOPES) &&
      !KEYWORDS.includes(patternOf(token)) &&
      !RESERVED_WORDS.includes(patternOf(token))
    ) {
      throw new Error(
        `grammar/tokens.ts: token ${token.name} has no TextMate scope; add it to TOKEN_SCOPES in ` +
          `editors/vscode/scripts/textmate-grammar.mts.`,
      );
    }
  }
  for (const word of [...RESERVED_CONSTANTS, RESERVED_EVENT]) {
    if (!RESERVED_WORDS.includes(word))
      throw new Error(`\`${word}\` is no longer a reserved word in grammar/tokens.ts.`);
  }
  for (const word of Object.keys(DECLARATION_NAME_SCOPES)) {
    if (!KEYWORDS.includes(word))
      throw new Error(`\`${word}\` is no longer a keyword in grammar/tokens.ts.`);
  }
  expectPattern("DocComment", "\\/\\/\\/[^\\n\\r]*");
  expectPattern("LineComment", "\\/\\/[^\\n\\r]*");
  expectPattern("BlockComment", "\\/\\*[\\s\\S]*?\\*\\/");
  // Triple-quoted strings skip escaped characters, so `\"""` does not end one (the escapes rule).
  expectPattern("TripleString", '"""(?:[^\\\\]|\\\\[\\s\\S])*?"""');
  expectPattern("String", '"(?:[^"\\\\\\n\\r]|\\\\[^\\n\\r])*"');
}

/** Whole words and names: the identifier split into its first and later characters. */
function wordPatterns(): WordPatterns {
  // Split so that keywords match whole words only (`owners` is a name, not `owner` + `s`).
  const identifier = /^(\[[^\]]+\])(\[[^\]]+\])\*$/.exec(patternOf(Identifier));
  if (!identifier)
    throw new Error(
      `Identifier pattern /${patternOf(Identifier)}/ is not of the form [first][rest]*.`,
    );
  const wordChar = identifier[2];
  const wordStart = `(?<!${wordChar})`;
  const wordEnd = `(?!${wordChar})`;
  const word = (alternatives: readonly string[]): string =>
    `${wordStart}(?:${alternation(alternatives)})${wordEnd}`;
  const name = `${identifier[1]}${wordChar}*`;
  const referenceName = `(?!(?:${alternation(RESERVED_WORDS)})${wordEnd})${name}`;
  return { word, wordStart, name, referenceName };
}

/** The regular expression of the token of tokens.ts with this name. */
function tokenPattern(tokenName: string): string {
  const token = ALL_TOKENS.find((t) => t.name === tokenName);
  if (!token) throw new Error(`grammar/tokens.ts has no token ${tokenName}.`);
  return patternOf(token);
}

/** Comments, strings and the escapes inside strings. */
function commentAndStringRules(): Record<string, TextMateRule> {
  const escapes: TextMateRule = {
    patterns: [
      {
        name: "constant.character.escape.funnel",
        match: '\\\\(?:["\\\\nt]|u\\{[0-9A-Fa-f]{1,6}\\})',
      },
      { name: "invalid.illegal.escape.funnel", match: "\\\\." },
    ],
  };
  return {
    comments: {
      patterns: [
        {
          name: "comment.line.documentation.funnel",
          match: `(///)[^\\n\\r]*`,
          captures: { "1": { name: "punctuation.definition.comment.funnel" } },
        },
        {
          name: "comment.line.double-slash.funnel",
          match: `(//)[^\\n\\r]*`,
          captures: { "1": { name: "punctuation.definition.comment.funnel" } },
        },
        {
          name: "comment.block.funnel",
          begin: "/\\*",
          end: "\\*/",
          beginCaptures: { "0": { name: "punctuation.definition.comment.begin.funnel" } },
          endCaptures: { "0": { name: "punctuation.definition.comment.end.funnel" } },
        },
      ],
    },
    strings: {
      patterns: [
        {
          name: "string.quoted.triple.funnel",
          begin: '"""',
          end: '"""',
          beginCaptures: { "0": { name: "punctuation.definition.string.begin.funnel" } },
          endCaptures: { "0": { name: "punctuation.definition.string.end.funnel" } },
          patterns: [{ include: "#escapes" }],
        },
        {
          // A plain string ends at its closing quote or, unterminated, at the end of the line.
          name: "string.quoted.double.funnel",
          begin: '"',
          end: '"|$',
          beginCaptures: { "0": { name: "punctuation.definition.string.begin.funnel" } },
          endCaptures: { "0": { name: "punctuation.definition.string.end.funnel" } },
          patterns: [{ include: "#escapes" }],
        },
      ],
    },
    escapes,
  };
}

/** Declared names and references: each keyword that names something, with its name. */
function referenceRules({
  word,
  wordStart,
  referenceName,
}: WordPatterns): Record<string, TextMateRule> {
  const arrow = tokenPattern("Arrow");
  const comma = tokenPattern("Comma");
  return {
    declarations: {
      patterns: Object.entries(DECLARATION_NAME_SCOPES).map(([keyword, scope]) => ({
        match: `(${word([keyword])})\\s+(${referenceName})`,
        captures: { "1": { name: KEYWORD_SCOPE }, "2": { name: scope } },
      })),
    },
    "field-declaration": {
      // `name: type` appears only in field declarations, so a keyword there is a field's name.
      match: `${wordStart}(${referenceName})\\s*(:)(?:\\s*(${word(TYPE_NAMES)}))?`,
      captures: {
        "1": { name: "variable.other.property.field.funnel" },
        "2": { name: TOKEN_SCOPES.Colon! },
        "3": { name: "support.type.primitive.funnel" },
      },
    },
    "stage-reference": {
      match: `(${arrow})\\s*(${referenceName})?`,
      captures: { "1": { name: TOKEN_SCOPES.Arrow! }, "2": { name: STAGE_REFERENCE_SCOPE } },
    },
    "event-reference": {
      match: `(${word(["on"])})\\s+(${referenceName})`,
      captures: { "1": { name: KEYWORD_SCOPE }, "2": { name: EVENT_REFERENCE_SCOPE } },
    },
    "team-reference": {
      patterns: [
        {
          match: `(${word(["owner"])})\\s+(${referenceName})`,
          captures: { "1": { name: KEYWORD_SCOPE }, "2": { name: TEAM_REFERENCE_SCOPE } },
        },
        {
          match: `(${word(["notify"])})\\s+(${referenceName}(?:\\s*${comma}\\s*${referenceName})*)`,
          captures: {
            "1": { name: KEYWORD_SCOPE },
            "2": {
              patterns: [
                { name: TEAM_REFERENCE_SCOPE, match: referenceName },
                { name: TOKEN_SCOPES.Comma!, match: comma },
              ],
            },
          },
        },
      ],
    },
    "clause-values": {
      patterns: [
        {
          match: `(${word(["outcome"])})\\s+(${word(OUTCOME_NAMES)})`,
          captures: {
            "1": { name: KEYWORD_SCOPE },
            "2": { name: "constant.language.outcome.funnel" },
          },
        },
        {
          match: `(${word(["target"])})\\s+(${word(TARGET_KINDS)})`,
          captures: {
            "1": { name: KEYWORD_SCOPE },
            "2": { name: "support.constant.target-kind.funnel" },
          },
        },
      ],
    },
    "event-member": {
      match: `(${word([RESERVED_EVENT])})\\s*(${tokenPattern("Dot")})\\s*(${referenceName})?`,
      captures: {
        "1": { name: "variable.language.event.funnel" },
        "2": { name: TOKEN_SCOPES.Dot! },
        "3": { name: "variable.other.property.event-field.funnel" },
      },
    },
  };
}

/** Literals, keywords, plain names and operators. */
function valueAndKeywordRules({ word, name }: WordPatterns): Record<string, TextMateRule> {
  const number = tokenPattern("Number");
  const units = DURATION_UNITS.map((unit) => `${unit}s?`);
  const operatorWords = RESERVED_WORDS.filter(
    (w) => !RESERVED_CONSTANTS.includes(w) && w !== RESERVED_EVENT,
  );
  return {
    literals: {
      // Longest first, as in the lexer: a datetime starts like a date, a date like a number.
      patterns: [
        { name: "constant.numeric.datetime.funnel", match: tokenPattern("DateTime") },
        { name: "constant.numeric.date.funnel", match: tokenPattern("Date") },
        {
          name: "meta.duration.funnel",
          match: `(${number})\\s+(${word(units)})`,
          captures: {
            "1": { name: "constant.numeric.funnel" },
            "2": { name: "keyword.other.unit.funnel" },
          },
        },
        { name: "constant.numeric.percentage.funnel", match: tokenPattern("Percent") },
        { name: "constant.numeric.funnel", match: number },
      ],
    },
    keywords: {
      patterns: [
        { name: "constant.language.boolean.funnel", match: word(RESERVED_CONSTANTS) },
        { name: "variable.language.event.funnel", match: word([RESERVED_EVENT]) },
        { name: "keyword.operator.word.funnel", match: word(operatorWords) },
        { name: KEYWORD_SCOPE, match: word(KEYWORDS) },
      ],
    },
    names: {
      name: "variable.other.funnel",
      match: name,
    },
    operators: {
      // In the lexer's order, which puts `->` before `-` and `<=` before `<`.
      patterns: ALL_TOKENS.filter((token) => TOKEN_SCOPES[token.name] != null).map((token) => ({
        name: TOKEN_SCOPES[token.name]!,
        match: patternOf(token),
      })),
    },
  };
}

/**
 * Renders the grammar file.
 * @returns two-space JSON with a final newline, byte-identical on every run
 */
export function renderTextMateGrammar(): string {
  return JSON.stringify(createTextMateGrammar(), null, 2) + "\n";
}
