// What `funnel test`, `run` and `explain` share: compiling the one funnel they run, and messages
// from the diagnostics registry for problems that have no place in a `.funnel` file.
import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import {
  createDiagnostic,
  type Diagnostic,
  type MessageId,
  type ReportOptions,
} from "../../core/diagnostics/diagnostic.js";
import type { DiagnosticName } from "../../core/diagnostics/registry.js";
import type { FunnelIR } from "../../core/ir/types.js";
import type { FunnelProgram } from "../../compiler/program.js";
import { EXIT_DIAGNOSTICS, EXIT_USAGE } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import { compileProject, type CompiledProject } from "../commands/shared.js";
import { formatPretty } from "../reporters/pretty.js";
import { visibleText } from "../reporters/visible.js";

/** A path as shown to the user: relative to the working directory, with `/`. */
export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === "") return ".";
  return (!relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute)
    .split(path.sep)
    .join("/");
}

/**
 * A registry diagnostic that points at no source text: about a data file (`file`) or about the
 * command line (no file; printed without a prefix).
 */
export function problem<N extends DiagnosticName, M extends MessageId<N> = "default">(
  name: N,
  options: Omit<ReportOptions<N, M>, "file" | "span"> & { file?: string },
): Diagnostic {
  return createDiagnostic<N, M>(name, {
    ...options,
    file: options.file ?? "",
    span: { start: 0, end: 0 },
    unlocated: true,
  } as ReportOptions<N, M>);
}

/**
 * `where - severity CODE: message` for problems without a code frame (`where` is a file or
 * `file:line`); just `severity CODE: message` when there is no file to name.
 */
export function formatProblem(io: CliIo, d: Diagnostic, where = d.file): string {
  const c = colorsFor(io);
  const color = d.severity === "error" ? c.red : d.severity === "warning" ? c.yellow : c.cyan;
  return (
    `${where ? `${c.cyan(visibleText(where))} - ` : ""}${color(d.severity)} ` +
    `${c.gray(d.code)}: ${visibleText(d.message)}\n`
  );
}

export type FunnelFailure = "notFound" | "hasErrors" | "noStages";

export interface CompiledFunnel {
  compiled?: CompiledProject;
  program?: FunnelProgram;
  ir?: FunnelIR;
  /** Texts of the funnel and its imports, by project path (the IR's `loc.file`). */
  sources: Map<string, string>;
  failure?: FunnelFailure;
}

/**
 * Compiles one funnel file for running.
 * @param io for the working directory
 * @param file absolute path of the `.funnel` file
 */
export function compileFunnel(io: CliIo, file: string): CompiledFunnel {
  if (!existsSync(file) || !statSync(file).isFile())
    return { sources: new Map(), failure: "notFound" };
  const compiled = compileProject(io, [file]);
  const program = compiled.result?.programs[0];
  const failure: FunnelFailure | undefined = compiled.diagnostics.some(
    (d) => d.severity === "error",
  )
    ? "hasErrors"
    : program?.declarationsModule || !program?.ir
      ? "noStages"
      : undefined;
  return {
    compiled,
    program,
    ir: failure ? undefined : program?.ir,
    sources: compiled.sources,
    failure,
  };
}

/**
 * The funnel's own errors, printed like `funnel check` prints them (warnings are check's business).
 */
export function formatFunnelErrors(io: CliIo, funnel: CompiledFunnel): string {
  if (!funnel.compiled) return "";
  const errors = funnel.compiled.diagnostics.filter((d) => d.severity === "error");
  if (!errors.length) return "";
  return formatPretty(errors, funnel.sources, funnel.compiled.project.files.length, {
    colors: colorsFor(io),
    verbose: false,
  });
}

/**
 * Loads the funnel a `run` or `explain` command runs, printing why it cannot when it cannot.
 * @returns the IR, or the exit code to end with
 */
export function loadRunnableFunnel(
  io: CliIo,
  funnelArg: string,
): { funnel: CompiledFunnel; ir: FunnelIR } | { exitCode: number } {
  const absolute = path.resolve(io.cwd, funnelArg);
  const funnel = compileFunnel(io, absolute);
  const shown = displayPath(io.cwd, absolute);
  if (!funnel.failure) return { funnel, ir: funnel.ir! };
  if (funnel.failure === "notFound") {
    const d = problem("file-not-readable", { format: { path: funnelArg, reason: "no such file" } });
    io.stdout(formatProblem(io, d, shown));
    return { exitCode: EXIT_USAGE };
  }
  io.stdout(formatFunnelErrors(io, funnel));
  const d = problem("funnel-not-runnable", { messageId: funnel.failure, format: { path: shown } });
  io.stdout(formatProblem(io, d, shown));
  return { exitCode: EXIT_DIAGNOSTICS };
}
