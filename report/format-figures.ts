// Number formats every text renderer shares (table, csv labels, html): percentages with one
// decimal, days with one decimal, and "–" for figures that do not exist (never NaN).
// Layer: runtime/ -> report/ -> cli/.

export const NONE = "–";

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? NONE : `${(share * 100).toFixed(1)}%`;
}

export function days(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : value.toFixed(1);
}

/** A signed difference: "+3", "−1.5 pp", "0". */
export function signed(value: number | null, digits = 0, unit = ""): string {
  if (value === null) return NONE;
  const text = Math.abs(value).toFixed(digits);
  const zero = Number(text) === 0;
  return `${zero ? "" : value > 0 ? "+" : "−"}${text}${unit}`;
}

/** Whole numbers with thousands separators (1 234 567), independent of the machine's locale. */
export function count(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** A count with its noun, singular for exactly one (1 record, 2 000 records). */
export function counted(value: number, singular: string, plural = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : plural}`;
}
