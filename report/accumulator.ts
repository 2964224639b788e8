// Funnel metrics (spec §7) as a streaming accumulator over moves. Layer: runtime/ -> report/ ->
// cli/; pure, no I/O. It keeps state per record (current stage, the first in-window entry of
// each success-path stage not yet converted), never per event, in typed arrays that grow by
// doubling, so 1M records cost tens of bytes each whatever the number of events.
import type { DurationIR, FunnelIR } from "../core/ir/types.js";
import { addDuration, formatInstant } from "../core/time.js";
import { periodOf, type CohortBy } from "./periods.js";
import { Samples } from "./samples.js";
import type {
  Cohort,
  ReportFigures,
  StageFigures,
  TargetResult,
  VelocityFigures,
} from "./types.js";

const DAY = 86_400_000;

export interface AccumulatorOptions {
  /** Window start, epoch ms inclusive (default: open). */
  from?: number;
  /** Window end, epoch ms exclusive (default: open). */
  to?: number;
  /** Moves after this time are ignored (default: none; the as-of is then the latest move). */
  asOf?: number;
  by?: CohortBy;
}

export interface ReportAccumulator {
  /** The funnel's stage index of a name (for history readers), or undefined. */
  stageIndex(name: string): number | undefined;
  /**
   * One move of one record, in the record's processing order (records may interleave).
   * @param record record id
   * @param to index of the stage entered (ir.stages order)
   * @param at epoch ms of the move
   * @param bySla whether the cause is an SLA (the breach itself, or the cascade right after it)
   */
  move(record: string, to: number, at: number, bySla: boolean): void;
  /**
   * The figures. Records still in a stage have their warnings due by the as-of time counted.
   * @param asOf the as-of time (default: the option, else the latest move)
   */
  finish(asOf?: number): ReportFigures;
}

/** Counts of a window, or of one cohort of it: per stage, and per success-path position. */
interface WindowCounts {
  volume: Uint32Array;
  converted: Uint32Array;
  samples: Samples[];
  breaches: Uint32Array;
  warnings: Uint32Array;
}

/** What the figures need to know of the funnel, computed once. */
interface FunnelPlan {
  ir: FunnelIR;
  stageCount: number;
  index: Map<string, number>;
  /** The success path, as stage indices. */
  path: number[];
  /**
   * Success-path position of each stage, or -1. Won terminals share the positions after the last
   * `stage`.
   */
  position: Int32Array;
  won: boolean[];
  /** Per success-path position: whether conversion is measured from it (not terminal, not last). */
  measured: boolean[];
  firstWonPosition: number;
  slaOf: (DurationIR | null)[];
  warnOf: (DurationIR | null)[];
  initial: number;
  /** Stage indices in report order (orderForReport). */
  order: number[];
}

/** Growable typed-array columns, one slot per record. */
class Columns {
  capacity = 1 << 16;
  stage = new Int16Array(this.capacity);
  entered = new Float64Array(this.capacity);
  /** Per record, per stage: 1 once the record counted in the stage's volume. */
  counted: Uint8Array;
  /** Per record, per success-path position: first in-window entry not yet converted (NaN: none). */
  pending: Float64Array;
  /** First in-window entry into the initial stage (NaN: none; -Infinity: counted as won). */
  lead = new Float64Array(this.capacity).fill(NaN);
  constructor(
    readonly stages: number,
    readonly path: number,
  ) {
    this.counted = new Uint8Array(this.capacity * stages);
    this.pending = new Float64Array(this.capacity * path).fill(NaN);
  }
  grow(): void {
    const capacity = this.capacity * 2;
    const copy = <T extends Int16Array | Float64Array | Uint8Array>(
      from: T,
      make: new (length: number) => T,
      per = 1,
    ): T => {
      const grown = new make(capacity * per);
      grown.set(from);
      return grown;
    };
    this.stage = copy(this.stage, Int16Array);
    this.entered = copy(this.entered, Float64Array);
    this.counted = copy(this.counted, Uint8Array, this.stages);
    const pending = new Float64Array(capacity * this.path).fill(NaN);
    pending.set(this.pending);
    this.pending = pending;
    const lead = new Float64Array(capacity).fill(NaN);
    lead.set(this.lead);
    this.lead = lead;
    this.capacity = capacity;
  }
}

/**
 * Builds an accumulator for one funnel and one window.
 * @param ir the compiled funnel
 * @param options window, as-of and cohort period
 * @returns the accumulator
 */
export function createReportAccumulator(
  ir: FunnelIR,
  options: AccumulatorOptions = {},
): ReportAccumulator {
  return new WindowAccumulator(planOf(ir), options);
}

/** The plan of a funnel's figures. */
function planOf(ir: FunnelIR): FunnelPlan {
  const stageCount = ir.stages.length;
  const index = new Map(ir.stages.map((s, i) => [s.name, i]));
  const path = ir.successPath.map((name) => index.get(name)!);
  const position = new Int32Array(stageCount).fill(-1);
  path.forEach((stage, p) => (position[stage] = p));
  const won = ir.stages.map((s) => s.kind === "terminal" && s.outcome === "won");
  return {
    ir,
    stageCount,
    index,
    path,
    position,
    won,
    // Conversion is measured out of non-terminal success-path stages only: a terminal has no next.
    measured: path.map((stage, p) => ir.stages[stage].kind !== "terminal" && p + 1 < path.length),
    firstWonPosition: path.findIndex((stage) => won[stage]),
    slaOf: ir.stages.map((s) => (s.kind !== "terminal" && s.sla ? s.sla.after : null)),
    warnOf: ir.stages.map((s) => (s.kind !== "terminal" && s.warn ? s.warn.after : null)),
    initial: index.get(ir.initialStage)!,
    order: orderForReport(ir),
  };
}

/** Counts at zero for a funnel. */
const newCounts = (plan: FunnelPlan): WindowCounts => ({
  volume: new Uint32Array(plan.stageCount),
  converted: new Uint32Array(plan.path.length),
  samples: plan.path.map(() => new Samples()),
  breaches: new Uint32Array(plan.stageCount),
  warnings: new Uint32Array(plan.stageCount),
});

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
/** A target in months or years has no fixed length: use the mean Gregorian month and year. */
const days = (duration: DurationIR): number =>
  duration.unit === "month"
    ? duration.amount * (365.2425 / 12)
    : duration.unit === "year"
      ? duration.amount * 365.2425
      : addDuration(0, duration) / DAY;

/** The accumulator of one window: state per record in columns, counts per stage and cohort. */
class WindowAccumulator implements ReportAccumulator {
  private readonly from: number;
  private readonly to: number;
  private readonly asOfLimit: number;
  private readonly by: CohortBy | undefined;
  /** Each record's slot in the columns. */
  private readonly records = new Map<string, number>();
  private readonly columns: Columns;
  private readonly counts: WindowCounts;
  private readonly cohorts = new Map<string, WindowCounts>();
  /** Records won from an in-window entry into the initial stage, and the days it took. */
  private readonly leadWon = { count: 0, samples: new Samples() };
  private moves = 0;
  private latest = -Infinity;

  constructor(
    private readonly plan: FunnelPlan,
    options: AccumulatorOptions,
  ) {
    this.from = options.from ?? -Infinity;
    this.to = options.to ?? Infinity;
    this.asOfLimit = options.asOf ?? Infinity;
    this.by = options.by;
    this.columns = new Columns(plan.stageCount, plan.path.length);
    this.counts = newCounts(plan);
  }

  stageIndex(name: string): number | undefined {
    return this.plan.index.get(name);
  }

  move(record: string, stage: number, at: number, bySla: boolean): void {
    if (at > this.asOfLimit || !(at === at)) return;
    this.moves++;
    if (at > this.latest) this.latest = at;
    const columns = this.columns;
    let slot = this.records.get(record);
    if (slot === undefined) {
      slot = this.records.size;
      if (slot === columns.capacity) columns.grow();
      this.records.set(record, slot);
      columns.stage[slot] = -1;
    } else if (columns.stage[slot] >= 0) this.leave(slot, at, bySla);
    columns.stage[slot] = stage;
    columns.entered[slot] = at;
    const p = this.plan.position[stage];
    // Conversions first: this entry converts every pending stage before it on the success path.
    if (p > 0) this.convert(slot, stage, p, at);
    if (this.inWindow(at)) this.countEntry(slot, stage, p, at);
  }

  finish(asOfArg?: number): ReportFigures {
    const { ir, path, firstWonPosition, stageCount, initial } = this.plan;
    const asOf = asOfArg ?? (this.asOfLimit !== Infinity ? this.asOfLimit : this.latest);
    const inventory = new Uint32Array(stageCount);
    const known = Number.isFinite(asOf);
    for (let slot = 0; slot < this.records.size; slot++) {
      const stage = this.columns.stage[slot];
      inventory[stage]++;
      if (known) this.warnedBy(stage, this.columns.entered[slot], asOf);
    }
    const leadVolume = this.counts.volume[initial];
    const leadWon = this.leadWon;
    return {
      window: {
        from: Number.isFinite(this.from) ? formatInstant(this.from) : null,
        to: Number.isFinite(this.to) ? formatInstant(this.to) : null,
      },
      asOf: known ? formatInstant(asOf) : null,
      records: this.records.size,
      moves: this.moves,
      stages: this.stageFigures(inventory),
      overall: {
        from: ir.initialStage,
        to: firstWonPosition < 0 ? [] : path.slice(firstWonPosition).map((s) => ir.stages[s].name),
        volume: leadVolume,
        won: leadWon.count,
        conversion: share(leadWon.count, leadVolume),
        velocity: leadWon.samples.summary(),
      },
      cohorts: this.by ? { by: this.by, periods: this.cohortFigures() } : null,
    };
  }

  private inWindow(time: number): boolean {
    return time >= this.from && time < this.to;
  }

  /** The counts of the cohort of a time (created on first use); undefined without cohorts. */
  private cohortOf(time: number): WindowCounts | undefined {
    if (!this.by) return undefined;
    const key = periodOf(time, this.by);
    let counts = this.cohorts.get(key);
    if (!counts) this.cohorts.set(key, (counts = newCounts(this.plan)));
    return counts;
  }

  /** The record in `slot` leaves its stage at `at`: the stage's warning and breach, if due. */
  private leave(slot: number, at: number, bySla: boolean): void {
    const left = this.columns.stage[slot];
    const entered = this.columns.entered[slot];
    this.warnedBy(left, entered, at);
    // The engine also marks the cascade after a breach as caused by the SLA; the breach is
    // the move out of a stage with an SLA exactly at its deadline.
    const sla = bySla ? this.plan.slaOf[left] : null;
    if (sla && this.inWindow(at) && addDuration(entered, sla) === at) {
      this.counts.breaches[left]++;
      const cohort = this.cohortOf(at);
      if (cohort) cohort.breaches[left]++;
    }
  }

  /**
   * Counts the warning of the stage a record is leaving (or sits in at as-of) when it was due by
   * `until`.
   */
  private warnedBy(stage: number, entered: number, until: number): void {
    const warn = this.plan.warnOf[stage];
    if (!warn) return;
    const due = addDuration(entered, warn);
    const sla = this.plan.slaOf[stage];
    // As the engine does: a warning is due at or before the time, and before the deadline.
    if (due > until || (sla && due >= addDuration(entered, sla))) return;
    if (!this.inWindow(due)) return;
    this.counts.warnings[stage]++;
    const cohort = this.cohortOf(due);
    if (cohort) cohort.warnings[stage]++;
  }

  /** An entry at success-path position `p` converts the pending entries before it. */
  private convert(slot: number, stage: number, p: number, at: number): void {
    const { columns, counts } = this;
    const base = slot * this.plan.path.length;
    for (let q = 0; q < p; q++) {
      const since = columns.pending[base + q];
      if (since !== since) continue;
      columns.pending[base + q] = NaN;
      const took = (at - since) / DAY;
      counts.converted[q]++;
      counts.samples[q].push(took);
      const cohort = this.cohortOf(since);
      if (cohort) {
        cohort.converted[q]++;
        cohort.samples[q].push(took);
      }
    }
    if (!this.plan.won[stage]) return;
    const lead = columns.lead[slot];
    if (lead === lead && lead !== -Infinity) {
      this.leadWon.count++;
      this.leadWon.samples.push((at - lead) / DAY);
      columns.lead[slot] = -Infinity;
    }
  }

  /** The record's first in-window entry into a stage counts in its volume. */
  private countEntry(slot: number, stage: number, p: number, at: number): void {
    const { columns, plan } = this;
    const cell = slot * plan.stageCount + stage;
    if (columns.counted[cell]) return;
    columns.counted[cell] = 1;
    this.counts.volume[stage]++;
    const cohort = this.cohortOf(at);
    if (cohort) cohort.volume[stage]++;
    if (p >= 0 && plan.measured[p]) columns.pending[slot * plan.path.length + p] = at;
    if (stage === plan.initial && columns.lead[slot] !== columns.lead[slot])
      columns.lead[slot] = at;
  }

  /** Every stage's figures, in report order. */
  private stageFigures(inventory: Uint32Array): StageFigures[] {
    const { ir, order, position, measured, path } = this.plan;
    const { volume, converted, samples, breaches, warnings } = this.counts;
    return order.map((i) => {
      const s = ir.stages[i];
      const p = position[i];
      const isMeasured = p >= 0 && measured[p];
      const conversion = isMeasured ? share(converted[p], volume[i]) : null;
      const velocity = isMeasured ? samples[p].summary() : null;
      return {
        stage: s.name,
        title: s.title,
        kind: s.kind,
        pathIndex: p >= 0 ? p : null,
        next: isMeasured ? ir.stages[path[p + 1]].name : null,
        volume: volume[i],
        converted: isMeasured ? converted[p] : null,
        conversion,
        velocity,
        slaBreaches: breaches[i],
        slaWarnings: warnings[i],
        inventory: inventory[i],
        targets: targetsOf(s.targets, conversion, velocity),
      };
    });
  }

  /** Every cohort's figures, by period. */
  private cohortFigures(): Cohort[] {
    const { ir, order, position, measured } = this.plan;
    return [...this.cohorts.keys()].sort().map((period) => {
      const counts = this.cohorts.get(period)!;
      return {
        period,
        stages: order.map((i) => {
          const p = position[i];
          const isMeasured = p >= 0 && measured[p];
          return {
            stage: ir.stages[i].name,
            volume: counts.volume[i],
            converted: isMeasured ? counts.converted[p] : null,
            conversion: isMeasured ? share(counts.converted[p], counts.volume[i]) : null,
            velocity: isMeasured ? counts.samples[p].summary() : null,
            slaBreaches: counts.breaches[i],
            slaWarnings: counts.warnings[i],
          };
        }),
      };
    });
  }
}

/** A stage's targets, met or not by its conversion and median velocity. */
function targetsOf(
  targets: FunnelIR["stages"][number]["targets"],
  conversion: number | null,
  velocity: VelocityFigures | null,
): StageFigures["targets"] {
  const conversionTarget: TargetResult | null =
    targets.conversionPercent === null
      ? null
      : {
          target: targets.conversionPercent / 100,
          actual: conversion,
          pass: conversion === null ? null : conversion >= targets.conversionPercent / 100,
        };
  const velocityTarget: TargetResult | null =
    targets.velocity === null
      ? null
      : {
          target: days(targets.velocity),
          actual: velocity ? velocity.median : null,
          pass: velocity ? velocity.median <= days(targets.velocity) : null,
        };
  return { conversion: conversionTarget, velocity: velocityTarget };
}

/**
 * Stage indices in report order: the success path, then detours, then the other terminals.
 * @param ir the funnel
 * @returns indices of ir.stages
 */
export function orderForReport(ir: FunnelIR): number[] {
  const index = new Map(ir.stages.map((s, i) => [s.name, i]));
  const onPath = ir.successPath.map((n) => index.get(n)!);
  const seen = new Set(onPath);
  const detours = ir.stages
    .map((s, i) => (s.kind === "detour" && !seen.has(i) ? i : -1))
    .filter((i) => i >= 0);
  const rest = ir.stages.map((_, i) => i).filter((i) => !seen.has(i) && !detours.includes(i));
  return [...onPath, ...detours, ...rest];
}
