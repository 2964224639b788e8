// Durations (spec §6): the units the language knows, how long each one is, and a duration in
// words. The one table of units for the grammar, the checker, the runtime and the command line.
import type { DurationIR } from "./ir/types.js";

/** Duration units in the singular, shortest first; a plural `s` is allowed after any of them. */
export const DURATION_UNITS = ["minute", "hour", "day", "week", "month", "year"] as const;

export type DurationUnit = (typeof DURATION_UNITS)[number];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Length of one unit in milliseconds. Months and years are calendar steps (spec §6): their
 * shortest and longest lengths differ, and `meanDays` is the Gregorian calendar's average.
 */
const UNIT_LENGTHS: Record<DurationUnit, { shortest: number; longest: number; meanDays?: number }> =
  {
    minute: { shortest: MINUTE, longest: MINUTE },
    hour: { shortest: 60 * MINUTE, longest: 60 * MINUTE },
    day: { shortest: DAY, longest: DAY },
    week: { shortest: 7 * DAY, longest: 7 * DAY },
    month: { shortest: 28 * DAY, longest: 31 * DAY, meanDays: 30.436875 },
    year: { shortest: 365 * DAY, longest: 366 * DAY, meanDays: 365.2425 },
  };

/**
 * The unit a word names, singular or plural.
 * @param word a unit as written, e.g. `days`
 * @returns `day` for `days` or `day`; undefined for a word that is not a unit
 */
export function normalizeUnit(word: string): DurationUnit | undefined {
  const singular = word.endsWith("s") ? word.slice(0, -1) : word;
  return (DURATION_UNITS as readonly string[]).includes(singular)
    ? (singular as DurationUnit)
    : undefined;
}

/**
 * Shortest and longest length of a duration (months and years vary).
 * @param amount how many units
 * @param unit the unit
 * @returns both lengths in milliseconds
 */
export function durationBounds(amount: number, unit: DurationUnit): { min: number; max: number } {
  const length = UNIT_LENGTHS[unit];
  return { min: amount * length.shortest, max: amount * length.longest };
}

/**
 * Average length of a duration: exact for units of a fixed length, the calendar's mean for months
 * and years (for estimates such as the mean delay of generated events, never for due times).
 * @param amount how many units
 * @param unit the unit
 * @returns the length in milliseconds
 */
export function meanDurationMs(amount: number, unit: DurationUnit): number {
  const { shortest, meanDays } = UNIT_LENGTHS[unit];
  return meanDays === undefined ? amount * shortest : amount * meanDays * DAY;
}

/**
 * A duration in words: `{ amount: 6, unit: "month" }` → "6 months", `1 week` → "1 week".
 * @param duration the IR duration
 * @returns the amount as written, then the unit, plural unless the amount is 1
 */
export function describeDuration(duration: DurationIR): string {
  // String(-0) is "0": a negative zero reads as 0.
  return `${String(duration.amount)} ${duration.unit}${duration.amount === 1 ? "" : "s"}`;
}

/** The length of each unit of exact length; the others (month, year) are calendar steps. */
export const EXACT_UNIT_MS: Readonly<Partial<Record<string, number>>> = Object.fromEntries(
  DURATION_UNITS.filter((unit) => UNIT_LENGTHS[unit].shortest === UNIT_LENGTHS[unit].longest).map(
    (unit) => [unit, UNIT_LENGTHS[unit].shortest],
  ),
);
