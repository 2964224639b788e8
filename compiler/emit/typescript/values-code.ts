// Code for the funnel's data that several sections write: lists of names, source locations and
// objects keyed by funnel names.
import type { SourceLocation } from "../../../core/ir/types.js";
import { code, join, literal, type Code } from "../code.js";

/**
 * A source location as an object literal (the `rule` of outcomes and causes).
 * @param loc where a rule, SLA or warning is written
 * @returns the object literal
 */
export function locCode(loc: SourceLocation): Code {
  const { line, column, endLine, endColumn } = loc;
  return code`{ file: ${literal(loc.file)}, line: ${line}, column: ${column},
    endLine: ${endLine}, endColumn: ${endColumn} }`;
}

/**
 * An array literal of strings.
 * @param values funnel names or texts
 * @returns `["a", "b"]`
 */
export function stringList(values: readonly string[]): Code {
  return code`[${join(
    values.map((v) => literal(v)),
    ", ",
  )}]`;
}

/**
 * An object literal with funnel names as keys: computed keys, so `__proto__` is an own property.
 * @param entries key and value code
 * @returns `{ ["a"]: …, ["b"]: … }`
 */
export function nameKeyed(entries: [string, Code][]): Code {
  if (!entries.length) return code`{}`;
  return code`{ ${join(
    entries.map(([key, value]) => code`[${literal(key)}]: ${value}`),
    ", ",
  )} }`;
}
