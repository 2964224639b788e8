// Duration lengths of AST durations, for the checker's comparisons (warn before SLA); the units
// and their lengths are core/durations.ts's.
import type * as A from "../../grammar/ast.js";
import { durationBounds, normalizeUnit } from "../../core/durations.js";

export { normalizeUnit } from "../../core/durations.js";

/** Shortest and longest length in milliseconds (months vary), or undefined when invalid. */
export function durationRange(duration: A.DurationNode): { min: number; max: number } | undefined {
  const unit = duration.unit && normalizeUnit(duration.unit.name);
  if (!unit) return undefined;
  return durationBounds(duration.amount, unit);
}
