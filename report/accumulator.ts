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

interface CohortCounts {
  volume: Uint32Array;
  converted: Uint32Array;
  samples: Samples[];
  breaches: Uint32Array;
  warnings: Uint32Array;
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
  /** First in-window entry into the initial stage (NaN: none; -Infinity: already counted as won). */
  lead = new Float64Array(this.capacity);
  constructor(
    readonly stages: number,
    readonly path: number,
  ) {
    this.counted = new Uint8Array(this.capacity * stages);
    this.pending = new Float64Array(this.capacity * path);
  }
  grow(): void {
    const c = this.capacity * 2;
    const copy = <T extends Int16Array | Float64Array | Uint8Array>(
      a: T,
      make: new (n: number) => T,
      per = 1,
    ): T => {
      const b = new make(c * per);
      b.set(a);
      return b;
    };
    this.stage = copy(this.stage, Int16Array);
    this.entered = copy(this.entered, Float64Array);
    this.counted = copy(this.counted, Uint8Array, this.stages);
    const pending = new Float64Array(c * this.path).fill(NaN);
    pending.set(this.pending);
    this.pending = pending;
    const lead = new Float64Array(c).fill(NaN);
    lead.set(this.lead);
    this.lead = lead;
    this.capacity = c;
  }
}

/**
 * Builds an accumulator for one funnel and one window.
 * @param ir the compiled funnel
 * @param options window, as-of and cohort period
 */
export function createReportAccumulator(
  ir: FunnelIR,
  options: AccumulatorOptions = {},
): ReportAccumulator {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const asOfLimit = options.asOf ?? Infinity;
  const by = options.by;
  const K = ir.stages.length;
  const index = new Map(ir.stages.map((s, i) => [s.name, i]));
  const path = ir.successPath.map((name) => index.get(name)!);
  const P = path.length;
  /** Success-path position of each stage, or -1. Won terminals share the positions after the last `stage`. */
  const position = new Int32Array(K).fill(-1);
  path.forEach((stage, p) => (position[stage] = p));
  const won = ir.stages.map((s) => s.kind === "terminal" && s.outcome === "won");
  // Conversion is measured out of non-terminal success-path stages only: a terminal has no next.
  const measured = path.map((stage, p) => ir.stages[stage].kind !== "terminal" && p + 1 < P);
  const firstWonPosition = path.findIndex((s) => won[s]);
  const slaOf: (DurationIR | null)[] = ir.stages.map((s) =>
    s.kind !== "terminal" && s.sla ? s.sla.after : null,
  );
  const warnOf: (DurationIR | null)[] = ir.stages.map((s) =>
    s.kind !== "terminal" && s.warn ? s.warn.after : null,
  );
  const initial = index.get(ir.initialStage)!;

  const records = new Map<string, number>();
  const cols = new Columns(K, P);
  cols.pending.fill(NaN);
  cols.lead.fill(NaN);
  const volume = new Uint32Array(K);
  const converted = new Uint32Array(P);
  const samples = path.map(() => new Samples());
  const breaches = new Uint32Array(K);
  const warnings = new Uint32Array(K);
  const leadWon = { count: 0, samples: new Samples() };
  const cohorts = new Map<string, CohortCounts>();
  let moves = 0;
  let latest = -Infinity;

  const inWindow = (t: number) => t >= from && t < to;
  const cohortOf = (t: number): CohortCounts | undefined => {
    if (!by) return undefined;
    const key = periodOf(t, by);
    let c = cohorts.get(key);
    if (!c) {
      c = {
        volume: new Uint32Array(K),
        converted: new Uint32Array(P),
        samples: path.map(() => new Samples()),
        breaches: new Uint32Array(K),
        warnings: new Uint32Array(K),
      };
      cohorts.set(key, c);
    }
    return c;
  };

  /** Counts the warning of the stage a record is leaving (or sits in at as-of) when it was due by `until`. */
  const warnedBy = (stage: number, entered: number, until: number) => {
    const warn = warnOf[stage];
    if (!warn) return;
    const due = addDuration(entered, warn);
    const sla = slaOf[stage];
    // As the engine does: a warning is due at or before the time, and before the deadline.
    if (due > until || (sla && due >= addDuration(entered, sla))) return;
    if (!inWindow(due)) return;
    warnings[stage]++;
    const c = cohortOf(due);
    if (c) c.warnings[stage]++;
  };

  const move = (record: string, stage: number, at: number, bySla: boolean) => {
    if (at > asOfLimit || !(at === at)) return;
    moves++;
    if (at > latest) latest = at;
    let r = records.get(record);
    if (r === undefined) {
      r = records.size;
      if (r === cols.capacity) cols.grow();
      records.set(record, r);
      cols.stage[r] = -1;
    } else {
      const left = cols.stage[r];
      if (left >= 0) {
        warnedBy(left, cols.entered[r], at);
        // The engine also marks the cascade after a breach as caused by the SLA; the breach is
        // the move out of a stage with an SLA exactly at its deadline.
        const sla = bySla ? slaOf[left] : null;
        if (sla && inWindow(at) && addDuration(cols.entered[r], sla) === at) {
          breaches[left]++;
          const c = cohortOf(at);
          if (c) c.breaches[left]++;
        }
      }
    }
    cols.stage[r] = stage;
    cols.entered[r] = at;
    const p = position[stage];
    // Conversions first: this entry converts every pending stage before it on the success path.
    if (p > 0) {
      const base = r * P;
      for (let q = 0; q < p; q++) {
        const since = cols.pending[base + q];
        if (since !== since) continue;
        cols.pending[base + q] = NaN;
        const days = (at - since) / DAY;
        converted[q]++;
        samples[q].push(days);
        const c = cohortOf(since);
        if (c) {
          c.converted[q]++;
          c.samples[q].push(days);
        }
      }
      if (won[stage]) {
        const lead = cols.lead[r];
        if (lead === lead && lead !== -Infinity) {
          leadWon.count++;
          leadWon.samples.push((at - lead) / DAY);
          cols.lead[r] = -Infinity;
        }
      }
    }
    if (!inWindow(at)) return;
    const slot = r * K + stage;
    if (cols.counted[slot]) return;
    cols.counted[slot] = 1;
    volume[stage]++;
    const c = cohortOf(at);
    if (c) c.volume[stage]++;
    if (p >= 0 && measured[p]) cols.pending[r * P + p] = at;
    if (stage === initial && cols.lead[r] !== cols.lead[r]) cols.lead[r] = at;
  };

  const velocity = (s: Samples): VelocityFigures | null => s.summary();
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  // A target in months or years has no fixed length: use the mean Gregorian month and year.
  const days = (d: DurationIR): number =>
    d.unit === "month"
      ? d.amount * (365.2425 / 12)
      : d.unit === "year"
        ? d.amount * 365.2425
        : addDuration(0, d) / DAY;

  const finish = (asOfArg?: number): ReportFigures => {
    const asOf = asOfArg ?? (asOfLimit !== Infinity ? asOfLimit : latest);
    const inventory = new Uint32Array(K);
    const known = Number.isFinite(asOf);
    for (let r = 0; r < records.size; r++) {
      const stage = cols.stage[r];
      inventory[stage]++;
      if (known) warnedBy(stage, cols.entered[r], asOf);
    }
    const stages: StageFigures[] = orderForReport(ir).map((i) => {
      const s = ir.stages[i];
      const p = position[i];
      const isMeasured = p >= 0 && measured[p];
      const conv = isMeasured ? share(converted[p], volume[i]) : null;
      const vel = isMeasured ? velocity(samples[p]) : null;
      const targetConv: TargetResult | null =
        s.targets.conversionPercent === null
          ? null
          : {
              target: s.targets.conversionPercent / 100,
              actual: conv,
              pass: conv === null ? null : conv >= s.targets.conversionPercent / 100,
            };
      const targetVel: TargetResult | null =
        s.targets.velocity === null
          ? null
          : {
              target: days(s.targets.velocity),
              actual: vel ? vel.median : null,
              pass: vel ? vel.median <= days(s.targets.velocity) : null,
            };
      return {
        stage: s.name,
        title: s.title,
        kind: s.kind,
        pathIndex: p >= 0 ? p : null,
        next: isMeasured ? ir.stages[path[p + 1]].name : null,
        volume: volume[i],
        converted: isMeasured ? converted[p] : null,
        conversion: conv,
        velocity: vel,
        slaBreaches: breaches[i],
        slaWarnings: warnings[i],
        inventory: inventory[i],
        targets: { conversion: targetConv, velocity: targetVel },
      };
    });
    let cohortList: Cohort[] | null = null;
    if (by) {
      cohortList = [...cohorts.keys()].sort().map((period) => {
        const c = cohorts.get(period)!;
        return {
          period,
          stages: orderForReport(ir).map((i) => {
            const p = position[i];
            const isMeasured = p >= 0 && measured[p];
            return {
              stage: ir.stages[i].name,
              volume: c.volume[i],
              converted: isMeasured ? c.converted[p] : null,
              conversion: isMeasured ? share(c.converted[p], c.volume[i]) : null,
              velocity: isMeasured ? velocity(c.samples[p]) : null,
              slaBreaches: c.breaches[i],
              slaWarnings: c.warnings[i],
            };
          }),
        };
      });
    }
    const leadVolume = volume[initial];
    return {
      window: {
        from: Number.isFinite(from) ? formatInstant(from) : null,
        to: Number.isFinite(to) ? formatInstant(to) : null,
      },
      asOf: known ? formatInstant(asOf) : null,
      records: records.size,
      moves,
      stages,
      overall: {
        from: ir.initialStage,
        to: firstWonPosition < 0 ? [] : path.slice(firstWonPosition).map((s) => ir.stages[s].name),
        volume: leadVolume,
        won: leadWon.count,
        conversion: share(leadWon.count, leadVolume),
        velocity: velocity(leadWon.samples),
      },
      cohorts: by ? { by, periods: cohortList! } : null,
    };
  };

  return { stageIndex: (name) => index.get(name), move, finish };
}

/** Stage indices in report order: the success path, then detours, then the other terminals. */
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
