// `funnel report --format csv`: one row per stage (then the overall lead-to-won row, then cohort
// rows), for spreadsheets; the baseline of --compare-to follows with window=baseline. Raw numbers
// (shares 0..1, days with decimals), empty cells where a figure does not exist.
// Layer: runtime/ -> report/ -> cli/.
import { csvCell } from "./history-format.js";
import type { Report, ReportFigures, TargetResult, VelocityFigures } from "./types.js";

export const REPORT_CSV_COLUMNS = [
  "window",
  "scope",
  "period",
  "stage",
  "kind",
  "path_index",
  "next",
  "volume",
  "converted",
  "conversion",
  "velocity_count",
  "velocity_median_days",
  "velocity_mean_days",
  "velocity_p90_days",
  "sla_breaches",
  "sla_warnings",
  "inventory",
  "target_conversion",
  "target_conversion_pass",
  "target_velocity_days",
  "target_velocity_pass",
] as const;

type Cell = string | number | boolean | null | undefined;

const cell = (v: Cell) =>
  v === null || v === undefined ? "" : typeof v === "string" ? csvCell(v) : String(v);
const velocityCells = (v: VelocityFigures | null): Cell[] =>
  v ? [v.count, v.median, v.mean, v.p90] : [0, null, null, null];
const targetCells = (t: TargetResult | null): Cell[] => (t ? [t.target, t.pass] : [null, null]);

function rows(window: string, f: ReportFigures): Cell[][] {
  const out: Cell[][] = [];
  for (const s of f.stages) {
    out.push([
      window,
      "stage",
      null,
      s.stage,
      s.kind,
      s.pathIndex,
      s.next,
      s.volume,
      s.converted,
      s.conversion,
      ...velocityCells(s.velocity),
      s.slaBreaches,
      s.slaWarnings,
      s.inventory,
      ...targetCells(s.targets.conversion),
      ...targetCells(s.targets.velocity),
    ]);
  }
  const o = f.overall;
  out.push([
    window,
    "overall",
    null,
    o.from,
    null,
    0,
    o.to.join("|"),
    o.volume,
    o.won,
    o.conversion,
    ...velocityCells(o.velocity),
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  for (const c of f.cohorts?.periods ?? []) {
    for (const s of c.stages) {
      out.push([
        window,
        "cohort",
        c.period,
        s.stage,
        null,
        null,
        null,
        s.volume,
        s.converted,
        s.conversion,
        ...velocityCells(s.velocity),
        s.slaBreaches,
        s.slaWarnings,
        null,
        null,
        null,
        null,
        null,
      ]);
    }
  }
  return out;
}

export function renderCsv(report: Report): string {
  const all = [
    ...rows("current", report.figures),
    ...(report.comparison ? rows("baseline", report.comparison.figures) : []),
  ];
  return [REPORT_CSV_COLUMNS.join(","), ...all.map((r) => r.map(cell).join(","))].join("\n") + "\n";
}
