// Human output: `file:line:col - severity CODE: message`, a code frame with a caret under the
// range, related notes, and a one-line summary.
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { Colors } from "../io.js";
import { formatCodeFrame } from "./code-frame.js";
import { locate, summarize, type SourceTexts } from "./locate.js";

export interface PrettyOptions {
  colors: Colors;
  /** Also print hints and infos (unused declarations, notes). */
  verbose: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Renders one diagnostic with its code frame. */
export function formatDiagnostic(d: Diagnostic, sources: SourceTexts, { colors }: PrettyOptions): string {
  const range = locate(sources, d.file, d.span);
  const color = d.severity === "error" ? colors.red : d.severity === "warning" ? colors.yellow : colors.cyan;
  let out = `${colors.cyan(d.file)}:${colors.yellow(String(range.start.line))}:${colors.yellow(String(range.start.column))} - ${color(d.severity)} ${colors.gray(d.code)}: ${d.message}\n`;
  const text = sources.get(d.file);
  if (text !== undefined && text.length > 0) {
    // A zero-width range still gets one caret; ranges over several lines are marked on each.
    const end = d.span.end > d.span.start ? range.end : range.start;
    out += "\n" + formatCodeFrame(text, range.start, end) + "\n";
  }
  for (const related of d.related ?? []) {
    const at = locate(sources, related.file, related.span);
    out += `\n  ${colors.gray("note:")} ${related.file}:${at.start.line}:${at.start.column}: ${related.message}\n`;
  }
  return out;
}

/**
 * Renders diagnostics and a summary line.
 * @param fileCount how many files were checked, for the summary
 */
export function formatPretty(diagnostics: Diagnostic[], sources: SourceTexts, fileCount: number, options: PrettyOptions): string {
  const shown = options.verbose ? diagnostics : diagnostics.filter((d) => d.severity === "error" || d.severity === "warning");
  const blocks = shown.map((d) => formatDiagnostic(d, sources, options));
  const s = summarize(diagnostics);
  const parts = [];
  if (s.errors) parts.push(options.colors.red(plural(s.errors, "error")));
  if (s.warnings) parts.push(options.colors.yellow(plural(s.warnings, "warning")));
  const quiet = s.hints + s.infos;
  const files = plural(fileCount, "file");
  let summary = parts.length ? `Found ${parts.join(" and ")} in ${files}.` : `No problems found in ${files}.`;
  if (quiet && !options.verbose) summary += options.colors.gray(` (${plural(quiet, "hint")} hidden; --verbose shows them)`);
  return (blocks.length ? blocks.join("\n") + "\n" : "") + summary + "\n";
}
