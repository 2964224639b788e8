// Why a rule did not fire: conditions (IR ExprIR) printed back in Funnel syntax, and evaluated
// against a record's state (fields and scores as `engine.state()` shows them) and an event's
// data, naming the first sub-condition that is false. Uses the engine's own condition compiler
// (conditions.ts), so the answer is the one the engine acted on.
import type { ExprIR, FunnelIR, OperandIR, TypeIR } from "../core/ir/types.js";
import { compileCondition } from "./conditions.js";
import { conditionScope, valueSlots } from "./condition-scope.js";
import { eventFieldTypes } from "./event-kinds.js";
import { coerceJson, type Value } from "../core/values.js";

function formatOperand(operand: OperandIR): string {
  if ("field" in operand) return operand.field;
  if ("event" in operand) return `event.${operand.event}`;
  return typeof operand.value === "string" && operand.type === "text"
    ? JSON.stringify(operand.value)
    : String(operand.value);
}

function formatLiteral(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

const PRECEDENCE: Record<ExprIR["op"], number> = {
  or: 1,
  and: 2,
  not: 3,
  compare: 4,
  is_set: 4,
  in: 4,
  contains: 4,
  truthy: 4,
  const: 4,
};

/**
 * A condition in Funnel syntax, e.g. `budget and timeline is set`; parentheses only where needed.
 * @param expr the condition
 * @returns its text
 */
export function formatExpr(expr: ExprIR): string {
  const wrap = (inner: ExprIR, min: number) =>
    PRECEDENCE[inner.op] < min ? `(${formatExpr(inner)})` : formatExpr(inner);
  switch (expr.op) {
    case "and":
    case "or":
      return expr.args.map((a) => wrap(a, PRECEDENCE[expr.op] + 1)).join(` ${expr.op} `);
    case "not":
      return expr.arg.op === "truthy" || expr.arg.op === "const"
        ? `not ${formatExpr(expr.arg)}`
        : `not (${formatExpr(expr.arg)})`;
    case "compare":
      return `${formatOperand(expr.left)} ${expr.cmp} ${formatOperand(expr.right)}`;
    case "is_set":
      return `${formatOperand(expr.operand)} is ${expr.negated ? "not " : ""}set`;
    case "in":
      return `${formatOperand(expr.operand)} ${expr.negated ? "not in" : "in"} [${expr.values
        .map(formatLiteral)
        .join(", ")}]`;
    case "contains":
      return `${formatOperand(expr.operand)} contains ${JSON.stringify(expr.value)}`;
    case "truthy":
      return formatOperand(expr.operand);
    case "const":
      return String(expr.value);
  }
}

/** A record's state as `engine.state()` shows it (JSON values: datetimes as ISO text). */
export interface StateValues {
  fields: Readonly<Record<string, string | number | boolean | null>>;
  scores: Readonly<Record<string, number>>;
}

export interface ConditionVerdict {
  holds: boolean;
  /** When false: the first false sub-condition, in Funnel syntax. */
  failed?: string;
  /** When false: why that part is false, with the values it read, e.g. "lead_score is 55". */
  reason?: string;
}

/**
 * Evaluates a rule's condition against a record's state and an event, and names the first part
 * that is false (the first false operand of an `and`; the whole of an `or` or `not`).
 * @param ir the funnel (field, score and event declarations)
 * @param expr the condition
 * @param state the record's fields and scores, as `engine.state()` returns them
 * @param event the event the rule was tried with (its type and raw `data`), or null for none
 * @returns whether it holds; if not, the part that is false and why
 */
export function explainCondition(
  ir: FunnelIR,
  expr: ExprIR,
  state: StateValues,
  event: { type: string; data?: Record<string, unknown> } | null,
): ConditionVerdict {
  const slots = valueSlots(ir, 0);
  const values: Value[] = [
    ...ir.fields.map((field) => {
      const coerced = coerceJson(state.fields[field.name], field.type);
      return coerced.ok ? coerced.value : undefined;
    }),
    ...ir.scores.map((score) => state.scores[score.name]),
  ];
  const declared = ir.events.find((declaration) => declaration.name === event?.type);
  const eventFields = declared ? eventFieldTypes(declared) : new Map<string, TypeIR>();
  const data: Record<string, Value> = {};
  for (const [key, raw] of Object.entries(event?.data ?? {})) {
    const type = eventFields.get(key);
    const coerced = type ? coerceJson(raw, type) : undefined;
    if (coerced?.ok) data[key] = coerced.value;
  }
  const scope = conditionScope(slots, eventFields);
  const holds = (part: ExprIR) => compileCondition(part, scope)(values, event ? data : undefined);

  const describe = (operand: OperandIR): string | null => {
    if ("value" in operand) return null;
    const name = formatOperand(operand);
    if ("event" in operand && !event) return `${name} is unset (there was no event)`;
    const value =
      "field" in operand
        ? (state.fields[operand.field] ?? state.scores[operand.field])
        : event?.data?.[operand.event];
    return value === undefined || value === null || value === ""
      ? `${name} is unset`
      : `${name} is ${formatLiteral(value)}`;
  };
  const operandsOf = (part: ExprIR): OperandIR[] => {
    switch (part.op) {
      case "and":
      case "or":
        return part.args.flatMap(operandsOf);
      case "not":
        return operandsOf(part.arg);
      case "compare":
        return [part.left, part.right];
      case "const":
        return [];
      default:
        return [part.operand];
    }
  };
  const valuesOf = (part: ExprIR): string => {
    const seen = new Set<string>();
    const texts: string[] = [];
    for (const operand of operandsOf(part)) {
      const text = describe(operand);
      if (text && !seen.has(text)) {
        seen.add(text);
        texts.push(text);
      }
    }
    return texts.length ? texts.join(", ") : "it is always false";
  };
  const firstFalse = (part: ExprIR): ConditionVerdict => {
    if (part.op === "and") return firstFalse(part.args.find((arg) => !holds(arg))!);
    return { holds: false, failed: formatExpr(part), reason: valuesOf(part) };
  };
  return holds(expr) ? { holds: true } : firstFalse(expr);
}
