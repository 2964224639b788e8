// Assembles a Report (report/types.ts) from figures: the funnel's identity, the input's counts,
// a comparison's differences, and the "nothing to report" message instead of empty numbers.
// Layer: runtime/ -> report/ -> cli/.
import type { FunnelIR } from "../core/ir/types.js";
import type { FunnelInfo, InputSummary, Report, ReportFigures, StageDelta } from "./types.js";

export function funnelInfo(ir: FunnelIR): FunnelInfo {
  return {
    name: ir.funnel.name,
    title: ir.funnel.title,
    version: ir.funnel.version,
    source: ir.source,
  };
}

/** Why a report has no figures, or null when it has some. */
export function emptyReason(figures: ReportFigures): string | null {
  if (figures.records === 0)
    return (
      "No moves to report: the input holds no applied event (or none at or before " +
      "the as-of time)."
    );
  if (
    figures.stages.every((s) => s.volume === 0) &&
    figures.stages.every((s) => s.slaBreaches === 0 && s.slaWarnings === 0)
  ) {
    const from = figures.window.from ?? "the start";
    const to = figures.window.to ?? "the as-of time";
    return (
      `No record entered a stage between ${from} and ${to}; volumes, conversions and ` +
      `velocities are empty (inventory is as of ${figures.asOf}).`
    );
  }
  return null;
}

/** This window's figures minus the baseline's, per stage both funnels have. */
export function stageDeltas(current: ReportFigures, baseline: ReportFigures): StageDelta[] {
  const base = new Map(baseline.stages.map((s) => [s.stage, s]));
  return current.stages.flatMap((s) => {
    const b = base.get(s.stage);
    if (!b) return [];
    return [
      {
        stage: s.stage,
        volume: s.volume - b.volume,
        conversionPoints:
          s.conversion !== null && b.conversion !== null
            ? (s.conversion - b.conversion) * 100
            : null,
        medianVelocityDays: s.velocity && b.velocity ? s.velocity.median - b.velocity.median : null,
        slaBreaches: s.slaBreaches - b.slaBreaches,
      },
    ];
  });
}

/**
 * The whole report.
 * @param comparison the baseline: a label ("2025-01-01..2025-03-31" or the other funnel's file) and
 * its figures
 */
export function buildReport(
  ir: FunnelIR,
  input: InputSummary,
  figures: ReportFigures,
  comparison?: { label: string; ir: FunnelIR; figures: ReportFigures },
): Report {
  return {
    reportVersion: 1,
    funnel: funnelInfo(ir),
    input,
    figures,
    comparison: comparison
      ? {
          label: comparison.label,
          funnel: funnelInfo(comparison.ir),
          figures: comparison.figures,
          deltas: stageDeltas(figures, comparison.figures),
        }
      : null,
    empty: emptyReason(figures),
  };
}
