// The engine: runs a compiled funnel (IR) over a stream of events, with the meaning of spec §6.
// Every event ends as applied, duplicate or rejected-with-reason; SLAs run on event time
// (`advanceTo`), never on timers, and survive snapshot/restore exactly.
import type { DurationIR, FunnelIR, SourceLocation, TypeIR } from "../compiler/ir/types.js";
import { compileCondition, type Condition, type ConditionScope } from "./conditions.js";
import { addDuration, formatInstant, parseInstant } from "./time.js";
import { coerceJson, toJsonValue, type Coerced, type Value } from "./values.js";

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
  values: Value[];
  /** Points earned so far by each score's `on` rules. */
  points: number[];
  /** Flattened (stage index, time) pairs. */
  path: number[];
  ids?: Set<string>;
}

const ISO_OUT = formatInstant;

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
  const defaults: Value[] = [...ir.fields.map((f) => (f.default === null ? undefined : coerceJson(f.default, f.type).ok ? (coerceJson(f.default, f.type) as { value: Value }).value : undefined)), ...ir.scores.map(() => 0)];

  // ---------------------------------------------------------------- state
  const records = new Map<string, RecordState>();
  const counters: Counters = { applied: 0, duplicate: 0, rejected: {} };

  const reject = (reason: RejectReason, message: string): ApplyResult => {
    counters.rejected[reason] = (counters.rejected[reason] ?? 0) + 1;
    return { status: "rejected", reason, message, outcomes: [] };
  };

  /** Computes every score from current values: `when`-only rules that hold now + `on` points. */
  const computeScores = (record: RecordState) => {
    for (const i of scoreOrder) {
      let total = record.points[i];
      for (const rule of scoreRules[i]) if (rule.on === null && (rule.when === null || rule.when(record.values, undefined))) total += rule.points;
      record.values[scoreBase + i] = total;
    }
  };

  const enter = (id: string, record: RecordState, to: number, at: number, cause: Cause, outcomes: Outcome[]) => {
    outcomes.push({ type: "moved", record: id, from: stages[record.stage].name, to: stages[to].name, at: ISO_OUT(at), cause });
    record.stage = to;
    record.entered = at;
    record.warned = false;
    record.path.push(to, at);
  };

  /** Step 4 of spec §6: the first rule that matches fires; repeat; never enter a stage twice. */
  const cascade = (id: string, record: RecordState, at: number, eventType: string | null, eventId: string | null, data: Record<string, Value> | undefined, entered: Set<number>, outcomes: Outcome[]) => {
    for (;;) {
      const stage = stages[record.stage];
      let fired: Rule | undefined;
      for (const rule of stage.rules) {
        if (rule.on !== null && rule.on !== eventType) continue;
        if (rule.when !== null && !rule.when(record.values, data)) continue;
        fired = rule;
        break;
      }
      if (!fired || entered.has(fired.to)) return;
      entered.add(fired.to);
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
      cascade(id, record, deadline, null, null, undefined, new Set([left, sla.to]), outcomes);
    }
  };

  const coerceAll = (input: Record<string, unknown>, types: ReadonlyMap<string, TypeIR>, what: string): { values?: Record<string, Value>; error?: ApplyResult } => {
    // No prototype: a field may be called `__proto__` or `constructor` (names come from users).
    const out: Record<string, Value> = Object.create(null);
    for (const key of Object.keys(input)) {
      const type = types.get(key);
      if (!type) {
        const hint = ir.scores.some((s) => s.name === key) ? `; \`${key}\` is a score, computed by the funnel` : "";
        return { error: reject("unknown_field", `${what} has no field \`${key}\`${hint}`) };
      }
      const coerced: Coerced = coerceJson(input[key], type);
      if (!coerced.ok) return { error: reject("wrong_type", `\`${key}\` must be ${coerced.expected}, not ${JSON.stringify(input[key])}`) };
      out[key] = coerced.value;
    }
    return { values: out };
  };
  const recordFieldTypes = new Map(ir.fields.map((f) => [f.name, f.type]));

  const apply = (input: unknown): ApplyResult => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return reject("invalid_event", "an event must be a JSON object");
    const event = input as Partial<FunnelEvent>;
    if (typeof event.record !== "string" || event.record === "") return reject("missing_record", "the event has no `record` id");
    const at = typeof event.at === "string" ? parseInstant(event.at) : NaN;
    if (!Number.isFinite(at)) return reject("bad_timestamp", `\`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not ${JSON.stringify(event.at)}`);
    const type = event.type;
    if (typeof type !== "string" || (type !== "update" && !eventTypes.has(type))) {
      return reject("unknown_event", `unknown event type ${JSON.stringify(type)}; declared: ${["update", ...eventTypes.keys()].join(", ")}`);
    }
    if (event.id !== undefined && typeof event.id !== "string") return reject("invalid_event", "`id` must be a string");
    for (const key of ["data", "set"] as const) {
      const part = event[key];
      if (part !== undefined && (typeof part !== "object" || part === null || Array.isArray(part))) return reject("invalid_event", `\`${key}\` must be an object`);
    }
    const dataTypes = type === "update" ? new Map<string, TypeIR>() : eventTypes.get(type)!;
    const data = coerceAll(event.data ?? {}, dataTypes, type === "update" ? "an `update` event" : `event \`${type}\``);
    if (data.error) return data.error;
    const set = coerceAll(event.set ?? {}, recordFieldTypes, "the record");
    if (set.error) return set.error;

    const id = event.record;
    const eventId = event.id ?? null;
    let record = records.get(id);
    const outcomes: Outcome[] = [];
    // Creating a record enters the initial stage, so this event's cascade cannot re-enter it.
    const entered = new Set<number>();
    if (record) {
      if (eventId !== null && record.ids?.has(eventId)) {
        counters.duplicate++;
        return { status: "duplicate", outcomes: [] };
      }
      if (at < record.last) return reject("out_of_order", `this event (${event.at}) is older than the record's last event (${ISO_OUT(record.last)})`);
      runSlas(id, record, at, outcomes);
    } else {
      record = { stage: initial, entered: at, last: at, warned: false, values: [...defaults], points: ir.scores.map(() => 0), path: [initial, at] };
      records.set(id, record);
      entered.add(initial);
      outcomes.push({ type: "moved", record: id, from: null, to: stages[initial].name, at: ISO_OUT(at), cause: { kind: "created", event: eventId, eventType: type } });
    }
    for (const [key, value] of Object.entries(set.values!)) record.values[fieldIndex.get(key)!] = value;
    computeScores(record);
    if (type !== "update") {
      let earned = false;
      for (let i = 0; i < scoreRules.length; i++) {
        for (const rule of scoreRules[i]) {
          if (rule.on === type && (rule.when === null || rule.when(record.values, data.values))) {
            record.points[i] += rule.points;
            earned = true;
          }
        }
      }
      if (earned) computeScores(record);
    }
    cascade(id, record, at, type, eventId, data.values, entered, outcomes);
    record.last = at;
    if (eventId !== null) (record.ids ??= new Set()).add(eventId);
    counters.applied++;
    return { status: "applied", outcomes };
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
        points: [...r.points],
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
      const values: Value[] = [...r.values.map((v, i) => (coerceJson(v, ir.fields[i].type) as { value: Value }).value), ...ir.scores.map(() => 0)];
      const record: RecordState = {
        stage,
        entered: parseInstant(r.entered),
        last: parseInstant(r.last),
        warned: r.warned,
        values,
        points: [...r.points],
        path: r.path.flatMap(([s, at]) => [stageIndex.get(s)!, parseInstant(at)]),
        ...(r.ids.length ? { ids: new Set(r.ids) } : {}),
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
