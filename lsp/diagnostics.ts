// Compiler diagnostics → LSP diagnostics: severity, code with a link to docs/diagnostics.md,
// related locations, tags, and the data code actions need (registry name, suggestion).
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
} from "vscode-languageserver/node.js";
import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { diagnosticDocUrl } from "../core/diagnostics/docs.js";
import { mergeDiagnostics } from "../compiler/program.js";
import type { Workspace } from "./workspace.js";

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** What a published diagnostic carries for code actions. */
export interface DiagnosticData {
  name: string;
  suggestion?: string;
}

export function toLspDiagnostic(workspace: Workspace, d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: workspace.rangeOf(d.file, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: diagnosticDocUrl(d.code) },
    source: "funnel",
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: workspace.uriOf(r.file), range: workspace.rangeOf(r.file, r.span) },
      message: r.message,
    }));
  }
  if (d.tags?.length)
    out.tags = d.tags.map((t) =>
      t === "unnecessary" ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated,
    );
  const data: DiagnosticData = { name: d.name };
  if (d.suggestion !== undefined) data.suggestion = d.suggestion;
  out.data = data;
  return out;
}

/**
 * The diagnostics to show, per file: those of every open document's funnel, so an error in an
 * imported file shows in that file too (once, even when several open funnels import it).
 */
export function collectDiagnostics(
  workspace: Workspace,
  files: string[],
): Map<string, Diagnostic[]> {
  const lists = files.map((file) => workspace.diagnostics(file));
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of mergeDiagnostics(lists)) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  return byFile;
}
