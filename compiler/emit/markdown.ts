// The `markdown` target: one document per funnel (title, stages in success-path order with their
// definitions, owners, entry triggers in plain English and SLAs; detours; terminal stages; teams;
// the fields and events the triggers use; the scoring model; a Mermaid diagram).
import {
  describeFunnel,
  readDocOptions,
  successPathHeader,
  type FunnelDoc,
  type StageDoc,
} from "./doc-model.js";
import type { SyncEmitter } from "./emitter.js";
import { renderMermaid } from "./mermaid.js";

const EMPTY = "—";

/**
 * Escapes plain text for inline Markdown (CommonMark/GFM): backslash-escapes the punctuation that
 * could start emphasis, code, links, tables or headings, and writes `<`, `>` and entity-like `&` as
 * entities, so no user text becomes HTML. Line breaks become `<br>` (valid inside table cells).
 * @param text plain text from the funnel
 * @returns Markdown that renders as exactly `text`
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|#~$]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r\n|\r|\n/g, "<br>");
}

/** A code span for a name or path: a backtick fence longer than any run of backticks inside. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  // Inside a table a pipe ends the cell even in a code span (GFM), so it is escaped there too.
  return `${fence}${pad}${text.replace(/\r\n|\r|\n/g, " ").replace(/\|/g, "\\|")}${pad}${fence}`;
}

/** Text as paragraphs: blank lines separate paragraphs, other line breaks are spaces. */
function paragraphs(text: string): string[] {
  return text
    .split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/)
    .map((p) =>
      p
        .split(/\r\n|\r|\n/)
        .map((line) => line.trim())
        .join(" ")
        .trim(),
    )
    .filter(Boolean)
    .map((p) =>
      escapeMarkdown(p)
        .replace(/^([-+=])/, "\\$1")
        .replace(/^(\d+)([.)])/, "$1\\$2"),
    );
}

/** A GFM table: cells are Markdown already (escaped by the caller). */
export function table(header: string[], align: ("left" | "right")[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(header),
    line(align.map((a) => (a === "right" ? "---:" : "---"))),
    ...rows.map(line),
  ];
}

function cell(text: string | null): string {
  return text === null || text === "" ? EMPTY : escapeMarkdown(text);
}

function cellLines(lines: (string | null)[]): string {
  const kept = lines.filter((l): l is string => l !== null && l !== "");
  return kept.length ? kept.map(escapeMarkdown).join("<br>") : EMPTY;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function stageCell(stage: StageDoc): string {
  const original =
    stage.translated && stage.term !== stage.title ? `<br>${escapeMarkdown(stage.title)}` : "";
  return `**${escapeMarkdown(stage.term.trim())}** (${code(stage.name)})${original}`;
}

function entriesCell(stage: StageDoc): string {
  return cellLines(stage.entries.map((e) => capitalise(e.text)));
}

function slaCell(stage: StageDoc): string {
  return cellLines([stage.sla, stage.warn]);
}

function renderStages(doc: FunnelDoc): string[] {
  const out: string[] = ["## Stages", ""];
  out.push("The success path, in order: every record starts in the first stage.", "");
  if (doc.lang !== null) {
    out.push(`Stage terms are the ${code(doc.lang)} labels where the funnel has them.`, "");
    if (doc.missingLabels.length) {
      out.push(
        `> Stages without a ${code(doc.lang)} label (shown with their title): ` +
          `${doc.missingLabels.map(escapeMarkdown).join(", ")}.`,
        "",
      );
    }
  }
  const header = successPathHeader(doc);
  const withTargets = header.includes("Targets");
  const align: ("left" | "right")[] = ["right", ...header.slice(1).map(() => "left" as const)];
  out.push(
    ...table(
      header,
      align,
      doc.successPath.map((s) => [
        String(s.position),
        stageCell(s),
        cell(s.definition),
        cell(s.owner),
        entriesCell(s),
        slaCell(s),
        ...(withTargets ? [cell(s.targets)] : []),
      ]),
    ),
    "",
  );
  if (doc.detours.length) {
    out.push(
      "### Detours",
      "",
      "Off the success path: records wait here until a trigger sends them on.",
      "",
    );
    out.push(
      ...table(
        ["Stage", "Definition", "Owner", "Trigger to enter", "Leaves", "SLA and breach"],
        ["left", "left", "left", "left", "left", "left"],
        doc.detours.map((s) => [
          stageCell(s),
          cell(s.definition),
          cell(s.owner),
          entriesCell(s),
          cellLines(s.exits.map(capitalise)),
          slaCell(s),
        ]),
      ),
      "",
    );
  }
  if (doc.terminals.length) {
    out.push("### Terminal stages", "", "Records that end here leave the funnel.", "");
    out.push(
      ...table(
        ["Stage", "Outcome", "Definition", "Trigger to enter"],
        ["left", "left", "left", "left"],
        doc.terminals.map((s) => [
          stageCell(s),
          cell(s.stage.outcome),
          cell(s.definition),
          entriesCell(s),
        ]),
      ),
      "",
    );
  }
  return out;
}

function renderTeams(doc: FunnelDoc): string[] {
  if (!doc.teams.length) return [];
  return [
    "## Teams",
    "",
    ...table(
      ["Team", "Owns", "Notified on", "About"],
      ["left", "left", "left", "left"],
      doc.teams.map((t) => [
        `**${escapeMarkdown(t.title.trim())}** (${code(t.name)})`,
        cell(t.owns.join(", ")),
        cell(t.notified.join("; ")),
        cell(t.docs),
      ]),
    ),
    "",
  ];
}

function renderInputs(doc: FunnelDoc): string[] {
  if (!doc.fields.length && !doc.events.length) return [];
  const out = ["## Fields and events the triggers use", ""];
  if (doc.fields.length) {
    out.push(
      ...table(
        ["Field", "Type", "Used to enter", "Description"],
        ["left", "left", "left", "left"],
        doc.fields.map((f) => [
          code(f.name),
          cell(f.type),
          cell(f.usedToEnter.join(", ")),
          cell(f.docs),
        ]),
      ),
      "",
    );
  }
  if (doc.events.length) {
    out.push(
      ...table(
        ["Event", "Data", "Used to enter", "Description"],
        ["left", "left", "left", "left"],
        doc.events.map((e) => [
          code(e.name),
          cell(e.data),
          cell(e.usedToEnter.join(", ")),
          cell(e.docs),
        ]),
      ),
      "",
    );
  }
  return out;
}

function renderScores(doc: FunnelDoc): string[] {
  if (!doc.scores.length) return [];
  const out = [
    "## Scoring",
    "",
    "A score adds up the points of its rules: an `on` rule each time its event happens (when its " +
      "condition holds then), a `while` rule for as long as its condition holds.",
    "",
  ];
  for (const score of doc.scores) {
    out.push(`### ${escapeMarkdown(score.title)} (${code(score.name)})`, "");
    if (score.docs) out.push(...paragraphs(score.docs).flatMap((p) => [p, ""]));
    out.push(
      ...table(
        ["Rule", "Points"],
        ["left", "right"],
        score.rules.map((r) => [cell(r.when), r.points]),
      ),
      "",
    );
  }
  return out;
}

/**
 * Renders the Markdown document of a funnel.
 * @param doc the documentation view (see doc-model.ts)
 * @param mermaid the funnel's Mermaid diagram (mermaid.ts), embedded as a fenced block
 * @returns the document, ending with one newline
 */
export function renderMarkdown(doc: FunnelDoc, mermaid: string): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title.replace(/\s+/g, " "))}`, ""];
  const meta = [
    doc.version !== null ? `**Version** ${escapeMarkdown(doc.version)}` : null,
    `**Source** ${code(doc.source)}`,
  ].filter(Boolean);
  out.push(meta.join(" · "), "");
  if (doc.description) out.push(...paragraphs(doc.description).flatMap((p) => [p, ""]));
  if (doc.docs) out.push(...paragraphs(doc.docs).flatMap((p) => [p, ""]));
  // The diagram text never holds a backtick (mermaid.ts writes it as an entity), so the fence
  // holds.
  out.push("## Diagram", "", "```mermaid", mermaid.trimEnd(), "```", "");
  out.push(...renderStages(doc), ...renderTeams(doc), ...renderInputs(doc), ...renderScores(doc));
  out.push(
    "---",
    "",
    `_Generated by funnelc ${escapeMarkdown(doc.compilerVersion)} from ${code(doc.source)}. ` +
      `Do not edit: change the .funnel file and rebuild._`,
    "",
  );
  return out.join("\n");
}

export const markdownEmitter: SyncEmitter = {
  target: "markdown",
  description:
    "a Markdown document per funnel: stage definitions, triggers in plain English, SLAs, " +
    "teams, scoring (option lang)",
  emit(ir, { baseName, targetOptions }) {
    const options = readDocOptions(targetOptions);
    const doc = describeFunnel(ir, options);
    return [{ path: `${baseName}.md`, contents: renderMarkdown(doc, renderMermaid(doc)) }];
  },
};
