// Record values inside the engine and how input values become them. Representation: numbers,
// booleans and text as themselves, dates as `YYYY-MM-DD` text (ordered as text), datetimes as
// epoch milliseconds; `undefined` is unset (spec §6: absent, null and "" all mean unset).
import type { ScalarValue, TypeIR } from "./ir/types.js";
import { isDate, parseInstant } from "./time.js";

export type Value = number | string | boolean | undefined;

export type Coerced = { ok: true; value: Value } | { ok: false; expected: string };

export function describeTypeIR(type: TypeIR): string {
  if (type.kind === "enum") return `one of ${type.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (type.kind === "datetime") return "a datetime like 2026-01-31T09:30:00Z";
  if (type.kind === "date") return "a date like 2026-01-31";
  return type.kind === "number" ? "a number" : type.kind === "boolean" ? "true or false" : "text";
}

/**
 * Converts a JSON input value to the engine's representation.
 * @param value as it came in an event's `data` or `set`
 * @param type the declared type of the field
 */
export function coerceJson(value: unknown, type: TypeIR): Coerced {
  if (value === null || value === undefined || value === "") return { ok: true, value: undefined };
  switch (type.kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, expected: describeTypeIR(type) };
    case "boolean":
      return typeof value === "boolean"
        ? { ok: true, value }
        : { ok: false, expected: describeTypeIR(type) };
    case "text":
      return typeof value === "string"
        ? { ok: true, value }
        : { ok: false, expected: describeTypeIR(type) };
    case "enum":
      return typeof value === "string" && type.values.includes(value)
        ? { ok: true, value }
        : { ok: false, expected: describeTypeIR(type) };
    case "date":
      return typeof value === "string" && isDate(value)
        ? { ok: true, value }
        : { ok: false, expected: describeTypeIR(type) };
    case "datetime": {
      const ms = typeof value === "string" ? parseInstant(value) : NaN;
      return Number.isFinite(ms)
        ? { ok: true, value: ms }
        : { ok: false, expected: describeTypeIR(type) };
    }
  }
}

/** Converts a CSV cell (always text) by the declared type; an empty cell is "no change". */
export function coerceCell(cell: string, type: TypeIR): Coerced {
  if (type.kind === "number") {
    return /^-?\d+(?:\.\d+)?$/.test(cell.trim())
      ? { ok: true, value: Number(cell) }
      : { ok: false, expected: describeTypeIR(type) };
  }
  if (type.kind === "boolean") {
    const lower = cell.trim().toLowerCase();
    return lower === "true" || lower === "false"
      ? { ok: true, value: lower === "true" }
      : { ok: false, expected: describeTypeIR(type) };
  }
  return coerceJson(cell, type);
}

/** An IR literal in the engine's representation (datetimes become epoch ms). */
export function literalValue(
  value: ScalarValue,
  type: "number" | "text" | "boolean" | "date" | "datetime",
): Value {
  if (type === "datetime") return parseInstant(String(value));
  return value;
}

/** Back to JSON for state views and snapshots: datetimes as ISO text. */
export function toJsonValue(value: Value, type: TypeIR): ScalarValue | null {
  if (value === undefined) return null;
  if (type.kind === "datetime" && typeof value === "number") return new Date(value).toISOString();
  return value;
}

/** Sentinel of coerceValue for a value of the wrong type. */
export const INVALID: unique symbol = Symbol("invalid");
/** coerceJson without the result object: the value, or INVALID. */
export function coerceValue(value: unknown, type: TypeIR): Value | typeof INVALID {
  if (value === null || value === undefined || value === "") return undefined;
  switch (type.kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : INVALID;
    case "boolean":
      return typeof value === "boolean" ? value : INVALID;
    case "text":
      return typeof value === "string" ? value : INVALID;
    case "enum":
      return typeof value === "string" && type.values.includes(value) ? value : INVALID;
    case "date":
      return typeof value === "string" && isDate(value) ? value : INVALID;
    case "datetime": {
      const ms = typeof value === "string" ? parseInstant(value) : NaN;
      return Number.isFinite(ms) ? ms : INVALID;
    }
  }
}
