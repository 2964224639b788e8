// Which keywords may stand where, and what each means: completion offers these, hover explains
// them. Which words may follow is the grammar's to say: chevrotain's content assist reads it off
// the parser's rules (grammar/parser.ts) for each place completion recognises. Computed on first
// use, in the language server only.
import { createTokenInstance, type TokenType } from "chevrotain";
import { getParser } from "../grammar/parser.js";
import * as T from "../grammar/tokens.js";
import { FORECAST_CATEGORIES } from "../core/vendors.js";

/**
 * The places where completion offers keywords: a rule of the grammar and tokens that stand for
 * what was read of it up to the cursor (the rule's own tokens, whatever the text's names are).
 */
const PLACES = {
  /** Before the funnel: imports and the funnel itself. */
  topLevel: { rule: "file", read: [] },
  /** At the start of a clause of the funnel. */
  funnelItem: { rule: "funnelItem", read: [] },
  /** At the start of a clause of a stage. */
  stageItem: { rule: "stageItem", read: [] },
  /** After `-> target`. */
  afterTransitionTarget: { rule: "transition", read: [T.Arrow, T.Identifier] },
  /** After the points of a score rule (`+10`). */
  afterScorePoints: { rule: "scoreRule", read: [T.Plus, T.NumberLiteral] },
  /** After an operand of a condition. */
  afterOperand: { rule: "expr", read: [T.Identifier] },
  /** After `operand is`. */
  afterIs: { rule: "expr", read: [T.Identifier, T.Is] },
  /** After `operand is not`. */
  afterIsNot: { rule: "expr", read: [T.Identifier, T.Is, T.Not] },
  /** After `map system "value"` (an object or not: both are names). */
  afterMapValue: { rule: "map", read: [T.MapKw, T.Identifier, T.StringLiteral] },
  /** After `map system "value" probability 20%`. */
  afterMapProbability: {
    rule: "map",
    read: [T.MapKw, T.Identifier, T.StringLiteral, T.Probability, T.PercentLiteral],
  },
  /** After `from`. */
  afterFrom: { rule: "fromAny", read: [T.From] },
} satisfies Record<string, { rule: string; read: TokenType[] }>;

export type KeywordPlace = keyof typeof PLACES;

const KEYWORD_TOKENS = new Set<TokenType>([...T.CONTEXTUAL_KEYWORD_TOKENS, ...T.RESERVED_TOKENS]);
const found = new Map<KeywordPlace, readonly string[]>();

/**
 * The keywords the grammar allows at a place, in the order of KEYWORD_DOCS.
 * @param place where the cursor is, as completion recognised it
 * @returns the keywords (never the punctuation or names that may also stand there)
 */
export function keywordsAt(place: KeywordPlace): readonly string[] {
  let words = found.get(place);
  if (!words) {
    const { rule, read } = PLACES[place];
    const tokens = read.map((type) => createTokenInstance(type, "", 0, 0, 0, 0, 0, 0));
    const next = getParser()
      .computeContentAssist(rule, tokens)
      .map((path) => path.nextTokenType)
      .filter((type) => KEYWORD_TOKENS.has(type))
      .map(T.wordOf);
    words = KEYWORD_ORDER.filter((word) => next.includes(word));
    found.set(place, words);
  }
  return words;
}

/** Every place completion offers keywords at (for the test that each has some). */
export const KEYWORD_PLACES = Object.keys(PLACES) as KeywordPlace[];

/** The two boolean values, which completion offers where a boolean is compared. */
export const BOOLEAN_WORDS = [T.True, T.False].map(T.wordOf);

export { DURATION_UNITS, OUTCOME_NAMES, TARGET_KINDS, TYPE_NAMES } from "../grammar/tokens.js";

/**
 * One line per keyword, shown with completion items and on hover. The order is the order in
 * which completion offers the keywords that may stand at a place (the positive `set` before
 * `not`, the joining `and` and `or` before the tests).
 */
export const KEYWORD_DOCS: Record<string, string> = {
  import:
    '`import "./common.funnel"` merges the teams, fields, events and scores of a ' +
    "declarations file.",
  funnel: '`funnel name "Title" { … }` opens the funnel; everything else goes inside.',
  version: '`version "2026.1"`: the funnel\'s version, copied into the outputs.',
  description: '`description "…"`: one sentence about the funnel.',
  team: '`team name "Title"`: a team that can own stages and be notified.',
  fields: "`fields { name: type = default }`: the record's fields; `?` means it may be unset.",
  events:
    "`events { name { field: type } }`: the events your systems send, with their data fields.",
  score: "`score name { +10 on event when condition }`: a number field computed from rules.",
  from: "`from any { -> stage when … }`: rules tried first, from every stage.",
  any: "`from any { … }`: rules that apply in every stage.",
  stage:
    '`stage name "Title" { … }`: a stage on the success path (in written order; the first ' +
    "is where records start).",
  detour:
    '`detour name "Title" { … }`: a stage off the success path (recycled, nurture, disqualified).',
  terminal:
    '`terminal name "Title" { outcome won }`: an end stage: `outcome won`, `lost` or `none`.',
  definition: '`definition "…"`: the one sentence that defines the stage (required).',
  owner: "`owner team`: the team that owns the stage (required).",
  label: '`label de "…"`: the stage\'s name in another language.',
  map:
    '`map hubspot deal "…" probability 20% forecast pipeline`: the stage\'s value in another ' +
    "system (`hubspot`, `salesforce` or any other), for one of its objects.",
  outcome: "`outcome won | lost | none`: how a terminal stage ends the funnel.",
  sla: "`sla 30 days -> stage notify team`: moves a record that stayed too long.",
  warn: "`warn 25 days notify team`: warns before the SLA runs out.",
  notify: "`notify team, team`: who hears about an SLA breach or warning.",
  probability: "`probability 20%`: a mapped deal or opportunity stage's win probability (0%–100%).",
  forecast:
    "`forecast commit`: a mapped deal or opportunity stage's forecast category (" +
    FORECAST_CATEGORIES.map((c) => "`" + c.name + "`").join(", ") +
    ").",
  target: "`target conversion 40%` or `target velocity 14 days`: what the team aims for.",
  on: "`on event`: the rule fires when this event arrives.",
  when: "`when condition`: the rule fires when the condition is true.",
  and: "`a and b`: both must be true.",
  or: "`a or b`: one must be true.",
  is: "`field is set` / `field is not set`: whether the field has a value.",
  in: '`field in ["a", "b"]`: the value is one of the list.',
  set: "`field is set`: the field has a value.",
  not: "`not condition`: true when the condition is false.",
  contains: '`field contains "text"`: case-insensitive substring test on a text field.',
  event: "`event.field`: a data field of the rule's `on` event.",
  true: "The boolean value true.",
  false: "The boolean value false.",
};

const KEYWORD_ORDER = Object.keys(KEYWORD_DOCS);
