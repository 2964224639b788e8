// Diagnostic positions for reporters: offsets → 1-based line/column through source-file.ts.
import type { Diagnostic, Span } from "../../core/diagnostics/diagnostic.js";
import { offsetToLineColumn, type LineColumn } from "../../core/source-file.js";

/** Texts of the files diagnostics point into, by project path. */
export type SourceTexts = ReadonlyMap<string, string>;

export interface LocatedRange {
  start: LineColumn & { offset: number };
  end: LineColumn & { offset: number };
}

export function locate(sources: SourceTexts, file: string, span: Span): LocatedRange {
  const source = { path: file, text: sources.get(file) ?? "" };
  return {
    start: { ...offsetToLineColumn(source, span.start), offset: span.start },
    end: { ...offsetToLineColumn(source, span.end), offset: span.end },
  };
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function summarize(diagnostics: Diagnostic[]): Summary {
  const count = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  return {
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    hints: count("hint"),
  };
}
