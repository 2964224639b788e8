// Reading instants in the engine's own output format fast: every `at` of a move (in the engine's
// outcomes and in the history funnel run writes) has it. Layer: runtime/ -> report/ -> cli/.

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch ms of the engine's own time format `YYYY-MM-DDTHH:MM:SS.mmmZ` (every `at` funnel run
 * writes) by arithmetic (days from the civil date), or NaN for anything else (then parseInstant
 * decides). It runs once per history row.
 */
export function engineInstant(s: string): number {
  if (
    s.length !== 24 ||
    s.charCodeAt(23) !== 90 ||
    s.charCodeAt(19) !== 46 ||
    s.charCodeAt(10) !== 84
  )
    return NaN;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  const h = digit(s, 11) * 10 + digit(s, 12);
  const mi = digit(s, 14) * 10 + digit(s, 15);
  const sec = digit(s, 17) * 10 + digit(s, 18);
  const ms = digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // Any non-digit makes a field NaN or out of range; so does an impossible date.
  if (!(
    y >= 1000 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]) &&
    h <= 23 &&
    mi <= 59 &&
    sec <= 59 &&
    ms >= 0 &&
    ms <= 999
  ))
    return NaN;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return NaN;
  // Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return ((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
}
