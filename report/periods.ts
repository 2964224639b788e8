// Time windows and cohort periods for report/ (runtime/ -> report/ -> cli/): `--from`/`--to`
// bounds as epoch milliseconds, and the UTC month or quarter an instant falls in.
import { isDate, parseInstant } from "../core/time.js";

export type CohortBy = "month" | "quarter";

const DAY = 86_400_000;

/**
 * Reads a window bound: a date (`2026-01-31`, midnight UTC; as an end it includes that whole day)
 * or a datetime with a zone (an end is exclusive).
 * @returns epoch ms, or NaN when the text is neither
 */
export function parseBound(text: string, end: boolean): number {
  if (isDate(text)) return Date.parse(`${text}T00:00:00Z`) + (end ? DAY : 0);
  return parseInstant(text);
}

/** `2026-03` or `2026-Q1`: the UTC calendar period of an instant. */
export function periodOf(ms: number, by: CohortBy): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const y = String(year).padStart(4, "0");
  return by === "month"
    ? `${y}-${String(month + 1).padStart(2, "0")}`
    : `${y}-Q${Math.floor(month / 3) + 1}`;
}
