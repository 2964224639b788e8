// The `html` target: one self-contained page per funnel: inline CSS (with a print stylesheet), the
// stage diagram as inline SVG, the definitions table, teams, trigger inputs and the scoring model.
// No scripts and no external URLs (a Content-Security-Policy says so); every user string is
// escaped.
import { renderDot } from "./dot.js";
import {
  describeFunnel,
  readDocOptions,
  successPathHeader,
  type FunnelDoc,
  type StageDoc,
} from "./doc-model.js";
import type { Emitter } from "./emitter.js";
import { checkDrawable, renderSvg } from "./svg.js";

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values.
 * @param text plain text from the funnel
 * @returns text with `& < > " '` written as entities
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/**
 * Prepares Graphviz's SVG document for inlining: drops the XML prolog, doctype and comments (an
 * HTML page has no use for them) and the namespace declarations, which HTML parsing supplies.
 * Graphviz has already escaped every text and attribute it wrote.
 * @param svg the SVG document from renderSvg
 */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf("<svg");
  const body = svg
    .slice(start < 0 ? 0 : start)
    .replace(/<!--[\s\S]*?-->\n?/g, "")
    .trim();
  const rootEnd = body.indexOf(">") + 1;
  let root = body.slice(0, rootEnd).replace(/\s+xmlns(?::xlink)?="[^"]*"/g, "");
  // A wide funnel is scaled to the page, but never below 72% of its drawn size (labels would get
  // too small to read): beyond that the figure scrolls sideways. Print always fits the page.
  const width = /\swidth="([\d.]+)pt"/.exec(root);
  if (width)
    root = root.replace(
      /^<svg/,
      `<svg style="min-width: ${Math.round(Number(width[1]) * (4 / 3) * 0.72)}px"`,
    );
  return root + body.slice(rootEnd);
}

const CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #1a56db;
  --detour: #b45309; --won: #137333; --lost: #c5221f; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1560px; margin: 0 auto; padding: 32px 28px 48px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 1.35rem; margin: 40px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 26px 0 8px; }
p { margin: 0 0 10px; max-width: 80ch; }
.meta { color: var(--muted); margin-bottom: 14px; }
.meta span + span::before { content: "·"; margin: 0 8px; }
.lead { font-size: 1.1rem; }
.text { white-space: pre-line; }
nav { margin: 18px 0 0; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 0.92rem; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
code { font: 0.85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
figure.diagram { margin: 18px 0 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; overflow-x: auto; }
figure.diagram svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { margin-top: 8px; color: var(--muted); font-size: 0.88rem; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.key::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; border: 2px solid; border-radius: 3px; }
.key.success::before { background: #e8f0fe; border-color: var(--accent); }
.key.detour::before { background: #fff4e5; border-color: var(--detour); border-style: dashed; }
.key.won::before { background: #e6f4ea; border-color: var(--won); }
.key.lost::before { background: #fce8e6; border-color: var(--lost); }
.key.sla::before { width: 18px; height: 0; border-width: 2px 0 0; border-style: dashed; border-color: var(--detour); border-radius: 0; vertical-align: 3px; }
.note { border-left: 4px solid var(--detour); background: #fff8ee; padding: 8px 12px; margin: 10px 0; max-width: none; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 4px; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
table.narrow { width: auto; min-width: min(100%, 34rem); }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.stage { min-width: 11em; }
td.stage strong { display: block; font-size: 1rem; }
.original { display: block; color: var(--muted); font-size: 0.85rem; }
td ul { margin: 0; padding-left: 1.1em; }
td li + li { margin-top: 3px; }
.none { color: var(--muted); }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 0.8rem; font-weight: 600; }
.badge.won { background: #e6f4ea; color: var(--won); }
.badge.lost { background: #fce8e6; color: var(--lost); }
.badge.none { background: var(--soft); color: var(--muted); }
footer { margin-top: 48px; color: var(--muted); font-size: 0.85rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 9.5pt; color: #000; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; margin-top: 20px; }
  h3 { break-after: avoid; }
  figure.diagram { border: none; padding: 0; overflow: visible; break-inside: avoid; }
  figure.diagram svg { width: 100%; min-width: 0 !important; max-height: 170mm; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) td { background: none; }
  th { background: none; border-bottom: 1.5px solid #000; }
  code { border: none; background: none; padding: 0; }
}
`.trim();

function text(value: string | null, className = "text"): string {
  return value === null || value === ""
    ? `<span class="none">—</span>`
    : `<span class="${className}">${escapeHtml(value)}</span>`;
}

/**
 * A `///` doc comment or the description as paragraphs: single line breaks are where the author
 * wrapped the text, so they become spaces, and blank lines separate paragraphs (as in Markdown).
 */
function docParagraphs(docs: string, className = ""): string {
  const attr = className ? ` class="${className}"` : "";
  return docs
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map((p) => `<p${attr}>${escapeHtml(p)}</p>`)
    .join("\n");
}

/** A doc comment inside a table cell: one line, or an em dash when there is none. */
function docCell(docs: string | null): string {
  return docs === null || docs.trim() === ""
    ? `<span class="none">—</span>`
    : escapeHtml(docs.replace(/\s*\n\s*/g, " ").trim());
}

function list(items: string[]): string {
  if (!items.length) return `<span class="none">—</span>`;
  if (items.length === 1) return escapeHtml(items[0]);
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function term(stage: StageDoc, lang: string | null): string {
  const attr = stage.translated && lang !== null ? ` lang="${escapeHtml(lang)}"` : "";
  const original =
    stage.translated && stage.term !== stage.title
      ? `<span class="original">${escapeHtml(stage.title)}</span>`
      : "";
  return (
    `<strong class="term"${attr}>${escapeHtml(stage.term)}</strong> ` +
    `<code>${escapeHtml(stage.name)}</code>${original}`
  );
}

function table(head: string[], rows: string[][], numeric: number[] = [], className = ""): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = rows.map(
    (cells) =>
      `<tr>${cells
        .map(
          (c, i) =>
            `<td${
              numeric.includes(i)
                ? ` class="num"`
                : i === head.indexOf("Stage")
                  ? ` class="stage"`
                  : ""
            }>${c}</td>`,
        )
        .join("")}</tr>`,
  );
  return (
    `<table${className ? ` class="${className}"` : ""}>\n<thead><tr>${th}</tr></thead>\n` +
    `<tbody>\n${body.join("\n")}\n</tbody>\n</table>`
  );
}

function entries(stage: StageDoc): string {
  return list(stage.entries.map((e) => capitalise(e.text)));
}

function sla(stage: StageDoc): string {
  return list([stage.sla, stage.warn].filter((s): s is string => s !== null));
}

function renderStages(doc: FunnelDoc): string[] {
  const out = [
    `<section id="stages">`,
    `<h2>Stages</h2>`,
    `<p>The success path, in order: every record starts in the first stage.</p>`,
  ];
  if (doc.lang !== null) {
    out.push(
      `<p>Stage terms are the <code>${escapeHtml(doc.lang)}</code> labels where the ` +
        `funnel has them.</p>`,
    );
    if (doc.missingLabels.length) {
      out.push(
        `<p class="note">Stages without a <code>${escapeHtml(doc.lang)}</code> label (shown with ` +
          `their title): ${escapeHtml(doc.missingLabels.join(", "))}.</p>`,
      );
    }
  }
  const header = successPathHeader(doc);
  const withTargets = header.includes("Targets");
  out.push(
    table(
      header,
      doc.successPath.map((s) => [
        String(s.position),
        term(s, doc.lang),
        text(s.definition),
        text(s.owner),
        entries(s),
        sla(s),
        ...(withTargets ? [text(s.targets)] : []),
      ]),
      [0],
    ),
  );
  if (doc.detours.length) {
    out.push(
      `<h3 id="detours">Detours</h3>`,
      `<p>Off the success path: records wait here until a trigger sends them on.</p>`,
    );
    out.push(
      table(
        ["Stage", "Definition", "Owner", "Trigger to enter", "Leaves", "SLA and breach"],
        doc.detours.map((s) => [
          term(s, doc.lang),
          text(s.definition),
          text(s.owner),
          entries(s),
          list(s.exits.map(capitalise)),
          sla(s),
        ]),
      ),
    );
  }
  if (doc.terminals.length) {
    out.push(
      `<h3 id="terminals">Terminal stages</h3>`,
      `<p>Records that end here leave the funnel.</p>`,
    );
    out.push(
      table(
        ["Stage", "Outcome", "Definition", "Trigger to enter"],
        doc.terminals.map((s) => {
          const outcome = s.stage.outcome ?? "none";
          return [
            term(s, doc.lang),
            `<span class="badge ${escapeHtml(outcome)}">${escapeHtml(outcome)}</span>`,
            text(s.definition),
            entries(s),
          ];
        }),
      ),
    );
  }
  out.push(`</section>`);
  return out;
}

function renderTeams(doc: FunnelDoc): string[] {
  if (!doc.teams.length) return [];
  return [
    `<section id="teams">`,
    `<h2>Teams</h2>`,
    table(
      ["Team", "Owns", "Notified on", "About"],
      doc.teams.map((t) => [
        `<strong>${escapeHtml(t.title)}</strong> <code>${escapeHtml(t.name)}</code>`,
        text(t.owns.join(", ")),
        list(t.notified),
        docCell(t.docs),
      ]),
    ),
    `</section>`,
  ];
}

function renderInputs(doc: FunnelDoc): string[] {
  if (!doc.fields.length && !doc.events.length) return [];
  const out = [`<section id="inputs">`, `<h2>Fields and events the triggers use</h2>`];
  if (doc.fields.length) {
    out.push(
      table(
        ["Field", "Type", "Used to enter", "Description"],
        doc.fields.map((f) => [
          `<code>${escapeHtml(f.name)}</code>`,
          text(f.type),
          text(f.usedToEnter.join(", ")),
          docCell(f.docs),
        ]),
      ),
    );
  }
  if (doc.events.length) {
    out.push(
      table(
        ["Event", "Data", "Used to enter", "Description"],
        doc.events.map((e) => [
          `<code>${escapeHtml(e.name)}</code>`,
          text(e.data),
          text(e.usedToEnter.join(", ")),
          docCell(e.docs),
        ]),
      ),
    );
  }
  out.push(`</section>`);
  return out;
}

function renderScores(doc: FunnelDoc): string[] {
  if (!doc.scores.length) return [];
  const out = [
    `<section id="scoring">`,
    `<h2>Scoring</h2>`,
    `<p>A score adds up the points of its rules: an <em>on</em> rule each time its event ` +
      `happens (when its condition holds then), a <em>while</em> rule for as long as ` +
      `its condition holds.</p>`,
  ];
  for (const score of doc.scores) {
    out.push(`<h3>${escapeHtml(score.title)} <code>${escapeHtml(score.name)}</code></h3>`);
    if (score.docs) out.push(docParagraphs(score.docs));
    out.push(
      table(
        ["Rule", "Points"],
        score.rules.map((r) => [escapeHtml(r.when), escapeHtml(r.points)]),
        [1],
        "narrow",
      ),
    );
  }
  out.push(`</section>`);
  return out;
}

/**
 * Renders the HTML page of a funnel.
 * @param doc the documentation view (see doc-model.ts)
 * @param svg the diagram from renderSvg (Graphviz output, already escaped)
 * @returns the page, ending with one newline
 */
export function renderHtml(doc: FunnelDoc, svg: string): string {
  const meta = [
    doc.version !== null ? `<span>Version ${escapeHtml(doc.version)}</span>` : "",
    `<span>Source <code>${escapeHtml(doc.source)}</code></span>`,
  ].filter(Boolean);
  const sections = [
    `<a href="#diagram">Diagram</a>`,
    `<a href="#stages">Stages</a>`,
    doc.teams.length ? `<a href="#teams">Teams</a>` : "",
    doc.fields.length || doc.events.length ? `<a href="#inputs">Fields and events</a>` : "",
    doc.scores.length ? `<a href="#scoring">Scoring</a>` : "",
  ].filter(Boolean);
  const legend = [
    `<span class="key success">success path</span>`,
    doc.detours.length ? `<span class="key detour">detour</span>` : "",
    doc.stages.some((s) => s.stage.outcome === "won") ? `<span class="key won">won</span>` : "",
    doc.stages.some((s) => s.stage.outcome === "lost") ? `<span class="key lost">lost</span>` : "",
    doc.edges.some((e) => e.kind === "sla") ? `<span class="key sla">SLA breach</span>` : "",
  ].filter(Boolean);
  const lines = [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    // The page loads nothing and runs nothing: safe to open from an email or a CI artifact.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ` +
      `'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="funnelc ${escapeHtml(doc.compilerVersion)}">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    `<header>`,
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<div class="meta">${meta.join("")}</div>`,
    doc.description ? docParagraphs(doc.description, "lead") : "",
    doc.docs ? docParagraphs(doc.docs) : "",
    `<nav aria-label="Sections">${sections.join("")}</nav>`,
    `</header>`,
    `<section id="diagram">`,
    `<h2>Diagram</h2>`,
    `<figure class="diagram">`,
    inlineSvg(svg),
    `<figcaption>${legend.join("")}</figcaption>`,
    `</figure>`,
    `</section>`,
    ...renderStages(doc),
    ...renderTeams(doc),
    ...renderInputs(doc),
    ...renderScores(doc),
    `<footer>Generated by funnelc ${escapeHtml(doc.compilerVersion)} from ` +
      `<code>${escapeHtml(doc.source)}</code>. Do not edit: change the .funnel file ` +
      `and rebuild.</footer>`,
    `</main>`,
    `</body>`,
    `</html>`,
  ];
  return lines.filter((l) => l !== "").join("\n") + "\n";
}

export const htmlEmitter: Emitter = {
  target: "html",
  description:
    "one self-contained HTML page per funnel: diagram (inline SVG), definitions, teams, " +
    "scoring; prints well (option lang)",
  async emit(ir, { baseName, targetOptions }) {
    checkDrawable(ir);
    const doc = describeFunnel(ir, readDocOptions(targetOptions));
    const svg = await renderSvg(renderDot(doc));
    return [{ path: `${baseName}.html`, contents: renderHtml(doc, svg) }];
  },
};
