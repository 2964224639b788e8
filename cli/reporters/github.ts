// GitHub Actions workflow commands (`--format github`): one `::error …::message` line per
// diagnostic, which the Actions runner turns into an annotation on the file and line.
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { locate, type SourceTexts } from "./locate.js";
import { visibleText } from "./visible.js";

const COMMAND = { error: "error", warning: "warning", info: "notice", hint: "notice" } as const;

/**
 * A message as workflow-command data. `%`, CR and LF are GitHub's escapes (a raw line break would
 * end the command); other control characters become `\uXXXX`, as in the pretty reporter, so a
 * hostile file cannot send escape sequences to the log.
 */
export function escapeData(text: string): string {
  return visibleText(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** A property value (file, title): data escaping, and `:` and `,` that would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One workflow command for a diagnostic; its related notes follow the message on new lines. */
export function formatGithubDiagnostic(d: Diagnostic, sources: SourceTexts): string {
  const properties: string[] = [];
  if (d.file) properties.push(`file=${escapeProperty(d.file)}`);
  if (d.file && !d.unlocated) {
    const range = locate(sources, d.file, d.span);
    // A zero-width range marks one place: GitHub gets the same start and end.
    const end = d.span.end > d.span.start ? range.end : range.start;
    properties.push(
      `line=${range.start.line}`,
      `col=${range.start.column}`,
      `endLine=${end.line}`,
      `endColumn=${end.column}`,
    );
  }
  properties.push(`title=${escapeProperty(d.code)}`);
  let message = d.message;
  for (const related of d.related ?? []) {
    const at = locate(sources, related.file, related.span);
    message += `\nnote: ${related.file}:${at.start.line}:${at.start.column}: ${related.message}`;
  }
  return `::${COMMAND[d.severity]} ${properties.join(",")}::${escapeData(message)}\n`;
}

/**
 * The workflow commands for diagnostics: errors and warnings, and with `verbose` also infos and
 * hints (as notices), as the pretty reporter shows them.
 */
export function formatGithub(
  diagnostics: Diagnostic[],
  sources: SourceTexts,
  verbose: boolean,
): string {
  return diagnostics
    .filter((d) => verbose || d.severity === "error" || d.severity === "warning")
    .map((d) => formatGithubDiagnostic(d, sources))
    .join("");
}
