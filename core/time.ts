// Time for the engine (spec §6): UTC instants as epoch milliseconds; minutes to weeks are exact
// lengths, months and years are calendar steps with end-of-month clamping. Parsing reads char
// codes (no regex match arrays, no Date objects): it runs once per event. The `ts` target's
// modules carry copies of these declarations (scripts/gen-module-runtime.ts), so index reads say
// `!`: those modules are checked with noUncheckedIndexedAccess.
import { EXACT_UNIT_MS } from "./durations.js";
import type { DurationIR } from "./ir/types.js";

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** 400 Gregorian years: the calendar repeats exactly, so years 0-99 are computed 400 years on. */
const CYCLE_MS = 146_097 * DAY;

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/**
 * Days in a month (proleptic Gregorian; year 0 is a leap year).
 * @param year any year
 * @param month 1-12
 * @returns 28 to 31
 */
export function daysIn(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS[month]!;
}

/**
 * Epoch ms of a UTC civil time. `Date.UTC` reads years 0-99 as 1900-1999; those are computed
 * 400 years later and moved back one cycle.
 * @param y the year, any
 * @param month0 the month, 0-11 (as Date.UTC; more or less carries into the year)
 * @param d the day of the month
 * @param h hours
 * @param mi minutes
 * @param s seconds
 * @param ms milliseconds
 * @returns epoch milliseconds
 */
export function utc(
  y: number,
  month0: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  if (y >= 0 && y <= 99) return Date.UTC(y + 400, month0, d, h, mi, s, ms) - CYCLE_MS;
  return Date.UTC(y, month0, d, h, mi, s, ms);
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil), any year: Date.UTC's day number, without the call and its checks.
 */
function daysFromCivil(y: number, month: number, d: number): number {
  const yy = month <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * Reads an ISO datetime with a zone (`Z` or `±hh:mm`), seconds and up to 9 fraction digits
 * optional.
 * @param s the text
 * @returns epoch milliseconds; NaN when malformed or impossible (Feb 30, 24:00)
 */
export function parseInstant(s: string): number {
  // The grammar ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$.
  const n = s.length;
  if (
    n < 17 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58
  )
    return NaN;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  const h = two(s, 11);
  const mi = two(s, 14);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58 /* : */) {
    sec = two(s, i + 1);
    i += 3;
    if (s.charCodeAt(i) === 46 /* . */) {
      i++;
      let digits = 0;
      while (i < n && digits < 9) {
        const c = digit(s, i);
        if (c !== c) break;
        if (digits < 3) ms = ms * 10 + c;
        digits++;
        i++;
      }
      if (digits === 0) return NaN;
      for (let k = digits; k < 3; k++) ms *= 10;
    }
  }
  let offset = 0;
  const z = s.charCodeAt(i);
  if (z === 90 /* Z */) {
    if (i + 1 !== n) return NaN;
  } else if (z === 43 || z === 45 /* + - */) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return NaN;
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (!(oh <= 23 && om <= 59)) return NaN;
    offset = (z === 45 ? -1 : 1) * (oh * 60 + om) * MINUTE;
  } else return NaN;
  // (NaN, from a non-digit, fails every test.)
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && sec <= 59))
    return NaN;
  // Years 0000-9999 are far inside Date's range (±8.64e15 ms): this is Date.UTC's instant.
  return (daysFromCivil(y, mo, d) * 24 + h) * 3_600_000 + mi * MINUTE + sec * 1000 + ms - offset;
}

/**
 * Whether a text is a date that exists.
 * @param s the text
 * @returns true for `YYYY-MM-DD` naming a real day
 */
export function isDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  return y === y && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
/** 9999-12-31T23:59:59.999Z: after it (and before year 0) toISOString writes six-digit years. */
const LAST_FOUR_DIGIT_MS = 253_402_300_799_999;
const FIRST_FOUR_DIGIT_MS = -62_167_219_200_000;

let lastMs = NaN;
let lastText = "";
/**
 * ISO text of an instant, always UTC with milliseconds (the engine's one output form): the text
 * of `Date.prototype.toISOString`, computed from the day number (H. Hinnant's civil-from-days),
 * which is several times faster; the last result is remembered (an event's moves share its time).
 * @param ms epoch milliseconds
 * @returns e.g. `2026-01-31T09:30:00.000Z`
 */
export function formatInstant(ms: number): string {
  if (ms === lastMs) return lastText;
  let text: string;
  if (ms >= FIRST_FOUR_DIGIT_MS && ms <= LAST_FOUR_DIGIT_MS && Number.isInteger(ms)) {
    const days = Math.floor(ms / DAY);
    let rest = ms - days * DAY;
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
    );
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / MINUTE);
    rest -= minutes * MINUTE;
    const seconds = Math.floor(rest / 1000);
    const yearText = year >= 1000 ? String(year) : PAD3[year]!.padStart(4, "0");
    text =
      yearText +
      "-" +
      PAD2[month]! +
      "-" +
      PAD2[day]! +
      "T" +
      PAD2[hours]! +
      ":" +
      PAD2[minutes]! +
      ":" +
      PAD2[seconds]! +
      "." +
      PAD3[rest - seconds * 1000]! +
      "Z";
  } else {
    text = new Date(ms).toISOString();
  }
  lastMs = ms;
  lastText = text;
  return text;
}

/**
 * Adds a duration to an instant.
 * @param ms epoch milliseconds
 * @param duration amount and unit; months and years step the calendar and clamp the day
 * @returns epoch milliseconds
 */
export function addDuration(ms: number, duration: DurationIR): number {
  const exact = EXACT_UNIT_MS[duration.unit];
  if (exact !== undefined) return ms + duration.amount * exact;
  return addMonths(ms, calendarMonths(duration));
}

/**
 * The calendar months a duration of months or years steps.
 * @param duration a duration whose unit is not in EXACT_UNIT_MS
 * @returns its amount in months
 */
export function calendarMonths(duration: DurationIR): number {
  return duration.amount * (duration.unit === "year" ? 12 : 1);
}

/**
 * Steps calendar months, the day clamped to the target month's last (Jan 31 + 1 month =
 * Feb 28/29).
 * @param ms epoch milliseconds
 * @param months how many months on (negative: back)
 * @returns epoch milliseconds, the time of day kept
 */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysIn(year, month + 1));
  return utc(
    year,
    month,
    day,
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}
