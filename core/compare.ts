// The tests of a condition on values (spec §6), shared by the engine's compiled conditions
// (runtime/conditions.ts) and the `ts` target's modules, which call them where an operand is a
// literal: a test on an unset value is false, `contains` ignores case.
import type { Value } from "./values.js";

/**
 * Whether a value counts as unset in a test: undefined, or "" (a literal "" is unset too).
 * @param value a record value, event value or literal
 * @returns true when every test on it is false
 */
export function isUnsetValue(value: Value): boolean {
  return value === undefined || value === "";
}

/**
 * A comparison with spec §6's meaning: false when either side is unset; `=` and `!=` compare
 * without coercion, the others order numbers, dates (as text) and datetimes (as epoch ms).
 * @param op the operator as written (`=`, `!=`, `<`, `<=`, `>`, `>=`)
 * @param a the left value
 * @param b the right value
 * @returns whether `a op b` holds
 */
export function compareValues(op: string, a: Value, b: Value): boolean {
  if (isUnsetValue(a) || isUnsetValue(b)) return false;
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return (a as number) < (b as number);
    case "<=":
      return (a as number) <= (b as number);
    case ">":
      return (a as number) > (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

/**
 * `value in [...]` and `value not in [...]`: both false when the value is unset (`not in` is a
 * test like `!=`, docs/language-notes.md).
 * @param value the tested value
 * @param values the list's values (datetimes as epoch ms when the value is one)
 * @param negated true for `not in`
 * @returns whether the test holds
 */
export function inValues(value: Value, values: ReadonlySet<Value>, negated: boolean): boolean {
  return !isUnsetValue(value) && values.has(value) !== negated;
}

/**
 * `value contains "text"`: false unless the value is non-empty text; case is ignored.
 * @param value the tested value
 * @param needle the text sought, already lower case
 * @returns whether the value's lower case holds the needle
 */
export function containsText(value: Value, needle: string): boolean {
  return typeof value === "string" && value !== "" && value.toLowerCase().includes(needle);
}
