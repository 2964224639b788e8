// What `check` and `build` share: compiling the project and printing its diagnostics.
import { createNodeHost } from "../../compiler/host.js";
import { compile, mergeDiagnostics, type CompileResult } from "../../compiler/program.js";
import { phaseOf, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { EXIT_DIAGNOSTICS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import { resolveProject, type Project } from "../project.js";
import { formatGithub } from "../reporters/github.js";
import { formatJson } from "../reporters/json.js";
import { formatDiagnostic, formatPretty, formatSummary } from "../reporters/pretty.js";
import { formatSarif } from "../reporters/sarif.js";

import type { OutputFormat } from "../formats.js";
export { OUTPUT_FORMATS, type OutputFormat } from "../formats.js";

export interface DiagnosticOptions {
  format: OutputFormat;
  strict: boolean;
  verbose: boolean;
}

export interface CompiledProject {
  project: Project;
  result?: CompileResult;
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

/**
 * Resolves inputs and compiles them. A bad config stops before compiling; a missing input does
 * not: it is reported beside the diagnostics of the inputs that were found.
 */
export function compileProject(io: CliIo, args: string[]): CompiledProject {
  const project = resolveProject(io.cwd, args);
  const sources = new Map(project.extraSources);
  if (!project.files.length && project.diagnostics.some((d) => d.severity === "error"))
    return { project, diagnostics: project.diagnostics, sources };
  const result = compile(createNodeHost(project.root), project.files);
  for (const [file, loaded] of result.files) if (loaded) sources.set(file, loaded.source.text);
  return {
    project,
    result,
    diagnostics: mergeDiagnostics([project.diagnostics, result.diagnostics]),
    sources,
  };
}

/**
 * Prints diagnostics in the chosen format on stdout. GitHub workflow commands keep stdout for
 * themselves: their summary line goes to stderr (uncoloured, it lands in a CI log).
 */
export function printDiagnostics(
  io: CliIo,
  compiled: CompiledProject,
  options: DiagnosticOptions,
  extra: Diagnostic[] = [],
): void {
  const diagnostics = mergeDiagnostics([compiled.diagnostics, extra]);
  const fileCount = compiled.project.files.length;
  if (options.format === "json") io.stdout(formatJson(diagnostics, compiled.sources, fileCount));
  else if (options.format === "sarif") io.stdout(formatSarif(diagnostics, compiled.sources));
  else if (options.format === "github") {
    io.stdout(formatGithub(diagnostics, compiled.sources, options.verbose));
    const plain = colorsFor({ ...io, color: false });
    io.stderr(
      formatSummary(diagnostics, fileCount, { colors: plain, verbose: options.verbose }) + "\n",
    );
  } else
    io.stdout(
      formatPretty(diagnostics, compiled.sources, fileCount, {
        colors: colorsFor(io),
        verbose: options.verbose,
      }),
    );
}

/**
 * Prints problems found before anything was compiled (the command line is wrong): no summary in
 * human output, the usual document in JSON and SARIF, one workflow command each for GitHub.
 */
export function printProblems(
  io: CliIo,
  diagnostics: Diagnostic[],
  options: Pick<DiagnosticOptions, "format">,
): void {
  if (options.format === "json") io.stdout(formatJson(diagnostics, new Map(), 0));
  else if (options.format === "sarif") io.stdout(formatSarif(diagnostics, new Map()));
  else if (options.format === "github") io.stdout(formatGithub(diagnostics, new Map(), true));
  else
    io.stdout(
      diagnostics
        .map((d) => formatDiagnostic(d, new Map(), { colors: colorsFor(io), verbose: false }))
        .join(""),
    );
}

/** The exit code diagnostics call for: internal errors, then usage errors, then ordinary errors. */
export function exitCodeFor(compiled: CompiledProject, strict: boolean): number {
  const diagnostics = compiled.diagnostics;
  if (diagnostics.some((d) => phaseOf(d) === "internal")) return EXIT_INTERNAL;
  if (compiled.project.diagnostics.some((d) => d.severity === "error")) return EXIT_USAGE;
  if (diagnostics.some((d) => d.severity === "error")) return EXIT_DIAGNOSTICS;
  if (strict && diagnostics.some((d) => d.severity === "warning")) return EXIT_DIAGNOSTICS;
  return EXIT_OK;
}
