// Which keywords may stand where, and what each means: completion offers these, hover explains
// them. The words themselves come from grammar/tokens.ts (the one keyword list); a word missing
// there is dropped here, and test/lsp checks none is.
import {
  DURATION_UNITS,
  KEYWORDS,
  OUTCOME_NAMES,
  RESERVED_WORDS,
  TARGET_KINDS,
  TYPE_NAMES,
} from "../grammar/tokens.js";

const LANGUAGE_WORDS = new Set([...KEYWORDS, ...RESERVED_WORDS]);

/** The words of `wanted` that the lexer knows, in the order given. */
function pick(wanted: readonly string[]): string[] {
  return wanted.filter((word) => LANGUAGE_WORDS.has(word));
}

export const TOP_LEVEL_KEYWORDS = pick(["import", "funnel"]);
export const FUNNEL_KEYWORDS = pick([
  "version",
  "description",
  "team",
  "fields",
  "events",
  "score",
  "from",
  "stage",
  "detour",
  "terminal",
]);
export const STAGE_KEYWORDS = pick([
  "definition",
  "owner",
  "label",
  "map",
  "outcome",
  "sla",
  "warn",
  "target",
]);
export const RULE_KEYWORDS = pick(["on", "when"]);
export const CONDITION_START_KEYWORDS = pick(["not", "event"]);
export const AFTER_OPERAND_KEYWORDS = pick(["and", "or", "is", "in", "not", "contains"]);
export const AFTER_IS_KEYWORDS = pick(["set", "not"]);
export const BOOLEAN_WORDS = pick(["true", "false"]);
export const AFTER_FROM_KEYWORDS = pick(["any"]);

/** Every word this module refers to, for the test that none has drifted from tokens.ts. */
export const ALL_CONTEXT_WORDS = [
  "import",
  "funnel",
  "version",
  "description",
  "team",
  "fields",
  "events",
  "score",
  "from",
  "stage",
  "detour",
  "terminal",
  "definition",
  "owner",
  "label",
  "map",
  "outcome",
  "sla",
  "warn",
  "target",
  "on",
  "when",
  "not",
  "event",
  "and",
  "or",
  "is",
  "in",
  "contains",
  "set",
  "true",
  "false",
  "any",
];

export { DURATION_UNITS, OUTCOME_NAMES, TARGET_KINDS, TYPE_NAMES };

/** One line per keyword, shown with completion items and on hover. */
export const KEYWORD_DOCS: Record<string, string> = {
  import:
    '`import "./common.funnel"` merges the teams, fields, events and scores of a declarations file.',
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
    '`stage name "Title" { … }`: a stage on the success path (in written order; the first is where records start).',
  detour:
    '`detour name "Title" { … }`: a stage off the success path (recycled, nurture, disqualified).',
  terminal:
    '`terminal name "Title" { outcome won }`: an end stage: `outcome won`, `lost` or `none`.',
  definition: '`definition "…"`: the one sentence that defines the stage (required).',
  owner: "`owner team`: the team that owns the stage (required).",
  label: '`label de "…"`: the stage\'s name in another language.',
  map: '`map hubspot "…"`: the stage\'s name in another system.',
  outcome: "`outcome won | lost | none`: how a terminal stage ends the funnel.",
  sla: "`sla 30 days -> stage notify team`: moves a record that stayed too long.",
  warn: "`warn 25 days notify team`: warns before the SLA runs out.",
  notify: "`notify team, team`: who hears about an SLA breach or warning.",
  target: "`target conversion 40%` or `target velocity 14 days`: what the team aims for.",
  on: "`on event`: the rule fires when this event arrives.",
  when: "`when condition`: the rule fires when the condition is true.",
  not: "`not condition`: true when the condition is false.",
  event: "`event.field`: a data field of the rule's `on` event.",
  and: "`a and b`: both must be true.",
  or: "`a or b`: one must be true.",
  is: "`field is set` / `field is not set`: whether the field has a value.",
  in: '`field in ["a", "b"]`: the value is one of the list.',
  contains: '`field contains "text"`: case-insensitive substring test on a text field.',
  set: "`field is set`: the field has a value.",
  true: "The boolean value true.",
  false: "The boolean value false.",
};
