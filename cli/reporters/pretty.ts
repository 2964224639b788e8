// Human output: `file:line:col - severity CODE: message`, a code frame with a caret under the
// range, related notes, and a one-line summary. A diagnostic with no place in a text prints as
// `file - severity CODE: message`, or without the file when there is none. Control characters
// are shown as `\uXXXX` (reporters/visible.ts).
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { Colors } from "../io.js";
import { formatCodeFrame } from "./code-frame.js";
import { locate, summarize, type SourceTexts } from "./locate.js";
import { visibleText } from "./visible.js";
import { plural } from "../words.js";

export interface PrettyOptions {
  colors: Colors;
  /** Also print hints and infos (unused declarations, notes). */
  verbose: boolean;
}

/** Renders one diagnostic with its code frame. */
export function formatDiagnostic(
  d: Diagnostic,
  sources: SourceTexts,
  { colors }: PrettyOptions,
): string {
  const color =
    d.severity === "error" ? colors.red : d.severity === "warning" ? colors.yellow : colors.cyan;
  const head = `${color(d.severity)} ${colors.gray(d.code)}: ${visibleText(d.message)}\n`;
  if (d.unlocated) return (d.file ? `${colors.cyan(visibleText(d.file))} - ` : "") + head;
  const range = locate(sources, d.file, d.span);
  let out =
    `${colors.cyan(visibleText(d.file))}:${colors.yellow(String(range.start.line))}:` +
    `${colors.yellow(String(range.start.column))} - ${head}`;
  const text = sources.get(d.file);
  if (text !== undefined && text.length > 0) {
    // A zero-width range still gets one caret; ranges over several lines are marked on each.
    const end = d.span.end > d.span.start ? range.end : range.start;
    out += "\n" + formatCodeFrame(text, range.start, end) + "\n";
  }
  for (const related of d.related ?? []) {
    const at = locate(sources, related.file, related.span);
    out +=
      `\n  ${colors.gray("note:")} ${visibleText(related.file)}:${at.start.line}:` +
      `${at.start.column}: ${visibleText(related.message)}\n`;
  }
  return out;
}

/**
 * Renders diagnostics and a summary line.
 * @param fileCount how many files were checked, for the summary
 */
export function formatPretty(
  diagnostics: Diagnostic[],
  sources: SourceTexts,
  fileCount: number,
  options: PrettyOptions,
): string {
  const shown = options.verbose
    ? diagnostics
    : diagnostics.filter((d) => d.severity === "error" || d.severity === "warning");
  const blocks = shown.map((d) => formatDiagnostic(d, sources, options));
  const summary = formatSummary(diagnostics, fileCount, options);
  return (blocks.length ? blocks.join("\n") + "\n" : "") + summary + "\n";
}

/**
 * The one-line summary: errors and warnings found (or none), and how many hints were hidden.
 * @param fileCount how many files were checked
 */
export function formatSummary(
  diagnostics: Diagnostic[],
  fileCount: number,
  options: PrettyOptions,
): string {
  const s = summarize(diagnostics);
  // FN1010 stands for the errors it cut off: count those, and not the FN1010 note itself.
  const caps = diagnostics.filter((d) => d.omitted !== undefined);
  const omitted = caps.reduce((n, d) => n + d.omitted!, 0);
  const errors = s.errors - caps.length + omitted;
  const parts = [];
  if (errors) parts.push(options.colors.red(plural(errors, "error")));
  if (s.warnings) parts.push(options.colors.yellow(plural(s.warnings, "warning")));
  const quiet = s.hints + s.infos;
  const files = plural(fileCount, "file");
  let summary = parts.length
    ? `Found ${parts.join(" and ")} in ${files}`
    : `No problems found in ${files}`;
  summary += omitted ? ` (${omitted} of the errors not shown).` : ".";
  if (quiet && !options.verbose)
    summary += options.colors.gray(` (${plural(quiet, "hint")} hidden; --verbose shows them)`);
  return summary;
}
