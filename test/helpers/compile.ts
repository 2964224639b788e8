// Test helpers: compile in-memory sources and assert diagnostics exactly.
import { expect } from "vitest";
import { createMemoryHost } from "../../compiler/host.js";
import { compile, type CompileResult } from "../../compiler/program.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { offsetToLineColumn } from "../../core/source-file.js";

/** Compiles in-memory files; the first file (or `main.funnel` for a string) is the entry. */
export function compileText(
  files: string | Record<string, string>,
  entries?: string[],
): CompileResult {
  const map = typeof files === "string" ? { "main.funnel": files } : files;
  return compile(createMemoryHost(map), entries ?? [Object.keys(map)[0]]);
}

/** Diagnostics of one in-memory source, as plain records with 1-based line:column ranges. */
export function diagnose(files: string | Record<string, string>, entries?: string[]) {
  const map = typeof files === "string" ? { "main.funnel": files } : files;
  const result = compileText(map, entries);
  return result.diagnostics.map((d) => describe(d, map[d.file] ?? ""));
}

export interface DiagnosticMatch {
  code: string;
  message?: string | RegExp;
  /** "line:col-line:col", 1-based, end exclusive. */
  range?: string;
  file?: string;
  severity?: string;
}

function describe(d: Diagnostic, text: string) {
  const source = { path: d.file, text };
  const s = offsetToLineColumn(source, d.span.start);
  const e = offsetToLineColumn(source, d.span.end);
  return {
    code: d.code,
    message: d.message,
    severity: d.severity,
    file: d.file,
    range: `${s.line}:${s.column}-${e.line}:${e.column}`,
    text: text.slice(d.span.start, d.span.end),
  };
}

/** Asserts the exact, ordered list of diagnostics (code, and message/range where given). */
export function expectDiagnostics(
  actual: ReturnType<typeof diagnose>,
  expected: DiagnosticMatch[],
): void {
  expect(
    actual.map((d) => d.code),
    JSON.stringify(actual, null, 2),
  ).toEqual(expected.map((d) => d.code));
  expected.forEach((e, i) => {
    const a = actual[i];
    if (e.message instanceof RegExp) expect(a.message).toMatch(e.message);
    else if (e.message !== undefined) expect(a.message).toBe(e.message);
    if (e.range !== undefined) expect(a.range).toBe(e.range);
    if (e.file !== undefined) expect(a.file).toBe(e.file);
    if (e.severity !== undefined) expect(a.severity).toBe(e.severity);
  });
}

/** A minimal valid funnel around the given items (teams/fields/events/stages as needed). */
export function funnelWith(body: string): string {
  return `funnel f {\n${body}\n}\n`;
}
