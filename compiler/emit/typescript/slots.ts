// How a generated module holds record values and event data (as core/values.ts does): numbers,
// booleans and text as themselves, dates as `YYYY-MM-DD` text, datetimes as epoch milliseconds,
// `undefined` for unset; each in a property named for its field, with a prefix per kind of slot.
import type { FunnelIR, TypeIR } from "../../../core/ir/types.js";
import { code, join, literal, name, type Code } from "../code.js";

/** The JavaScript type a value of a funnel type is stored as. */
export type Storage = "number" | "string" | "boolean";

/**
 * The JavaScript type a value of `type` is stored as.
 * @param type a field's or event field's declared type
 * @returns number for numbers and datetimes, boolean, or string for the rest
 */
export function storageOf(type: TypeIR): Storage {
  switch (type.kind) {
    case "number":
    case "datetime":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "string";
  }
}

/**
 * A storage type as TypeScript code.
 * @param storage the stored type
 * @returns `number`, `boolean` or `string`
 */
export function storageType(storage: Storage): Code {
  return storage === "number" ? code`number` : storage === "boolean" ? code`boolean` : code`string`;
}

/**
 * The public TypeScript type of a value of `type` (as `state()` shows it and events carry it).
 * @param type a declared type
 * @returns the type as code; an enum is the union of its members
 */
export function publicType(type: TypeIR): Code {
  switch (type.kind) {
    case "number":
      return code`number`;
    case "boolean":
      return code`boolean`;
    case "enum":
      return join(
        type.values.map((v) => literal(v)),
        " | ",
      );
    default:
      return code`string`;
  }
}

/** The record's slot of a field (`f_<name>`). */
export const fieldSlot = (fieldName: string): Code => name(fieldName, "f_");
/** The record's slot of a score's value (`s_<name>`). */
export const scoreSlot = (scoreName: string): Code => name(scoreName, "s_");
/** The record's slot of the points a score's `on` rules earned (`p_<name>`). */
export const pointsSlot = (scoreName: string): Code => name(scoreName, "p_");
/** The record's slot of the bit mask of a score's `when`-only rules that held (`m_<name>`). */
export const maskSlot = (scoreName: string): Code => name(scoreName, "m_");
/** The slot of an event field's value while its event is applied (`e<event number>_<name>`). */
export const dataSlot = (fieldName: string, eventNumber: number): Code =>
  name(fieldName, `e${eventNumber}_`);

/**
 * A score's three slots (points, value, mask) with their types or values.
 * @param scoreName the score
 * @param values code for the points, value and mask slots
 * @param end what follows each (`;` in a type, `,` in an object literal)
 * @returns the three members
 */
export function scoreSlotsCode(
  scoreName: string,
  values: readonly [Code, Code, Code],
  end: Code,
): Code {
  const [points, value, mask] = values;
  return code`${pointsSlot(scoreName)}: ${points}${end}
    ${scoreSlot(scoreName)}: ${value}${end} ${maskSlot(scoreName)}: ${mask}${end}`;
}

/** Bits per word of SET, the fields an event's `set` holds. */
const SET_BITS = 31;

/**
 * Where SET records that an event's `set` holds field number `index`.
 * @param index the field's position in the IR
 * @returns the word of SET and the bit in it
 */
export function setBit(index: number): { word: number; bit: number } {
  return { word: Math.floor(index / SET_BITS), bit: 2 ** (index % SET_BITS) };
}

/**
 * The words SET needs for a funnel's fields.
 * @param ir the funnel
 * @returns at least one
 */
export function setWords(ir: FunnelIR): number {
  return Math.max(1, Math.ceil(ir.fields.length / SET_BITS));
}
