// The engine: runs a compiled funnel (IR) over a stream of events, with the meaning of spec §6.
// Every event ends as applied, duplicate or rejected-with-reason; SLAs run on event time
// (`advanceTo`), never on timers, and survive snapshot/restore exactly.
import { namesReadByScore, scoreOrder as computeScoreOrder } from "../core/ir/reads.js";
import type { DurationIR, FunnelIR, SourceLocation, TypeIR } from "../core/ir/types.js";
import type {
  ApplyResult,
  Cause,
  Counters,
  Engine,
  EngineSnapshot,
  FunnelEvent,
  Outcome,
  RecordView,
  RejectReason,
} from "./api-types.js";
import { PathLog } from "./path-log.js";
import {
  compileCondition,
  type Condition,
  type ConditionScope,
  type EventData,
} from "./conditions.js";
import { addDuration, formatInstant, parseInstant } from "../core/time.js";
import { suggestName } from "../core/suggest.js";
import { coerceJson, coerceValue, INVALID, toJsonValue, type Value } from "../core/values.js";
export type {
  ApplyResult,
  Cause,
  Counters,
  Engine,
  EngineSnapshot,
  FunnelEvent,
  Outcome,
  RecordView,
  RejectReason,
};

interface Rule {
  to: number;
  on: string | null;
  when: Condition | null;
  loc: SourceLocation;
}
interface Stage {
  name: string;
  terminal: boolean;
  rules: Rule[];
  /**
   * The rules that can fire for an event of kind k (`on` it or no `on`), in order: rulesFor[k];
   * rulesFor[kinds] for an SLA's cascade (no event). Built once, so the cascade tests no `on`.
   */
  rulesFor: Rule[][];
  /** Whether the stage has an SLA or a warning (runSlas has something to do). */
  timed: boolean;
  sla: { after: DurationIR; to: number; notify: string[]; loc: SourceLocation } | null;
  warn: { after: DurationIR; notify: string[]; loc: SourceLocation } | null;
}
interface ScoreRule {
  points: number;
  on: string | null;
  when: Condition | null;
}
/**
 * A record is one array (the array and its elements: no further objects to reach per event): first
 * the record's own slots (below): stage, entered and last event times (each split in two small
 * integers, so that storing a time allocates nothing), warned, path (the number of its last entry
 * in the engine's PathLog; -1 for none) and ids (the ids of the events applied at `last`, spec §6
 * duplicates, docs/runtime.md: a replay of the record's latest events is a duplicate; anything
 * older cannot be applied anyway (`out_of_order`), so the list is emptied when the record's time
 * moves on); then, from HEAD, laid out per funnel: fields, scores, the points each score's `on`
 * rules earned, each score's mask of the `when`-only rules that held.
 */
type RecordState = unknown[];
// The record's own slots come first, at fixed places (constants in the compiled code), next to
// the array's length that every access checks: the first read of a record touches one part of it.
const STAGE = 0;
const ENTERED = 1; // and ENTERED + 1
const LAST = 3; // and LAST + 1
const WARNED = 5;
const PATH = 6;
const IDS = 7;
/** Where the values begin: fields, scores, points, masks. */
const HEAD = 8;
/** Times are stored as (high, low) with ms = high · 2^30 + low: both small integers for any instant. */
const TIME_SPLIT = 2 ** 30;

const ISO_OUT = formatInstant;

/** The result of the many events that move nothing: one shared, frozen object. */
const APPLIED_NOTHING: ApplyResult = Object.freeze({
  status: "applied",
  outcomes: Object.freeze([]) as unknown as Outcome[],
});
const SCRATCH: Outcome[] = [];

/**
 * What createEngine compiles from an IR and never changes (stages with their rules and
 * conditions, score rules, event kinds), kept per IR object so that every engine made from one
 * IR (one per scenario in `funnel test`, a fresh one per benchmark run) shares it. V8's optimised
 * code for Core refers to these objects and their shapes: were they an engine's own, that code
 * would be thrown away ("weak objects") and compiled again whenever an old engine is collected.
 * The engine only reads the IR; the reusable `data` arrays of the kinds are scratch space within
 * one synchronous apply(), so engines can share them.
 */
const compiledByIr = new WeakMap<
  FunnelIR,
  { stages: Stage[]; scoreRules: ScoreRule[][]; kinds: Map<string, EventKind> }
>();

/**
 * Builds an engine for a compiled funnel.
 * @param ir the funnel's IR (as `funnel build --target json` writes it)
 * @param snapshot optional state to resume from (from `engine.snapshot()`)
 */
export function createEngine(ir: FunnelIR, snapshot?: EngineSnapshot): Engine {
  // ---------------------------------------------------------------- compile the IR once
  const fieldTypes = new Map<string, TypeIR>();
  const fieldIndex = new Map<string, number>();
  for (const field of ir.fields) {
    fieldIndex.set(field.name, HEAD + fieldIndex.size);
    fieldTypes.set(field.name, field.type);
  }
  const scoreBase = HEAD + fieldIndex.size;
  ir.scores.forEach((score, i) => {
    fieldIndex.set(score.name, scoreBase + i);
    fieldTypes.set(score.name, { kind: "number" });
  });
  const eventTypes = new Map<string, Map<string, TypeIR>>(
    ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type]))]),
  );
  // Event data lives in arrays, one slot per data field name (any event's): conditions read it
  // by index, so one closure serves every field without megamorphic property access.
  const eventSlots = new Map<string, number>();
  const eventSlot = (name: string): number => {
    let slot = eventSlots.get(name);
    if (slot === undefined) eventSlots.set(name, (slot = eventSlots.size));
    return slot;
  };
  for (const fields of eventTypes.values()) for (const name of fields.keys()) eventSlot(name);
  const compileFor = (eventName: string | null) => {
    const scope: ConditionScope = {
      fieldIndex,
      typeOf: (operand) =>
        "field" in operand
          ? fieldTypes.get(operand.field)
          : "event" in operand && eventName
            ? eventTypes.get(eventName)?.get(operand.event)
            : undefined,
      eventSlot,
    };
    return (expr: Parameters<typeof compileCondition>[0] | null) =>
      expr ? compileCondition(expr, scope) : null;
  };
  const stageIndex = new Map(ir.stages.map((s, i) => [s.name, i]));
  const memo = compiledByIr.get(ir);
  const fromAny = memo
    ? []
    : ir.fromAny.map((t) => ({
        to: stageIndex.get(t.to)!,
        on: t.on,
        when: compileFor(t.on)(t.when),
        loc: t.loc,
      }));
  const stages: Stage[] =
    memo?.stages ??
    ir.stages.map((s, i) => ({
      name: s.name,
      terminal: s.kind === "terminal",
      rules:
        s.kind === "terminal"
          ? []
          : [
              ...fromAny.filter((r) => r.to !== i),
              ...s.transitions.map((t) => ({
                to: stageIndex.get(t.to)!,
                on: t.on,
                when: compileFor(t.on)(t.when),
                loc: t.loc,
              })),
            ],
      rulesFor: [],
      timed: (!!s.sla || !!s.warn) && s.kind !== "terminal",
      sla:
        s.sla && s.kind !== "terminal"
          ? {
              after: s.sla.after,
              to: stageIndex.get(s.sla.to)!,
              notify: s.sla.notify,
              loc: s.sla.loc,
            }
          : null,
      warn:
        s.warn && s.kind !== "terminal"
          ? { after: s.warn.after, notify: s.warn.notify, loc: s.warn.loc }
          : null,
    }));
  const kindNames = ["update", ...ir.events.map((e) => e.name)];
  if (!memo)
    for (const stage of stages)
      stage.rulesFor = [
        ...kindNames.map((name) => stage.rules.filter((r) => r.on === null || r.on === name)),
        stage.rules.filter((r) => r.on === null),
      ];
  // The same lists in one flat table (one load per cascade step): ruleTable[stage * kindSpan + k].
  const kindSpan = kindNames.length + 1;
  const ruleTable: Rule[][] = stages.flatMap((stage) => stage.rulesFor);
  const timedStage = Uint8Array.from(stages, (stage) => (stage.timed ? 1 : 0));
  const initial = stageIndex.get(ir.initialStage)!;
  const scoreRules: ScoreRule[][] =
    memo?.scoreRules ??
    ir.scores.map((score) =>
      score.rules.map((r) => ({ points: r.points, on: r.on, when: compileFor(r.on)(r.when) })),
    );
  const scoreOrder = computeScoreOrder(ir);
  const pointsBase = scoreBase + ir.scores.length;
  const maskBase = pointsBase + ir.scores.length;
  const defaults: unknown[] = [
    ...[0, 0, 0, 0, 0, false, -1, undefined],
    ...ir.fields.map((f) =>
      f.default === null
        ? undefined
        : coerceJson(f.default, f.type).ok
          ? (coerceJson(f.default, f.type) as { value: Value }).value
          : undefined,
    ),
    ...ir.scores.map(() => 0),
    ...ir.scores.map(() => 0),
    ...ir.scores.map(() => 0),
  ];

  // ---------------------------------------------------------------- state
  const records = new Map<string, RecordState>();
  const counters: Counters = { applied: 0, duplicate: 0, rejected: {} };

  // Scores (spec §6 step 3): points earned by `on` rules plus the `when`-only rules that hold now,
  // added in written order. Each record keeps, per score, which `when`-only rules held last time
  // (a bit mask), so a score is re-judged only when a field or score its rules read was set in
  // this event, and re-added (same order, same sum) when only its points changed.
  const whenOnly = scoreRules.map((rules) => rules.filter((r) => r.on === null));
  const whenReads: number[][] = ir.scores.map((score) =>
    namesReadByScore(score, "when-only").flatMap((name) =>
      fieldIndex.has(name) ? [fieldIndex.get(name)!] : [],
    ),
  );
  const scoreReads = new Uint8Array(scoreBase + ir.scores.length);
  for (const reads of whenReads) for (const slot of reads) scoreReads[slot] = 1;
  if (whenOnly.some((rules) => rules.length > MASK_BITS)) scoreReads.fill(1);

  const slotCount = eventSlots.size;
  const kindOf = (name: string, fields: ReadonlyMap<string, TypeIR>): EventKind => {
    const slotType = new Array<TypeIR | undefined>(slotCount).fill(undefined);
    for (const [field, type] of fields) slotType[eventSlots.get(field)!] = type;
    return {
      name: interned(name),
      no: kindNames.indexOf(name),
      what: name === "update" ? "an `update` event" : `event \`${name}\``,
      fieldNames: [...fields.keys()],
      slotOf: new Map([...fields.keys()].map((field) => [field, eventSlots.get(field)!])),
      slotType,
      slots: [...fields.keys()].map((field) => eventSlots.get(field)!),
      data: new Array<Value>(slotCount).fill(undefined),
      scoreRules: scoreRules.flatMap((rules, score) =>
        rules.filter((rule) => rule.on === name).map((rule) => ({ score, rule })),
      ),
    };
  };
  const kinds =
    memo?.kinds ??
    new Map<string, EventKind>([
      ["update", kindOf("update", new Map())],
      ...[...eventTypes].map(
        ([name, fields]) => [name, kindOf(name, fields)] as [string, EventKind],
      ),
    ]);

  if (!memo) compiledByIr.set(ir, { stages, scoreRules, kinds });
  const core = new Core({
    stages,
    slaKind: kindNames.length,
    kindSpan,
    ruleTable,
    timedStage,
    initial,
    scoreOrder,
    scoreBase,
    pointsBase,
    maskBase,
    defaults,
    records,
    counters,
    whenOnly,
    whenReads,
    scoreReads,
    touched: new Float64Array(scoreBase + ir.scores.length),
    pointsChanged: new Float64Array(ir.scores.length),
    enteredMark: new Float64Array(stages.length),
    kinds,
    kindList: [...kinds.values()],
    recordFieldIndex: new Map(ir.fields.map((f, i) => [f.name, HEAD + i])),
    fieldTypeList: ir.fields.map((f) => f.type),
    declared: ["update", ...eventTypes.keys()].join(", "),
    typeNames: ["update", ...eventTypes.keys()],
    fieldNames: ir.fields.map((f) => f.name),
    scoreNames: new Set(ir.scores.map((s) => s.name)),
    setIndex: [],
    setValue: [],
    paths: new PathLog(),
  });
  const paths = core.t.paths;
  const timeAt = (r: RecordState, slot: number) => recordTime(r, slot);
  const computeScores = (record: RecordState) => core.refreshScores(record, ++core.touchGen, true);
  const runSlas = (id: string, record: RecordState, until: number, outcomes: Outcome[]) =>
    core.runSlas(id, record, until, outcomes);
  const apply = (input: unknown): ApplyResult => core.apply(input);

  const advanceTo = (time: string): Outcome[] => {
    const until = parseInstant(time);
    if (!Number.isFinite(until))
      throw new RangeError(`advanceTo needs a datetime with a zone, not ${JSON.stringify(time)}`);
    const outcomes: Outcome[] = [];
    for (const [id, record] of records) runSlas(id, record, until, outcomes);
    return outcomes;
  };

  const state = (recordId: string): RecordView | undefined => {
    const record = records.get(recordId);
    if (!record) return undefined;
    const path = paths.read(record[PATH] as number, (stage, at): RecordView["path"][number] => ({
      stage: stages[stage].name,
      at: ISO_OUT(at),
    }));
    return {
      id: recordId,
      stage: stages[record[STAGE] as number].name,
      enteredAt: ISO_OUT(timeAt(record, ENTERED)),
      lastEventAt: ISO_OUT(timeAt(record, LAST)),
      fields: Object.fromEntries(
        ir.fields.map((f, i) => [f.name, toJsonValue(record[HEAD + i] as Value, f.type)]),
      ),
      scores: Object.fromEntries(
        ir.scores.map((s, i) => [s.name, record[scoreBase + i] as number]),
      ),
      path,
    };
  };

  function snapshotOf(): EngineSnapshot {
    return {
      version: 1,
      funnel: ir.funnel.name,
      counters: JSON.parse(JSON.stringify(counters)),
      records: [...records].map(([id, r]) => ({
        id,
        stage: stages[r[STAGE] as number].name,
        entered: ISO_OUT(timeAt(r, ENTERED)),
        last: ISO_OUT(timeAt(r, LAST)),
        warned: r[WARNED] as boolean,
        values: r.slice(HEAD, scoreBase).map((v, i) => toJsonValue(v as Value, ir.fields[i].type)),
        points: r.slice(pointsBase, maskBase) as number[],
        path: paths.read(r[PATH] as number, (stage, at): [string, string] => [
          stages[stage].name,
          ISO_OUT(at),
        ]),
        ids: r[IDS] ? [...(r[IDS] as string[])] : [],
      })),
    };
  }

  function restoreInto(saved: EngineSnapshot) {
    if (saved.version !== 1 || saved.funnel !== ir.funnel.name)
      throw new Error(
        `snapshot is of funnel ${JSON.stringify(saved.funnel)}, not ${JSON.stringify(ir.funnel.name)}`,
      );
    Object.assign(counters, JSON.parse(JSON.stringify(saved.counters)));
    for (const r of saved.records) {
      const stage = stageIndex.get(r.stage);
      if (stage === undefined)
        throw new Error(`snapshot names unknown stage ${JSON.stringify(r.stage)}`);
      let path = -1;
      for (const [s, at] of r.path) {
        const step = stageIndex.get(s);
        if (step === undefined)
          throw new Error(
            `snapshot names unknown stage ${JSON.stringify(s)} in the path of record ${JSON.stringify(r.id)}`,
          );
        path = paths.add(step, parseInstant(at), path);
      }
      const record = core.newRecord(stage, parseInstant(r.entered), parseInstant(r.last), path);
      r.values.forEach(
        (v, i) => (record[HEAD + i] = (coerceJson(v, ir.fields[i].type) as { value: Value }).value),
      );
      r.points.forEach((points, i) => (record[pointsBase + i] = points));
      record[WARNED] = r.warned;
      record[IDS] = r.ids.length ? [...r.ids] : undefined;
      computeScores(record);
      records.set(r.id, record);
    }
  }

  if (snapshot) restoreInto(snapshot);
  return {
    ir,
    apply,
    advanceTo,
    state,
    recordIds: () => records.keys(),
    counters: () => JSON.parse(JSON.stringify(counters)),
    snapshot: snapshotOf,
  };
}

/** More `when`-only rules than bits in a mask: such a score is judged in full every time. */
const MASK_BITS = 30;

const recordTime = (r: RecordState, slot: number): number =>
  (r[slot] as number) * TIME_SPLIT + (r[slot + 1] as number);
const setRecordTime = (r: RecordState, slot: number, ms: number) => {
  const high = Math.floor(ms / TIME_SPLIT);
  r[slot] = high;
  r[slot + 1] = ms - high * TIME_SPLIT;
};
/**
 * The same text as a string V8 has internalized (as it does property keys and literals): `===`
 * between two internalized strings is a pointer test, so an event's type (a literal, or a short
 * string JSON.parse made) is matched to its kind without comparing characters.
 */
const interned = (s: string): string => Object.keys({ [s]: 0 })[0];
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);
/** A missing `record`, `at` or `type`: absent, null or "" (spec §6: all mean unset). */
const isUnset = (x: unknown): boolean => x === undefined || x === null || x === "";
/** The keys of an event (spec §6), for "did you mean" when an event has another. */
const EVENT_KEYS = ["id", "record", "at", "type", "data", "set"];

/** Per event type: its data fields, a reusable array for its coerced data, its score `on` rules. */
interface EventKind {
  name: string;
  /** Its number: index into Stage.rulesFor. */
  no: number;
  what: string;
  /** Its data fields' names, in declared order (for "did you mean"). */
  fieldNames: string[];
  /** Data field name → its slot in `data`. */
  slotOf: ReadonlyMap<string, number>;
  /** The declared type of each slot's field (undefined: not a field of this event). */
  slotType: (TypeIR | undefined)[];
  /** Slots of the declared fields; those of other events' fields stay unset. */
  slots: number[];
  data: Value[];
  scoreRules: { score: number; rule: ScoreRule }[];
}

/** Everything the running engine reads, built once per funnel by createEngine. */
interface Tables {
  stages: Stage[];
  /** The kind number of an SLA's cascade (no event) in ruleTable. */
  slaKind: number;
  kindSpan: number;
  /** ruleTable[stage * kindSpan + kind]: the rules that can fire there, in order (Stage.rulesFor). */
  ruleTable: Rule[][];
  timedStage: Uint8Array;
  initial: number;
  scoreOrder: number[];
  scoreBase: number;
  pointsBase: number;
  maskBase: number;
  defaults: unknown[];
  records: Map<string, RecordState>;
  counters: Counters;
  whenOnly: ScoreRule[][];
  whenReads: number[][];
  /** scoreReads[field] === 1: a score must be brought up to date when `set` changes the field. */
  scoreReads: Uint8Array;
  /** touched[field or score] === generation: set (or changed) in the running step. */
  touched: Float64Array;
  pointsChanged: Float64Array;
  /** Stages entered in the running cascade: enteredMark[stage] === generation (no Set per event). */
  enteredMark: Float64Array;
  kinds: Map<string, EventKind>;
  kindList: EventKind[];
  recordFieldIndex: Map<string, number>;
  fieldTypeList: TypeIR[];
  /** The declared event types, for the `unknown_event` message. */
  declared: string;
  /** The same as a list ("did you mean"), and the record fields' names. */
  typeNames: string[];
  fieldNames: string[];
  scoreNames: Set<string>;
  /** The event's `set`, checked, waiting to be applied: field indexes and values. */
  setIndex: number[];
  setValue: Value[];
  /** The paths of this engine's records. */
  paths: PathLog;
}

/**
 * The running engine: the per-event work, as methods of one class at module level rather than
 * closures made per engine. V8 compiles each closure made by a fresh engine again (measured: the
 * hot functions were optimised once per engine, which cost a third of a 100,000-event run); methods
 * are compiled once and shared by every engine (with compiledByIr, which keeps what they refer to
 * alive).
 */
class Core {
  touchGen = 0;
  generation = 0;
  constructor(readonly t: Tables) {}

  newRecord(stage: number, entered: number, last: number, path: number): RecordState {
    const defaults = this.t.defaults;
    const r = defaults.slice();
    r[STAGE] = stage;
    setRecordTime(r, ENTERED, entered);
    setRecordTime(r, LAST, last);
    r[PATH] = path;
    return r;
  }

  reject(reason: RejectReason, message: string): ApplyResult {
    const counters = this.t.counters;
    counters.rejected[reason] = (counters.rejected[reason] ?? 0) + 1;
    return { status: "rejected", reason, message, outcomes: [] };
  }
  /** `set` or `data` names no declared field: say what is close (the generated module's `unknownField` says the same). */
  unknownField(key: string, what: string, candidates: string[]): ApplyResult {
    const suggestion = this.t.scoreNames.has(key) ? undefined : suggestName(key, candidates);
    const hint = this.t.scoreNames.has(key)
      ? `; \`${key}\` is a score, computed by the funnel`
      : suggestion !== undefined
        ? `; did you mean \`${suggestion}\`?`
        : "";
    return this.reject("unknown_field", `${what} has no field \`${key}\`${hint}`);
  }
  /**
   * The first key of the event that spec §6 does not name, rejected (invalid_event); undefined
   * when there is none. Without this check a misspelt `sett` or `dta` was applied as an event
   * without its changes. One for…in and a switch: no allocation for a good event.
   */
  unknownKey(event: Record<string, unknown>): ApplyResult | undefined {
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
      const suggestion = suggestName(key, EVENT_KEYS);
      return this.reject(
        "invalid_event",
        `unknown key \`${key}\`; ${suggestion !== undefined ? `did you mean \`${suggestion}\`?` : "an event has only id, record, at, type, data and set"}`,
      );
    }
    return undefined;
  }
  wrongType(key: string, value: unknown, type: TypeIR): ApplyResult {
    return this.reject(
      "wrong_type",
      `\`${key}\` must be ${(coerceJson(value, type) as { expected: string }).expected}, not ${JSON.stringify(value)}`,
    );
  }

  judge(record: RecordState, i: number): number {
    const { pointsBase, maskBase, whenOnly } = this.t;
    let total = record[pointsBase + i] as number;
    let mask = 0;
    const rules = whenOnly[i];
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k];
      if (rule.when === null || rule.when(record, undefined)) {
        total += rule.points;
        if (k < MASK_BITS) mask |= 1 << k;
      }
    }
    record[maskBase + i] = mask;
    return total;
  }
  readd(record: RecordState, i: number): number {
    const { pointsBase, maskBase, whenOnly } = this.t;
    let total = record[pointsBase + i] as number;
    const mask = record[maskBase + i] as number;
    const rules = whenOnly[i];
    for (let k = 0; k < rules.length; k++) if (mask & (1 << k)) total += rules[k].points;
    return total;
  }
  /** Brings every score up to date with the step `gen` (all: judge every rule, as for a new record). */
  refreshScores(record: RecordState, gen: number, all: boolean): void {
    const { scoreOrder, whenOnly, whenReads, touched, pointsChanged, scoreBase } = this.t;
    for (let o = 0; o < scoreOrder.length; o++) {
      const i = scoreOrder[o];
      let total: number;
      let dirty = all || whenOnly[i].length > MASK_BITS;
      if (!dirty) {
        const reads = whenReads[i];
        for (let k = 0; k < reads.length; k++) if (touched[reads[k]] === gen) dirty = true;
      }
      if (dirty) total = this.judge(record, i);
      else if (pointsChanged[i] === gen) total = this.readd(record, i);
      else continue;
      if (record[scoreBase + i] !== total) {
        record[scoreBase + i] = total;
        touched[scoreBase + i] = gen;
      }
    }
  }

  enter(
    id: string,
    record: RecordState,
    to: number,
    at: number,
    cause: Cause,
    outcomes: Outcome[],
  ): void {
    const stages = this.t.stages;
    outcomes.push({
      type: "moved",
      record: id,
      from: stages[record[STAGE] as number].name,
      to: stages[to].name,
      at: ISO_OUT(at),
      cause,
    });
    record[STAGE] = to;
    setRecordTime(record, ENTERED, at);
    record[WARNED] = false;
    record[PATH] = this.t.paths.add(to, at, record[PATH] as number);
  }

  /** Step 4 of spec §6: the first rule that matches fires; repeat; never enter a stage twice. */
  cascade(
    id: string,
    record: RecordState,
    at: number,
    kindNo: number,
    eventType: string | null,
    eventId: string | null,
    data: EventData,
    gen: number,
    outcomes: Outcome[],
  ): void {
    const { ruleTable, kindSpan, enteredMark } = this.t;
    for (;;) {
      const rules = ruleTable[(record[STAGE] as number) * kindSpan + kindNo];
      let fired: Rule | undefined;
      for (let k = 0; k < rules.length; k++) {
        const rule = rules[k];
        if (rule.when !== null && !rule.when(record, data)) continue;
        fired = rule;
        break;
      }
      if (!fired || enteredMark[fired.to] === gen) return;
      enteredMark[fired.to] = gen;
      const cause: Cause =
        eventType === null
          ? { kind: "sla", rule: fired.loc }
          : { kind: "event", event: eventId, eventType, rule: fired.loc };
      this.enter(id, record, fired.to, at, cause, outcomes);
    }
  }

  /** Step 1 of spec §6: warnings and breaches due at or before `until`, each at its own time. */
  runSlas(id: string, record: RecordState, until: number, outcomes: Outcome[]): void {
    const { stages, enteredMark } = this.t;
    for (;;) {
      const stage = stages[record[STAGE] as number];
      if (stage.sla === null && stage.warn === null) return;
      const entered = recordTime(record, ENTERED);
      const warnDue =
        stage.warn && !record[WARNED] ? addDuration(entered, stage.warn.after) : Infinity;
      const deadline = stage.sla ? addDuration(entered, stage.sla.after) : Infinity;
      if (warnDue <= until && warnDue < deadline) {
        outcomes.push({
          type: "sla_warning",
          record: id,
          stage: stage.name,
          at: ISO_OUT(warnDue),
          notify: stage.warn!.notify,
          rule: stage.warn!.loc,
        });
        record[WARNED] = true;
        continue;
      }
      if (!stage.sla || deadline > until) return;
      const sla = stage.sla;
      outcomes.push({
        type: "sla_breached",
        record: id,
        stage: stage.name,
        at: ISO_OUT(deadline),
        to: stages[sla.to].name,
        notify: sla.notify,
        rule: sla.loc,
      });
      const left = record[STAGE] as number;
      this.enter(id, record, sla.to, deadline, { kind: "sla", rule: sla.loc }, outcomes);
      // The stage the SLA moved the record out of counts as entered, so the cascade cannot send
      // the record straight back to it (spec §6).
      const gen = ++this.generation;
      enteredMark[left] = gen;
      enteredMark[sla.to] = gen;
      this.cascade(id, record, deadline, this.t.slaKind, null, null, undefined, gen, outcomes);
    }
  }

  /** An event whose `type` names no declared event (the generated module's `unknownType` says the same). */
  unknownType(type: unknown): ApplyResult {
    const declared = `declared: ${this.t.declared}`;
    if (isUnset(type))
      return this.reject("unknown_event", `the event has no \`type\`; ${declared}`);
    if (typeof type !== "string")
      return this.reject(
        "unknown_event",
        `\`type\` must be the name of an event type, not ${JSON.stringify(type)}; ${declared}`,
      );
    const suggestion = suggestName(type, this.t.typeNames);
    return this.reject(
      "unknown_event",
      `unknown event type ${JSON.stringify(type)}; ${suggestion !== undefined ? `did you mean \`${suggestion}\`? ` : ""}${declared}`,
    );
  }

  /** The kind of an event type; few kinds are compared in turn (names are usually interned, so `===` is a pointer test), faster than a Map. */
  kindOfType(type: string): EventKind | undefined {
    const kindList = this.t.kindList;
    if (kindList.length > 8) return this.t.kinds.get(type);
    for (let k = 0; k < kindList.length; k++) if (kindList[k].name === type) return kindList[k];
    return undefined;
  }

  apply(input: unknown): ApplyResult {
    const {
      records,
      counters,
      stages,
      initial,
      timedStage,
      recordFieldIndex,
      fieldTypeList,
      setIndex,
      setValue,
      touched,
      scoreReads,
      pointsBase,
      pointsChanged,
      enteredMark,
    } = this.t;
    if (!isObject(input)) return this.reject("invalid_event", "an event must be a JSON object");
    const event = input as Partial<FunnelEvent>;
    const id = event.record;
    // A misspelt key comes first: `recrd` is better reported as itself than as a missing record.
    if (typeof id !== "string" || id === "")
      return (
        this.unknownKey(input) ??
        this.reject(
          "missing_record",
          isUnset(id)
            ? "the event has no `record` id"
            : `\`record\` must be a text id, not ${JSON.stringify(id)}`,
        )
      );
    // Looked up first: the lookup and the first read of the record mostly wait for memory (at
    // 100,000 records), and the checks below do not depend on it, so the processor runs them meanwhile.
    let record = records.get(id);
    const badKey = this.unknownKey(input);
    if (badKey !== undefined) return badKey;
    const at = typeof event.at === "string" ? parseInstant(event.at) : NaN;
    if (!Number.isFinite(at))
      return this.reject(
        "bad_timestamp",
        isUnset(event.at)
          ? "the event has no `at` time"
          : `\`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not ${JSON.stringify(event.at)}`,
      );
    const type = event.type;
    const kind = typeof type === "string" ? this.kindOfType(type) : undefined;
    if (kind === undefined) return this.unknownType(type);
    if (event.id !== undefined && typeof event.id !== "string")
      return this.reject("invalid_event", "`id` must be a string");
    const rawData = event.data;
    const rawSet = event.set;
    if (rawData !== undefined && !isObject(rawData))
      return this.reject("invalid_event", "`data` must be an object");
    if (rawSet !== undefined && !isObject(rawSet))
      return this.reject("invalid_event", "`set` must be an object");
    // `data`, coerced into the event kind's reusable array (read by conditions only, never kept).
    const data = kind.data;
    // The last event of this type must not leak into this one.
    const slots = kind.slots;
    for (let i = 0; i < slots.length; i++) data[slots[i]] = undefined;
    if (rawData !== undefined) {
      for (const key in rawData) {
        const slot = kind.slotOf.get(key);
        if (slot === undefined) return this.unknownField(key, kind.what, kind.fieldNames);
        const t = kind.slotType[slot]!;
        const v = coerceValue(rawData[key], t);
        if (v === INVALID) return this.wrongType(key, rawData[key], t);
        data[slot] = v;
      }
    }
    let setCount = 0;
    if (rawSet !== undefined) {
      for (const key in rawSet) {
        const index = recordFieldIndex.get(key);
        if (index === undefined) return this.unknownField(key, "the record", this.t.fieldNames);
        const v = coerceValue(rawSet[key], fieldTypeList[index - HEAD]);
        if (v === INVALID) return this.wrongType(key, rawSet[key], fieldTypeList[index - HEAD]);
        setIndex[setCount] = index;
        setValue[setCount] = v;
        setCount++;
      }
    }

    const eventId = event.id ?? null;
    // One scratch list for every event (most events move nothing): copied out when not empty.
    const outcomes = SCRATCH;
    outcomes.length = 0;
    const created = record === undefined;
    if (record) {
      const last = recordTime(record, LAST);
      const ids = record[IDS] as string[] | undefined;
      if (eventId !== null && at === last && ids !== undefined && ids.includes(eventId)) {
        counters.duplicate++;
        return { status: "duplicate", outcomes: [] };
      }
      if (at < last)
        return this.reject(
          "out_of_order",
          `this event (${event.at}) is older than the record's last event (${ISO_OUT(last)})`,
        );
      if (timedStage[record[STAGE] as number] === 1) this.runSlas(id, record, at, outcomes);
    } else {
      record = this.newRecord(initial, at, at, this.t.paths.add(initial, at, -1));
      records.set(id, record);
      outcomes.push({
        type: "moved",
        record: id,
        from: null,
        to: stages[initial].name,
        at: ISO_OUT(at),
        cause: { kind: "created", event: eventId, eventType: kind.name },
      });
    }
    const gen = ++this.touchGen;
    let scoresRead = false;
    for (let i = 0; i < setCount; i++) {
      const slot = setIndex[i];
      record[slot] = setValue[i];
      setValue[i] = undefined;
      touched[slot] = gen;
      if (scoreReads[slot] === 1) scoresRead = true;
    }
    // Unless `set` changed a field some score reads, no score changed (unless the record is new).
    if (created || scoresRead) this.refreshScores(record, gen, created);
    const rules = kind.scoreRules;
    if (rules.length > 0) {
      // The `on` rules are judged with the scores as they are after `set`; then the scores that
      // earned points (and the scores reading them) are brought up to date in a step of their own.
      const earnGen = ++this.touchGen;
      let earned = false;
      for (let k = 0; k < rules.length; k++) {
        const { score, rule } = rules[k];
        if (rule.when === null || rule.when(record, data)) {
          (record[pointsBase + score] as number) += rule.points;
          pointsChanged[score] = earnGen;
          earned = true;
        }
      }
      if (earned) this.refreshScores(record, earnGen, false);
    }
    // Creating a record enters the initial stage, so this event's cascade cannot re-enter it.
    const cascadeGen = ++this.generation;
    if (created) enteredMark[initial] = cascadeGen;
    this.cascade(id, record, at, kind.no, kind.name, eventId, data, cascadeGen, outcomes);
    if (at !== recordTime(record, LAST)) {
      setRecordTime(record, LAST, at);
      record[IDS] = undefined;
    }
    if (eventId !== null) {
      const ids = record[IDS] as string[] | undefined;
      if (ids === undefined) record[IDS] = [eventId];
      else ids.push(eventId);
    }
    counters.applied++;
    // Most events move nothing: one shared, frozen result for them.
    return outcomes.length === 0
      ? APPLIED_NOTHING
      : { status: "applied", outcomes: outcomes.slice() };
  }
}
