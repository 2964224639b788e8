// The engine: runs a compiled funnel (IR) over a stream of events, with the meaning of spec §6.
// Every event ends as applied, duplicate or rejected-with-reason; SLAs run on event time
// (`advanceTo`), never on timers, and survive snapshot/restore exactly.
import type { DurationIR, FunnelIR, SourceLocation, TypeIR } from "../compiler/ir/types.js";
import { compileCondition, type Condition, type ConditionScope } from "./conditions.js";
import { addDuration, formatInstant, parseInstant } from "./time.js";
import { coerceJson, coerceValue, INVALID, toJsonValue, type Value } from "./values.js";

/** One input event (spec §6). `record` may be filled in by the caller (scenarios). */
export interface FunnelEvent {
  id?: string;
  record: string;
  at: string;
  type: string;
  data?: Record<string, unknown>;
  set?: Record<string, unknown>;
}

export type RejectReason =
  | "invalid_event"
  | "missing_record"
  | "bad_timestamp"
  | "unknown_event"
  | "unknown_field"
  | "wrong_type"
  | "out_of_order";

export type Cause =
  | { kind: "created"; event: string | null; eventType: string }
  | { kind: "event"; event: string | null; eventType: string; rule: SourceLocation }
  | { kind: "sla"; rule: SourceLocation };

export type Outcome =
  | { type: "moved"; record: string; from: string | null; to: string; at: string; cause: Cause }
  | { type: "sla_warning"; record: string; stage: string; at: string; notify: string[]; rule: SourceLocation }
  | { type: "sla_breached"; record: string; stage: string; at: string; to: string; notify: string[]; rule: SourceLocation };

export type ApplyResult =
  | { status: "applied"; outcomes: Outcome[] }
  | { status: "duplicate"; outcomes: [] }
  | { status: "rejected"; reason: RejectReason; message: string; outcomes: [] };

export interface Counters {
  applied: number;
  duplicate: number;
  rejected: Partial<Record<RejectReason, number>>;
}

export interface RecordView {
  id: string;
  stage: string;
  enteredAt: string;
  lastEventAt: string;
  fields: Record<string, string | number | boolean | null>;
  scores: Record<string, number>;
  path: { stage: string; at: string }[];
}

/** Everything an engine holds, as JSON: restore gives back an engine that behaves identically. */
export interface EngineSnapshot {
  version: 1;
  funnel: string;
  counters: Counters;
  records: {
    id: string;
    stage: string;
    entered: string;
    last: string;
    warned: boolean;
    values: (string | number | boolean | null)[];
    points: number[];
    path: [string, string][];
    ids: string[];
  }[];
}

export interface Engine {
  readonly ir: FunnelIR;
  /** Applies one event: SLAs due first, then `set`, scores and transitions (spec §6). */
  apply(event: unknown): ApplyResult;
  /** Runs SLA warnings and breaches due up to `time` for every record, without new events. */
  advanceTo(time: string): Outcome[];
  state(recordId: string): RecordView | undefined;
  recordIds(): IterableIterator<string>;
  counters(): Counters;
  snapshot(): EngineSnapshot;
}

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
  sla: { after: DurationIR; to: number; notify: string[]; loc: SourceLocation } | null;
  warn: { after: DurationIR; notify: string[]; loc: SourceLocation } | null;
}
interface ScoreRule {
  points: number;
  on: string | null;
  when: Condition | null;
}
interface RecordState {
  stage: number;
  entered: number;
  last: number;
  warned: boolean;
  /** Fields, then scores, then the points earned so far by each score's `on` rules. */
  values: Value[];
  /** Flattened (stage index, time) pairs; exactly as long as needed (grown by copying). */
  path: number[];
  /**
   * The ids of the events applied at `last` (spec §6 duplicates, docs/runtime.md): a replay of
   * the record's latest events is a duplicate; anything older cannot be applied anyway
   * (`out_of_order`), so the list is emptied when the record's time moves on.
   */
  ids: string[] | undefined;
}

const ISO_OUT = formatInstant;

/**
 * An object with these own properties (all undefined) and no prototype, so a field may be called
 * `__proto__` or `constructor` (names come from users). Made by defining the properties and then
 * dropping the prototype: V8 keeps such an object in fast mode (Object.create(null) starts as a
 * dictionary), so reading and writing its fields is as fast as on any object.
 */
function slotsObject(keys: readonly string[]): Record<string, Value> {
  const object: Record<string, Value> = {};
  for (const key of keys) Object.defineProperty(object, key, { value: undefined, writable: true, enumerable: true, configurable: true });
  return Object.setPrototypeOf(object, null) as Record<string, Value>;
}
/** The result of the many events that move nothing: one shared, frozen object. */
const APPLIED_NOTHING: ApplyResult = Object.freeze({ status: "applied", outcomes: Object.freeze([]) as unknown as Outcome[] });
const SCRATCH: Outcome[] = [];

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
    fieldIndex.set(field.name, fieldIndex.size);
    fieldTypes.set(field.name, field.type);
  }
  const scoreBase = fieldIndex.size;
  ir.scores.forEach((score, i) => {
    fieldIndex.set(score.name, scoreBase + i);
    fieldTypes.set(score.name, { kind: "number" });
  });
  const eventTypes = new Map<string, Map<string, TypeIR>>(ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type]))]));
  const compileFor = (eventName: string | null) => {
    const scope: ConditionScope = {
      fieldIndex,
      typeOf: (operand) => ("field" in operand ? fieldTypes.get(operand.field) : "event" in operand && eventName ? eventTypes.get(eventName)?.get(operand.event) : undefined),
    };
    return (expr: Parameters<typeof compileCondition>[0] | null) => (expr ? compileCondition(expr, scope) : null);
  };
  const stageIndex = new Map(ir.stages.map((s, i) => [s.name, i]));
  const fromAny = ir.fromAny.map((t) => ({ to: stageIndex.get(t.to)!, on: t.on, when: compileFor(t.on)(t.when), loc: t.loc }));
  const stages: Stage[] = ir.stages.map((s, i) => ({
    name: s.name,
    terminal: s.kind === "terminal",
    rules:
      s.kind === "terminal"
        ? []
        : [...fromAny.filter((r) => r.to !== i), ...s.transitions.map((t) => ({ to: stageIndex.get(t.to)!, on: t.on, when: compileFor(t.on)(t.when), loc: t.loc }))],
    sla: s.sla && s.kind !== "terminal" ? { after: s.sla.after, to: stageIndex.get(s.sla.to)!, notify: s.sla.notify, loc: s.sla.loc } : null,
    warn: s.warn && s.kind !== "terminal" ? { after: s.warn.after, notify: s.warn.notify, loc: s.warn.loc } : null,
  }));
  const initial = stageIndex.get(ir.initialStage)!;
  const scoreRules: ScoreRule[][] = ir.scores.map((score) => score.rules.map((r) => ({ points: r.points, on: r.on, when: compileFor(r.on)(r.when) })));
  const scoreOrder = orderScores(ir);
  const defaults: Value[] = [...ir.fields.map((f) => (f.default === null ? undefined : coerceJson(f.default, f.type).ok ? (coerceJson(f.default, f.type) as { value: Value }).value : undefined)), ...ir.scores.map(() => 0), ...ir.scores.map(() => 0), ...ir.scores.map(() => 0)];
  const pointsBase = scoreBase + ir.scores.length;

  // ---------------------------------------------------------------- state
  const records = new Map<string, RecordState>();
  const counters: Counters = { applied: 0, duplicate: 0, rejected: {} };

  const reject = (reason: RejectReason, message: string): ApplyResult => {
    counters.rejected[reason] = (counters.rejected[reason] ?? 0) + 1;
    return { status: "rejected", reason, message, outcomes: [] };
  };

  // Scores (spec §6 step 3): points earned by `on` rules plus the `when`-only rules that hold now,
  // added in written order. Each record keeps, per score, which `when`-only rules held last time
  // (a bit mask), so a score is re-judged only when a field or score its rules read was set in
  // this event, and re-added (same order, same sum) when only its points changed.
  const whenOnly = scoreRules.map((rules) => rules.filter((r) => r.on === null));
  const maskBase = pointsBase + ir.scores.length;
  /** More `when`-only rules than bits in a mask: such a score is judged in full every time. */
  const MASK_BITS = 30;
  const whenReads: number[][] = ir.scores.map((score) => {
    const found = new Set<number>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === "object") {
        const field = (node as { field?: unknown }).field;
        if (typeof field === "string" && fieldIndex.has(field)) found.add(fieldIndex.get(field)!);
        Object.values(node).forEach(visit);
      }
    };
    score.rules.forEach((r) => r.on === null && visit(r.when));
    return [...found];
  });
  /** touched[field or score] === generation: set (or changed) in the running step. */
  const touched = new Float64Array(fieldIndex.size);
  const pointsChanged = new Float64Array(ir.scores.length);
  let touchGen = 0;
  const judge = (record: RecordState, i: number): number => {
    let total = record.values[pointsBase + i] as number;
    let mask = 0;
    const rules = whenOnly[i];
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k];
      if (rule.when === null || rule.when(record.values, undefined)) {
        total += rule.points;
        if (k < MASK_BITS) mask |= 1 << k;
      }
    }
    record.values[maskBase + i] = mask;
    return total;
  };
  const readd = (record: RecordState, i: number): number => {
    let total = record.values[pointsBase + i] as number;
    const mask = record.values[maskBase + i] as number;
    const rules = whenOnly[i];
    for (let k = 0; k < rules.length; k++) if (mask & (1 << k)) total += rules[k].points;
    return total;
  };
  /** Brings every score up to date with the step `gen` (all: judge every rule, as for a new record). */
  const refreshScores = (record: RecordState, gen: number, all: boolean) => {
    for (let o = 0; o < scoreOrder.length; o++) {
      const i = scoreOrder[o];
      let total: number;
      let dirty = all || whenOnly[i].length > MASK_BITS;
      if (!dirty) {
        const reads = whenReads[i];
        for (let k = 0; k < reads.length; k++) if (touched[reads[k]] === gen) dirty = true;
      }
      if (dirty) total = judge(record, i);
      else if (pointsChanged[i] === gen) total = readd(record, i);
      else continue;
      if (record.values[scoreBase + i] !== total) {
        record.values[scoreBase + i] = total;
        touched[scoreBase + i] = gen;
      }
    }
  };
  const computeScores = (record: RecordState) => refreshScores(record, ++touchGen, true);

  const enter = (id: string, record: RecordState, to: number, at: number, cause: Cause, outcomes: Outcome[]) => {
    outcomes.push({ type: "moved", record: id, from: stages[record.stage].name, to: stages[to].name, at: ISO_OUT(at), cause });
    record.stage = to;
    record.entered = at;
    record.warned = false;
    // Exact-size copy: push() would over-allocate (capacity n + n/2 + 16) and the spare room stays.
    const old = record.path;
    const path = new Array<number>(old.length + 2);
    for (let i = 0; i < old.length; i++) path[i] = old[i];
    path[old.length] = to;
    path[old.length + 1] = at;
    record.path = path;
  };

  /** Step 4 of spec §6: the first rule that matches fires; repeat; never enter a stage twice. */
  // Stages entered in the running cascade: enteredMark[stage] === generation (no Set per event).
  const enteredMark = new Float64Array(stages.length);
  let generation = 0;
  const cascade = (id: string, record: RecordState, at: number, eventType: string | null, eventId: string | null, data: Record<string, Value> | undefined, gen: number, outcomes: Outcome[]) => {
    for (;;) {
      const stage = stages[record.stage];
      let fired: Rule | undefined;
      for (const rule of stage.rules) {
        if (rule.on !== null && rule.on !== eventType) continue;
        if (rule.when !== null && !rule.when(record.values, data)) continue;
        fired = rule;
        break;
      }
      if (!fired || enteredMark[fired.to] === gen) return;
      enteredMark[fired.to] = gen;
      const cause: Cause = eventType === null ? { kind: "sla", rule: fired.loc } : { kind: "event", event: eventId, eventType, rule: fired.loc };
      enter(id, record, fired.to, at, cause, outcomes);
    }
  };

  /** Step 1 of spec §6: warnings and breaches due at or before `until`, each at its own time. */
  const runSlas = (id: string, record: RecordState, until: number, outcomes: Outcome[]) => {
    for (;;) {
      const stage = stages[record.stage];
      const warnDue = stage.warn && !record.warned ? addDuration(record.entered, stage.warn.after) : Infinity;
      const deadline = stage.sla ? addDuration(record.entered, stage.sla.after) : Infinity;
      if (warnDue <= until && warnDue < deadline) {
        outcomes.push({ type: "sla_warning", record: id, stage: stage.name, at: ISO_OUT(warnDue), notify: stage.warn!.notify, rule: stage.warn!.loc });
        record.warned = true;
        continue;
      }
      if (!stage.sla || deadline > until) return;
      const sla = stage.sla;
      outcomes.push({ type: "sla_breached", record: id, stage: stage.name, at: ISO_OUT(deadline), to: stages[sla.to].name, notify: sla.notify, rule: sla.loc });
      const left = record.stage;
      enter(id, record, sla.to, deadline, { kind: "sla", rule: sla.loc }, outcomes);
      // The stage the SLA moved the record out of counts as entered, so the cascade cannot send
      // the record straight back to it (spec §6).
      const gen = ++generation;
      enteredMark[left] = gen;
      enteredMark[sla.to] = gen;
      cascade(id, record, deadline, null, null, undefined, gen, outcomes);
    }
  };

  /** Per event type: its data fields, a reusable object for its coerced data, its score `on` rules. */
  interface EventKind {
    name: string;
    what: string;
    fields: ReadonlyMap<string, TypeIR>;
    data: Record<string, Value>;
    scoreRules: { score: number; rule: ScoreRule }[];
    /** The declared data fields, emptied in `data` before each event of this type. */
    fieldNames: string[];
  }
  const kindOf = (name: string, fields: ReadonlyMap<string, TypeIR>): EventKind => ({
    name,
    what: name === "update" ? "an `update` event" : `event \`${name}\``,
    fields,
    // No prototype: a field may be called `__proto__` or `constructor` (names come from users).
    data: slotsObject([...fields.keys()]),
    scoreRules: scoreRules.flatMap((rules, score) => rules.filter((rule) => rule.on === name).map((rule) => ({ score, rule }))),
    fieldNames: [...fields.keys()],
  });
  const kinds = new Map<string, EventKind>([["update", kindOf("update", new Map())], ...[...eventTypes].map(([name, fields]) => [name, kindOf(name, fields)] as [string, EventKind])]);
  const unknownField = (key: string, what: string) => {
    const hint = ir.scores.some((s) => s.name === key) ? `; \`${key}\` is a score, computed by the funnel` : "";
    return reject("unknown_field", `${what} has no field \`${key}\`${hint}`);
  };
  const wrongType = (key: string, value: unknown, type: TypeIR) => reject("wrong_type", `\`${key}\` must be ${(coerceJson(value, type) as { expected: string }).expected}, not ${JSON.stringify(value)}`);
  const recordFieldIndex = new Map(ir.fields.map((f, i) => [f.name, i]));
  const fieldTypeList = ir.fields.map((f) => f.type);
  // The event's `set`, checked, waiting to be applied: field indexes and values.
  const setIndex: number[] = [];
  const setValue: Value[] = [];
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

  const apply = (input: unknown): ApplyResult => {
    if (!isObject(input)) return reject("invalid_event", "an event must be a JSON object");
    const event = input as Partial<FunnelEvent>;
    if (typeof event.record !== "string" || event.record === "") return reject("missing_record", "the event has no `record` id");
    const at = typeof event.at === "string" ? parseInstant(event.at) : NaN;
    if (!Number.isFinite(at)) return reject("bad_timestamp", `\`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not ${JSON.stringify(event.at)}`);
    const type = event.type;
    const kind = typeof type === "string" ? kinds.get(type) : undefined;
    if (kind === undefined) {
      return reject("unknown_event", `unknown event type ${JSON.stringify(type)}; declared: ${["update", ...eventTypes.keys()].join(", ")}`);
    }
    if (event.id !== undefined && typeof event.id !== "string") return reject("invalid_event", "`id` must be a string");
    const rawData = event.data;
    const rawSet = event.set;
    if (rawData !== undefined && !isObject(rawData)) return reject("invalid_event", "`data` must be an object");
    if (rawSet !== undefined && !isObject(rawSet)) return reject("invalid_event", "`set` must be an object");
    // `data`, coerced into the event kind's reusable object (read by conditions only, never kept).
    const data = kind.data;
    // The last event of this type must not leak into this one.
    const fieldNames = kind.fieldNames;
    for (let i = 0; i < fieldNames.length; i++) data[fieldNames[i]] = undefined;
    if (rawData !== undefined) {
      for (const key in rawData) {
        const t = kind.fields.get(key);
        if (t === undefined) return unknownField(key, kind.what);
        const v = coerceValue(rawData[key], t);
        if (v === INVALID) return wrongType(key, rawData[key], t);
        data[key] = v;
      }
    }
    let setCount = 0;
    if (rawSet !== undefined) {
      for (const key in rawSet) {
        const index = recordFieldIndex.get(key);
        if (index === undefined) return unknownField(key, "the record");
        const v = coerceValue(rawSet[key], fieldTypeList[index]);
        if (v === INVALID) return wrongType(key, rawSet[key], fieldTypeList[index]);
        setIndex[setCount] = index;
        setValue[setCount] = v;
        setCount++;
      }
    }

    const id = event.record;
    const eventId = event.id ?? null;
    let record = records.get(id);
    // One scratch list for every event (most events move nothing): copied out when not empty.
    const outcomes = SCRATCH;
    outcomes.length = 0;
    const created = record === undefined;
    if (record) {
      if (eventId !== null && at === record.last && record.ids !== undefined && record.ids.includes(eventId)) {
        counters.duplicate++;
        return { status: "duplicate", outcomes: [] };
      }
      if (at < record.last) return reject("out_of_order", `this event (${event.at}) is older than the record's last event (${ISO_OUT(record.last)})`);
      runSlas(id, record, at, outcomes);
    } else {
      record = { stage: initial, entered: at, last: at, warned: false, values: defaults.slice(), path: [initial, at], ids: undefined };
      records.set(id, record);
      outcomes.push({ type: "moved", record: id, from: null, to: stages[initial].name, at: ISO_OUT(at), cause: { kind: "created", event: eventId, eventType: kind.name } });
    }
    const gen = ++touchGen;
    for (let i = 0; i < setCount; i++) {
      record.values[setIndex[i]] = setValue[i];
      touched[setIndex[i]] = gen;
    }
    // Without `set` no field changed, so no score did either (unless the record is new).
    if (setCount > 0) {
      setValue.fill(undefined, 0, setCount);
      refreshScores(record, gen, created);
    } else if (created) refreshScores(record, gen, true);
    const rules = kind.scoreRules;
    if (rules.length > 0) {
      // The `on` rules are judged with the scores as they are after `set`; then the scores that
      // earned points (and the scores reading them) are brought up to date in a step of their own.
      const earnGen = ++touchGen;
      let earned = false;
      for (let k = 0; k < rules.length; k++) {
        const { score, rule } = rules[k];
        if (rule.when === null || rule.when(record.values, data)) {
          (record.values[pointsBase + score] as number) += rule.points;
          pointsChanged[score] = earnGen;
          earned = true;
        }
      }
      if (earned) refreshScores(record, earnGen, false);
    }
    // Creating a record enters the initial stage, so this event's cascade cannot re-enter it.
    const cascadeGen = ++generation;
    if (created) enteredMark[initial] = cascadeGen;
    cascade(id, record, at, kind.name, eventId, data, cascadeGen, outcomes);
    if (at !== record.last) {
      record.last = at;
      record.ids = undefined;
    }
    if (eventId !== null) {
      if (record.ids === undefined) record.ids = [eventId];
      else record.ids.push(eventId);
    }
    counters.applied++;
    // Most events move nothing: one shared, frozen result for them.
    return outcomes.length === 0 ? APPLIED_NOTHING : { status: "applied", outcomes: outcomes.slice() };
  };

  const advanceTo = (time: string): Outcome[] => {
    const until = parseInstant(time);
    if (!Number.isFinite(until)) throw new RangeError(`advanceTo needs a datetime with a zone, not ${JSON.stringify(time)}`);
    const outcomes: Outcome[] = [];
    for (const [id, record] of records) runSlas(id, record, until, outcomes);
    return outcomes;
  };

  const state = (recordId: string): RecordView | undefined => {
    const record = records.get(recordId);
    if (!record) return undefined;
    const path: RecordView["path"] = [];
    for (let i = 0; i < record.path.length; i += 2) path.push({ stage: stages[record.path[i]].name, at: ISO_OUT(record.path[i + 1]) });
    return {
      id: recordId,
      stage: stages[record.stage].name,
      enteredAt: ISO_OUT(record.entered),
      lastEventAt: ISO_OUT(record.last),
      fields: Object.fromEntries(ir.fields.map((f, i) => [f.name, toJsonValue(record.values[i], f.type)])),
      scores: Object.fromEntries(ir.scores.map((s, i) => [s.name, record.values[scoreBase + i] as number])),
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
        stage: stages[r.stage].name,
        entered: ISO_OUT(r.entered),
        last: ISO_OUT(r.last),
        warned: r.warned,
        values: r.values.slice(0, scoreBase).map((v, i) => toJsonValue(v, ir.fields[i].type)),
        points: r.values.slice(pointsBase, maskBase) as number[],
        path: Array.from({ length: r.path.length / 2 }, (_, i) => [stages[r.path[2 * i]].name, ISO_OUT(r.path[2 * i + 1])] as [string, string]),
        ids: r.ids ? [...r.ids] : [],
      })),
    };
  }

  function restoreInto(saved: EngineSnapshot) {
    if (saved.version !== 1 || saved.funnel !== ir.funnel.name) throw new Error(`snapshot is of funnel ${JSON.stringify(saved.funnel)}, not ${JSON.stringify(ir.funnel.name)}`);
    Object.assign(counters, JSON.parse(JSON.stringify(saved.counters)));
    for (const r of saved.records) {
      const stage = stageIndex.get(r.stage);
      if (stage === undefined) throw new Error(`snapshot names unknown stage ${JSON.stringify(r.stage)}`);
      const values: Value[] = [...r.values.map((v, i) => (coerceJson(v, ir.fields[i].type) as { value: Value }).value), ...ir.scores.map(() => 0), ...r.points, ...ir.scores.map(() => 0)];
      const record: RecordState = {
        stage,
        entered: parseInstant(r.entered),
        last: parseInstant(r.last),
        warned: r.warned,
        values,
        path: r.path.flatMap(([s, at]) => [stageIndex.get(s)!, parseInstant(at)]),
        ids: r.ids.length ? [...r.ids] : undefined,
      };
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

/** Scores in an order where each comes after the scores its conditions read (no cycles: FN4008). */
function orderScores(ir: FunnelIR): number[] {
  const names = new Map(ir.scores.map((s, i) => [s.name, i]));
  const reads = ir.scores.map((s) => {
    const found = new Set<number>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === "object") {
        const field = (node as { field?: unknown }).field;
        if (typeof field === "string" && names.has(field)) found.add(names.get(field)!);
        Object.values(node).forEach(visit);
      }
    };
    s.rules.forEach((r) => visit(r.when));
    return found;
  });
  const order: number[] = [];
  const done = new Set<number>();
  const place = (i: number, seen: Set<number>) => {
    if (done.has(i) || seen.has(i)) return;
    seen.add(i);
    reads[i].forEach((j) => place(j, seen));
    done.add(i);
    order.push(i);
  };
  ir.scores.forEach((_, i) => place(i, new Set()));
  return order;
}
