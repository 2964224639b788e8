// The running engine: an event's way through spec §6 (checks, SLAs due, `set`, scores, the
// cascade of transitions) in named steps, over the records of one engine.
import type {
  Counters,
  Cause,
  Outcome,
  ApplyResult,
  FunnelEvent,
  RejectReason,
} from "./api-types.js";
import type { EventData } from "./conditions.js";
import type { Rule, Stage } from "./compiled-rules.js";
import type { EventKind } from "./event-kinds.js";
import type { FunnelTables } from "./funnel-tables.js";
import type { PathLog } from "./path-log.js";
import {
  EVENT_IDS,
  PATH,
  STAGE,
  VALUES_START,
  WARNED,
  enteredAt,
  lastEventAt,
  newRecord,
  numberAt,
  setEnteredAt,
  setLastEventAt,
  type RecordState,
} from "./record-state.js";
import {
  badTimestampMessage,
  eventShapeProblem,
  firstUnknownKey,
  isObject,
  missingRecordMessage,
  unknownFieldMessage,
  unknownKeyMessage,
  unknownTypeMessage,
  wrongTypeMessage,
} from "./reject-messages.js";
import { refreshScores, type ScoreMarks } from "./scores.js";
import { addDuration, formatInstant, parseInstant } from "../core/time.js";
import { coerceValue, INVALID, type Value } from "../core/values.js";

/** The result of the many events that move nothing: one shared, frozen object. */
const APPLIED_NOTHING: ApplyResult = Object.freeze({
  status: "applied",
  outcomes: Object.freeze([]) as unknown as Outcome[],
});
/** One scratch list of outcomes for every event (most move nothing): copied out when not empty. */
const SCRATCH: Outcome[] = [];
/** Few kinds are compared in turn rather than looked up in a Map (see kindOfType). */
const FEW_KINDS = 8;

/**
 * One engine's records and the per-event work on them, as methods of one class at module level
 * rather than closures made per engine. V8 compiles each closure made by a fresh engine again
 * (measured: the hot functions were optimised once per engine, which cost a third of a
 * 100,000-event run); methods are compiled once and shared by every engine (with funnelTables,
 * which keeps what they refer to alive).
 */
export class EngineCore implements ScoreMarks {
  readonly records = new Map<string, RecordState>();
  readonly counters: Counters = { applied: 0, duplicate: 0, rejected: {} };
  readonly touched: Float64Array;
  readonly pointsChanged: Float64Array;
  /** Stages entered in the running cascade: enteredMark[stage] === its number (no Set). */
  readonly enteredMark: Float64Array;
  /** The event's `set`, checked, waiting to be applied: record slots and values, and how many. */
  private readonly setSlots: number[] = [];
  private readonly setValues: Value[] = [];
  private setCount = 0;
  /** How many steps of score updates (see ScoreMarks) and cascades have run: each one's number. */
  private scoreSteps = 0;
  private cascades = 0;
  /** The time of the event apply() applied last (epoch ms); NaN before any. */
  lastAppliedAt = NaN;

  /**
   * @param tables the funnel's tables
   * @param paths the log the paths of this engine's records go to
   */
  constructor(
    readonly tables: FunnelTables,
    readonly paths: PathLog,
  ) {
    // Every field and score slot (the record's values up to its points), and every score.
    this.touched = new Float64Array(tables.pointsStart);
    this.pointsChanged = new Float64Array(tables.pointsStart - tables.scoresStart);
    this.enteredMark = new Float64Array(tables.stages.length);
  }

  /**
   * Applies one event (spec §6): checked, then SLAs due, `set`, scores and the cascade.
   * @param input the event as read
   * @returns applied with its outcomes, duplicate, or rejected with the reason
   */
  apply(input: unknown): ApplyResult {
    if (!isObject(input)) return this.reject("invalid_event", "an event must be a JSON object");
    const event = input as Partial<FunnelEvent>;
    const id = event.record;
    // A misspelt key comes first: `recrd` is better reported as itself than as a missing record.
    if (typeof id !== "string" || id === "")
      return this.unknownKey(input) ?? this.reject("missing_record", missingRecordMessage(id));
    // Looked up first: the lookup and the first read of the record mostly wait for memory (at
    // 100,000 records), and the checks below do not depend on it, so the processor runs them
    // meanwhile.
    const record = this.records.get(id);
    const badKey = this.unknownKey(input);
    if (badKey !== undefined) return badKey;
    const at = typeof event.at === "string" ? parseInstant(event.at) : NaN;
    if (!Number.isFinite(at)) return this.reject("bad_timestamp", badTimestampMessage(event.at));
    const type = event.type;
    const kind = typeof type === "string" ? this.kindOfType(type) : undefined;
    if (kind === undefined)
      return this.reject("unknown_event", unknownTypeMessage(type, this.tables.typeNames));
    // Each read once: events come in many shapes, so every property read of one is a slow one.
    const rawId = event.id;
    const rawData = event.data;
    const rawSet = event.set;
    const shapeProblem = eventShapeProblem(rawId, rawData, rawSet);
    if (shapeProblem !== undefined) return this.reject("invalid_event", shapeProblem);
    // `data`, coerced into the event kind's reusable array (read by conditions only, never kept);
    // here rather than in a method: V8 inlines only so much into apply, and most events have data.
    const data = kind.data;
    // The last event of this type must not leak into this one.
    const slots = kind.slots;
    for (let i = 0; i < slots.length; i++) data[slots[i]] = undefined;
    if (rawData !== undefined) {
      const fields = rawData as Record<string, unknown>;
      for (const key in fields) {
        const slot = kind.slotOf.get(key);
        if (slot === undefined) return this.unknownField(key, kind.description, kind.fieldNames);
        const type = kind.slotType[slot]!;
        const value = coerceValue(fields[key], type);
        if (value === INVALID)
          return this.reject("wrong_type", wrongTypeMessage(key, fields[key], type));
        data[slot] = value;
      }
    }
    const setProblem = this.readSet(rawSet);
    if (setProblem !== undefined) return setProblem;
    return this.applyChecked(id, record, at, kind, (rawId as string | undefined) ?? null, event);
  }

  /**
   * The rest of apply(), for an event that passed its checks (its data read, its `set` waiting in
   * setSlots): duplicates and order, SLAs due, `set`, scores, the cascade.
   */
  private applyChecked(
    id: string,
    existing: RecordState | undefined,
    at: number,
    kind: EventKind,
    eventId: string | null,
    event: Partial<FunnelEvent>,
  ): ApplyResult {
    const outcomes = SCRATCH;
    outcomes.length = 0;
    let record = existing;
    if (record === undefined) record = this.createRecord(id, at, kind, eventId, outcomes);
    else {
      const last = lastEventAt(record);
      const ids = record[EVENT_IDS];
      if (eventId !== null && at === last && ids !== undefined && ids.includes(eventId)) {
        this.counters.duplicate++;
        return { status: "duplicate", outcomes: [] };
      }
      if (at < last)
        return this.reject(
          "out_of_order",
          `this event (${event.at}) is older than the record's last event (${formatInstant(last)})`,
        );
      if (this.tables.timedStage[record[STAGE]] === 1) this.runSlas(id, record, at, outcomes);
    }
    const created = existing === undefined;
    // Step 2 of spec §6: the event's `set`; then the scores that read a field it changed.
    const { setSlots, setValues, touched } = this;
    const scoreReads = this.tables.scoreReads;
    const step = ++this.scoreSteps;
    let scoresRead = false;
    for (let i = 0; i < this.setCount; i++) {
      const slot = setSlots[i];
      record[slot] = setValues[i];
      setValues[i] = undefined;
      touched[slot] = step;
      if (scoreReads[slot] === 1) scoresRead = true;
    }
    // Unless `set` changed a field some score reads, no score changed (unless the record is new).
    if (created || scoresRead) refreshScores(this.tables, this, record, step, created);
    this.earnPoints(record, kind);
    // Creating a record enters the initial stage, so this event's cascade cannot re-enter it.
    const cascadeNumber = ++this.cascades;
    if (created) this.enteredMark[this.tables.initial] = cascadeNumber;
    this.cascade(id, record, at, kind, eventId, kind.data, cascadeNumber, outcomes);
    this.rememberEvent(record, at, eventId);
    this.counters.applied++;
    this.lastAppliedAt = at;
    // Most events move nothing: one shared, frozen result for them.
    return outcomes.length === 0
      ? APPLIED_NOTHING
      : { status: "applied", outcomes: outcomes.slice() };
  }

  /**
   * Runs SLA warnings and breaches due up to `until` for every record.
   * @param time the time, ISO with a zone
   * @returns the outcomes, record by record
   */
  advanceTo(time: string): Outcome[] {
    const until = parseInstant(time);
    if (!Number.isFinite(until))
      throw new RangeError(`advanceTo needs a datetime with a zone, not ${JSON.stringify(time)}`);
    const outcomes: Outcome[] = [];
    for (const [id, record] of this.records) this.runSlas(id, record, until, outcomes);
    return outcomes;
  }

  /**
   * A new record with its values at their defaults; scores are computed by refreshAllScores.
   * @returns the record (not yet in `records`)
   */
  newRecord(stage: number, entered: number, last: number, path: number): RecordState {
    return newRecord(this.tables.template, stage, entered, last, path);
  }

  /** Brings every score of a record up to date, judging every rule (a new or restored record). */
  refreshAllScores(record: RecordState): void {
    refreshScores(this.tables, this, record, ++this.scoreSteps, true);
  }

  /** `set`, checked and coerced into setSlots and setValues; the rejection when a key is wrong. */
  private readSet(rawSet: unknown): ApplyResult | undefined {
    const { recordFieldIndex, fieldTypes, fieldNames } = this.tables;
    this.setCount = 0;
    if (rawSet === undefined) return undefined;
    const fields = rawSet as Record<string, unknown>;
    for (const key in fields) {
      const slot = recordFieldIndex.get(key);
      if (slot === undefined) return this.unknownField(key, "the record", fieldNames);
      const type = fieldTypes[slot - VALUES_START];
      const value = coerceValue(fields[key], type);
      if (value === INVALID)
        return this.reject("wrong_type", wrongTypeMessage(key, fields[key], type));
      this.setSlots[this.setCount] = slot;
      this.setValues[this.setCount] = value;
      this.setCount++;
    }
    return undefined;
  }

  /** A new record in the initial stage, with its `moved` outcome (from nowhere). */
  private createRecord(
    id: string,
    at: number,
    kind: EventKind,
    eventId: string | null,
    outcomes: Outcome[],
  ): RecordState {
    const { initial, stages } = this.tables;
    const record = this.newRecord(initial, at, at, this.paths.add(initial, at, -1));
    this.records.set(id, record);
    outcomes.push({
      type: "moved",
      record: id,
      from: null,
      to: stages[initial].name,
      at: formatInstant(at),
      cause: { kind: "created", event: eventId, eventType: kind.name },
    });
    return record;
  }

  /**
   * The score rules `on` this event's type: judged with the scores as they are after `set`; then
   * the scores that earned points (and the scores reading them) are brought up to date in a step
   * of their own.
   */
  private earnPoints(record: RecordState, kind: EventKind): void {
    const rules = kind.scoreRules;
    if (rules.length === 0) return;
    const { pointsStart } = this.tables;
    const step = ++this.scoreSteps;
    let earned = false;
    for (let k = 0; k < rules.length; k++) {
      const { score, rule } = rules[k];
      if (rule.when === null || rule.when(record, kind.data)) {
        record[pointsStart + score] = numberAt(record, pointsStart + score) + rule.points;
        this.pointsChanged[score] = step;
        earned = true;
      }
    }
    if (earned) refreshScores(this.tables, this, record, step, false);
  }

  /** The record's time moves on to `at` (forgetting older ids); the event's id is remembered. */
  private rememberEvent(record: RecordState, at: number, eventId: string | null): void {
    if (at !== lastEventAt(record)) {
      setLastEventAt(record, at);
      record[EVENT_IDS] = undefined;
    }
    if (eventId === null) return;
    const ids = record[EVENT_IDS];
    if (ids === undefined) record[EVENT_IDS] = [eventId];
    else ids.push(eventId);
  }

  /** The record enters stage `to` at `at`: its `moved` outcome, and its path grows. */
  private enter(
    id: string,
    record: RecordState,
    to: number,
    at: number,
    cause: Cause,
    outcomes: Outcome[],
  ): void {
    const stages = this.tables.stages;
    outcomes.push({
      type: "moved",
      record: id,
      from: stages[record[STAGE]].name,
      to: stages[to].name,
      at: formatInstant(at),
      cause,
    });
    record[STAGE] = to;
    setEnteredAt(record, at);
    record[WARNED] = false;
    record[PATH] = this.paths.add(to, at, record[PATH]);
  }

  /**
   * Step 4 of spec §6: the first rule that matches fires; repeat; never enter a stage twice.
   * @param kind the event's kind, or null for an SLA's cascade (no event)
   */
  private cascade(
    id: string,
    record: RecordState,
    at: number,
    kind: EventKind | null,
    eventId: string | null,
    data: EventData,
    cascadeNumber: number,
    outcomes: Outcome[],
  ): void {
    const { ruleTable, kindSpan, slaColumn } = this.tables;
    const enteredMark = this.enteredMark;
    const column = kind === null ? slaColumn : kind.column;
    for (;;) {
      const rules = ruleTable[record[STAGE] * kindSpan + column];
      let fired: Rule | undefined;
      for (let k = 0; k < rules.length; k++) {
        const rule = rules[k];
        if (rule.when !== null && !rule.when(record, data)) continue;
        fired = rule;
        break;
      }
      if (!fired || enteredMark[fired.to] === cascadeNumber) return;
      enteredMark[fired.to] = cascadeNumber;
      const cause: Cause =
        kind === null
          ? { kind: "sla", rule: fired.loc }
          : { kind: "event", event: eventId, eventType: kind.name, rule: fired.loc };
      this.enter(id, record, fired.to, at, cause, outcomes);
    }
  }

  /** Step 1 of spec §6: warnings and breaches due at or before `until`, each at its own time. */
  private runSlas(id: string, record: RecordState, until: number, outcomes: Outcome[]): void {
    const stages = this.tables.stages;
    for (;;) {
      const stage = stages[record[STAGE]];
      if (stage.sla === null && stage.warn === null) return;
      const entered = enteredAt(record);
      const warnDue =
        stage.warn && !record[WARNED] ? addDuration(entered, stage.warn.after) : Infinity;
      const deadline = stage.sla ? addDuration(entered, stage.sla.after) : Infinity;
      if (warnDue <= until && warnDue < deadline) {
        outcomes.push({
          type: "sla_warning",
          record: id,
          stage: stage.name,
          at: formatInstant(warnDue),
          notify: stage.warn!.notify,
          rule: stage.warn!.loc,
        });
        record[WARNED] = true;
        continue;
      }
      if (!stage.sla || deadline > until) return;
      this.breach(id, record, stage.sla, stage.name, deadline, outcomes);
    }
  }

  /** A breached SLA: its outcome, the move to its target, and the cascade from there. */
  private breach(
    id: string,
    record: RecordState,
    sla: NonNullable<Stage["sla"]>,
    stageName: string,
    deadline: number,
    outcomes: Outcome[],
  ): void {
    outcomes.push({
      type: "sla_breached",
      record: id,
      stage: stageName,
      at: formatInstant(deadline),
      to: this.tables.stages[sla.to].name,
      notify: sla.notify,
      rule: sla.loc,
    });
    const left = record[STAGE];
    this.enter(id, record, sla.to, deadline, { kind: "sla", rule: sla.loc }, outcomes);
    // The stage the SLA moved the record out of counts as entered, so the cascade cannot send
    // the record straight back to it (spec §6).
    const cascadeNumber = ++this.cascades;
    this.enteredMark[left] = cascadeNumber;
    this.enteredMark[sla.to] = cascadeNumber;
    this.cascade(id, record, deadline, null, null, undefined, cascadeNumber, outcomes);
  }

  /**
   * The kind of an event type; few kinds are compared in turn (names are usually interned, so
   * `===` is a pointer test), faster than a Map.
   */
  private kindOfType(type: string): EventKind | undefined {
    const kindList = this.tables.kindList;
    if (kindList.length > FEW_KINDS) return this.tables.kinds.get(type);
    for (let k = 0; k < kindList.length; k++) if (kindList[k].name === type) return kindList[k];
    return undefined;
  }

  /** The event's first key that spec §6 does not name, rejected (invalid_event); or undefined. */
  private unknownKey(event: Record<string, unknown>): ApplyResult | undefined {
    const key = firstUnknownKey(event);
    return key === undefined ? undefined : this.reject("invalid_event", unknownKeyMessage(key));
  }

  /** `set` or `data` names no field of `owner`, rejected (unknown_field). */
  private unknownField(key: string, owner: string, candidates: string[]): ApplyResult {
    const message = unknownFieldMessage(key, owner, candidates, this.tables.scoreNames);
    return this.reject("unknown_field", message);
  }

  /** Counts a rejection; nothing of the event was applied. */
  private reject(reason: RejectReason, message: string): ApplyResult {
    const rejected = this.counters.rejected;
    rejected[reason] = (rejected[reason] ?? 0) + 1;
    return { status: "rejected", reason, message, outcomes: [] };
  }
}
