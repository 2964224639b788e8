// `funnel report --format html`: one self-contained page (inline CSS and SVG; no script, font or
// URL from outside) with the stage table and charts: the funnel of volumes with the conversion
// between stages, conversion against targets, velocity (median bar, p90 whisker, mean dot), SLA
// breaches and warnings, and cohort trends. Charts are drawn here as SVG text with d3-scale
// (scales, ticks) and d3-shape (line paths): no DOM, no browser. Every user string is escaped.
// Layer: runtime/ -> report/ -> cli/.
import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { count, counted, days, NONE, percent, signed } from "./format-figures.js";
import type { Report, ReportFigures, StageFigures } from "./types.js";

/** Text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );
}
const e = escapeHtml;
const n = (v: number) => (Math.round(v * 10) / 10).toString();

const WIDTH = 760;
const PALETTE = [
  "#2f6fb0",
  "#e07b39",
  "#3a9a5b",
  "#b8434f",
  "#7b5ea7",
  "#8c6d31",
  "#d45fa0",
  "#5f8f9e",
  "#9aa33b",
  "#555555",
];

function svg(height: number, label: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" ` +
    `width="${WIDTH}" height="${height}" role="img" aria-label="${e(label)}">` +
    `<title>${e(label)}</title>${body}</svg>`
  );
}

function pathStages(f: ReportFigures): StageFigures[] {
  return f.stages.filter((s) => s.pathIndex !== null);
}

/**
 * Funnel: centred bars of volume down the success path, with the conversion to the next stage
 * between them.
 */
function funnelChart(f: ReportFigures): string {
  const stages = pathStages(f);
  const rowH = 34;
  const gap = 18;
  const height = stages.length * (rowH + gap) + 10;
  const max = Math.max(1, ...stages.map((s) => s.volume));
  const x = scaleLinear().domain([0, max]).range([0, 420]);
  const cx = 170 + 210;
  let body = "";
  stages.forEach((s, i) => {
    const y = 5 + i * (rowH + gap);
    const w = Math.max(s.volume > 0 ? 2 : 0, x(s.volume));
    body +=
      `<text x="160" y="${y + rowH / 2 + 4}" text-anchor="end" class="label">` +
      `${e(s.stage)}</text>`;
    body +=
      `<rect x="${n(cx - w / 2)}" y="${y}" width="${n(w)}" height="${rowH}" ` +
      `fill="${PALETTE[0]}" opacity="${n(1 - i * 0.05)}"><title>${e(s.stage)}: ` +
      `${count(s.volume)}</title></rect>`;
    body += `<text x="${cx + 220}" y="${y + rowH / 2 + 4}" class="value">${count(s.volume)}</text>`;
    if (s.next !== null)
      body +=
        `<text x="${cx}" y="${y + rowH + gap / 2 + 5}" text-anchor="middle" class="note">↓ ` +
        `${percent(s.conversion)} to ${e(s.next)}</text>`;
  });
  return svg(height, "Volume per success-path stage, with conversion to the next stage", body);
}

/** Horizontal bars of one figure per stage, with an optional target tick. */
function barChart(
  label: string,
  rows: {
    stage: string;
    value: number | null;
    target?: number | null;
    text: string;
    whisker?: number | null;
    dot?: number | null;
  }[],
  max: number,
  color: string,
  tick: (t: number) => string = String,
): string {
  const rowH = 22;
  const height = rows.length * (rowH + 8) + 30;
  const x = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice()
    .range([170, WIDTH - 90]);
  let body = "";
  for (const t of x.ticks(5))
    body +=
      `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="0" y2="${height - 22}" class="grid"/><text ` +
      `x="${n(x(t))}" y="${height - 8}" text-anchor="middle" class="tick">${tick(t)}</text>`;
  rows.forEach((r, i) => {
    const y = i * (rowH + 8) + 4;
    body +=
      `<text x="160" y="${y + rowH / 2 + 4}" text-anchor="end" class="label">` +
      `${e(r.stage)}</text>`;
    if (r.value !== null)
      body +=
        `<rect x="170" y="${y}" width="${n(Math.max(0, x(r.value) - 170))}" height="${rowH}" ` +
        `fill="${color}"><title>${e(r.stage)}: ${e(r.text)}</title></rect>`;
    if (r.whisker !== null && r.whisker !== undefined)
      body +=
        `<line x1="${n(x(r.value ?? 0))}" x2="${n(x(r.whisker))}" y1="${y + rowH / 2}" ` +
        `y2="${y + rowH / 2}" class="whisker"/><line x1="${n(x(r.whisker))}" ` +
        `x2="${n(x(r.whisker))}" y1="${y + 4}" y2="${y + rowH - 4}" class="whisker"/>`;
    if (r.dot !== null && r.dot !== undefined)
      body += `<circle cx="${n(x(r.dot))}" cy="${y + rowH / 2}" r="4" class="dot"/>`;
    if (r.target !== null && r.target !== undefined)
      body +=
        `<line x1="${n(x(r.target))}" x2="${n(x(r.target))}" y1="${y - 3}" ` +
        `y2="${y + rowH + 3}" class="target"><title>target</title></line>`;
    const end = Math.max(
      r.value === null ? 170 : x(r.value),
      r.whisker ? x(r.whisker) : 0,
      r.dot ? x(r.dot) + 4 : 0,
    );
    body += `<text x="${n(end + 6)}" y="${y + rowH / 2 + 4}" class="value">${e(r.text)}</text>`;
  });
  return svg(height, label, body);
}

/** Grouped bars: SLA breaches and warnings per stage that has an SLA or had one. */
function slaChart(f: ReportFigures): string {
  const stages = f.stages.filter((s) => s.slaBreaches > 0 || s.slaWarnings > 0);
  if (!stages.length) return `<p class="note">No SLA breaches or warnings in the window.</p>`;
  const max = Math.max(...stages.map((s) => Math.max(s.slaBreaches, s.slaWarnings)));
  const y = scaleBand()
    .domain(stages.map((s) => s.stage))
    .range([4, stages.length * 44 + 4])
    .padding(0.15);
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([170, WIDTH - 90]);
  const height = stages.length * 44 + 30;
  let body = "";
  for (const t of x.ticks(5))
    body +=
      `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="0" y2="${height - 22}" class="grid"/>` +
      `<text x="${n(x(t))}" y="${height - 8}" text-anchor="middle" class="tick">${t}</text>`;
  for (const s of stages) {
    const top = y(s.stage)!;
    const h = y.bandwidth() / 2;
    body +=
      `<text x="160" y="${n(top + h + 4)}" text-anchor="end" class="label">` +
      `${e(s.stage)}</text>`;
    body +=
      `<rect x="170" y="${n(top)}" width="${n(x(s.slaBreaches) - 170)}" height="${n(h - 1)}" ` +
      `fill="${PALETTE[3]}"><title>${e(s.stage)}: ${s.slaBreaches} breaches</title>` +
      `</rect><text x="${n(x(s.slaBreaches) + 6)}" y="${n(top + h - 4)}" class="value">` +
      `${count(s.slaBreaches)} breached</text>`;
    body +=
      `<rect x="170" y="${n(top + h)}" width="${n(x(s.slaWarnings) - 170)}" ` +
      `height="${n(h - 1)}" fill="${PALETTE[1]}"><title>${e(s.stage)}: ${s.slaWarnings} ` +
      `warnings</title></rect><text x="${n(x(s.slaWarnings) + 6)}" y="${n(top + 2 * h - 4)}" ` +
      `class="value">${count(s.slaWarnings)} warned</text>`;
  }
  return svg(height, "SLA breaches and warnings per stage", body);
}

/** Lines of conversion per success-path stage across cohort periods. */
function cohortChart(f: ReportFigures): string {
  if (!f.cohorts) return "";
  const periods = f.cohorts.periods.map((p) => p.period);
  if (periods.length < 2)
    return `<p class="note">Cohort trends need at least two ${f.cohorts.by}s with entries.</p>`;
  const stages = pathStages(f).filter((s) => s.next !== null);
  const height = 300;
  const x = scalePoint()
    .domain(periods)
    .range([60, WIDTH - 150])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - 40, 15]);
  let body = "";
  for (const t of y.ticks(5))
    body +=
      `<line x1="60" x2="${WIDTH - 150}" y1="${n(y(t))}" y2="${n(y(t))}" class="grid"/><text ` +
      `x="52" y="${n(y(t) + 4)}" text-anchor="end" class="tick">${Math.round(t * 100)}%</text>`;
  const every = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    if (i % every === 0)
      body +=
        `<text x="${n(x(p)!)}" y="${height - 20}" text-anchor="middle" ` +
        `class="tick">${e(p)}</text>`;
  });
  stages.forEach((s, k) => {
    const points = f.cohorts!.periods.map(
      (p) => [x(p.period)!, p.stages.find((c) => c.stage === s.stage)?.conversion ?? null] as const,
    );
    const path = line<readonly [number, number | null]>()
      .defined((d) => d[1] !== null)
      .x((d) => d[0])
      .y((d) => y(d[1]!))(points);
    const color = PALETTE[k % PALETTE.length];
    if (path) body += `<path d="${path}" fill="none" stroke="${color}" stroke-width="2"/>`;
    for (const [px, py] of points)
      if (py !== null)
        body +=
          `<circle cx="${n(px)}" cy="${n(y(py))}" r="3" fill="${color}"><title>${e(s.stage)}: ` +
          `${percent(py)}</title></circle>`;
    body +=
      `<rect x="${WIDTH - 140}" y="${15 + k * 18}" width="12" height="12" fill="${color}"/>` +
      `<text x="${WIDTH - 122}" y="${26 + k * 18}" class="label">${e(s.stage)}</text>`;
  });
  return svg(height, `Conversion to the next stage by ${f.cohorts.by} of entry`, body);
}

function stageTable(f: ReportFigures): string {
  const head = [
    "Stage",
    "Volume",
    "Conversion",
    "Next",
    "Median days",
    "Mean days",
    "P90 days",
    "SLA breaches",
    "Warnings",
    "In stage now",
    "Targets",
  ];
  const rows = f.stages.map((s) => {
    const targets = [
      s.targets.conversion
        ? `conversion ≥ ${percent(s.targets.conversion.target)}: ` +
          `${verdict(s.targets.conversion.pass)}`
        : "",
      s.targets.velocity
        ? `velocity ≤ ${days(s.targets.velocity.target)} d: ${verdict(s.targets.velocity.pass)}`
        : "",
    ].filter(Boolean);
    const name = s.title
      ? `<b>${e(s.stage)}</b> <span class="note">${e(s.title)}</span>`
      : `<b>${e(s.stage)}</b>`;
    return (
      `<tr${s.pathIndex === null ? ' class="off"' : ""}><td>${name}</td><td ` +
      `class="num">${count(s.volume)}</td><td class="num">${percent(s.conversion)}</td>` +
      `<td>${e(s.next ?? "")}</td><td class="num">${days(s.velocity?.median)}</td><td ` +
      `class="num">${days(s.velocity?.mean)}</td><td class="num">${days(s.velocity?.p90)}</td>` +
      `<td class="num">${count(s.slaBreaches)}</td><td class="num">${count(s.slaWarnings)}` +
      `</td><td class="num">${count(s.inventory)}</td><td>${targets.join("<br>")}</td></tr>`
    );
  });
  return (
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

function verdict(pass: boolean | null): string {
  return pass === null
    ? "n/a"
    : pass
      ? `<span class="pass">pass</span>`
      : `<span class="fail">FAIL</span>`;
}

function comparison(report: Report): string {
  const cmp = report.comparison;
  if (!cmp) return "";
  const base = new Map(cmp.figures.stages.map((s) => [s.stage, s]));
  const rows = cmp.deltas.map((d) => {
    const s = report.figures.stages.find((x) => x.stage === d.stage)!;
    const b = base.get(d.stage)!;
    return (
      `<tr><td>${e(d.stage)}</td><td class="num">${count(b.volume)} → ${count(s.volume)} ` +
      `(${signed(d.volume)})</td><td class="num">${percent(b.conversion)} → ` +
      `${percent(s.conversion)} (${signed(d.conversionPoints, 1, " pp")})</td>` +
      `<td class="num">${days(b.velocity?.median)} → ${days(s.velocity?.median)} ` +
      `(${signed(d.medianVelocityDays, 1)})</td><td class="num">${count(b.slaBreaches)} → ` +
      `${count(s.slaBreaches)} (${signed(d.slaBreaches)})</td></tr>`
    );
  });
  return (
    `<h2>Compared with ${e(cmp.label)}</h2><p class="note">` +
    `${e(windowText(cmp.figures))}; baseline funnel ${e(cmp.funnel.source)}` +
    `${cmp.funnel.version ? ` version ${e(cmp.funnel.version)}` : ""}.</p><table><thead><tr>` +
    `<th>Stage</th><th>Volume</th><th>Conversion</th><th>Median days</th><th>SLA breaches</th>` +
    `</tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

function windowText(f: ReportFigures): string {
  return (
    `Window ${f.window.from ?? "from the first move"} .. ` +
    `${f.window.to ? `${f.window.to} (exclusive)` : "to the as-of time"}, as of ` +
    `${f.asOf ?? NONE}`
  );
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;max-width:960px;margin:2em auto;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #d8dee6;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{padding:.3em .5em;border-bottom:1px solid #e5e9ef;text-align:left;vertical-align:top}
th{background:#f3f6f9;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.off td{color:#5a6573}
.note{color:#5a6573}.pass{color:#1f7a3f;font-weight:600}.fail{color:#b3261e;font-weight:600}.empty{background:#fff6e0;border:1px solid #e9c46a;padding:.6em .8em}
svg{max-width:100%;height:auto;display:block;margin:.5em 0}svg .label{font-size:12px;fill:#1d2733}svg .value{font-size:12px;fill:#1d2733}
svg .note{font-size:11px;fill:#5a6573}svg .tick{font-size:10px;fill:#5a6573}svg .grid{stroke:#e5e9ef}svg .target{stroke:#b3261e;stroke-width:2}
svg .whisker{stroke:#1d2733;stroke-width:1.5}svg .dot{fill:#fff;stroke:#1d2733;stroke-width:1.5}
@media print{body{margin:0}h2{break-after:avoid}svg,table{break-inside:avoid}}`;

/**
 * The page. Async for the renderers' common signature (the command imports this module lazily).
 */
export async function renderHtml(report: Report): Promise<string> {
  const f = report.figures;
  const title = report.funnel.title ?? report.funnel.name;
  const stages = pathStages(f).filter((s) => s.next !== null);
  const i = report.input;
  const o = f.overall;
  let body = `<h1>Funnel report: ${e(title)}</h1>`;
  body +=
    `<p class="note">${e(report.funnel.name)}` +
    `${report.funnel.version ? `, version ${e(report.funnel.version)}` : ""}, ` +
    `${e(report.funnel.source)}. ${e(windowText(f))}. ${counted(f.records, "record")}, ` +
    `${counted(f.moves, "move")}.</p>`;
  body +=
    `<p class="note">Input ${e(i.file)} ` +
    `(${i.kind === "events" ? "events" : "stage history"}): ${count(i.lines)} ` +
    `${i.format === "csv" ? "rows" : "lines"}, ${count(i.accepted)} ` +
    `${i.kind === "events" ? "applied" : "moves"}, ${count(i.duplicate)} duplicate, ` +
    `${count(i.rejected)} rejected${
      Object.keys(i.rejectedByReason).length
        ? ` (${Object.entries(i.rejectedByReason)
            .map(([r, k]) => `${e(r)} ${count(k)}`)
            .join(", ")})`
        : ""
    }.</p>`;
  if (report.empty) body += `<p class="empty">${e(report.empty)}</p>`;
  body +=
    `<p><b>Lead to won</b> (${e(o.from)} → ${e(o.to.join(" or ") || NONE)}): ` +
    `${count(o.won)} of ${count(o.volume)} = <b>${percent(o.conversion)}</b>` +
    `${o.velocity ? `, median ${days(o.velocity.median)} days` : ""}.</p>`;
  body += `<h2>Stages</h2>${stageTable(f)}`;
  body += `<h2>Volume and conversion down the success path</h2>${funnelChart(f)}`;
  body +=
    `<h2>Conversion to the next stage</h2><p class="note">Red tick: the stage's ` +
    `conversion target.</p>`;
  body += barChart(
    "Conversion to the next stage per stage",
    stages.map((s) => ({
      stage: s.stage,
      value: s.conversion,
      target: s.targets.conversion?.target ?? null,
      text: percent(s.conversion),
    })),
    1,
    PALETTE[2],
    (t) => `${Math.round(t * 100)}%`,
  );
  const maxDays = Math.max(
    0,
    ...stages.map((s) =>
      Math.max(s.velocity?.p90 ?? 0, s.velocity?.mean ?? 0, s.targets.velocity?.target ?? 0),
    ),
  );
  body +=
    `<h2>Velocity (days to the next stage)</h2><p class="note">Bar: median; whisker: ` +
    `90th percentile; dot: mean; red tick: velocity target.</p>`;
  body += barChart(
    "Velocity in days per stage",
    stages.map((s) => ({
      stage: s.stage,
      value: s.velocity?.median ?? null,
      whisker: s.velocity?.p90 ?? null,
      dot: s.velocity?.mean ?? null,
      target: s.targets.velocity?.target ?? null,
      text: s.velocity ? `${days(s.velocity.median)} d (p90 ${days(s.velocity.p90)})` : NONE,
    })),
    maxDays,
    PALETTE[0],
  );
  body += `<h2>SLA breaches and warnings</h2>${slaChart(f)}`;
  if (f.cohorts) body += `<h2>Cohorts by ${f.cohorts.by} of entry</h2>${cohortChart(f)}`;
  body += comparison(report);
  if (i.rejectedLines.length) {
    body += `<h2>Rejected ${i.format === "csv" ? "rows" : "lines"}</h2><ul>${i.rejectedLines
      .map(
        (r) =>
          `<li>${e(i.file)}:${r.line}${r.column === undefined ? "" : `:${r.column}`} ` +
          `${e(r.code)}: ${e(r.message)}</li>`,
      )
      .join("")}</ul>`;
  }
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" ` +
    `content="width=device-width, initial-scale=1"><title>${e(`Funnel report: ${title}`)}` +
    `</title><style>${CSS}</style></head><body>${body}</body></html>\n`
  );
}
