// THE table of diagnostics: every code, phase, severity and message the toolchain can report.
// Codes are grouped by phase, whose first digit they carry (FN1 syntax, FN2 names, FN3 types, FN4
// graph and flow, FN5 imports and project, FN6 runtime and data input, FN9 internal); each entry
// names its phase, so code asks `phase`, never a code prefix. docs/diagnostics.md is generated
// from this table (npm run gen).
import { msg, type MessageTemplate } from "./message.js";

export type Severity = "error" | "warning" | "info" | "hint";

/**
 * What a diagnostic is about: the source's syntax, its names, types and flow; the project
 * (imports, config, the CLI's inputs and outputs); data given to the runtime commands; or a bug
 * in funnelc itself.
 */
export type DiagnosticPhase =
  "syntax" | "names" | "types" | "flow" | "project" | "data" | "internal";

export interface DiagnosticDocs {
  /** What the diagnostic means, in a sentence or two. */
  readonly summary: string;
  /** How to fix it. */
  readonly fix: string;
  /** A small `.funnel` file (or fragment of one) that triggers the diagnostic. */
  readonly wrong?: string;
  /** The same file, fixed. */
  readonly fixed?: string;
}

export interface DiagnosticDefinition {
  readonly code: string;
  /** The group of its code (the first digit): see DiagnosticPhase. */
  readonly phase: DiagnosticPhase;
  readonly severity: Severity;
  readonly messages: { readonly default: MessageTemplate; readonly [id: string]: MessageTemplate };
  /** Tags the editor shows (faded for unnecessary code). */
  readonly tags?: readonly ("unnecessary" | "deprecated")[];
  readonly docs: DiagnosticDocs;
}

/**
 * A docs example around stage clauses: `lead` (open, with `leadClause`) and `won` (a won
 * terminal, with `wonClause`), used by the `map` diagnostics.
 */
function mapExample(leadClause: string, wonClause?: string): string {
  const won = wonClause
    ? `  terminal won "Closed Won" {\n    outcome won\n    ${wonClause}\n  }\n`
    : `  terminal won "Closed Won" { outcome won }\n`;
  return `funnel demo {
  team sales "Sales"
  events {
    signed
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    ${leadClause}
    -> won on signed
  }
${won}}
`;
}

export const diagnosticRegistry = {
  // ---------------------------------------------------------------- FN1xxx syntax
  "unexpected-token": {
    code: "FN1001",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`Expected ${"expected"} but found ${"found"}.`,
      inContext: msg`Expected ${"expected"} ${"context"} but found ${"found"}.`,
      extraInput: msg`Unexpected ${"found"} after the end of the funnel; everything must be inside \`funnel name { … }\`.`,
    },
    docs: {
      summary: "The parser met a token that cannot stand at this place in the grammar.",
      fix: "Read the message for what was expected; often a brace is missing or a clause keyword is misspelt.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unexpected-character": {
    code: "FN1002",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`Unexpected character ${"text"}; it is not part of the Funnel language.`,
      lookalike: msg`Unexpected character ${"text"}; write ${"replacement"} instead (text pasted from a document or chat often brings such look-alikes).`,
    },
    docs: {
      summary:
        "The file holds a character that no token of the language starts with (for example `#`, `;` or `@` outside a string). Typographic look-alikes pasted from documents (curly quotes `“ ”`, `≥`, `≤`, `≠`, `→`, dashes) get the plain character to write instead.",
      fix: 'Remove the character, or put the text inside double quotes if it is meant as a string. Comments start with `//`. Replace look-alikes with their plain form: `"`, `>=`, `<=`, `!=`, `->`, `-`.',
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales;
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unterminated-string": {
    code: "FN1003",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`This string has no closing \`"\`; strings end on the same line (use \`"""…"""\` for text over several lines).`,
      triple: msg`This \`"""\` string is never closed; add \`"""\` where the text ends.`,
    },
    docs: {
      summary:
        "A string literal reaches the end of its line (or of the file) without a closing quote.",
      fix: 'Add the closing `"`. For a definition longer than one line use a triple-quoted string `"""…"""`.',
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact.
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unterminated-comment": {
    code: "FN1004",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`This \`/*\` comment is never closed; add \`*/\` where it should end.`,
    },
    docs: {
      summary: "A block comment `/* …` runs to the end of the file.",
      fix: "Close the comment with `*/`, or use `//` comments, which end at the end of the line.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
/* TODO: add a nurture detour
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
/* TODO: add a nurture detour */
`,
    },
  },
  "invalid-escape": {
    code: "FN1005",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`Unknown escape ${"text"} in a string; use \`\\"\`, \`\\\\\`, \`\\n\`, \`\\t\` or \`\\u{…}\`.`,
    },
    docs: {
      summary: "A backslash in a string is followed by a character that is not a known escape.",
      fix: 'Write `\\\\` for a literal backslash; the other escapes are `\\"`, `\\n`, `\\t` and `\\u{HEX}`.',
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person imported from C:\\leads."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person imported from C:\\\\leads."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "invalid-date": {
    code: "FN1006",
    phase: "syntax",
    severity: "error",
    messages: { default: msg`${"text"} is not a valid calendar date or time.` },
    docs: {
      summary:
        "A date or datetime literal names a day or time that does not exist, such as `2026-02-30`.",
      fix: "Correct the date. Datetimes need a time zone: `Z` for UTC or an offset such as `+01:00`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    signed_on: date?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when signed_on >= 2026-02-30
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    signed_on: date?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when signed_on >= 2026-02-28
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-duration-unit": {
    code: "FN1007",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`Unknown duration unit \`${"name"}\`; use minutes, hours, days, weeks, months or years.`,
      didYouMean: msg`Unknown duration unit \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
      missing: msg`A duration needs a unit after the number, for example \`${"amount"} days\`.`,
    },
    docs: {
      summary:
        "A duration (in `sla`, `warn` or `target velocity`) is a number followed by a unit; the unit was missing or unknown.",
      fix: "Write the unit in full: `minute(s)`, `hour(s)`, `day(s)`, `week(s)`, `month(s)` or `year(s)`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    target velocity 14 dayz
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    target velocity 14 days
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "nesting-too-deep": {
    code: "FN1008",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`This condition is nested more than ${"limit"} levels deep; split it or remove parentheses.`,
    },
    docs: {
      summary:
        "A condition has so many nested parentheses or `not`s that it cannot be a real rule (the limit protects the compiler and the editor).",
      fix: "Simplify the condition; `and`/`or` chains need no parentheses.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    // a generated rule, 65 parentheses deep
    -> won when ${"(".repeat(65)}qualified${")".repeat(65)}
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "missing-funnel": {
    code: "FN1009",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`This file has no \`funnel\` declaration; start it with \`funnel name { … }\`.`,
    },
    docs: {
      summary:
        "Every `.funnel` file holds exactly one `funnel name { … }` block (after its imports).",
      fix: "Wrap the declarations in `funnel my_funnel { … }`.",
      wrong: `team sales "Sales"
fields {
  qualified: boolean = false
}
stage lead "Lead" {
  definition "A person we can contact."
  owner sales
  -> won when qualified
}
terminal won "Closed Won" { outcome won }
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "too-many-errors": {
    code: "FN1010",
    phase: "syntax",
    severity: "error",
    messages: {
      default: msg`Too many errors in this file; ${"count"} more were not shown. Is this really a .funnel file?`,
      skipped: msg`Too many errors in the first ${"size"} of this file; the rest was not read. Is this really a .funnel file?`,
    },
    docs: {
      summary:
        "A file produced so many errors that only the first ones are shown; usually the file is not Funnel source at all (binary data, another format).",
      fix: "Fix the first errors, or check that the right file was passed.",
      wrong: `# # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # #
# # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # #
# # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # # #
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "duplicate-clause": {
    code: "FN1011",
    phase: "syntax",
    severity: "error",
    messages: { default: msg`\`${"clause"}\` is given twice in ${"owner"}; keep one.` },
    docs: {
      summary:
        "A clause that may appear once (`version`, `description`, `definition`, `owner`, `outcome`, a `label` or `map` for the same key, a target of the same kind) appears again.",
      fix: "Delete one of the two clauses.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    definition "A person who filled in a form."
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person who filled in a form."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },

  // ---------------------------------------------------------------- FN2xxx names
  "duplicate-name": {
    code: "FN2001",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`${"kind"} \`${"name"}\` is declared twice; rename or remove one.`,
      scoreField: msg`\`${"name"}\` is both a score and a field; a score is also a number field, so give one of them another name.`,
    },
    docs: {
      summary:
        "Two declarations of the same kind (stages, fields, events, teams, scores) share a name. A score also counts as a field. Declarations brought in by `import` count too.",
      fix: "Rename one of them, or delete the copy.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    email: text?
    qualified: boolean = true
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified and email is set
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    email: text?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified and email is set
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-stage": {
    code: "FN2002",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Unknown stage \`${"name"}\`.`,
      didYouMean: msg`Unknown stage \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary: "A transition or SLA points at a stage that is not declared.",
      fix: "Use the name of a declared `stage`, `detour` or `terminal`, or declare the missing stage.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  events {
    contract_signed
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on contract_signed
    -> wonn when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  events {
    contract_signed
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on contract_signed
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-field": {
    code: "FN2003",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Unknown field \`${"name"}\`; declare it in \`fields { … }\`.`,
      didYouMean: msg`Unknown field \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary: "A condition uses a name that is neither a declared field nor a score.",
      fix: "Fix the spelling, or declare the field in the `fields` block (or in an imported file).",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified and budget_approved
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    budget_approved: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified and budget_approved
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-event": {
    code: "FN2004",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Unknown event \`${"name"}\`; declare it in \`events { … }\`.`,
      didYouMean: msg`Unknown event \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary: "An `on` clause names an event that is not declared.",
      fix: "Fix the spelling, or declare the event in the `events` block.",
      wrong: `funnel demo {
  team sales "Sales"
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on contract_signed
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  events {
    contract_signed
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on contract_signed
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-team": {
    code: "FN2005",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Unknown team \`${"name"}\`; declare it with \`team ${"name"}\`.`,
      didYouMean: msg`Unknown team \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary: "An `owner` or `notify` clause names a team that is not declared.",
      fix: 'Fix the spelling, or declare the team with `team name "Title"`.',
      wrong: `funnel demo {
  team marketing "Marketing"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner marketing
    -> opportunity when qualified
  }
  stage opportunity "Opportunity" {
    definition "A qualified lead that sales works on."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team marketing "Marketing"
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner marketing
    -> opportunity when qualified
  }
  stage opportunity "Opportunity" {
    definition "A qualified lead that sales works on."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-event-field": {
    code: "FN2006",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Event \`${"event"}\` has no field \`${"name"}\`.`,
      didYouMean: msg`Event \`${"event"}\` has no field \`${"name"}\`; did you mean \`event.${"suggestion"}\`?`,
    },
    docs: {
      summary:
        "`event.x` names a field that the event in this rule's `on` clause does not declare.",
      fix: "Use one of the event's own fields, or add the field to the event's declaration.",
      wrong: `funnel demo {
  team sales "Sales"
  events {
    form_submitted { form: text }
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on form_submitted when event.from = "Demo request"
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  events {
    form_submitted { form: text }
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on form_submitted when event.form = "Demo request"
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "event-ref-without-on": {
    code: "FN2007",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`\`event.${"name"}\` needs an event: add \`on <event>\` to this rule.`,
    },
    docs: {
      summary:
        "`event.x` reads the data of the event that triggered the rule, so it only makes sense in a rule with `on`.",
      fix: "Add `on event_name` before `when`, or use a record field instead of `event.x`.",
      wrong: `funnel demo {
  team sales "Sales"
  events {
    form_submitted { form: text }
  }
  score lead_score {
    +10 on form_submitted
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when lead_score >= 50 and event.form = "Demo request"
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  events {
    form_submitted { form: text }
  }
  score lead_score {
    +10 on form_submitted
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on form_submitted when lead_score >= 50 and event.form = "Demo request"
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unused-declaration": {
    code: "FN2008",
    phase: "names",
    severity: "hint",
    tags: ["unnecessary"],
    messages: { default: msg`${"kind"} \`${"name"}\` is declared but nothing uses it.` },
    docs: {
      summary:
        "A field, event or team declared in this file is not used by any rule, score, owner or notify clause.",
      fix: "Remove the declaration, or use it. Fields written only by your CRM are fine to keep; this is a hint, not a warning.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    email: text?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    email: text?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified and email is set
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-type": {
    code: "FN2009",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Unknown type \`${"name"}\`; use number, text, boolean, date, datetime or a list of strings.`,
      didYouMean: msg`Unknown type \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary:
        "A field's type must be `number`, `text`, `boolean`, `date`, `datetime`, or an enum written as strings separated by `|`.",
      fix: 'Use one of the built-in types, or list the allowed values: `"won" | "lost"`.',
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: bool = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "reserved-word": {
    code: "FN2010",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`\`${"name"}\` is a reserved word and cannot be used as a name; choose another name.`,
      builtinEvent: msg`\`update\` is the built-in event for field changes and cannot be declared; use \`on update\` without declaring it, or name your event differently.`,
    },
    docs: {
      summary:
        "`true`, `false`, `and`, `or`, `not`, `in`, `is`, `set`, `contains` and `event` are reserved because conditions use them.",
      fix: "Rename the declaration, for example `is_set` instead of `set`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    set: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    is_set: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified and is_set
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unknown-map-object": {
    code: "FN2011",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`\`${"system"}\` has no object \`${"name"}\`; write one of ${"known"}.`,
      didYouMean: msg`\`${"system"}\` has no object \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary:
        '`map SYSTEM OBJECT "value"` names an object the known system does not have. HubSpot has `lifecycle` (the default), `deal` and `lead`; Salesforce has `lead_status` (the default) and `opportunity_stage`.',
      fix: "Write one of the system's objects, or leave the object out to map its default.",
      wrong: mapExample('map hubspot deals "Qualified"'),
      fixed: mapExample('map hubspot deal "Qualified"'),
    },
  },
  "unknown-forecast-category": {
    code: "FN2012",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Unknown forecast category \`${"name"}\`; write one of ${"known"}.`,
      didYouMean: msg`Unknown forecast category \`${"name"}\`; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary:
        "`forecast` names the forecast category of a deal or opportunity stage: `pipeline`, `best_case`, `commit`, `omitted` or `closed`.",
      fix: "Write one of the five categories.",
      wrong: mapExample('map salesforce opportunity_stage "Proposal" forecast bestcase'),
      fixed: mapExample('map salesforce opportunity_stage "Proposal" forecast best_case'),
    },
  },
  "unknown-lifecycle-stage": {
    code: "FN2013",
    phase: "names",
    severity: "warning",
    messages: {
      default: msg`\`${"value"}\` is not a HubSpot lifecycle stage; write one of ${"known"}, or the numeric id of a custom stage.`,
      didYouMean: msg`\`${"value"}\` is not a HubSpot lifecycle stage; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary:
        '`map hubspot "value"` (object `lifecycle`) sets the `lifecyclestage` property, whose values are the internal names `subscriber`, `lead`, `marketingqualifiedlead`, `salesqualifiedlead`, `opportunity`, `customer`, `evangelist` and `other`, or the numeric id of a custom lifecycle stage. HubSpot rejects any other value when the record is updated.',
      fix: "Write the internal name (not the label shown in HubSpot, such as `Marketing Qualified Lead`), or the custom stage's numeric id.",
      wrong: mapExample('map hubspot "MQL"'),
      fixed: mapExample('map hubspot "marketingqualifiedlead"'),
    },
  },
  "duplicate-map-value": {
    code: "FN2014",
    phase: "names",
    severity: "error",
    messages: {
      default: msg`Stage \`${"name"}\` maps to \`${"target"}\` value "${"value"}", as stage \`${"other"}\` does; a value may name one stage only.`,
    },
    docs: {
      summary:
        "Two stages map the same value of the same system and object, so a record with that value in the other system could be in either stage.",
      fix: "Give each stage its own value, or map one of them to another object.",
      wrong: mapExample('map hubspot deal "Closed"', 'map hubspot deal "Closed" probability 100%'),
      fixed: mapExample(
        'map hubspot deal "Open"',
        'map hubspot deal "Closed won" probability 100%',
      ),
    },
  },

  // ---------------------------------------------------------------- FN3xxx types
  "ordering-not-comparable": {
    code: "FN3001",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`\`${"op"}\` compares numbers, dates or datetimes, but \`${"name"}\` is ${"type"}.`,
    },
    docs: {
      summary: "`<`, `<=`, `>` and `>=` only work on numbers, dates and datetimes.",
      fix: "Compare with `=` / `!=`, use `in [...]` for enums, or `contains` for text.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    job_title: text?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when job_title >= "director"
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    job_title: text?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when job_title contains "director"
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "contains-not-text": {
    code: "FN3002",
    phase: "types",
    severity: "error",
    messages: { default: msg`\`contains\` searches text, but \`${"name"}\` is ${"type"}.` },
    docs: {
      summary: "`contains` is a case-insensitive substring test and only works on `text` fields.",
      fix: "Use `=` or `in [...]` for enums and other types.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    country: "NL" | "DE" | "other" = "other"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when country contains "NL"
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    country: "NL" | "DE" | "other" = "other"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when country = "NL"
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "not-enum-member": {
    code: "FN3003",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`${"value"} is not one of the values of \`${"name"}\` (${"members"}).`,
      didYouMean: msg`${"value"} is not one of the values of \`${"name"}\`; did you mean ${"suggestion"}?`,
    },
    docs: {
      summary:
        "A condition or default compares an enum field with a string that is not one of its declared values.",
      fix: "Use one of the declared values (spelling and case matter), or add the value to the field's type.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    country: "NL" | "DE" | "other" = "other"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when country = "nl"
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    country: "NL" | "DE" | "other" = "other"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when country = "NL"
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "type-mismatch": {
    code: "FN3004",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`\`${"name"}\` is ${"type"} and cannot be compared with ${"other"}.`,
      dateVsDatetime: msg`\`${"name"}\` is ${"type"} and cannot be compared with ${"other"}; dates and datetimes are not comparable, write ${"hint"}.`,
      defaultValue: msg`The default of \`${"name"}\` must be ${"type"}, not ${"other"}.`,
    },
    docs: {
      summary:
        "Both sides of a comparison (or a field and its default) must have the same type. Dates and datetimes are different types.",
      fix: "Write the literal in the field's type: `2026-01-31` for a date, `2026-01-31T00:00:00Z` for a datetime, quotes for text.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    signed_on: date?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when signed_on >= 2026-01-31T00:00:00Z
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    signed_on: date?
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when signed_on >= 2026-01-31
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "condition-not-boolean": {
    code: "FN3005",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`\`${"name"}\` is ${"type"}, not a yes/no value; compare it, for example \`${"name"} is set\`.`,
      number: msg`\`${"name"}\` is ${"type"}, not a yes/no value; compare it, for example \`${"name"} >= 100\`.`,
      literal: msg`\`${"name"}\` is a value, not a condition; compare a field with it, for example \`field = ${"name"}\`.`,
    },
    docs: {
      summary:
        "A name standing alone as a condition means `name = true`, so it must be a boolean field.",
      fix: 'Write a full test: `score >= 100`, `email is set`, `country = "NL"`.',
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    lead_score: number = 0
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when lead_score
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    lead_score: number = 0
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when lead_score >= 100
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "zero-duration": {
    code: "FN3006",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`A duration must be more than zero; \`${"text"}\` would fire at once.`,
      tooLong: msg`\`${"text"}\` is longer than 100 years; no record waits that long, so this is probably a typo.`,
      fractional: msg`Months and years are calendar steps, so \`${"text"}\` has no exact length; use a whole number, or days or weeks.`,
    },
    docs: {
      summary:
        "SLAs, warnings and velocity targets need a positive duration; months and years, being calendar steps, need a whole number.",
      fix: "Use a positive amount, for example `1 day`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    target velocity 0 days
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    target velocity 14 days
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "invalid-outcome": {
    code: "FN3007",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`Unknown outcome \`${"name"}\`; an outcome is \`won\`, \`lost\` or \`none\`.`,
    },
    docs: {
      summary: "A terminal stage's `outcome` is one of `won`, `lost` or `none`.",
      fix: "Write `outcome won`, `outcome lost` or `outcome none`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    unsubscribed: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    -> lost when unsubscribed
  }
  terminal won "Closed Won" { outcome won }
  terminal lost "Closed Lost" { outcome lose }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    unsubscribed: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    -> lost when unsubscribed
  }
  terminal won "Closed Won" { outcome won }
  terminal lost "Closed Lost" { outcome lost }
}
`,
    },
  },
  "invalid-target": {
    code: "FN3008",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`Unknown target \`${"name"}\`; write \`target conversion 40%\` or \`target velocity 14 days\`.`,
      conversion: msg`A conversion target is a percentage between 0% and 100%, for example \`target conversion 40%\`.`,
      velocity: msg`A velocity target is a duration, for example \`target velocity 14 days\`.`,
    },
    docs: {
      summary:
        "A stage `target` is either `conversion` with a percentage or `velocity` with a duration.",
      fix: "Write `target conversion 40%` or `target velocity 14 days`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    target conversion 40
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    target conversion 40%
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "duplicate-enum-value": {
    code: "FN3009",
    phase: "types",
    severity: "warning",
    messages: { default: msg`${"value"} is listed twice in this type; remove one.` },
    docs: {
      summary: "An enum type lists the same value twice.",
      fix: "Remove the repeated value.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    country: "NL" | "DE" | "NL" | "other" = "other"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when country = "NL"
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    country: "NL" | "DE" | "other" = "other"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when country = "NL"
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "map-option-not-allowed": {
    code: "FN3010",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`\`map ${"target"}\` takes no \`${"clause"}\`; only ${"allowed"} stages have one.`,
    },
    docs: {
      summary:
        "`probability` and `forecast` describe deal and opportunity stages (`map hubspot deal`, `map salesforce opportunity_stage`); lifecycle stages, lead stages and lead statuses have neither.",
      fix: "Map the stage to a deal or opportunity stage, or remove the `probability` or `forecast`.",
      wrong: mapExample('map hubspot "lead" probability 10%'),
      fixed: mapExample('map hubspot deal "Discovery" probability 10%'),
    },
  },
  "invalid-probability": {
    code: "FN3011",
    phase: "types",
    severity: "error",
    messages: {
      default: msg`A probability is a percentage from 0% to 100%; \`${"value"}\` is not one.`,
    },
    docs: {
      summary: "The win probability of a deal or opportunity stage is between 0% and 100%.",
      fix: "Write a percentage from 0% to 100%.",
      wrong: mapExample('map hubspot deal "Discovery" probability 120%'),
      fixed: mapExample('map hubspot deal "Discovery" probability 20%'),
    },
  },
  "probability-contradicts-outcome": {
    code: "FN3012",
    phase: "types",
    severity: "warning",
    messages: {
      default: msg`Stage \`${"name"}\` is still open, yet its \`${"target"}\` probability is ${"value"}, which means closed; use a value between 0% and 100%.`,
      won: msg`Stage \`${"name"}\` is won, so its \`${"target"}\` probability should be 100%, not ${"value"}.`,
      lost: msg`Stage \`${"name"}\` is lost, so its \`${"target"}\` probability should be 0%, not ${"value"}.`,
    },
    docs: {
      summary:
        "A deal or opportunity stage's probability says how likely a record in it is to be won: a terminal with `outcome won` is 100%, one with `outcome lost` is 0%, and a stage that can still move on is neither (forecasts would count it as closed). Terminals with `outcome none` are not checked.",
      fix: "Give won terminals 100%, lost terminals 0% and open stages a value in between.",
      wrong: mapExample('map hubspot deal "Discovery" probability 100%'),
      fixed: mapExample('map hubspot deal "Discovery" probability 20%'),
    },
  },

  // ---------------------------------------------------------------- FN4xxx stages, graph and flow
  "transition-from-terminal": {
    code: "FN4001",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`Terminal stage \`${"name"}\` cannot have ${"clause"}; records never leave a terminal stage. Make it a \`detour\` if records come back.`,
    },
    docs: {
      summary:
        "A terminal stage (closed won, closed lost…) ends a record's journey, so it has no transitions, SLA or warning.",
      fix: "Remove the clause, or declare the stage as `detour` (off the success path, but records can leave it).",
      wrong: `funnel demo {
  team sales "Sales"
  events {
    deal_won
    deal_lost
    deal_reopened
  }
  stage opportunity "Opportunity" {
    definition "A deal that sales works on."
    owner sales
    -> won on deal_won
    -> lost on deal_lost
  }
  terminal won "Closed Won" { outcome won }
  terminal lost "Closed Lost" {
    outcome lost
    -> opportunity on deal_reopened
  }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  events {
    deal_won
    deal_lost
    deal_reopened
  }
  stage opportunity "Opportunity" {
    definition "A deal that sales works on."
    owner sales
    -> won on deal_won
    -> lost on deal_lost
  }
  terminal won "Closed Won" { outcome won }
  detour lost "Lost for now" {
    definition "A deal that sales lost but may reopen."
    owner sales
    -> opportunity on deal_reopened
  }
}
`,
    },
  },
  "transition-without-trigger": {
    code: "FN4002",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`This transition to \`${"name"}\` has no trigger; add \`on <event>\`, \`when <condition>\` or both.`,
    },
    docs: {
      summary: "Every transition needs a trigger: an event (`on`), a condition (`when`), or both.",
      fix: "Add `on event_name` and/or `when condition`.",
      wrong: `funnel demo {
  team sales "Sales"
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  events {
    contract_signed
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won on contract_signed
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "sla-to-own-stage": {
    code: "FN4003",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`The SLA of \`${"name"}\` points back at \`${"name"}\`; an SLA must move stale records to another stage.`,
    },
    docs: {
      summary:
        "An SLA moves a record that stayed too long to another stage; moving it to its own stage would restart the clock forever.",
      fix: "Point the SLA at a detour such as `recycled`; use `warn` to alert without moving.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> lead
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> recycled
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "warn-without-sla": {
    code: "FN4004",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`\`warn\` needs an \`sla\` in the same stage; add \`sla <duration> -> <stage>\`.`,
    },
    docs: {
      summary:
        "A warning fires some time before an SLA breach, so it only makes sense in a stage with an `sla`.",
      fix: "Add an `sla` clause to the stage, or remove the `warn`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    warn 25 days notify sales
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> recycled
    warn 25 days notify sales
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "warn-not-before-sla": {
    code: "FN4005",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`The warning (${"warn"}) must come before the SLA (${"sla"}); make it shorter.`,
    },
    docs: {
      summary: "A warning must be due strictly before the SLA breach it warns about.",
      fix: "Shorten the `warn` duration, for example `warn 25 days` with `sla 30 days`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> recycled
    warn 30 days notify sales
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> recycled
    warn 25 days notify sales
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "outcome-on-non-terminal": {
    code: "FN4006",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`\`outcome\` belongs on a terminal stage, but \`${"name"}\` is a ${"kind"}; declare it with \`terminal\`.`,
    },
    docs: {
      summary: "Only terminal stages have an outcome (won, lost or none).",
      fix: "Remove the `outcome` clause, or change `stage`/`detour` to `terminal`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    outcome won
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "duplicate-sla": {
    code: "FN4007",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`Stage \`${"name"}\` has two \`sla\` clauses; a stage has at most one SLA.`,
    },
    docs: {
      summary: "A stage has at most one SLA (one deadline, one place stale records go).",
      fix: "Keep one `sla`; use `warn` for an earlier alert.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> recycled
    sla 60 days -> recycled
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> recycled
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "score-depends-on-itself": {
    code: "FN4008",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`Score \`${"name"}\` depends on itself (${"chain"}); a score cannot use its own value.`,
    },
    docs: {
      summary:
        "A score's `when` conditions read the score itself, directly or through other scores, so its value is undefined.",
      fix: "Base the rules on fields and events, not on the score being computed.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    job_title: text?
  }
  score lead_score {
    +15 when job_title contains "director"
    +10 when lead_score >= 50
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when lead_score >= 100
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    job_title: text?
  }
  score lead_score {
    +15 when job_title contains "director"
    +10 when job_title contains "vp"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when lead_score >= 100
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "missing-definition": {
    code: "FN4009",
    phase: "flow",
    severity: "warning",
    messages: {
      default: msg`Stage \`${"name"}\` has no \`definition\`; add the one sentence that everyone agrees this stage means.`,
    },
    docs: {
      summary:
        "Every stage and detour should state its agreed definition, so marketing and sales read it the same way.",
      fix: 'Add `definition "…"` with one sentence.',
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "missing-owner": {
    code: "FN4010",
    phase: "flow",
    severity: "warning",
    messages: {
      default: msg`Stage \`${"name"}\` has no \`owner\`; add \`owner <team>\` so someone is accountable for it.`,
    },
    docs: {
      summary: "Every stage and detour should name the team that owns the records in it.",
      fix: "Add `owner team_name`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    meeting_booked: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> meeting when meeting_booked
  }
  stage meeting "Meeting" {
    definition "A lead with a meeting booked."
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    meeting_booked: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> meeting when meeting_booked
  }
  stage meeting "Meeting" {
    definition "A lead with a meeting booked."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "unreachable-stage": {
    code: "FN4011",
    phase: "flow",
    severity: "warning",
    tags: ["unnecessary"],
    messages: {
      default: msg`Stage \`${"name"}\` can never be reached from the initial stage \`${"initial"}\`; no transition or SLA leads to it.`,
    },
    docs: {
      summary:
        "No chain of transitions, SLAs or `from any` rules leads from the initial stage (the first `stage`) to this one.",
      fix: "Add a transition into the stage, or remove it.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    sla 30 days -> recycled
  }
  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "dead-end-stage": {
    code: "FN4012",
    phase: "flow",
    severity: "warning",
    messages: {
      default: msg`Records in \`${"name"}\` can never leave it: it has no transition, no SLA and no \`from any\` rule applies. Make it \`terminal\` or add a way out.`,
    },
    docs: {
      summary: "A non-terminal stage with no way out traps records forever.",
      fix: "Declare it `terminal` with an outcome, or add a transition or SLA.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    meeting_booked: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> meeting when meeting_booked
    -> won when qualified
  }
  stage meeting "Meeting" {
    definition "A lead with a meeting booked."
    owner sales
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    meeting_booked: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> meeting when meeting_booked
    -> won when qualified
  }
  stage meeting "Meeting" {
    definition "A lead with a meeting booked."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "shadowed-transition": {
    code: "FN4013",
    phase: "flow",
    severity: "warning",
    tags: ["unnecessary"],
    messages: {
      default: msg`This transition to \`${"name"}\` can never fire: the earlier rule to \`${"earlier"}\` (line ${"line"}) always fires first. Reorder them or make the conditions exclusive.`,
    },
    docs: {
      summary:
        "Rules are tried in order (`from any` first); a later rule whose trigger is covered by an earlier one's never fires, e.g. `when lead_score >= 50` before `when lead_score >= 100`.",
      fix: "Put the more specific rule first, or narrow the earlier condition.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    lead_score: number = 0
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> mql when lead_score >= 50
    -> won when lead_score >= 100
  }
  stage mql "Marketing Qualified Lead" {
    definition "A lead that reached the agreed score."
    owner sales
    -> won when lead_score >= 100
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    lead_score: number = 0
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when lead_score >= 100
    -> mql when lead_score >= 50
  }
  stage mql "Marketing Qualified Lead" {
    definition "A lead that reached the agreed score."
    owner sales
    -> won when lead_score >= 100
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "condition-never-true": {
    code: "FN4014",
    phase: "flow",
    severity: "warning",
    messages: { default: msg`This condition can never be true (${"reason"}).` },
    docs: {
      summary:
        "The parts of the condition contradict each other, e.g. `lead_score > 100 and lead_score < 50`, so the rule never fires.",
      fix: "Fix the bounds or the operator; perhaps `or` was meant.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    employees: number?
  }
  score fit_score {
    +20 when employees > 1000 and employees < 50
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when fit_score >= 20
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    employees: number?
  }
  score fit_score {
    +20 when employees >= 50 and employees <= 1000
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when fit_score >= 20
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "no-won-path": {
    code: "FN4015",
    phase: "flow",
    severity: "warning",
    messages: {
      default: msg`No path leads from the initial stage \`${"initial"}\` to a won outcome; records can never be closed as won.`,
      noWonStage: msg`This funnel has no terminal stage with \`outcome won\`; add one so the funnel can measure revenue.`,
    },
    docs: {
      summary: "The funnel should let records reach a terminal stage with `outcome won`.",
      fix: 'Add `terminal won "Closed Won" { outcome won }` and a transition into it.',
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    unsubscribed: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> lost when unsubscribed
  }
  terminal lost "Closed Lost" { outcome lost }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
    unsubscribed: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
    -> lost when unsubscribed
  }
  terminal won "Closed Won" { outcome won }
  terminal lost "Closed Lost" { outcome lost }
}
`,
    },
  },
  "event-cycle": {
    code: "FN4016",
    phase: "flow",
    severity: "warning",
    messages: {
      default: msg`One ${"event"} could move a record round the cycle ${"chain"}; the cascade stops when it would re-enter a stage, but this is probably a mistake.`,
    },
    docs: {
      summary:
        "Transitions that can fire on the same event, with conditions that can hold together, form a loop; one event would move the record round it.",
      fix: "Give one of the transitions a different `on` event, or make the conditions exclusive.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  events {
    email_opened
  }
  stage nurture "Nurture" {
    definition "A person we send emails to."
    owner sales
    -> engaged on email_opened
  }
  stage engaged "Engaged" {
    definition "A person who opened an email."
    owner sales
    -> won when qualified
    -> nurture on email_opened
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  events {
    email_opened
    unsubscribed
  }
  stage nurture "Nurture" {
    definition "A person we send emails to."
    owner sales
    -> engaged on email_opened
  }
  stage engaged "Engaged" {
    definition "A person who opened an email."
    owner sales
    -> won when qualified
    -> nurture on unsubscribed
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },
  "no-initial-stage": {
    code: "FN4017",
    phase: "flow",
    severity: "error",
    messages: {
      default: msg`Funnel \`${"name"}\` has detours or terminals but no \`stage\`; the first \`stage\` is where every record starts.`,
    },
    docs: {
      summary:
        "Records start in the first `stage` declared; a funnel with only detours and terminals has no start.",
      fix: "Declare at least one `stage`.",
      wrong: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  detour lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
      fixed: `funnel demo {
  team sales "Sales"
  fields {
    qualified: boolean = false
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> won when qualified
  }
  terminal won "Closed Won" { outcome won }
}
`,
    },
  },

  // ---------------------------------------------------------------- FN5xxx imports and project
  "import-not-found": {
    code: "FN5001",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Cannot find the imported file ${"path"}; paths are relative to this file.`,
    },
    docs: {
      summary:
        "The file named in an `import` does not exist (paths are relative to the importing file).",
      fix: 'Fix the path, for example `import "./common.funnel"`.',
    },
  },
  "import-outside-root": {
    code: "FN5002",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Import ${"path"} leaves the project root; imports must stay inside the project (the folder of funnel.config.yaml, else the git repository, else the working directory).`,
    },
    docs: {
      summary:
        "Imports may not reach outside the project root: the folder of `funnel.config.yaml` (searched upwards from the working directory), else the enclosing git repository, else the current directory.",
      fix: "Move the shared file into the project, add a `funnel.config.yaml` in a folder that contains both, or run the compiler from such a folder.",
    },
  },
  "import-cycle": {
    code: "FN5003",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Import cycle: ${"chain"}; a file cannot import itself, directly or indirectly.`,
    },
    docs: {
      summary: "Files import each other in a circle.",
      fix: "Move the shared declarations into one file that both import.",
    },
  },
  "import-has-stages": {
    code: "FN5004",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`The imported file ${"path"} declares stages or \`from any\` rules; only teams, fields, events and scores can be imported.`,
    },
    docs: {
      summary:
        "An import merges shared declarations (teams, fields, events, scores); stages belong to one funnel.",
      fix: "Move the stages out of the shared file.",
    },
  },
  "invalid-config": {
    code: "FN5005",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`${"file"}: ${"problem"}.`,
      didYouMean: msg`${"file"}: ${"problem"}; did you mean \`${"suggestion"}\`?`,
    },
    docs: {
      summary:
        "`funnel.config.yaml` is not valid YAML or does not match its schema (`schema/funnel-config.schema.json`).",
      fix: 'Fix the key named in the message; the keys are `inputs`, `outDir`, `targets` and `strict` (see `schema/funnel-config.schema.json`). For example, this file misspells `targets` ("unknown key `target`"):\n\n```yaml\ninputs:\n  - funnels/*.funnel\ntarget:\n  - json\n```\n\nFixed:\n\n```yaml\ninputs:\n  - funnels/*.funnel\ntargets:\n  - json\n```',
    },
  },
  "file-not-readable": {
    code: "FN5006",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Cannot read ${"path"}: ${"reason"}.`,
      noInputs: msg`No .funnel files found in ${"path"}.`,
      noInputsHere: msg`No .funnel files found in the current folder.`,
    },
    docs: {
      summary:
        "An input file or folder given to the CLI (or in the config's `inputs`) cannot be read or holds no `.funnel` files.",
      fix: "Check the path and its permissions.",
    },
  },
  "declarations-module": {
    code: "FN5007",
    phase: "project",
    severity: "info",
    messages: {
      default: msg`\`${"name"}\` holds only shared declarations (no stages), so nothing is built for it.`,
    },
    docs: {
      summary:
        "A file with a funnel header and no stages is a declarations module, meant to be imported; `build` skips it.",
      fix: "Nothing to fix; add stages if it was meant to be a funnel.",
    },
  },
  "unknown-target": {
    code: "FN5008",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Unknown target \`${"name"}\`; available targets: ${"available"}.`,
      didYouMean: msg`Unknown target \`${"name"}\`; did you mean \`${"suggestion"}\`? Available targets: ${"available"}.`,
    },
    docs: {
      summary:
        "`--target` names an output format that does not exist. Nothing is compiled: the command line is wrong (exit 2).",
      fix: "Use one of the listed targets.",
    },
  },

  "diagram-too-large": {
    code: "FN5009",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Funnel \`${"name"}\` is too large to draw: ${"stages"} stages; the ${"target"} target draws up to ${"limit"}. Build the dot or mermaid target for its diagram instead.`,
    },
    docs: {
      summary:
        "The `svg` and `html` targets lay the stage graph out with Graphviz in-process; past a limit of stages the layout would take many minutes or overflow the stack, so they refuse the funnel.",
      fix: "Build the `dot` target (and lay it out with a Graphviz of your own) or the `mermaid` target for the diagram, and `markdown` for the documentation.",
    },
  },

  "hubspot-too-many-stages": {
    code: "FN5010",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`A HubSpot ${"object"} pipeline holds at most ${"limit"} stages, but ${"count"} stages map to \`hubspot ${"object"}\`; \`${"name"}\` is the first one too many. Map fewer stages to the ${"object"} pipeline.`,
    },
    docs: {
      summary:
        "The `hubspot` target writes one pipeline per mapped object, and HubSpot refuses a deal pipeline of more than 100 stages or a lead pipeline of more than 30.",
      fix: 'Keep only the stages sales works in the pipeline: remove `map hubspot deal "…"` (or `lead`) from the others, such as early marketing stages and detours, which the lifecycle stage tracks.',
    },
  },
  "hubspot-label-too-long": {
    code: "FN5011",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`HubSpot pipeline labels are at most ${"limit"} characters, but the ${"object"} pipeline's label "${"label"}" (the funnel's title) has ${"length"}. Shorten the funnel's title.`,
    },
    docs: {
      summary:
        "The `hubspot` target labels each pipeline with the funnel's title (or its name), and HubSpot's pipelines API accepts labels of up to 36 characters.",
      fix: 'Shorten the title in the funnel header, e.g. `funnel revenue "Revenue Cycle" {` instead of `funnel revenue "Revenue Cycle for Inbound and Outbound Demand" {`.',
    },
  },
  "hubspot-duplicate-label": {
    code: "FN5012",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Stages \`${"other"}\` and \`${"name"}\` both become the HubSpot ${"what"} "${"label"}"; HubSpot needs one per stage. Map \`${"name"}\` to a value of its own.`,
      derived: msg`Stages \`${"other"}\` and \`${"name"}\` both become the HubSpot ${"what"} "${"label"}" (\`${"name"}\` has no \`map hubspot\`, so its title was used); HubSpot needs one per stage. Give \`${"name"}\` a \`map hubspot "…"\` or another title.`,
    },
    docs: {
      summary:
        "Two stages end up as the same HubSpot value: their pipeline labels differ only in case (HubSpot compares labels without case), or a stage without `map hubspot` has a title that another stage already uses (a title HubSpot has as a lifecycle stage, such as `Opportunity`, becomes that stage).",
      fix: 'Map each stage to its own value: `map hubspot deal "Proposal"`, or `map hubspot "245108704"` for a custom lifecycle stage, or give the stage a distinct title.',
    },
  },
  "hubspot-missing-probability": {
    code: "FN5013",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`\`${"name"}\` is an open HubSpot deal stage without a probability, which every deal stage needs; write \`map hubspot deal "${"value"}" probability N%\`.`,
    },
    docs: {
      summary:
        "HubSpot weighs forecasts by each deal stage's win probability, so a deal pipeline's stages must all have one. Won and lost terminals get 100% and 0%; open stages need it written.",
      fix: 'Add the probability to the map: `map hubspot deal "Proposal" probability 40%`.',
    },
  },
  "hubspot-derived-values": {
    code: "FN5014",
    phase: "project",
    severity: "info",
    messages: {
      default: msg`${"count"} of funnel \`${"funnel"}\`'s stages have no \`map hubspot\`, so the hubspot target derived their lifecycle stages from their titles: ${"list"}. Write \`map hubspot "…"\` on a stage to choose its value.`,
    },
    docs: {
      summary:
        "Stages without any `map hubspot` still get a HubSpot lifecycle stage in `lifecycle.json`: a title HubSpot already has (such as `Opportunity`) becomes that default stage, any other title a custom stage that an admin must create first.",
      fix: 'Nothing to fix. To choose the values, map each stage: `map hubspot "salesqualifiedlead"`, or the numeric id HubSpot gave a custom stage, `map hubspot "245108704"`.',
    },
  },
  "salesforce-value-not-allowed": {
    code: "FN5015",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Stage \`${"name"}\` maps the Salesforce ${"what"} ${"value"}, which is ${"length"} characters long; Salesforce picklist values hold up to 255. Map a shorter value.`,
      derived: msg`Stage \`${"name"}\` has no \`map salesforce ${"object"}\`, so its title ${"value"} is its ${"what"}, and it is ${"length"} characters long; Salesforce picklist values hold up to 255. Add \`map salesforce ${"object"} "…"\` with a shorter value.`,
      control: msg`Stage \`${"name"}\` maps the Salesforce ${"what"} ${"value"}, which holds a line break or control character; a Salesforce picklist value is one line of text. Map a value without one.`,
      controlDerived: msg`Stage \`${"name"}\` has no \`map salesforce ${"object"}\`, so its title ${"value"} is its ${"what"}, and it holds a line break or control character; a Salesforce picklist value is one line of text. Add \`map salesforce ${"object"} "…"\` with a value on one line.`,
    },
    docs: {
      summary:
        "The `salesforce` target writes each stage as a picklist value (a Lead status or an Opportunity stage): the mapped value, or the stage's title when it has no `map salesforce`. Salesforce limits a value to 255 characters on one line, so the folder could not be deployed.",
      fix: 'Map a shorter value, on one line. For example this stage\'s title is its lead status and is too long:\n\n```funnel\nstage mql "Marketing qualified lead: reached 100 points of lead score and was checked by a person in marketing operations …" {\n  definition "Reached the lead-score threshold."\n  owner sdr\n  -> sql on meeting_booked\n}\n```\n\nFixed:\n\n```funnel\nstage mql "Marketing qualified lead: reached 100 points of lead score and was checked by a person in marketing operations …" {\n  definition "Reached the lead-score threshold."\n  owner sdr\n  map salesforce "MQL"\n  -> sql on meeting_booked\n}\n```',
    },
  },
  "salesforce-duplicate-value": {
    code: "FN5016",
    phase: "project",
    severity: "error",
    messages: {
      default: msg`Stage \`${"name"}\` maps the Salesforce ${"what"} ${"value"}, which stage \`${"other"}\` already is: Salesforce compares picklist values without regard to case, so both stages would be one value. Map a value of its own.`,
      derived: msg`Stage \`${"name"}\` has no \`map salesforce ${"object"}\`, so its title ${"value"} is its ${"what"}, which stage \`${"other"}\` already is (Salesforce compares picklist values without regard to case). Add \`map salesforce ${"object"} "…"\` with a value of its own.`,
    },
    docs: {
      summary:
        'Two stages would be the same Lead status or Opportunity stage in the `salesforce` target, compared as Salesforce does, without regard to case: mapped values that differ only in case (`"Working"` and `"working"`), or a stage without a map whose title equals another stage\'s value. A record with that value could not be placed in one stage.',
      fix: 'Give each stage a value of its own. For example `recycled` has no map and its title is the value `nurture` maps:\n\n```funnel\nstage nurture "Nurture" {\n  map salesforce "Recycled"\n  …\n}\ndetour recycled "Recycled" { … }\n```\n\nFixed:\n\n```funnel\nstage nurture "Nurture" {\n  map salesforce "Nurturing"\n  …\n}\ndetour recycled "Recycled" { … }\n```',
    },
  },
  "salesforce-derived-values": {
    code: "FN5017",
    phase: "project",
    severity: "info",
    messages: {
      default: msg`${"count"} stages of funnel \`${"funnel"}\` have no \`map salesforce\`, so the salesforce target uses their titles: ${"list"}. Add \`map salesforce "…"\` (a lead status) or \`map salesforce opportunity_stage "…"\` to a stage to choose its value.`,
      one: msg`1 stage of funnel \`${"funnel"}\` has no \`map salesforce\`, so the salesforce target uses its title: ${"list"}. Add \`map salesforce "…"\` (a lead status) or \`map salesforce opportunity_stage "…"\` to it to choose its value.`,
    },
    docs: {
      summary:
        "The `salesforce` target gives a stage without a `map salesforce` a value derived from its title (a Lead status, or an Opportunity stage when only opportunity stages lead into it), and lists those stages so that the values Salesforce will show are never a surprise.",
      fix: 'Nothing to fix; to choose a value, map the stage:\n\n```funnel\nstage known "Known" {\n  definition "A person whose email address we have."\n  owner marketing\n  -> mql when lead_score >= 100\n}\n```\n\nwith a chosen lead status:\n\n```funnel\nstage known "Known" {\n  definition "A person whose email address we have."\n  owner marketing\n  map salesforce "Open - Not Contacted"\n  -> mql when lead_score >= 100\n}\n```',
    },
  },
  "salesforce-no-converted-status": {
    code: "FN5018",
    phase: "project",
    severity: "warning",
    messages: {
      default: msg`No lead status of funnel \`${"funnel"}\` is a converted status, and Salesforce converts a lead only to a status marked converted. The salesforce target marks the lead statuses of the stages that lead into an opportunity stage or, without opportunity stages, of the won terminals: ${"fix"}.`,
    },
    docs: {
      summary:
        "Salesforce needs at least one converted Lead status to convert leads. The `salesforce` target marks as converted the lead status of a stage mapped to both a lead status and an opportunity stage; else of each lead stage with a transition or SLA into an opportunity stage; else, when the funnel has no opportunity stages, of each won terminal. None of them exists here.",
      fix: 'Add a terminal with `outcome won` that the lead stages lead to, or map the stage where leads are converted to an opportunity stage. For example this funnel ends only in `lost`:\n\n```funnel\nstage lead "Lead" {\n  …\n  -> lost on unsubscribed\n}\nterminal lost "Lost" { outcome lost }\n```\n\nFixed:\n\n```funnel\nstage lead "Lead" {\n  …\n  -> won on signed\n  -> lost on unsubscribed\n}\nterminal won "Customer" { outcome won }\nterminal lost "Lost" { outcome lost }\n```',
    },
  },

  // ---------------------------------------------------------------- FN6xxx runtime and data input
  "invalid-scenario-file": {
    code: "FN6001",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`This scenario file is not valid YAML: ${"error"}.`,
      notMapping: msg`${"what"} must be a mapping (\`key: value\` pairs).`,
      notList: msg`\`${"key"}\` must be a list (\`- item\` lines or \`[a, b]\`).`,
      missingKey: msg`${"what"} needs \`${"key"}\`.`,
      unknownKey: msg`Unknown key \`${"key"}\` in ${"what"}; allowed keys are ${"allowed"}.`,
      notText: msg`\`${"key"}\` must be text, not ${"found"}.`,
      emptyList: msg`\`${"key"}\` must list at least one ${"item"}.`,
      duplicateName: msg`Two scenarios are called ${"name"}; give each a unique name so failures can be told apart.`,
      badDatetime: msg`\`${"key"}\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not ${"found"}.`,
    },
    docs: {
      summary:
        "A `*.scenarios.yaml` file is not valid YAML or does not have the shape of a scenario file: `funnel` (the `.funnel` file, relative to the scenario file) and `scenarios`, each with `name`, `events` and `expect` (`stage`, `path`, `fields`, `sla_breaches`), and optionally `record` and `as_of`.",
      fix: "Fix the key the message points at. A minimal file:\n\n```yaml\nfunnel: lead-to-revenue.funnel\nscenarios:\n  - name: an email makes a known contact\n    events:\n      - { at: 2026-01-01T09:00:00Z, type: update, set: { email: a@b.nl } }\n    expect: { stage: known, path: [anonymous, known] }\n```",
    },
  },
  "funnel-not-runnable": {
    code: "FN6002",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`Cannot find the funnel ${"path"}; \`funnel:\` is relative to the scenario file.`,
      hasErrors: msg`The funnel ${"path"} has errors, so nothing can run on it; \`funnel check ${"path"}\` lists them.`,
      noStages: msg`${"path"} holds only shared declarations (no stages), so there is nothing to run.`,
    },
    docs: {
      summary:
        "`funnel test`, `run` or `explain` needs a funnel that compiles to IR: the file must exist, have no errors and declare stages.",
      fix: "Fix the path (scenario files name their funnel relative to themselves), or fix the errors `funnel check` reports.",
    },
  },
  "invalid-expectation": {
    code: "FN6003",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`Unknown stage \`${"name"}\` in \`${"key"}\`; the funnel's stages are ${"stages"}.`,
      stageDidYouMean: msg`Unknown stage \`${"name"}\` in \`${"key"}\`; did you mean \`${"suggestion"}\`?`,
      unknownField: msg`Unknown field or score \`${"name"}\` in \`fields\`.`,
      fieldDidYouMean: msg`Unknown field or score \`${"name"}\` in \`fields\`; did you mean \`${"suggestion"}\`?`,
      wrongValue: msg`\`${"name"}\` is ${"expected"}, so it can never be ${"found"}.`,
    },
    docs: {
      summary:
        "A scenario's `expect` names a stage, field or score the funnel does not declare, or a value the field can never hold.",
      fix: "Use the names of the funnel's stages, fields and scores, and values of the field's type (`null` for unset).",
    },
  },
  "no-scenario-files": {
    code: "FN6004",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`No scenario files (*.scenarios.yaml) found for ${"path"}.`,
      forFunnel: msg`No scenario file next to ${"path"} names it in \`funnel:\`.`,
    },
    docs: {
      summary:
        "`funnel test` found no `*.scenarios.yaml` file to run: none next to the funnels of the project, or none among the paths given.",
      fix: "Write a `<name>.scenarios.yaml` next to the funnel (see FN6001 for the shape), or pass the scenario files' paths.",
    },
  },
  "scenario-failed": {
    code: "FN6005",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`Scenario ${"scenario"}: expected stage \`${"expected"}\`, but the record is in \`${"actual"}\`.`,
      path: msg`Scenario ${"scenario"}: expected path ${"expected"}, but the path was ${"actual"}.`,
      field: msg`Scenario ${"scenario"}: expected \`${"field"}\` to be ${"expected"}, but it is ${"actual"}.`,
      slaBreaches: msg`Scenario ${"scenario"}: expected SLA breaches in ${"expected"}, but there were ${"actual"}.`,
      rejected: msg`Scenario ${"scenario"}: event ${"index"} was rejected (${"reason"}): ${"message"}.`,
      noRecord: msg`Scenario ${"scenario"}: no event created record \`${"record"}\`, so there is nothing to check.`,
    },
    docs: {
      summary:
        "A scenario ran, and the record did not end where its `expect` says (stage, path, fields and scores, SLA breaches), or one of its events was rejected.",
      fix: "Read the events listed under the failure and the moves each caused: either the funnel does not do what the scenario says (fix the `.funnel` file) or the expectation is wrong (fix the scenario).",
    },
  },
  "event-rejected": {
    code: "FN6010",
    phase: "data",
    severity: "warning",
    messages: { default: msg`Rejected (${"reason"}): ${"message"}.` },
    docs: {
      summary:
        "An input event was rejected whole, nothing of it applied, for the reason named: `invalid_event`, `missing_record`, `bad_timestamp`, `unknown_event`, `unknown_field`, `wrong_type` or `out_of_order` (see docs/runtime.md). The run goes on with the next event.",
      fix: "Fix the event at the line shown (or the system that produced it) and run again; events with an `id` that were already applied are skipped as duplicates.",
    },
  },
  "malformed-event-line": {
    code: "FN6011",
    phase: "data",
    severity: "warning",
    messages: {
      default: msg`Rejected (malformed_json): this line is not valid JSON (${"error"}).`,
      columns: msg`Rejected (wrong_column_count): this row has ${"found"} cells but the header has ${"expected"}.`,
      csv: msg`Rejected (malformed_csv): this row cannot be read as CSV (${"error"}).`,
    },
    docs: {
      summary:
        "A line of a JSONL events file is not one JSON value, or a CSV row has a different number of cells than the header or broken quoting. It counts as rejected; the run goes on with the next line.",
      fix: 'Write one JSON object per line (JSONL), or quote CSV cells that hold commas, quotes or line breaks (`"a, b"`, `"say ""hi"""`).',
    },
  },
  "invalid-csv-header": {
    code: "FN6012",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`Unknown column \`${"column"}\` in the CSV header; columns are id, record, at, type, data.<event field> and set.<record field>.`,
      missing: msg`The CSV header has no \`${"column"}\` column; every events file needs record, at and type.`,
      duplicate: msg`The CSV header has the column \`${"column"}\` twice.`,
      empty: msg`The CSV file is empty; its first line must be the header (id,record,at,type,data.<field>…,set.<field>…).`,
      setField: msg`The CSV header column \`${"column"}\` names no field of the funnel; its fields are ${"fields"}.`,
      setFieldDidYouMean: msg`The CSV header column \`${"column"}\` names no field of the funnel; did you mean \`${"suggestion"}\`?`,
      setScore: msg`The CSV header column \`${"column"}\` names the score \`${"name"}\`; scores are computed by the funnel and cannot be set.`,
      dataField: msg`The CSV header column \`${"column"}\` names no field of any event; the events' fields are ${"fields"}.`,
      dataFieldDidYouMean: msg`The CSV header column \`${"column"}\` names no field of any event; did you mean \`${"suggestion"}\`?`,
      headerQuote: msg`The CSV header's quoted cell starting at column ${"column"} is never closed; the header must name the columns on its first line.`,
    },
    docs: {
      summary:
        "The first line of a CSV events file must name its columns: `id` (optional), `record`, `at`, `type`, then `data.<name>` for event fields and `set.<name>` for record fields. A `set.` column must name a declared field (not a score) and a `data.` column a field of some event: otherwise every row that fills it would be rejected, so the header is refused once instead.",
      fix: "Rename the column as the message says, for example `email` to `set.email` or `set.emial` to `set.email`.",
    },
  },
  "data-not-readable": {
    code: "FN6013",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`Cannot read ${"path"}: ${"reason"}.`,
      format: msg`Cannot tell the format of ${"path"}; use a .jsonl (or .ndjson) or a .csv file.`,
    },
    docs: {
      summary:
        "The events file given with `--data` cannot be read, or its extension names no known format.",
      fix: "Check the path; name JSON-lines files `.jsonl` or `.ndjson` and CSV files `.csv`.",
    },
  },
  "record-not-found": {
    code: "FN6014",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`No applied event of ${"path"} is about record ${"record"}, so there is nothing to explain.`,
    },
    docs: {
      summary:
        "`funnel explain --record ID` found no event for that record that the engine applied (none at all, or all rejected).",
      fix: "Check the record id (it is case-sensitive) and the rejected lines `funnel run` lists for it.",
    },
  },
  "output-not-writable": {
    code: "FN6016",
    phase: "data",
    severity: "error",
    messages: { default: msg`Cannot write ${"path"}: ${"reason"}.` },
    docs: {
      summary:
        "A command could not write its output: `build` its files, `run` its folder (history.jsonl, records.jsonl, summary.json), `report -o`, `generate -o`, `test -o` their file, `fmt` a file it formatted. The message names the path and why, in words: a file where a folder should be, permission denied, no such folder, a full disk. Exit code 2.",
      fix: "Choose a path you can write to (`--out`, `-o`): its folder must exist for a single output file, and no file may stand where a folder is needed; check the permissions and that there is space on the disk.",
    },
  },
  "no-event-applied": {
    code: "FN6017",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`No event of ${"path"} was applied: all ${"rejected"} ${"unit"} that hold anything were rejected, so the outputs are empty.`,
    },
    docs: {
      summary:
        "`funnel run` read an events file in which not one event could be applied: every line (row) was rejected or blank. The run exits 1, since its outputs are empty; a run with some rejected lines exits 0 (or 1 with `--strict`).",
      fix: "Read the rejected lines listed above: usually the file is of another kind than its name says (CSV in a .jsonl file), or every event names a record, type or field the funnel does not have.",
    },
  },
  "mostly-malformed": {
    code: "FN6018",
    phase: "data",
    severity: "warning",
    messages: {
      default: msg`${"malformed"} of the ${"total"} lines of ${"path"} are not JSON: is it really JSON lines (one JSON object a line)? Its first line starts with ${"start"}.`,
      csv: msg`${"malformed"} of the ${"total"} rows of ${"path"} cannot be read with the header's ${"columns"} columns: is it really CSV with that header? Its first row after the header starts with ${"start"}.`,
    },
    docs: {
      summary:
        "More than half of the lines of an events file could not be read at all (`malformed_json`, or `malformed_csv` and `wrong_column_count`): the file is most likely not in the format its name announces.",
      fix: "Name the file after its format (`.jsonl`/`.ndjson` for JSON lines, `.csv` for CSV with a header), or convert it.",
    },
  },
  "invalid-as-of": {
    code: "FN6015",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`--as-of must be a date like 2026-03-01 (the end of that day) or a datetime with a zone like 2026-03-01T09:00:00Z, not ${"value"}.`,
    },
    docs: {
      summary:
        "`--as-of` sets the time up to which SLAs are applied after the last event: a datetime with a zone, or a date, which means the end of that day (00:00Z of the next day), as a `report --to` date does.",
      fix: "Write a date as `YYYY-MM-DD`, or a time in UTC with `Z` or with an offset like `+01:00`.",
    },
  },
  "invalid-report-option": {
    code: "FN6030",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`${"option"} must be a date like 2026-01-31 or a datetime with a zone like 2026-01-31T09:00:00Z, not ${"value"}.`,
      windowOrder: msg`--from ${"from"} is not before --to ${"to"}; the window would hold nothing.`,
      compareTo: msg`--compare-to must be a window FROM..TO (dates like 2025-01-01..2025-03-31) or a .funnel file, not ${"value"}.`,
      compareNeedsData: msg`--compare-to ${"value"} runs the events through another funnel, so it needs --data (a stage history belongs to one funnel).`,
      dataOrHistory: msg`Give the events with --data or a stage history with --history (one of them).`,
    },
    docs: {
      summary:
        "`funnel report` was given a window (`--from`, `--to`), an `--as-of`, or a `--compare-to` it cannot read, or neither or both of `--data` and `--history`.",
      fix: "Write dates as `YYYY-MM-DD` (a `--to` date includes that whole day) or datetimes with a zone; `--compare-to` takes `FROM..TO` or another version of the funnel.",
    },
  },
  "malformed-history-line": {
    code: "FN6031",
    phase: "data",
    severity: "warning",
    messages: {
      default: msg`Skipped (malformed_json): this history line is not valid JSON (${"error"}).`,
      shape: msg`Skipped (invalid_move): this history line needs ${"what"}.`,
      unknownStage: msg`Skipped (unknown_stage): the funnel has no stage \`${"stage"}\`; was the history written by another version of the funnel?`,
      columns: msg`Skipped (wrong_column_count): this row has ${"found"} cells but the header has ${"expected"}.`,
      outOfOrder: msg`Skipped (out_of_order): this move of record ${"record"} at ${"at"} is older than its previous move, at ${"previous"} on line ${"line"}; a history lists each record's moves in time order.`,
    },
    docs: {
      summary:
        "A line of a stage history (`funnel run`'s history.jsonl or history.csv) read by `funnel report --history` is not a move `{record, from, to, at, cause}` of this funnel, or is dated before the same record's previous move (it would give negative velocities). It is counted and skipped; the report goes on.",
      fix: "Give `--history` the file `funnel run` wrote for the same funnel (or run the events again with `funnel report --data`); do not sort, edit or concatenate histories by hand.",
    },
  },
  "invalid-history-header": {
    code: "FN6033",
    phase: "data",
    severity: "error",
    messages: { default: msg`The history CSV header must be ${"expected"}, not ${"found"}.` },
    docs: {
      summary:
        "`funnel report --history` was given a CSV file whose first line is not the header `funnel run --history-format csv` writes, so it is not a stage history (an events file goes to `--data`).",
      fix: "Pass the events with `--data`, or the history.csv that `funnel run --history-format csv` wrote.",
    },
  },
  "invalid-generate-profile": {
    code: "FN6032",
    phase: "data",
    severity: "error",
    messages: {
      default: msg`The generator profile ${"path"} is not valid: ${"problem"}.`,
      option: msg`${"option"} must be ${"expected"}, not ${"value"}.`,
      outputName: msg`Cannot tell which format to write to ${"path"}; name it .jsonl (or .ndjson) or .csv, so that \`funnel run\` can read it back, or give --format jsonl or --format csv.`,
      outputMismatch: msg`--format ${"format"} writes ${"writes"}, but the name ${"path"} says ${"names"}; name it ${"renamed"}, or leave out --format.`,
    },
    docs: {
      summary:
        "`funnel generate` was given a profile (`--profile`) or an option it cannot use: conversion rates are shares between 0 and 1, delays are durations like `3 days`, dates are real days like `2025-02-28`, stages must be the funnel's, and the `--out` file's name must end in the format it gets (.jsonl, .ndjson or .csv), which `funnel run` reads it back by.",
      fix: "A minimal profile:\n\n```yaml\nconversion: 0.5\ndelay: 3 days\nstages:\n  mql: { conversion: 0.3, delay: 12 days }\n```",
    },
  },

  // ---------------------------------------------------------------- FN9xxx internal
  "internal-error": {
    code: "FN9001",
    phase: "internal",
    severity: "error",
    messages: {
      default: msg`Internal compiler error while compiling this file: ${"message"}. This is a bug in funnelc; please report it with the file.`,
      command: msg`Internal error in \`funnel ${"command"}\`: ${"message"}. This is a bug in funnelc; please report it with the command line and its input files.`,
    },
    docs: {
      summary: "The compiler itself failed. Your file may be fine.",
      fix: "Report the bug with the input file; meanwhile try simplifying the construct the error points near.",
    },
  },
  "ir-schema-violation": {
    code: "FN9002",
    phase: "internal",
    severity: "error",
    messages: {
      default: msg`Internal compiler error: the IR compiled from this file does not match schema/funnel-ir.schema.json at \`${"path"}\`: ${"problem"}${"more"}. This is a bug in funnelc; please report it with the file.`,
    },
    docs: {
      summary:
        "`funnel build` checks the IR of every funnel against `schema/funnel-ir.schema.json` before it emits any target. IR that does not match is a bug in the compiler, not in your file; nothing is written.",
      fix: "Report the bug with the input file and the command line.",
    },
  },
} as const satisfies Record<string, DiagnosticDefinition>;

export type DiagnosticName = keyof typeof diagnosticRegistry;

/** Texts of secondary locations (esbuild's "notes"); never packed into the main message. */
export const relatedMessages = {
  firstDeclared: msg`\`${"name"}\` is first declared here.`,
  earlierRule: msg`This earlier rule always fires first.`,
  slaHere: msg`The SLA is here.`,
  mappedHere: msg`\`${"name"}\` maps the same value here.`,
  sameSalesforceValue: msg`\`${"name"}\` is that Salesforce value here.`,
  importedFrom: msg`Imported here.`,
  cycleStep: msg`\`${"from"}\` moves on to \`${"to"}\` here.`,
  scoreStep: msg`\`${"name"}\` uses \`${"uses"}\` here.`,
} as const;
