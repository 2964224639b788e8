// Plain-English renderings of IR conditions, triggers, durations and names, shared by the
// documentation targets (markdown, html) and the diagram edge labels (mermaid, dot, svg).
// The text is plain: each target escapes it for its own syntax.
import type {
  ExprIR,
  FunnelIR,
  OperandIR,
  ScalarValue,
  ScoreRuleIR,
  TransitionIR,
  TypeIR,
} from "../../core/ir/types.js";

/**
 * What the renderer knows about the funnel's names: the types of fields (and scores) and of each
 * event's own fields, so comparisons of dates read "is before" instead of "is less than".
 */
export interface EnglishContext {
  fieldType(name: string): TypeIR["kind"] | "score" | undefined;
  /** Type of `event.<field>` in a rule triggered by `event`. */
  eventFieldType(event: string | null, field: string): TypeIR["kind"] | undefined;
}

/** A context that knows no types: comparisons read as numbers unless a date literal is involved. */
export const NO_TYPES: EnglishContext = {
  fieldType: () => undefined,
  eventFieldType: () => undefined,
};

/**
 * Builds the naming context of a funnel.
 * @param ir the compiled funnel
 * @returns lookups for field, score and event-field types
 */
export function createEnglishContext(ir: FunnelIR): EnglishContext {
  const fields = new Map<string, TypeIR["kind"] | "score">(
    ir.fields.map((f) => [f.name, f.type.kind]),
  );
  for (const score of ir.scores) fields.set(score.name, "score");
  const events = new Map(
    ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type.kind]))]),
  );
  return {
    fieldType: (name) => fields.get(name),
    eventFieldType: (event, field) => (event === null ? undefined : events.get(event)?.get(field)),
  };
}

/**
 * Turns a declared name into words: `job_title` → "job title", `leadScore` → "lead score".
 * Acronyms written in capitals stay as written (`VIP_tier` → "VIP tier").
 * @param name a Funnel name (`[A-Za-z_][A-Za-z0-9_]*`)
 * @returns the words, separated by single spaces; the name itself if it has no letters or digits
 */
export function humanizeName(name: string): string {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_+/g, " ")
    .trim();
  if (!spaced) return name;
  return spaced
    .split(/\s+/)
    .map((word, i) => (i > 0 && /^[A-Z][a-z0-9]+$/.test(word) ? word.toLowerCase() : word))
    .join(" ");
}

/** A duration in words (core/durations.ts: the runtime and the command line word them too). */
export { describeDuration } from "../../core/durations.js";

/**
 * A literal value as it reads in a sentence: text in single quotes (double quotes when the text
 * holds a single quote), numbers and booleans as written, dates bare (`2026-01-31`), datetimes in
 * UTC without the milliseconds (`2026-01-31 08:30 UTC`).
 * @param value the normalised literal (IR form)
 * @param type its type when known: a date or datetime is a string in the IR but is not quoted
 */
export function describeValue(value: ScalarValue, type?: TypeIR["kind"]): string {
  if (typeof value === "string" && type === "date") return value;
  if (typeof value === "string" && type === "datetime") {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?Z$/.exec(value);
    if (m) return `${m[1]} ${m[2]}${m[3] && m[3] !== ":00" ? m[3] : ""} UTC`;
    return value;
  }
  if (typeof value === "string") return value.includes("'") ? `"${value}"` : `'${value}'`;
  if (typeof value === "number") return formatNumber(value);
  return value ? "true" : "false";
}

/** A list in words: "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
function describeAlternatives(values: ScalarValue[], type?: TypeIR["kind"]): string {
  const words = values.map((v) => describeValue(v, type));
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function formatNumber(n: number): string {
  // Integers and short decimals read as written; JSON form keeps -0 and exponents out of prose.
  return Object.is(n, -0) ? "0" : String(n);
}

type Kind = TypeIR["kind"] | "score" | undefined;

/** How to word a condition. */
export interface ConditionStyle {
  /**
   * Compact wording for diagram labels: an event's field is just its name ("result is 'won'"
   * under "on deal closed") instead of "the event's result".
   */
  compact?: boolean;
}

/** What a sub-condition is read against: the names' types, the rule's event, the style. */
interface Scope {
  context: EnglishContext;
  on: string | null;
  compact: boolean;
}

function operandKind(operand: OperandIR, scope: Scope): Kind {
  if ("field" in operand) return scope.context.fieldType(operand.field);
  if ("event" in operand) return scope.context.eventFieldType(scope.on, operand.event);
  return operand.type;
}

function describeOperand(operand: OperandIR, scope: Scope): string {
  if ("field" in operand) return humanizeName(operand.field);
  if ("event" in operand)
    return scope.compact
      ? humanizeName(operand.event)
      : `the event's ${humanizeName(operand.event)}`;
  return describeValue(operand.value, operand.type);
}

const NUMBER_WORDS: Record<string, string> = {
  "=": "is",
  "!=": "is not",
  "<": "is less than",
  "<=": "is at most",
  ">": "is more than",
  ">=": "is at least",
};
const DATE_WORDS: Record<string, string> = {
  "=": "is",
  "!=": "is not",
  "<": "is before",
  "<=": "is on or before",
  ">": "is after",
  ">=": "is on or after",
};

/**
 * Where a sub-condition sits: nested and/or groups get parentheses, so "a or b and c" never
 * appears.
 */
type Position = "top" | "nested";

function describe(expr: ExprIR, scope: Scope, position: Position): string {
  switch (expr.op) {
    case "and":
    case "or": {
      const text = expr.args.map((arg) => describe(arg, scope, "nested")).join(` ${expr.op} `);
      return position === "nested" ? `(${text})` : text;
    }
    case "not":
      return describeNot(expr.arg, scope, position);
    case "compare": {
      const kinds = [operandKind(expr.left, scope), operandKind(expr.right, scope)];
      const words =
        kinds.includes("date") || kinds.includes("datetime") ? DATE_WORDS : NUMBER_WORDS;
      return (
        `${describeOperand(expr.left, scope)} ${words[expr.cmp]} ` +
        `${describeOperand(expr.right, scope)}`
      );
    }
    case "is_set":
      return `${describeOperand(expr.operand, scope)} is ${expr.negated ? "not set" : "set"}`;
    case "in": {
      const kind = operandKind(expr.operand, scope);
      const type = kind === "score" ? undefined : kind;
      if (expr.values.length === 1)
        return (
          `${describeOperand(expr.operand, scope)} is ${expr.negated ? "not " : ""}` +
          `${describeValue(expr.values[0], type)}`
        );
      return (
        `${describeOperand(expr.operand, scope)} is ${expr.negated ? "not " : ""}one of ` +
        `${describeAlternatives(expr.values, type)}`
      );
    }
    case "contains":
      return `${describeOperand(expr.operand, scope)} contains ${describeValue(expr.value)}`;
    case "truthy":
      return `${describeOperand(expr.operand, scope)} is true`;
    case "const":
      return expr.value ? "always" : "never";
  }
}

/**
 * `not` reads naturally where the negation means the same for an unset field (spec §6: `not`
 * negates the result, so `not (email contains "x")` holds when email is unset, as "does not
 * contain" suggests). A negated comparison or `in` stays "not (…)": "x is not 1" is how `!=`
 * reads, and `!=` is false for an unset field while `not (x = 1)` is true.
 */
function describeNot(arg: ExprIR, scope: Scope, position: Position): string {
  switch (arg.op) {
    case "contains":
      return `${describeOperand(arg.operand, scope)} does not contain ${describeValue(arg.value)}`;
    case "is_set":
      return `${describeOperand(arg.operand, scope)} is ${arg.negated ? "set" : "not set"}`;
    case "truthy":
      return `${describeOperand(arg.operand, scope)} is not true`;
    case "const":
      return arg.value ? "never" : "always";
    case "not":
      return describe(arg.arg, scope, position);
    default:
      return `not (${describe(arg, scope, "top")})`;
  }
}

/**
 * A condition in plain English: `lead_score >= 100 and job_title contains "director"` →
 * "lead score is at least 100 and job title contains 'director'".
 * @param expr the condition
 * @param context types of the funnel's names (for date wording); {@link NO_TYPES} when unknown
 * @param on the event of the rule the condition belongs to (types `event.<field>` operands)
 * @param style wording options (compact for diagram labels)
 * @returns one sentence fragment, without a trailing period
 */
export function describeCondition(
  expr: ExprIR,
  context: EnglishContext = NO_TYPES,
  on: string | null = null,
  style: ConditionStyle = {},
): string {
  return describe(expr, { context, on, compact: style.compact === true }, "top");
}

/**
 * What makes a transition fire: "on form submitted", "when email is set", or
 * "on form submitted when the event's form is 'Demo request'".
 * @param transition a stage's or `from any` transition
 * @param context types of the funnel's names
 */
export function describeTrigger(
  transition: Pick<TransitionIR, "on" | "when">,
  context: EnglishContext = NO_TYPES,
): string {
  const parts: string[] = [];
  if (transition.on !== null) parts.push(`on ${humanizeName(transition.on)}`);
  if (transition.when !== null)
    parts.push(`when ${describeCondition(transition.when, context, transition.on)}`);
  return parts.join(" ");
}

/**
 * A trigger as a diagram edge label: the event in full, the condition in compact wording and
 * shortened to `max` characters ("on deal closed when result is 'won'"), so the part that tells
 * two edges apart survives. The documents and tooltips carry the full {@link describeTrigger}.
 * @param transition a stage's or `from any` transition
 * @param context types of the funnel's names
 * @param max the length the condition part (with its "when") is shortened to
 */
export function describeTriggerShort(
  transition: Pick<TransitionIR, "on" | "when">,
  context: EnglishContext = NO_TYPES,
  max = 48,
): string {
  const parts: string[] = [];
  if (transition.on !== null) parts.push(`on ${humanizeName(transition.on)}`);
  if (transition.when !== null)
    parts.push(
      shortenText(
        `when ${describeCondition(transition.when, context, transition.on, { compact: true })}`,
        max,
      ),
    );
  return parts.join(" ");
}

/**
 * When a score rule earns its points: "on web visit", "on form submitted when …", or, for a
 * `when`-only rule (which counts while its condition holds), "while job title contains 'vp'".
 * @param rule the score rule
 * @param context types of the funnel's names
 */
export function describeScoreRule(
  rule: Pick<ScoreRuleIR, "on" | "when">,
  context: EnglishContext = NO_TYPES,
): string {
  if (rule.on === null)
    return rule.when === null ? "always" : `while ${describeCondition(rule.when, context)}`;
  return describeTrigger({ on: rule.on, when: rule.when }, context);
}

/**
 * Points with their sign: `+25`, `−30` is written `-30` (ASCII, so tables stay searchable).
 * @param points the rule's points
 */
export function describePoints(points: number): string {
  return points > 0 ? `+${formatNumber(points)}` : formatNumber(points);
}

/**
 * A type in words: "text", "number", "one of 'NL', 'DE' or 'other'".
 * @param type the IR type
 */
export function describeType(type: TypeIR): string {
  if (type.kind === "enum") return `one of ${describeAlternatives(type.values)}`;
  return type.kind === "datetime" ? "date and time" : type.kind;
}

/**
 * Shortens text to about `max` characters at a word boundary, ending with "...". The ellipsis is
 * ASCII on purpose: Graphviz (in WebAssembly) has no width for "…" and would size labels wrongly.
 * @param text plain text
 * @param max the length to stay within (the ellipsis included)
 */
export function shortenText(text: string, max = 40): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 3).join("");
  const cut = head.lastIndexOf(" ");
  return (cut >= max / 2 ? head.slice(0, cut) : head).replace(/[\s,;:(]+$/, "") + "...";
}
