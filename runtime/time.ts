// Time for the engine (spec §6): UTC instants as epoch milliseconds; minutes to weeks are exact
// lengths, months and years are calendar steps with end-of-month clamping.
import type { DurationIR } from "../compiler/ir/types.js";

const MINUTE = 60_000;
const EXACT: Record<string, number> = { minute: MINUTE, hour: 60 * MINUTE, day: 1440 * MINUTE, week: 7 * 1440 * MINUTE };

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Epoch ms of an ISO datetime with a zone (`Z` or `±hh:mm`); NaN when malformed or impossible. */
export function parseInstant(text: string): number {
  const m = INSTANT.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return NaN;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  let offset = 0;
  if (m[8] !== "Z") {
    const sign = m[8][0] === "-" ? -1 : 1;
    const [oh, om] = m[8].slice(1).split(":").map(Number);
    if (oh > 23 || om > 59) return NaN;
    offset = sign * (oh * 60 + om) * MINUTE;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset;
}

/** Whether `YYYY-MM-DD` names a real day. */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** ISO text of an instant, always UTC with milliseconds (the engine's one output form). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Adds a duration to an instant.
 * @param ms epoch milliseconds
 * @param duration amount and unit; months and years step the calendar and clamp the day
 */
export function addDuration(ms: number, duration: DurationIR): number {
  const exact = EXACT[duration.unit];
  if (exact !== undefined) return ms + duration.amount * exact;
  const months = duration.amount * (duration.unit === "year" ? 12 : 1);
  const date = new Date(ms);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysIn(year, month + 1));
  return Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
}
