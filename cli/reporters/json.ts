// Machine-readable diagnostics (`--format json`): stable keys, 1-based positions plus offsets.
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { locate, summarize, type SourceTexts } from "./locate.js";

export function formatJson(
  diagnostics: Diagnostic[],
  sources: SourceTexts,
  fileCount: number,
): string {
  const report = {
    version: 1,
    files: fileCount,
    summary: summarize(diagnostics),
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      name: d.name,
      severity: d.severity,
      message: d.message,
      file: d.file,
      range: locate(sources, d.file, d.span),
      related: (d.related ?? []).map((r) => ({
        message: r.message,
        file: r.file,
        range: locate(sources, r.file, r.span),
      })),
      ...(d.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
      ...(d.tags ? { tags: d.tags } : {}),
    })),
  };
  return JSON.stringify(report, null, 2) + "\n";
}
