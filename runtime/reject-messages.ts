// What the engine says when it rejects an event (docs/runtime.md "What `apply` returns"): the
// messages say what to fix, with a "did you mean" where a name is close. The generated module
// (`-t ts`) carries copies of these functions (scripts/gen-module-runtime.ts), so it says the same.
import type { TypeIR } from "../core/ir/types.js";
import { suggestName } from "../core/suggest.js";
import { coerceJson, isUnsetInput } from "../core/values.js";

/** The keys of an event (spec §6), for "did you mean" when an event has another. */
const EVENT_KEYS = ["id", "record", "at", "type", "data", "set"];

/**
 * @param x a value
 * @returns whether it is a JSON object (not null, not an array)
 */
export const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * The first key of an event that spec §6 does not name. Without this check a misspelt `sett` or
 * `dta` was applied as an event without its changes. One for…in and a switch: no allocation for
 * a good event.
 * @param event the event
 * @returns the key, or undefined when there is none
 */
export function firstUnknownKey(event: Record<string, unknown>): string | undefined {
  for (const key in event) {
    switch (key) {
      case "id":
      case "record":
      case "at":
      case "type":
      case "data":
      case "set":
        continue;
    }
    return key;
  }
  return undefined;
}

/**
 * @param key a key spec §6 does not name
 * @returns the `invalid_event` message for it
 */
export function unknownKeyMessage(key: string): string {
  const suggestion = suggestName(key, EVENT_KEYS);
  const hint =
    suggestion !== undefined
      ? `did you mean \`${suggestion}\`?`
      : "an event has only id, record, at, type, data and set";
  return `unknown key \`${key}\`; ${hint}`;
}

/**
 * @param id the event's `record`, which is not a text id
 * @returns the `missing_record` message
 */
export const missingRecordMessage = (id: unknown): string =>
  isUnsetInput(id)
    ? "the event has no `record` id"
    : `\`record\` must be a text id, not ${JSON.stringify(id)}`;

/**
 * @param at the event's `at`, which is no datetime with a zone
 * @returns the `bad_timestamp` message
 */
export const badTimestampMessage = (at: unknown): string =>
  isUnsetInput(at)
    ? "the event has no `at` time"
    : `\`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not ${JSON.stringify(at)}`;

/**
 * The problem with the shape of an event's `id`, `data` or `set`, in that order.
 * @param id the event's `id`
 * @param data its `data`
 * @param set its `set`
 * @returns the `invalid_event` message, or undefined when all three are well formed
 */
export function eventShapeProblem(id: unknown, data: unknown, set: unknown): string | undefined {
  if (id !== undefined && typeof id !== "string") return "`id` must be a string";
  if (data !== undefined && !isObject(data)) return "`data` must be an object";
  if (set !== undefined && !isObject(set)) return "`set` must be an object";
  return undefined;
}

/**
 * An event whose `type` names no declared event.
 * @param type the event's `type`
 * @param typeNames the declared event types, `update` first
 * @returns the `unknown_event` message
 */
export function unknownTypeMessage(type: unknown, typeNames: readonly string[]): string {
  const declared = `declared: ${typeNames.join(", ")}`;
  if (isUnsetInput(type)) return `the event has no \`type\`; ${declared}`;
  if (typeof type !== "string")
    return `\`type\` must be the name of an event type, not ${JSON.stringify(type)}; ${declared}`;
  const suggestion = suggestName(type, typeNames);
  const hint = suggestion !== undefined ? `did you mean \`${suggestion}\`? ` : "";
  return `unknown event type ${JSON.stringify(type)}; ${hint}${declared}`;
}

/**
 * `set` or `data` names no declared field: say what is close.
 * @param key the name
 * @param owner what has no such field: "the record", "an `update` event", "event `x`"
 * @param candidates the owner's fields
 * @param scoreNames the funnel's scores (`set` of a score: scores are computed)
 * @returns the `unknown_field` message
 */
export function unknownFieldMessage(
  key: string,
  owner: string,
  candidates: readonly string[],
  scoreNames: ReadonlySet<string>,
): string {
  const isScore = scoreNames.has(key);
  const suggestion = isScore ? undefined : suggestName(key, candidates);
  const hint = isScore
    ? `; \`${key}\` is a score, computed by the funnel`
    : suggestion !== undefined
      ? `; did you mean \`${suggestion}\`?`
      : "";
  return `${owner} has no field \`${key}\`${hint}`;
}

/**
 * @param key the field
 * @param value its value in the event
 * @param type its declared type
 * @returns the `wrong_type` message
 */
export function wrongTypeMessage(key: string, value: unknown, type: TypeIR): string {
  const expected = (coerceJson(value, type) as { expected: string }).expected;
  return `\`${key}\` must be ${expected}, not ${JSON.stringify(value)}`;
}
