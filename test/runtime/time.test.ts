// The engine's time functions (core/time.ts) against JavaScript's own Date: the char-code
// parser against Date.parse on valid, impossible and mangled timestamps (leap years, years
// 0000-0099, fractions, offsets), the ISO writer against toISOString, and month steps with
// end-of-month clamping.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, formatInstant, isDate, parseInstant } from "../../core/time.js";

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

/**
 * Years biased to the interesting ones: 0000-0099 (Date.UTC's 1900 quirk), centuries, leap years.
 */
const year = fc.oneof(
  fc.integer({ min: 0, max: 99 }),
  fc.constantFrom(100, 1600, 1900, 2000, 2100, 2024, 2400, 9999),
  fc.integer({ min: 0, max: 9999 }),
);
const zone = fc.oneof(
  fc.constant("Z"),
  fc
    .tuple(
      fc.constantFrom("+", "-"),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
    )
    .map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`),
);
/** A timestamp of the accepted grammar with a real day: [text, year, month, day]. */
const validInstant = fc
  .record({
    y: year,
    mo: fc.integer({ min: 1, max: 12 }),
    dayPick: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.option(fc.integer({ min: 0, max: 59 })),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/)),
    zone,
  })
  .map(({ y, mo, dayPick, h, mi, s, fraction, zone }) => {
    const d = Math.min(dayPick, monthDays(y, mo));
    const seconds = s === null ? "" : `:${pad(s, 2)}${fraction === null ? "" : `.${fraction}`}`;
    return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}${seconds}${zone}`;
  });

describe("parseInstant", () => {
  it("reads every valid timestamp as Date.parse does, years 0000-0099 included", () => {
    fc.assert(
      fc.property(validInstant, (text) => {
        expect(parseInstant(text)).toBe(Date.parse(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads years 0000-0099 as those years, not as 1900-1999", () => {
    expect(formatInstant(parseInstant("0050-06-01T00:00:00Z"))).toBe("0050-06-01T00:00:00.000Z");
    expect(parseInstant("0000-02-29T12:00:00Z")).toBe(Date.parse("0000-02-29T12:00:00Z")); // year 0 is a leap year
    expect(parseInstant("0099-12-31T23:59:59.999Z") + 1).toBe(parseInstant("0100-01-01T00:00:00Z"));
  });

  it("rejects days a month does not have (Date.parse rolls them over), leap years by the Gregorian rule", () => {
    expect(parseInstant("2024-02-29T00:00:00Z")).toBe(Date.parse("2024-02-29T00:00:00Z"));
    for (const text of [
      "2026-02-29T00:00:00Z",
      "1900-02-29T00:00:00Z",
      "2100-02-29T00:00:00Z",
      "2026-04-31T00:00:00Z",
      "0001-02-29T00:00:00Z",
      "2026-00-10T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-01-00T00:00:00Z",
    ]) {
      expect(parseInstant(text), text).toBeNaN();
    }
    expect(parseInstant("2000-02-29T00:00:00Z")).toBe(Date.parse("2000-02-29T00:00:00Z"));
    fc.assert(
      fc.property(
        year,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (y, mo, over) => {
          const d = monthDays(y, mo) + over;
          if (d > 99) return;
          expect(parseInstant(`${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T00:00:00Z`)).toBeNaN();
        },
      ),
    );
  });

  it("rejects what is not the grammar: no zone, 24:00, seconds 60, offsets past 23:59, spaces, signs, short fields", () => {
    for (const text of [
      "2026-03-01T10:00:00",
      "2026-03-01 10:00:00Z",
      "2026-03-01T24:00:00Z",
      "2026-03-01T10:60:00Z",
      "2026-03-01T10:00:60Z",
      "2026-03-01T10:00:00+24:00",
      "2026-03-01T10:00:00+01:60",
      "2026-03-01T10:00:00+0100",
      "2026-03-01T10:00:00.Z",
      "2026-03-01T10:00:00.1234567890Z",
      "2026-3-01T10:00:00Z",
      "+2026-03-01T10:00:00Z",
      "2026-03-01T10:00:00z",
      "2026-03-01T10:00:00Zx",
      "2026-03-01",
      "",
      "２０２６-03-01T10:00:00Z",
    ]) {
      expect(parseInstant(text), text).toBeNaN();
    }
  });

  it("on mangled timestamps gives NaN or exactly Date.parse's instant, never anything else", () => {
    const mangled = fc
      .tuple(
        validInstant,
        fc.nat(40),
        fc.constantFrom("", "0", "9", ":", "-", "T", "Z", "+", ".", " ", "x", "1"),
      )
      .map(([text, at, ch]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + ch + text.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(mangled, fc.string()), (text) => {
        const ms = parseInstant(text);
        if (!Number.isNaN(ms)) expect(ms).toBe(Date.parse(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isDate", () => {
  it("accepts exactly the real days written YYYY-MM-DD", () => {
    fc.assert(
      fc.property(
        year,
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, mo, d) => {
          const real = mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays(y, mo);
          expect(isDate(`${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`)).toBe(real);
        },
      ),
    );
    for (const text of [
      "2026-1-01",
      "2026-01-01T00:00:00Z",
      "20260101",
      "2026-01-0x",
      " 2026-01-01",
    ])
      expect(isDate(text), text).toBe(false);
  });
});

describe("formatInstant", () => {
  it("writes the text toISOString writes, for years 0000-9999 and beyond", () => {
    const edges = [
      0, -1, 1, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000,
      951_782_400_000, -2_208_988_800_000, 8.64e15, -8.64e15,
    ];
    for (const ms of edges) expect(formatInstant(ms), String(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(
        fc.integer({ min: -8.64e15, max: 8.64e15 }),
        fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
        (anywhere, fourDigitYears) => {
          expect(formatInstant(anywhere)).toBe(new Date(anywhere).toISOString());
          expect(formatInstant(fourDigitYears)).toBe(new Date(fourDigitYears).toISOString());
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("throws on an instant that is not a time, as toISOString does", () => {
    expect(() => formatInstant(NaN)).toThrow(RangeError);
  });
});

describe("addMonths", () => {
  it("steps calendar months and clamps the day to the month's last, in years 0000-0099 too", () => {
    expect(formatInstant(addMonths(Date.parse("2026-01-31T10:00:00Z"), 1))).toBe(
      "2026-02-28T10:00:00.000Z",
    );
    expect(formatInstant(addMonths(Date.parse("2024-01-31T10:00:00Z"), 1))).toBe(
      "2024-02-29T10:00:00.000Z",
    );
    expect(formatInstant(addMonths(Date.parse("2024-02-29T00:00:00Z"), 12))).toBe(
      "2025-02-28T00:00:00.000Z",
    );
    expect(formatInstant(addMonths(parseInstant("0003-08-31T00:00:00Z"), 6))).toBe(
      "0004-02-29T00:00:00.000Z",
    );
    expect(formatInstant(addMonths(parseInstant("0099-12-31T23:59:59.999Z"), 2))).toBe(
      "0100-02-28T23:59:59.999Z",
    );
  });
});
