// Parsers for option values that commander hands over as text, shared by every command's options.
import { InvalidArgumentError } from "commander";

/**
 * A commander argument parser for whole numbers of at least `min` (digits only: no `1e3`, `0x10`
 * or `2.0`); anything else is a usage error naming what was expected.
 * @param min the smallest value allowed
 */
export function wholeNumber(min: number): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number, ${min} or more`);
    return n;
  };
}
