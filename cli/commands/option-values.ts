// Parsers for option values that commander hands over as text, shared by every command's options.
import { InvalidArgumentError } from "commander";
import { isDate } from "../../core/time.js";

/**
 * A commander argument parser for whole numbers of at least `min` (digits only: no `1e3`, `0x10`
 * or `2.0`); anything else is a usage error naming what was expected.
 * @param min the smallest value allowed
 */
export function wholeNumber(min: number): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number, ${min} or more`);
    return n;
  };
}

const DAY_MS = 86_400_000;

/**
 * A commander argument parser for --as-of: a datetime with a zone passes as it is; a plain date
 * (2025-01-31) means the end of that day, as `report --to` does: 00:00Z of the next day, so that
 * every event of that day counts. Anything else passes too, for the command to reject (FN6015).
 */
export function asOfValue(value: string): string {
  return isDate(value)
    ? new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS).toISOString().replace(".000Z", "Z")
    : value;
}
