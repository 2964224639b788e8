// Making a transition's condition true, for `funnel generate`: from a `when` expression (IR), the
// record fields to `set`, the event `data` to send, and the score thresholds to reach first.
// A small constructive solver, not a SAT solver: `and` satisfies every part, `or` its first part,
// `not` flips what is wanted; the engine judges the result (report/generate.ts checks each step).
// Layer: runtime/ -> report/ -> cli/.
import type { ExprIR, FunnelIR, OperandIR, ScalarValue, TypeIR } from "../core/ir/types.js";

export type Assigned = Map<string, ScalarValue>;

export interface Solution {
  set: Assigned;
  data: Assigned;
  /** Scores that must reach at least `min` (computed by the engine, so earned by events first). */
  scores: Map<string, number>;
}

export interface SolveContext {
  ir: FunnelIR;
  /** Declared types of record fields (scores excluded). */
  fields: Map<string, TypeIR>;
  scores: Set<string>;
  /** Data field types of the event the rule waits for (empty for `update`). */
  eventFields: Map<string, TypeIR>;
  /** A value of a type that is set and plausible (used for `is set` and free choices). */
  sample(name: string, type: TypeIR): ScalarValue;
}

const DAY = 86_400_000;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** A value that makes `value <op> literal` true (op from the operand's side). */
function valueFor(op: string, literal: ScalarValue, type: TypeIR): ScalarValue | undefined {
  const differ = (): ScalarValue | undefined => {
    if (type.kind === "enum") return type.values.find((v) => v !== literal);
    if (type.kind === "boolean") return !literal;
    if (type.kind === "number") return Number(literal) + 1;
    if (type.kind === "date") return shiftDate(String(literal), 1);
    if (type.kind === "datetime") return new Date(Date.parse(String(literal)) + DAY).toISOString();
    return `${String(literal)} (other)`;
  };
  const step = (sign: 1 | -1): ScalarValue | undefined => {
    if (type.kind === "number") return Number(literal) + sign;
    if (type.kind === "date") return shiftDate(String(literal), sign);
    if (type.kind === "datetime")
      return new Date(Date.parse(String(literal)) + sign * DAY).toISOString();
    return undefined;
  };
  switch (op) {
    case "=":
    case ">=":
    case "<=":
      return literal;
    case "!=":
      return differ();
    case ">":
      return step(1);
    case "<":
      return step(-1);
  }
  return undefined;
}

const NEGATE: Record<string, string> = {
  "=": "!=",
  "!=": "=",
  "<": ">=",
  ">=": "<",
  ">": "<=",
  "<=": ">",
};
const MIRROR: Record<string, string> = {
  "=": "=",
  "!=": "!=",
  "<": ">",
  ">": "<",
  "<=": ">=",
  ">=": "<=",
};

/**
 * Assignments that make `expr` evaluate to `want`.
 * @returns the solution, extended in place (first choices win on conflicts)
 */
export function solveCondition(
  expr: ExprIR | null,
  want: boolean,
  ctx: SolveContext,
  into: Solution = { set: new Map(), data: new Map(), scores: new Map() },
): Solution {
  if (!expr) return into;
  const assign = (operand: OperandIR, value: ScalarValue | undefined) => {
    if (value === undefined) return;
    if ("field" in operand) {
      if (ctx.scores.has(operand.field)) return;
      if (!into.set.has(operand.field)) into.set.set(operand.field, value);
    } else if ("event" in operand) {
      if (!into.data.has(operand.event)) into.data.set(operand.event, value);
    }
  };
  const typeOf = (operand: OperandIR): TypeIR | undefined =>
    "field" in operand
      ? ctx.scores.has(operand.field)
        ? { kind: "number" }
        : ctx.fields.get(operand.field)
      : "event" in operand
        ? ctx.eventFields.get(operand.event)
        : { kind: operand.type };
  const nameOf = (operand: OperandIR) =>
    "field" in operand ? operand.field : "event" in operand ? operand.event : "";
  switch (expr.op) {
    case "const":
      return into;
    case "not":
      return solveCondition(expr.arg, !want, ctx, into);
    case "and":
    case "or": {
      // and=true / or=false need every part; and=false / or=true need one.
      const every = (expr.op === "and") === want;
      if (every) for (const arg of expr.args) solveCondition(arg, want, ctx, into);
      else solveCondition(expr.args[0], want, ctx, into);
      return into;
    }
    case "truthy":
      assign(expr.operand, want);
      return into;
    case "is_set": {
      const type = typeOf(expr.operand);
      // Wanting a field unset: leave it (generated records never set what they need unset).
      if (want !== expr.negated && type)
        assign(expr.operand, ctx.sample(nameOf(expr.operand), type));
      return into;
    }
    case "in": {
      const type = typeOf(expr.operand);
      const member = want !== expr.negated;
      if (member) assign(expr.operand, expr.values[0]);
      else if (type?.kind === "enum")
        assign(
          expr.operand,
          type.values.find((v) => !expr.values.includes(v)),
        );
      else if (type)
        assign(
          expr.operand,
          type.kind === "number"
            ? Math.max(0, ...expr.values.map(Number)) + 1
            : `${String(expr.values[0])} (other)`,
        );
      return into;
    }
    case "contains":
      assign(expr.operand, want ? expr.value : "n/a");
      return into;
    case "compare": {
      let { left, right } = expr;
      let cmp: string = expr.cmp;
      if ("value" in left && !("value" in right)) {
        [left, right] = [right, left];
        cmp = MIRROR[cmp];
      }
      if (!want) cmp = NEGATE[cmp];
      if (!("value" in right) || "value" in left) return into;
      if ("field" in left && ctx.scores.has(left.field)) {
        // Only "at least" thresholds are reachable by earning points.
        const min =
          cmp === ">="
            ? Number(right.value)
            : cmp === ">"
              ? Number(right.value) + 1
              : cmp === "="
                ? Number(right.value)
                : undefined;
        if (min !== undefined)
          into.scores.set(left.field, Math.max(into.scores.get(left.field) ?? -Infinity, min));
        return into;
      }
      const type = typeOf(left);
      if (type) assign(left, valueFor(cmp, right.value, type));
      return into;
    }
  }
}
