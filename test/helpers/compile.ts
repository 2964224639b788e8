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

/** Lines of source: one string (split at line ends) or one string per line. */
type Lines = string | readonly string[];

export interface FunnelParts {
  /** Lines before the funnel: its imports. */
  imports?: Lines;
  /** Declarations after `team sales` (fields, events, scores); `events { signed }` if left out. */
  declarations?: Lines;
  /** Clauses of stage `a` after its definition and owner; `-> won on signed` if left out. */
  clauses?: Lines;
  /** Stages between `a` and `terminal won`. */
  stages?: Lines;
  /** Stages after `terminal won`. */
  terminals?: Lines;
}

/**
 * The small funnel most diagnostic tests start from, with the parts a test is about filled in.
 * Each part is written without indentation; it is indented as the funnel nests it:
 *
 *     <imports>
 *     funnel f {
 *       team sales
 *       <declarations>          (default: events { signed })
 *       stage a {
 *         definition "A."
 *         owner sales
 *         <clauses>             (default: -> won on signed)
 *       }
 *       <stages>
 *       terminal won { outcome won }
 *       <terminals>
 *     }
 *
 * @param parts what goes into the funnel
 * @returns the funnel's text, ending with a line end
 */
export function funnelWith(parts: FunnelParts = {}): string {
  const lines = (part: Lines | undefined, indent: string) =>
    (typeof part === "string" ? part.split("\n") : (part ?? [])).map((line) => indent + line);
  return [
    ...lines(parts.imports, ""),
    "funnel f {",
    "  team sales",
    ...lines(parts.declarations ?? "events { signed }", "  "),
    "  stage a {",
    '    definition "A."',
    "    owner sales",
    ...lines(parts.clauses ?? "-> won on signed", "    "),
    "  }",
    ...lines(parts.stages, "  "),
    "  terminal won { outcome won }",
    ...lines(parts.terminals, "  "),
    "}",
    "",
  ].join("\n");
}
