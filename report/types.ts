// The report's data: what report/accumulator.ts computes from a stream of moves (spec §7) and what
// every renderer (table, csv, json, html) prints. schema/funnel-report.schema.json describes the
// JSON form; a test validates reports against it. Layer: runtime/ -> report/ -> cli/.

/** Median, mean and 90th percentile of days, over `count` converted records. */
export interface VelocityFigures {
  count: number;
  median: number;
  mean: number;
  p90: number;
}

export interface TargetResult {
  /** The goal: a share (0.4 for `target conversion 40%`) or days (`target velocity 14 days`). */
  target: number;
  /** The figure compared with it (conversion share, or median velocity in days); null: no data. */
  actual: number | null;
  /** Conversion at or above its target, median velocity at or below it; null without data. */
  pass: boolean | null;
}

export interface StageFigures {
  stage: string;
  title: string | null;
  kind: "stage" | "detour" | "terminal";
  /** Position on the success path (0 = initial stage), or null for stages off it. */
  pathIndex: number | null;
  /** The next success-path stage conversion is measured to; null when there is none. */
  next: string | null;
  /** Distinct records that entered the stage in the window. */
  volume: number;
  /**
   * Of those, the records that later entered `next` or a success-path stage after it (null: no
   * `next`).
   */
  converted: number | null;
  /** converted / volume; null when there is no `next` or the volume is 0. */
  conversion: number | null;
  /** Days from the first entry in the window to the first later entry into `next` or beyond. */
  velocity: VelocityFigures | null;
  /** SLA breaches of this stage (deadline in the window). */
  slaBreaches: number;
  /** SLA warnings of this stage (due time in the window). */
  slaWarnings: number;
  /** Records in this stage at the as-of time (whatever the window). */
  inventory: number;
  targets: { conversion: TargetResult | null; velocity: TargetResult | null };
}

export interface OverallFigures {
  /** The initial stage. */
  from: string;
  /** The terminal stages with outcome won. */
  to: string[];
  /** Records that entered the initial stage in the window. */
  volume: number;
  /** Of those, the records that entered a won stage by the as-of time. */
  won: number;
  conversion: number | null;
  velocity: VelocityFigures | null;
}

export interface CohortStageFigures {
  stage: string;
  volume: number;
  converted: number | null;
  conversion: number | null;
  velocity: VelocityFigures | null;
  slaBreaches: number;
  slaWarnings: number;
}

export interface Cohort {
  /** `2026-03` (month) or `2026-Q1` (quarter), UTC. */
  period: string;
  stages: CohortStageFigures[];
}

/** Figures of one window over one funnel. */
export interface ReportFigures {
  /** Window start (inclusive) and end (exclusive), ISO; null when open. */
  window: { from: string | null; to: string | null };
  /** The time inventory is taken and conversions are counted up to; null when nothing happened. */
  asOf: string | null;
  /** Distinct records with a move at or before the as-of time. */
  records: number;
  /** Moves read at or before the as-of time. */
  moves: number;
  stages: StageFigures[];
  overall: OverallFigures;
  cohorts: { by: "month" | "quarter"; periods: Cohort[] } | null;
}

/** A line (or row) of input that was not accepted: where, why, and the diagnostic it gave. */
export interface RejectedLine {
  line: number;
  /** Where in the line it went wrong, when known (an unclosed quote in CSV). */
  column?: number;
  reason: string;
  code: string;
  message: string;
}

/**
 * How the lines of an input ended: every reader's counts (events run through the engine, moves
 * read from a stage history) and the report's.
 */
export interface LineTotals {
  /** Lines (JSONL) or rows (CSV) read, blank ones included. */
  lines: number;
  blank: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  /** The first rejected lines, in input order (all are counted in `rejectedByReason`). */
  rejectedLines: RejectedLine[];
}

export interface InputSummary extends LineTotals {
  /** The input as shown to the user. */
  file: string;
  /** `events` (run through the engine) or `history` (moves `funnel run` wrote). */
  kind: "events" | "history";
  format: "jsonl" | "csv";
  /** Events applied (events input) or moves read (history input). */
  accepted: number;
  duplicate: number;
}

export interface FunnelInfo {
  name: string;
  title: string | null;
  version: string | null;
  source: string;
}

export interface StageDelta {
  stage: string;
  volume: number;
  /** Difference in percentage points of conversion (this minus baseline); null without both. */
  conversionPoints: number | null;
  /** Difference of median velocity in days; null without both. */
  medianVelocityDays: number | null;
  slaBreaches: number;
}

export interface Report {
  reportVersion: 1;
  funnel: FunnelInfo;
  input: InputSummary;
  figures: ReportFigures;
  /** With --compare-to: the baseline's figures and the differences (this minus baseline). */
  comparison: {
    label: string;
    funnel: FunnelInfo;
    figures: ReportFigures;
    deltas: StageDelta[];
  } | null;
  /** Set when there is nothing to report (no events, or none in the window). */
  empty: string | null;
}
