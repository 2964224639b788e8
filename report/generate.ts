// Synthetic event logs for any funnel (`funnel generate`): each record walks the funnel from its
// initial stage with per-stage conversion rates and delays; the events are built from the IR (the
// event a transition waits for, with data and set fields that make its condition true, and score
// events until a threshold is reached) and checked step by step against the real engine, so every
// funnel gets data its rules act on. Deterministic: one seeded PRNG, no clock, no Math.random.
// Output is in time order: journeys are made in order of creation time, and their events wait in
// a heap until no later-created record can precede them (memory: the records in flight).
// Layer: runtime/ -> report/ -> cli/.
import type { FunnelIR, ScalarValue, TransitionIR, TypeIR } from "../core/ir/types.js";
import { createEngine, type Engine, type FunnelEvent } from "../runtime/engine.js";
import { addDuration } from "../core/time.js";
import { csvCell } from "./history-format.js";
import { solveCondition, type SolveContext, type Solution } from "./solve-condition.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface StageProfile {
  /** Share of the records in the stage that move on towards the success path (0..1). */
  conversion: number;
  /** Mean time to the next step, in ms. */
  delay: number;
  /** Share of the records that wait past the stage's SLA (or warning) before their next event. */
  stall: number;
  /** Share of the records that do not move on and take a detour rule (when the stage has one). */
  detour: number;
}

export interface GenerateOptions {
  records: number;
  seed: number;
  /** Defaults for every stage; `stages` overrides per stage name. */
  defaults: StageProfile;
  stages: Record<string, Partial<StageProfile>>;
  /** Creation time of the first record, epoch ms. */
  start: number;
  /** Records are created over this many ms. */
  span: number;
  ids: boolean;
  format: "jsonl" | "csv";
  /** Called every 1024 records with how many are done. */
  onProgress?(records: number): void;
}

export const DEFAULT_STAGE_PROFILE: StageProfile = {
  conversion: 0.6,
  delay: 3 * DAY,
  stall: 0.08,
  detour: 0.3,
};

/** mulberry32: small, fast, and the same numbers on every machine for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Binary min-heap of output lines by (time, sequence): the sequence keeps each record's order. */
class LineHeap {
  private times: number[] = [];
  private seqs: number[] = [];
  private lines: string[] = [];
  get size(): number {
    return this.times.length;
  }
  private less(i: number, j: number): boolean {
    return (
      this.times[i] < this.times[j] ||
      (this.times[i] === this.times[j] && this.seqs[i] < this.seqs[j])
    );
  }
  private swap(i: number, j: number): void {
    [this.times[i], this.times[j]] = [this.times[j], this.times[i]];
    [this.seqs[i], this.seqs[j]] = [this.seqs[j], this.seqs[i]];
    [this.lines[i], this.lines[j]] = [this.lines[j], this.lines[i]];
  }
  push(time: number, seq: number, line: string): void {
    this.times.push(time);
    this.seqs.push(seq);
    this.lines.push(line);
    for (let i = this.times.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  peekTime(): number {
    return this.times[0];
  }
  pop(): string {
    const top = this.lines[0];
    const last = this.times.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.seqs.pop();
    this.lines.pop();
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.times.length && this.less(l, m)) m = l;
      if (r < this.times.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

const FIRST = [
  "anna",
  "bram",
  "chris",
  "dana",
  "eva",
  "femke",
  "gert",
  "hanna",
  "ivo",
  "jules",
  "kim",
  "lotte",
];
const DOMAINS = ["acme.nl", "example.de", "contoso.be", "initech.com", "globex.nl", "umbrella.de"];
const WORDS = ["Pricing", "Webinar", "Newsletter", "Whitepaper", "Contact us", "Product tour"];

/**
 * The event log, line by line (a CSV header first for csv). Lazy: pulls one journey at a time.
 * @param ir the compiled funnel
 */
export function* generateEventLines(ir: FunnelIR, options: GenerateOptions): Generator<string> {
  const rand = seededRandom(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const stageByName = new Map(ir.stages.map((s) => [s.name, s]));
  const position = new Map(ir.successPath.map((name, i) => [name, i]));
  const fields = new Map(ir.fields.map((f) => [f.name, f.type]));
  const scores = new Set(ir.scores.map((s) => s.name));
  const eventFields = new Map(
    ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type]))]),
  );
  const profiles = new Map(
    ir.stages.map((s): [string, StageProfile] => [
      s.name,
      { ...options.defaults, ...options.stages[s.name] },
    ]),
  );
  const rulesByStage = new Map(
    ir.stages.map((s): [string, TransitionIR[]] => [
      s.name,
      s.kind === "terminal" ? [] : [...ir.fromAny.filter((t) => t.to !== s.name), ...s.transitions],
    ]),
  );

  // CSV columns: every event field and every record field, in declared order.
  const dataColumns = [...new Set(ir.events.flatMap((e) => e.fields.map((f) => f.name)))];
  const setColumns = ir.fields.map((f) => f.name);
  if (options.format === "csv")
    yield (
      [
        ...(options.ids ? ["id"] : []),
        "record",
        "at",
        "type",
        ...dataColumns.map((c) => `data.${c}`),
        ...setColumns.map((c) => `set.${c}`),
      ].join(",") + "\n"
    );
  const serialize = (event: FunnelEvent): string => {
    if (options.format === "jsonl") return JSON.stringify(event) + "\n";
    const cell = (v: unknown) =>
      v === undefined || v === null ? "" : typeof v === "string" ? csvCell(v) : String(v);
    const cells = [
      ...(options.ids ? [cell(event.id)] : []),
      cell(event.record),
      event.at,
      event.type,
    ];
    for (const c of dataColumns) cells.push(cell(event.data?.[c]));
    for (const c of setColumns) cells.push(cell(event.set?.[c]));
    return cells.join(",") + "\n";
  };

  let person = { first: "", domain: "", n: 0 };
  let now = 0;
  const sample = (name: string, type: TypeIR): ScalarValue => {
    switch (type.kind) {
      case "boolean":
        return true;
      case "number":
        return 1 + Math.floor(rand() * 100);
      case "enum":
        return pick(type.values);
      case "date":
        return new Date(now + (7 + Math.floor(rand() * 90)) * DAY).toISOString().slice(0, 10);
      case "datetime":
        return new Date(now + Math.floor(rand() * 14 * 24) * HOUR).toISOString();
      case "text": {
        const lower = name.toLowerCase();
        if (lower.includes("email")) return `${person.first}.${person.n}@${person.domain}`;
        if (lower.includes("url")) return pick(["/", "/pricing", "/product", "/blog", "/docs"]);
        if (lower.includes("title"))
          return pick([
            "Marketing Director",
            "VP Sales",
            "Engineer",
            "Head of Growth",
            "IT Director",
          ]);
        return pick(WORDS);
      }
    }
  };
  const context = (eventName: string | null): SolveContext => ({
    ir,
    fields,
    scores,
    eventFields: (eventName && eventFields.get(eventName)) || new Map(),
    sample,
  });

  let engine: Engine = createEngine(ir);
  let seq = 0;
  let nextId = 1;
  const heap = new LineHeap();

  /** The walked record's stage and entry time, followed from the engine's moves (no state() copies). */
  let stage = "";
  let enteredAt = 0;
  /** Builds an event, applies it to the engine; keeps it only when the engine applies it. */
  const send = (record: string, type: string, solution: Solution | null): boolean => {
    const known = eventFields.get(type);
    const data: Record<string, ScalarValue> = {};
    if (known)
      for (const [name, t] of known) data[name] = solution?.data.get(name) ?? sample(name, t);
    const set: Record<string, ScalarValue> = {};
    if (solution) for (const [name, value] of solution.set) set[name] = value;
    const event: FunnelEvent = { record, at: new Date(now).toISOString(), type };
    if (Object.keys(data).length) event.data = data;
    if (Object.keys(set).length) event.set = set;
    if (options.ids) event.id = `e${nextId}`;
    const result = engine.apply(event);
    if (result.status !== "applied") return false;
    for (const o of result.outcomes) {
      if (o.type !== "moved") continue;
      stage = o.to;
      enteredAt = Date.parse(o.at);
    }
    if (options.ids) {
      // Keys in the order of the input format (id first).
      const { id, ...rest } = event;
      heap.push(now, seq++, serialize({ id, ...rest }));
      nextId++;
    } else heap.push(now, seq++, serialize(event));
    return true;
  };

  /** Score events until every threshold is met (or 25 tries): positive rules, at random. */
  const earn = (record: string, needs: Map<string, number>) => {
    for (let tries = 0; tries < 25; tries++) {
      const state = engine.state(record)!;
      const short = [...needs].filter(([name, min]) => (state.scores[name] ?? 0) < min);
      if (!short.length) return;
      const score = ir.scores.find((s) => s.name === short[0][0])!;
      const positive = score.rules.filter((r) => r.points > 0);
      if (!positive.length) return;
      const rule = pick(positive);
      now += Math.max(MINUTE, Math.round(rand() * 2 * DAY));
      const solution = solveCondition(rule.when, true, context(rule.on));
      send(record, rule.on ?? "update", solution);
    }
  };

  const journey = (index: number, created: number) => {
    const record = `lead-${index + 1}`;
    person = { first: pick(FIRST), domain: pick(DOMAINS), n: index + 1 };
    now = created;
    // The first event creates the record in the initial stage: a declared event (a first visit) when there is one.
    const first = ir.events[0]?.name ?? "update";
    if (!send(record, first, null)) return;
    let stuck = 0;
    for (let steps = 0; steps < 60 && stuck < 3; steps++) {
      const current = stageByName.get(stage)!;
      if (current.kind === "terminal") return;
      const profile = profiles.get(stage)!;
      const here = position.get(stage) ?? -1;
      const rules = rulesByStage.get(stage)!;
      const forward = rules.filter((r) => (position.get(r.to) ?? -1) > here);
      const aside = rules.filter((r) => position.get(r.to) === undefined);
      let rule: TransitionIR | undefined;
      if (rand() < profile.conversion) rule = forward[0] ?? undefined;
      else if (aside.length && rand() < profile.detour) rule = pick(aside);
      // A stall: wait past the warning or the SLA; the next event finds the breach first.
      const sla = current.sla;
      if (sla && rand() < profile.stall) {
        const entered = enteredAt;
        const warn = current.warn ? addDuration(entered, current.warn.after) : undefined;
        const deadline = addDuration(entered, sla.after);
        const from = warn !== undefined && rand() < 0.5 ? warn : deadline;
        const to = from === warn ? deadline : deadline + 14 * DAY;
        now = Math.max(now, from + Math.floor(rand() * Math.max(MINUTE, to - from - MINUTE)));
      } else {
        // Exponential delay around the stage's mean (at least a minute).
        now += Math.max(MINUTE, Math.round(-Math.log(1 - rand()) * profile.delay));
      }
      if (!rule) {
        // Not moving on: most records go quiet here (SLAs catch them by the as-of time).
        if (!sla || rand() < 0.7) return;
        // Some come back after their SLA: one more event that changes nothing (an `update` without
        // fields, so it waits for no rule), which finds the breach.
        send(record, "update", null);
        continue;
      }
      const solution = solveCondition(rule.when, true, context(rule.on));
      const before = stage;
      if (solution.scores.size) earn(record, solution.scores);
      if (stage !== before) continue;
      send(record, rule.on ?? "update", solution);
      stuck = stage === before ? stuck + 1 : 0;
    }
  };

  const n = options.records;
  for (let i = 0; i < n; i++) {
    // Creation times increase with the record's number, spread evenly with jitter.
    const created = options.start + Math.floor((((i + rand()) / n) * options.span) / 1000) * 1000;
    while (heap.size && heap.peekTime() < created) yield heap.pop();
    // A fresh engine now and then: only the record being walked matters, so memory stays flat.
    if (i % 2000 === 0 && i > 0) engine = createEngine(ir);
    journey(i, created);
    if ((i & 1023) === 1023) options.onProgress?.(i + 1);
  }
  options.onProgress?.(n);
  while (heap.size) yield heap.pop();
}
