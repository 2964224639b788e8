// Duration units and lengths, for the checker's comparisons (warn before SLA) and for lowering.
import type * as A from "../../grammar/ast.js";
import { DURATION_UNITS } from "../../grammar/tokens.js";

export type DurationUnit = (typeof DURATION_UNITS)[number];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Shortest and longest length of one unit: months and years are calendar steps (spec §6). */
const UNIT_RANGE: Record<DurationUnit, [number, number]> = {
  minute: [MINUTE, MINUTE],
  hour: [60 * MINUTE, 60 * MINUTE],
  day: [DAY, DAY],
  week: [7 * DAY, 7 * DAY],
  month: [28 * DAY, 31 * DAY],
  year: [365 * DAY, 366 * DAY],
};

/** `days` → `day`; undefined for a word that is not a unit. */
export function normalizeUnit(word: string): DurationUnit | undefined {
  const singular = word.endsWith("s") ? word.slice(0, -1) : word;
  return (DURATION_UNITS as readonly string[]).includes(singular)
    ? (singular as DurationUnit)
    : undefined;
}

/** Shortest and longest length in milliseconds (months vary), or undefined when invalid. */
export function durationRange(duration: A.DurationNode): { min: number; max: number } | undefined {
  const unit = duration.unit && normalizeUnit(duration.unit.name);
  if (!unit) return undefined;
  const [min, max] = UNIT_RANGE[unit];
  return { min: duration.amount * min, max: duration.amount * max };
}
