// The engine's record: one array per record (no further objects to reach per event), as a
// documented tuple with named slots, and the accessors for what a slot does not hold as is.
import type { Value } from "../core/values.js";

/**
 * One record of the engine. First the record's own slots, at fixed places next to the array's
 * length that every access checks, so that the first read of a record touches one part of it:
 * - the stage it is in (an index of ir.stages);
 * - when it entered that stage, and the time of its last applied event: each epoch ms split in two
 *   small integers (high, low), so that storing a time allocates nothing (see enteredAt);
 * - whether the stage's SLA warning has been given in this visit;
 * - the number of its last entry in the engine's PathLog (-1 for none);
 * - the ids of the events applied at its last event time (spec §6 duplicates, docs/runtime.md: a
 *   replay of the record's latest events is a duplicate; anything older cannot be applied anyway,
 *   `out_of_order`, so the list is emptied when the record's time moves on); undefined for none.
 *
 * Then, from VALUES_START, laid out per funnel (RecordLayout): the fields' values, the scores, the
 * points each score's `on` rules earned, and per score the mask of its `when`-only rules that held.
 */
export type RecordState = [
  stage: number,
  enteredHigh: number,
  enteredLow: number,
  lastHigh: number,
  lastLow: number,
  warned: boolean,
  path: number,
  eventIds: string[] | undefined,
  ...values: Value[],
];

// The record's own slots by name, in the tuple's order (the compiled code reads constants).
export const STAGE = 0;
export const ENTERED_HIGH = 1;
export const ENTERED_LOW = 2;
export const LAST_HIGH = 3;
export const LAST_LOW = 4;
export const WARNED = 5;
export const PATH = 6;
export const EVENT_IDS = 7;
/** Where the per-funnel values begin: fields, scores, points, masks. */
export const VALUES_START = 8;

/** Where each part of the per-funnel values begins (fields start at VALUES_START). */
export interface RecordLayout {
  scoresStart: number;
  pointsStart: number;
  masksStart: number;
}

/** Times are stored as (high, low), ms = high · 2^30 + low: small integers for any instant. */
const TIME_SPLIT = 2 ** 30;

/**
 * The time a record entered its stage.
 * @param record the record
 * @returns epoch ms
 */
export const enteredAt = (record: RecordState): number =>
  record[ENTERED_HIGH] * TIME_SPLIT + record[ENTERED_LOW];

/**
 * The time of a record's last applied event.
 * @param record the record
 * @returns epoch ms
 */
export const lastEventAt = (record: RecordState): number =>
  record[LAST_HIGH] * TIME_SPLIT + record[LAST_LOW];

/**
 * Sets the time a record entered its stage.
 * @param record the record
 * @param ms epoch ms
 */
export const setEnteredAt = (record: RecordState, ms: number): void =>
  setTime(record, ENTERED_HIGH, ms);

/**
 * Sets the time of a record's last applied event.
 * @param record the record
 * @param ms epoch ms
 */
export const setLastEventAt = (record: RecordState, ms: number): void =>
  setTime(record, LAST_HIGH, ms);

/** Stores a time in its two slots: the high part at `high`, the low part right after it. */
function setTime(record: RecordState, high: typeof ENTERED_HIGH | typeof LAST_HIGH, ms: number) {
  const highPart = Math.floor(ms / TIME_SPLIT);
  record[high] = highPart;
  record[high + 1] = ms - highPart * TIME_SPLIT;
}

/**
 * A value of the per-funnel values (a field's; or a score, points or mask).
 * @param record the record
 * @param slot the slot (VALUES_START and later)
 * @returns the value there
 */
export const valueAt = (record: RecordState, slot: number): Value => record[slot] as Value;

/**
 * A number of the per-funnel values that hold only numbers (scores, points and masks).
 * @param record the record
 * @param slot the slot (RecordLayout's scoresStart and later)
 * @returns the number there
 */
export const numberAt = (record: RecordState, slot: number): number => record[slot] as number;

/**
 * A record with its own slots at their zero values and the values of a new record.
 * @param fieldDefaults each field's default (undefined: none), in declared order
 * @param scoreCount how many scores the funnel has
 * @returns the template that new records are copied from
 */
export function recordTemplate(fieldDefaults: Value[], scoreCount: number): RecordState {
  return [
    0,
    0,
    0,
    0,
    0,
    false,
    -1,
    undefined,
    ...fieldDefaults,
    // Scores, the points their `on` rules earned, and their masks.
    ...new Array<number>(scoreCount * 3).fill(0),
  ];
}

/**
 * A new record, copied from the template.
 * @param template from recordTemplate
 * @param stage its stage
 * @param entered when it entered the stage (epoch ms)
 * @param last the time of its last event (epoch ms)
 * @param path the number of its last PathLog entry
 * @returns the record
 */
export function newRecord(
  template: RecordState,
  stage: number,
  entered: number,
  last: number,
  path: number,
): RecordState {
  const record = template.slice() as RecordState;
  record[STAGE] = stage;
  setEnteredAt(record, entered);
  setLastEventAt(record, last);
  record[PATH] = path;
  return record;
}
