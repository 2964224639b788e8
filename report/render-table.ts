// `funnel report` in the terminal: aligned columns, a centred bar per stage so the funnel's shape
// shows, targets as pass/FAIL, the overall lead-to-won line, cohorts and a comparison when asked,
// and the input's rejected lines. Layer: runtime/ -> report/ -> cli/.
import pc from "picocolors";
import { count, counted, days, NONE, percent, signed } from "./format-figures.js";
import type { Report, ReportFigures, StageFigures, TargetResult } from "./types.js";

const BAR = 24;

type Align = "left" | "right";
type Row = string[];

/**
 * Pads cells to aligned columns; `paint` colours a cell after padding (colour codes have no width).
 */
function table(
  header: Row,
  rows: Row[],
  align: Align[],
  paint?: (row: number, column: number, text: string) => string,
): string {
  const widths = header.map((h, i) =>
    Math.max([...h].length, ...rows.map((r) => [...r[i]].length)),
  );
  const pad = (text: string, i: number) => {
    const gap = " ".repeat(widths[i] - [...text].length);
    return align[i] === "right" ? gap + text : text + gap;
  };
  const line = (r: Row, index: number) =>
    r
      .map((c, i) => (paint && index >= 0 ? paint(index, i, pad(c, i)) : pad(c, i)))
      .join("  ")
      .trimEnd();
  return [line(header, -1), ...rows.map(line)].join("\n") + "\n";
}

/**
 * A bar centred in BAR cells, its length proportional to the volume (the widest stage fills it).
 */
function funnelBar(volume: number, max: number): string {
  if (max === 0 || volume === 0) return " ".repeat(BAR);
  const cells = Math.max(1, Math.round((volume / max) * BAR));
  const left = Math.floor((BAR - cells) / 2);
  return " ".repeat(left) + "█".repeat(cells) + " ".repeat(BAR - cells - left);
}

function target(t: TargetResult | null, what: "conv" | "vel"): string {
  if (!t) return "";
  const goal = what === "conv" ? `conv ≥ ${percent(t.target)}` : `vel ≤ ${days(t.target)} d`;
  return `${goal} ${t.pass === null ? "n/a" : t.pass ? "pass" : "FAIL"}`;
}

function windowText(f: ReportFigures): string {
  const from = f.window.from ?? "the first move";
  const to = f.window.to ? `${f.window.to} (exclusive)` : "the as-of time";
  return `Window ${from} .. ${to}, as of ${f.asOf ?? NONE}`;
}

function stageTable(f: ReportFigures, c: ReturnType<typeof pc.createColors>): string {
  const max = Math.max(0, ...f.stages.map((s) => s.volume));
  const header = [
    "Stage",
    "Volume",
    "",
    "Conv.",
    "→ next",
    "Median d",
    "Mean d",
    "P90 d",
    "Breaches",
    "Warnings",
    "Now",
    "Targets",
  ];
  const align: Align[] = [
    "left",
    "right",
    "left",
    "right",
    "left",
    "right",
    "right",
    "right",
    "right",
    "right",
    "right",
    "left",
  ];
  const rows = f.stages.map((s: StageFigures) => [
    s.pathIndex === null ? `(${s.stage})` : s.stage,
    count(s.volume),
    funnelBar(s.volume, max),
    percent(s.conversion),
    s.next ?? "",
    days(s.velocity?.median),
    days(s.velocity?.mean),
    days(s.velocity?.p90),
    count(s.slaBreaches),
    count(s.slaWarnings),
    count(s.inventory),
    [target(s.targets.conversion, "conv"), target(s.targets.velocity, "vel")]
      .filter(Boolean)
      .join("; "),
  ]);
  return table(header, rows, align, (_row, column, text) => {
    if (column === 2) return c.cyan(text);
    if (column === 11)
      return text.replace(/\bpass\b/g, c.green("pass")).replace(/\bFAIL\b/g, c.red("FAIL"));
    return text;
  });
}

function overallLine(f: ReportFigures): string {
  const o = f.overall;
  const to = o.to.length ? o.to.join(" or ") : "a won stage (the funnel has none)";
  const velocity = o.velocity
    ? `, median ${days(o.velocity.median)} days (mean ${days(o.velocity.mean)}, p90 ` +
      `${days(o.velocity.p90)})`
    : "";
  return (
    `Lead to won (${o.from} → ${to}): ${count(o.won)} of ${count(o.volume)} = ` +
    `${percent(o.conversion)}${velocity}.\n`
  );
}

function cohortTable(f: ReportFigures): string {
  if (!f.cohorts) return "";
  const onPath = f.stages.filter((s) => s.pathIndex !== null);
  let out =
    `\nCohorts by ${f.cohorts.by} of entry into each stage (volume, conversion, ` +
    `median days):\n`;
  if (f.cohorts.periods.length === 0) return out + "  none\n";
  const header = ["Period", ...onPath.map((s) => s.stage)];
  const rows = f.cohorts.periods.map((p) => [
    p.period,
    ...onPath.map((s) => {
      const c = p.stages.find((x) => x.stage === s.stage)!;
      if (c.volume === 0) return "";
      return c.converted === null
        ? count(c.volume)
        : `${count(c.volume)} ${percent(c.conversion)} ${days(c.velocity?.median)}`;
    }),
  ]);
  return out + table(header, rows, ["left", ...onPath.map((): Align => "right")]);
}

function comparisonTable(report: Report): string {
  const cmp = report.comparison;
  if (!cmp) return "";
  const base = new Map(cmp.figures.stages.map((s) => [s.stage, s]));
  const header = ["Stage", "Volume", "Δ", "Conv.", "Δ pp", "Median d", "Δ d", "Breaches", "Δ"];
  const rows = report.figures.stages.flatMap((s) => {
    const b = base.get(s.stage);
    const d = cmp.deltas.find((x) => x.stage === s.stage);
    if (!b || !d) return [];
    return [
      [
        s.stage,
        `${count(b.volume)} → ${count(s.volume)}`,
        signed(d.volume),
        `${percent(b.conversion)} → ${percent(s.conversion)}`,
        signed(d.conversionPoints, 1),
        `${days(b.velocity?.median)} → ${days(s.velocity?.median)}`,
        signed(d.medianVelocityDays, 1),
        `${count(b.slaBreaches)} → ${count(s.slaBreaches)}`,
        signed(d.slaBreaches),
      ],
    ];
  });
  const funnel =
    cmp.funnel.source !== report.funnel.source
      ? ` (${cmp.funnel.source}${cmp.funnel.version ? `, version ${cmp.funnel.version}` : ""})`
      : "";
  let out = `\nCompared with ${cmp.label}${funnel}. ${windowText(cmp.figures)}.\n`;
  out += table(header, rows, [
    "left",
    "right",
    "right",
    "right",
    "right",
    "right",
    "right",
    "right",
    "right",
  ]);
  out += "Baseline " + overallLine(cmp.figures);
  return out;
}

function inputLines(report: Report): string {
  const i = report.input;
  const unit = i.format === "csv" ? "rows" : "lines";
  const accepted =
    i.kind === "events"
      ? `${count(i.accepted)} applied, ${count(i.duplicate)} duplicate`
      : `${count(i.accepted)} moves`;
  let out =
    `Input: ${i.file} (${i.kind === "events" ? "events" : "stage history"}), ` +
    `${count(i.lines)} ${unit}: ${accepted}, ${count(i.rejected)} ` +
    `rejected${i.blank ? `, ${count(i.blank)} blank` : ""}.\n`;
  const reasons = Object.entries(i.rejectedByReason);
  if (reasons.length)
    out += `Rejected by reason: ${reasons.map(([r, n]) => `${r} ${count(n)}`).join(", ")}.\n`;
  if (i.rejectedLines.length) {
    out +=
      i.rejected > i.rejectedLines.length
        ? `Rejected ${unit} (first ${i.rejectedLines.length} of ${count(i.rejected)}):\n`
        : `Rejected ${unit}:\n`;
    for (const r of i.rejectedLines)
      out +=
        `  ${i.file}:${r.line}${r.column === undefined ? "" : `:${r.column}`} - warning ` +
        `${r.code}: ${r.message}\n`;
  }
  return out;
}

/**
 * The terminal report.
 * @param options color: ANSI colours (a terminal without NO_COLOR)
 */
export function renderTable(report: Report, options: { color?: boolean } = {}): string {
  const c = pc.createColors(Boolean(options.color));
  const f = report.figures;
  const name = report.funnel.title
    ? `${report.funnel.title} (${report.funnel.name})`
    : report.funnel.name;
  const version = report.funnel.version ? `, version ${report.funnel.version}` : "";
  let out = `${c.bold(`Funnel report: ${name}`)}${version}, ${report.funnel.source}\n`;
  out += `${windowText(f)}; ${counted(f.records, "record")}, ${counted(f.moves, "move")}.\n`;
  out += inputLines(report);
  if (report.empty) out += `\n${c.yellow(report.empty)}\n`;
  out += "\n" + stageTable(f, c);
  out += "\n" + overallLine(f);
  out += cohortTable(f);
  out += comparisonTable(report);
  out +=
    `\nVolume: records that entered the stage in the window. Conv.: share of them that later ` +
    `entered the next stage or one after it on the success path (stages in parentheses are ` +
    `off it). Velocity in days from that entry. Now: records in the stage at the as-of time.\n`;
  return out;
}
