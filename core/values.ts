// Record values inside the engine and how input values become them. Representation: numbers,
// booleans and text as themselves, dates as `YYYY-MM-DD` text (ordered as text), datetimes as
// epoch milliseconds; `undefined` is unset (spec §6: absent, null and "" all mean unset).
import type { ScalarValue, TypeIR } from "./ir/types.js";
import { isDate, parseInstant } from "./time.js";

/** A record value, an event's data value or a literal, as the engine holds it. */
export type Value = number | string | boolean | undefined;

export type Coerced = { ok: true; value: Value } | { ok: false; expected: string };

/** What the input coercers (and coerceValue) give for a value of the wrong type. */
export const INVALID: unique symbol = Symbol("invalid");

/**
 * Whether an input value means unset (spec §6: absent, null and "" all do).
 * @param raw a value from an event
 * @returns true for undefined, null and ""
 */
export function isUnsetInput(raw: unknown): boolean {
  return raw === null || raw === undefined || raw === "";
}

// Input values by declared type, one function per type (the `ts` target's modules call the one a
// field needs): each gives the value as held, undefined when unset, or INVALID.

/**
 * A `number` input: a finite number.
 * @param raw the input value
 * @returns the number, undefined or INVALID
 */
export function asNumber(raw: unknown): number | undefined | typeof INVALID {
  if (isUnsetInput(raw)) return undefined;
  return typeof raw === "number" && Number.isFinite(raw) ? raw : INVALID;
}

/**
 * A `boolean` input.
 * @param raw the input value
 * @returns the boolean, undefined or INVALID
 */
export function asBoolean(raw: unknown): boolean | undefined | typeof INVALID {
  if (isUnsetInput(raw)) return undefined;
  return typeof raw === "boolean" ? raw : INVALID;
}

/**
 * A `text` input.
 * @param raw the input value
 * @returns the text, undefined or INVALID
 */
export function asText(raw: unknown): string | undefined | typeof INVALID {
  if (isUnsetInput(raw)) return undefined;
  return typeof raw === "string" ? raw : INVALID;
}

/**
 * An enum input.
 * @param raw the input value
 * @param members the enum's members
 * @returns the member, undefined or INVALID
 */
export function asEnum(
  raw: unknown,
  members: readonly string[],
): string | undefined | typeof INVALID {
  if (isUnsetInput(raw)) return undefined;
  return typeof raw === "string" && members.includes(raw) ? raw : INVALID;
}

/**
 * A `date` input: `YYYY-MM-DD` text naming a real day, kept as that text.
 * @param raw the input value
 * @returns the text, undefined or INVALID
 */
export function asDate(raw: unknown): string | undefined | typeof INVALID {
  if (isUnsetInput(raw)) return undefined;
  return typeof raw === "string" && isDate(raw) ? raw : INVALID;
}

/**
 * A `datetime` input: ISO text with a zone, kept as epoch milliseconds.
 * @param raw the input value
 * @returns the epoch milliseconds, undefined or INVALID
 */
export function asDateTime(raw: unknown): number | undefined | typeof INVALID {
  if (isUnsetInput(raw)) return undefined;
  const ms = typeof raw === "string" ? parseInstant(raw) : NaN;
  return Number.isFinite(ms) ? ms : INVALID;
}

/**
 * Converts a JSON input value to the engine's representation, without a result object.
 * @param value as it came in an event's `data` or `set`
 * @param type the declared type of the field
 * @returns the value (undefined: unset), or INVALID when it has the wrong type
 */
export function coerceValue(value: unknown, type: TypeIR): Value | typeof INVALID {
  switch (type.kind) {
    case "number":
      return asNumber(value);
    case "boolean":
      return asBoolean(value);
    case "text":
      return asText(value);
    case "enum":
      return asEnum(value, type.values);
    case "date":
      return asDate(value);
    case "datetime":
      return asDateTime(value);
  }
}

/**
 * How a type is named in messages (`wrong_type`: "`x` must be a number, not …").
 * @param type a declared type
 * @returns e.g. "a number", `one of "a", "b"`
 */
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
 * @returns the value, or what was expected
 */
export function coerceJson(value: unknown, type: TypeIR): Coerced {
  const coerced = coerceValue(value, type);
  return coerced === INVALID
    ? { ok: false, expected: describeTypeIR(type) }
    : { ok: true, value: coerced };
}

/**
 * Converts a CSV cell (always text) by the declared type; an empty cell is "no change".
 * @param cell the cell's text
 * @param type the declared type of its column's field
 * @returns the value, or what was expected
 */
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

/**
 * An IR literal in the engine's representation (datetimes become epoch ms).
 * @param value the literal as the IR holds it
 * @param type its type
 * @returns the value
 */
export function literalValue(
  value: ScalarValue,
  type: "number" | "text" | "boolean" | "date" | "datetime",
): Value {
  if (type === "datetime") return parseInstant(String(value));
  return value;
}

/**
 * Back to JSON for state views and snapshots: datetimes as ISO text.
 * @param value a record value
 * @param type its field's type
 * @returns the JSON value; null when unset
 */
export function toJsonValue(value: Value, type: TypeIR): ScalarValue | null {
  if (value === undefined) return null;
  if (type.kind === "datetime" && typeof value === "number") return new Date(value).toISOString();
  return value;
}
