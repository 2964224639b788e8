// Conditions (IR ExprIR) compiled once into closures over a record's values and the event's
// data, with the spec §6 rules: tests on unset values are false, `not` negates the result,
// `contains` is case-insensitive, a bare boolean means `= true`.
import { compareValues, containsText, inValues, isUnsetValue } from "../core/compare.js";
import type { ExprIR, OperandIR, TypeIR } from "../core/ir/types.js";
import { parseInstant } from "../core/time.js";
import { literalValue, type Value } from "../core/values.js";

/** Where a record's values sit, and the declared type of fields and event data. */
export interface ConditionScope {
  fieldIndex: ReadonlyMap<string, number>;
  typeOf(operand: OperandIR): TypeIR | undefined;
  /**
   * When given, event data comes as an array and `event.<name>` reads slot eventSlot(name) (the
   * engine: element reads stay fast whichever field a closure reads); otherwise as an object by
   * name.
   */
  eventSlot?: (name: string) => number;
}

/** An event's coerced data: by slot (the engine) or by name (explain); undefined for no event. */
export type EventData = readonly Value[] | Readonly<Record<string, Value>> | undefined;
/**
 * `values`: the record's values by slot (in the engine, the record array: its own slots come
 * first).
 */
export type Condition = (values: readonly unknown[], data: EventData) => boolean;
type Getter = (values: readonly unknown[], data: EventData) => Value;

function operandGetter(operand: OperandIR, scope: ConditionScope): Getter {
  if ("field" in operand) {
    const i = scope.fieldIndex.get(operand.field);
    if (i === undefined) throw new Error(`unknown field ${operand.field} in IR`);
    return (values) => values[i] as Value;
  }
  if ("event" in operand) {
    const name = operand.event;
    if (scope.eventSlot) {
      const slot = scope.eventSlot(name);
      return (_values, data) => (data === undefined ? undefined : (data as readonly Value[])[slot]);
    }
    return (_values, data) => (data as Readonly<Record<string, Value>> | undefined)?.[name];
  }
  const constant = literalValue(operand.value, operand.type);
  return () => constant;
}

/** The record slot a field or score operand reads; undefined for event data and literals. */
function fieldSlot(operand: OperandIR, scope: ConditionScope): number | undefined {
  if (!("field" in operand)) return undefined;
  const i = scope.fieldIndex.get(operand.field);
  if (i === undefined) throw new Error(`unknown field ${operand.field} in IR`);
  return i;
}

/** `field <op> b` for a set literal b: false when the field is unset, as every test (spec §6). */
function fieldAgainst(op: string, i: number, b: Value): Condition {
  switch (op) {
    case "=":
      return (v) => v[i] === b; // an unset field (undefined) equals no set literal
    case "!=":
      return (v) => {
        const a = v[i];
        return a !== undefined && a !== "" && a !== b;
      };
    case "<":
      return (v) => {
        const a = v[i];
        return a !== undefined && a !== "" && (a as number) < (b as number);
      };
    case "<=":
      return (v) => {
        const a = v[i];
        return a !== undefined && a !== "" && (a as number) <= (b as number);
      };
    case ">":
      return (v) => {
        const a = v[i];
        return a !== undefined && a !== "" && (a as number) > (b as number);
      };
    default:
      return (v) => {
        const a = v[i];
        return a !== undefined && a !== "" && (a as number) >= (b as number);
      };
  }
}

/**
 * Compiles a condition.
 * @param expr the IR condition
 * @param scope positions and types of the record's fields
 * @returns a closure over a record's values and the event's data
 */
export function compileCondition(expr: ExprIR, scope: ConditionScope): Condition {
  switch (expr.op) {
    case "and": {
      const parts = expr.args.map((a) => compileCondition(a, scope));
      if (parts.length === 2) {
        const [p0, p1] = parts;
        return (v, d) => p0(v, d) && p1(v, d);
      }
      return (v, d) => {
        for (let i = 0; i < parts.length; i++) if (!parts[i](v, d)) return false;
        return true;
      };
    }
    case "or": {
      const parts = expr.args.map((a) => compileCondition(a, scope));
      if (parts.length === 2) {
        const [p0, p1] = parts;
        return (v, d) => p0(v, d) || p1(v, d);
      }
      return (v, d) => {
        for (let i = 0; i < parts.length; i++) if (parts[i](v, d)) return true;
        return false;
      };
    }
    case "not": {
      const inner = compileCondition(expr.arg, scope);
      return (v, d) => !inner(v, d);
    }
    case "const": {
      const value = expr.value;
      return () => value;
    }
    case "truthy": {
      const i = fieldSlot(expr.operand, scope);
      if (i !== undefined) return (v) => v[i] === true;
      const get = operandGetter(expr.operand, scope);
      return (v, d) => get(v, d) === true;
    }
    case "is_set": {
      const get = operandGetter(expr.operand, scope);
      const negated = expr.negated;
      return (v, d) => isUnsetValue(get(v, d)) === negated;
    }
    case "compare": {
      // The most common shape, a field against a literal, reads the field directly.
      const i = fieldSlot(expr.left, scope);
      if (i !== undefined && "value" in expr.right) {
        const b = literalValue(expr.right.value, expr.right.type);
        if (isUnsetValue(b)) return () => false;
        return fieldAgainst(expr.cmp, i, b);
      }
      const left = operandGetter(expr.left, scope);
      const right = operandGetter(expr.right, scope);
      const op = expr.cmp;
      return (v, d) => compareValues(op, left(v, d), right(v, d));
    }
    case "in": {
      const get = operandGetter(expr.operand, scope);
      const datetime = scope.typeOf(expr.operand)?.kind === "datetime";
      const allowed = new Set<Value>(
        expr.values.map((x) => (datetime ? parseInstant(String(x)) : x)),
      );
      const negated = expr.negated;
      return (v, d) => inValues(get(v, d), allowed, negated);
    }
    case "contains": {
      const get = operandGetter(expr.operand, scope);
      const needle = expr.value.toLowerCase();
      return (v, d) => containsText(get(v, d), needle);
    }
  }
}
