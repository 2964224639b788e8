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

/**
 * mulberry32: small, fast, and the same numbers on every machine for a seed.
 * @param seed the seed
 * @returns the next number in [0, 1) at every call
 */
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
 * @param options how many records, the seed, the stage profiles, the output format
 * @returns the lines, in time order
 */
export function* generateEventLines(ir: FunnelIR, options: GenerateOptions): Generator<string> {
  const journeys = new JourneyMaker(ir, options);
  if (options.format === "csv") yield journeys.csvHeader();
  const heap = journeys.heap;
  const count = options.records;
  for (let i = 0; i < count; i++) {
    // Creation times increase with the record's number, spread evenly with jitter.
    const created =
      options.start + Math.floor((((i + journeys.rand()) / count) * options.span) / 1000) * 1000;
    while (heap.size && heap.peekTime() < created) yield heap.pop();
    // A fresh engine now and then: only the record being walked matters, so memory stays flat.
    if (i % 2000 === 0 && i > 0) journeys.freshEngine();
    journeys.journey(i, created);
    if ((i & 1023) === 1023) options.onProgress?.(i + 1);
  }
  options.onProgress?.(count);
  while (heap.size) yield heap.pop();
}

/**
 * Makes each record's journey through the funnel: its events, built from the IR and checked step by
 * step against the engine, wait in `heap` in time order.
 */
class JourneyMaker {
  readonly rand: () => number;
  /** The lines made and not yet written, by time. */
  readonly heap = new LineHeap();
  private readonly stageByName: Map<string, FunnelIR["stages"][number]>;
  private readonly position: Map<string, number>;
  private readonly fields: Map<string, TypeIR>;
  private readonly scores: Set<string>;
  private readonly eventFields: Map<string, Map<string, TypeIR>>;
  private readonly profiles: Map<string, StageProfile>;
  /** Each stage's rules: `from any` first (except those to itself), then its own. */
  private readonly rulesByStage: Map<string, TransitionIR[]>;
  /** CSV columns: every event field and every record field, in declared order. */
  private readonly dataColumns: string[];
  private readonly setColumns: string[];
  /** The person behind the record being walked (for plausible emails). */
  private person = { first: "", domain: "", n: 0 };
  /** The walked record's time. */
  private now = 0;
  private engine: Engine;
  private seq = 0;
  private nextId = 1;
  /** The walked record's stage and entry time, from the engine's moves (no state() copies). */
  private stage = "";
  private enteredAt = 0;

  constructor(
    private readonly ir: FunnelIR,
    private readonly options: GenerateOptions,
  ) {
    this.rand = seededRandom(options.seed);
    this.stageByName = new Map(ir.stages.map((s) => [s.name, s]));
    this.position = new Map(ir.successPath.map((name, i) => [name, i]));
    this.fields = new Map(ir.fields.map((f) => [f.name, f.type]));
    this.scores = new Set(ir.scores.map((s) => s.name));
    this.eventFields = new Map(
      ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type]))]),
    );
    this.profiles = new Map(
      ir.stages.map((s): [string, StageProfile] => [
        s.name,
        { ...options.defaults, ...options.stages[s.name] },
      ]),
    );
    this.rulesByStage = new Map(
      ir.stages.map((s): [string, TransitionIR[]] => [
        s.name,
        s.kind === "terminal"
          ? []
          : [...ir.fromAny.filter((t) => t.to !== s.name), ...s.transitions],
      ]),
    );
    this.dataColumns = [...new Set(ir.events.flatMap((e) => e.fields.map((f) => f.name)))];
    this.setColumns = ir.fields.map((f) => f.name);
    this.engine = createEngine(ir);
  }

  /** The CSV header line. */
  csvHeader(): string {
    return (
      [
        ...(this.options.ids ? ["id"] : []),
        "record",
        "at",
        "type",
        ...this.dataColumns.map((column) => `data.${column}`),
        ...this.setColumns.map((column) => `set.${column}`),
      ].join(",") + "\n"
    );
  }

  freshEngine(): void {
    this.engine = createEngine(this.ir);
  }

  /** Walks record number `index` (from 0), created at `created`, until it stops or ends. */
  journey(index: number, created: number): void {
    const record = `lead-${index + 1}`;
    this.person = { first: this.pick(FIRST), domain: this.pick(DOMAINS), n: index + 1 };
    this.now = created;
    // The first event creates the record in the initial stage: a declared event (a first visit)
    // when there is one.
    const first = this.ir.events[0]?.name ?? "update";
    if (!this.send(record, first, null)) return;
    let stuck = 0;
    for (let steps = 0; steps < 60 && stuck < 3; steps++) {
      const current = this.stageByName.get(this.stage)!;
      if (current.kind === "terminal") return;
      const rule = this.nextRule();
      this.wait(current);
      if (!rule) {
        // Not moving on: most records go quiet here (SLAs catch them by the as-of time).
        if (!current.sla || this.rand() < 0.7) return;
        // Some come back after their SLA: one more event that changes nothing (an `update`
        // without fields, so it waits for no rule), which finds the breach.
        this.send(record, "update", null);
        continue;
      }
      const solution = solveCondition(rule.when, true, this.context(rule.on));
      const before = this.stage;
      if (solution.scores.size) this.earn(record, solution.scores);
      if (this.stage !== before) continue;
      this.send(record, rule.on ?? "update", solution);
      stuck = this.stage === before ? stuck + 1 : 0;
    }
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.rand() * values.length)];
  }

  /** The rule the walked record takes next: on towards the success path, a detour, or none. */
  private nextRule(): TransitionIR | undefined {
    const profile = this.profiles.get(this.stage)!;
    const here = this.position.get(this.stage) ?? -1;
    const rules = this.rulesByStage.get(this.stage)!;
    const forward = rules.filter((r) => (this.position.get(r.to) ?? -1) > here);
    const aside = rules.filter((r) => this.position.get(r.to) === undefined);
    if (this.rand() < profile.conversion) return forward[0] ?? undefined;
    if (aside.length && this.rand() < profile.detour) return this.pick(aside);
    return undefined;
  }

  /** Time passes before the next event: a delay around the stage's mean, or a stall. */
  private wait(current: FunnelIR["stages"][number]): void {
    const profile = this.profiles.get(this.stage)!;
    // A stall: wait past the warning or the SLA; the next event finds the breach first.
    const sla = current.sla;
    if (sla && this.rand() < profile.stall) {
      const entered = this.enteredAt;
      const warn = current.warn ? addDuration(entered, current.warn.after) : undefined;
      const deadline = addDuration(entered, sla.after);
      const from = warn !== undefined && this.rand() < 0.5 ? warn : deadline;
      const to = from === warn ? deadline : deadline + 14 * DAY;
      const stalled = from + Math.floor(this.rand() * Math.max(MINUTE, to - from - MINUTE));
      this.now = Math.max(this.now, stalled);
    } else {
      // Exponential delay around the stage's mean (at least a minute).
      this.now += Math.max(MINUTE, Math.round(-Math.log(1 - this.rand()) * profile.delay));
    }
  }

  /** Score events until every threshold is met (or 25 tries): positive rules, at random. */
  private earn(record: string, needs: Map<string, number>): void {
    for (let tries = 0; tries < 25; tries++) {
      const state = this.engine.state(record)!;
      const short = [...needs].filter(([name, min]) => (state.scores[name] ?? 0) < min);
      if (!short.length) return;
      const score = this.ir.scores.find((s) => s.name === short[0][0])!;
      const positive = score.rules.filter((r) => r.points > 0);
      if (!positive.length) return;
      const rule = this.pick(positive);
      this.now += Math.max(MINUTE, Math.round(this.rand() * 2 * DAY));
      const solution = solveCondition(rule.when, true, this.context(rule.on));
      this.send(record, rule.on ?? "update", solution);
    }
  }

  /** Builds an event, applies it to the engine; keeps it only when the engine applies it. */
  private send(record: string, type: string, solution: Solution | null): boolean {
    const known = this.eventFields.get(type);
    const data: Record<string, ScalarValue> = {};
    if (known)
      for (const [name, fieldType] of known)
        data[name] = solution?.data.get(name) ?? this.sample(name, fieldType);
    const set: Record<string, ScalarValue> = {};
    if (solution) for (const [name, value] of solution.set) set[name] = value;
    const event: FunnelEvent = { record, at: new Date(this.now).toISOString(), type };
    if (Object.keys(data).length) event.data = data;
    if (Object.keys(set).length) event.set = set;
    if (this.options.ids) event.id = `e${this.nextId}`;
    const result = this.engine.apply(event);
    if (result.status !== "applied") return false;
    for (const outcome of result.outcomes) {
      if (outcome.type !== "moved") continue;
      this.stage = outcome.to;
      this.enteredAt = Date.parse(outcome.at);
    }
    if (this.options.ids) {
      // Keys in the order of the input format (id first).
      const { id, ...rest } = event;
      this.heap.push(this.now, this.seq++, this.serialize({ id, ...rest }));
      this.nextId++;
    } else this.heap.push(this.now, this.seq++, this.serialize(event));
    return true;
  }

  /** An event as a line of the output format. */
  private serialize(event: FunnelEvent): string {
    if (this.options.format === "jsonl") return JSON.stringify(event) + "\n";
    const cell = (value: unknown) =>
      value === undefined || value === null
        ? ""
        : typeof value === "string"
          ? csvCell(value)
          : String(value);
    const cells = [
      ...(this.options.ids ? [cell(event.id)] : []),
      cell(event.record),
      event.at,
      event.type,
    ];
    for (const column of this.dataColumns) cells.push(cell(event.data?.[column]));
    for (const column of this.setColumns) cells.push(cell(event.set?.[column]));
    return cells.join(",") + "\n";
  }

  /** What the solver may use for a rule that waits for `eventName` (null: none). */
  private context(eventName: string | null): SolveContext {
    return {
      ir: this.ir,
      fields: this.fields,
      scores: this.scores,
      eventFields: (eventName && this.eventFields.get(eventName)) || new Map(),
      sample: (name, type) => this.sample(name, type),
    };
  }

  /** A plausible value of a type that is set, for a field named `name`. */
  private sample(name: string, type: TypeIR): ScalarValue {
    switch (type.kind) {
      case "boolean":
        return true;
      case "number":
        return 1 + Math.floor(this.rand() * 100);
      case "enum":
        return this.pick(type.values);
      case "date":
        return new Date(this.now + (7 + Math.floor(this.rand() * 90)) * DAY)
          .toISOString()
          .slice(0, 10);
      case "datetime":
        return new Date(this.now + Math.floor(this.rand() * 14 * 24) * HOUR).toISOString();
      case "text":
        return this.sampleText(name);
    }
  }

  private sampleText(name: string): string {
    const { first, n, domain } = this.person;
    const lower = name.toLowerCase();
    if (lower.includes("email")) return `${first}.${n}@${domain}`;
    if (lower.includes("url")) return this.pick(["/", "/pricing", "/product", "/blog", "/docs"]);
    if (lower.includes("title"))
      return this.pick([
        "Marketing Director",
        "VP Sales",
        "Engineer",
        "Head of Growth",
        "IT Director",
      ]);
    return this.pick(WORDS);
  }
}
