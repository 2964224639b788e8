// `funnel build [paths...] --target json|yaml|markdown|… --out dir [--lang de]`: compile, then emit
// every target of every funnel. Nothing is written unless the whole project compiles and every
// target emitted (atomic, like CI wants).
import * as path from "node:path";
import * as posix from "node:path/posix";
import { createDiagnostic, type Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { OutputFile } from "../../compiler/emit/emitter.js";
import { TARGETS, targetNames } from "../../compiler/emit/targets.js";
import { writeOutputFiles } from "../../compiler/emit/write.js";
import { EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import { reportUnwritable } from "../output-path.js";
import { compileProject, exitCodeFor, printDiagnostics, type DiagnosticOptions } from "./shared.js";
import { spanOf } from "../../grammar/ast.js";

export interface BuildOptions extends DiagnosticOptions {
  targets?: string[];
  out?: string;
  /** `--lang`: passed to every target as `targetOptions.lang`, over the config's options. */
  lang?: string;
}

/** Output base name: the source's path below the inputs' common folder, without `.funnel`. */
function baseNames(entries: string[]): Map<string, string> {
  const dirs = entries.map((e) => posix.dirname(e).split("/"));
  let common = dirs[0] ?? [];
  for (const dir of dirs) {
    let i = 0;
    while (i < common.length && i < dir.length && common[i] === dir[i]) i++;
    common = common.slice(0, i);
  }
  const prefix = common.filter((s) => s !== ".").join("/");
  return new Map(entries.map((e) => [e, (prefix ? e.slice(prefix.length + 1) : e).replace(/\.funnel$/, "")]));
}

/**
 * Runs `funnel build`.
 * @param io output streams and working directory
 * @param paths files, folders or globs (empty: the config's inputs)
 * @param options the command-line flags
 * @returns the exit code
 */
export async function runBuild(io: CliIo, paths: string[], options: BuildOptions): Promise<number> {
  const compiled = compileProject(io, paths);
  const config = compiled.project.config?.config;
  const strict = options.strict || config?.strict === true;
  const configTargets = config?.targets;
  const targetOptions = configTargets && !Array.isArray(configTargets) ? configTargets : {};
  const targets = options.targets?.length ? options.targets : configTargets ? (Array.isArray(configTargets) ? configTargets : Object.keys(configTargets)) : ["json"];
  const unknown = targets.filter((t) => !TARGETS.has(t));
  if (unknown.length) {
    const problems = unknown.map((name) => createDiagnostic("unknown-target", { format: { name, available: targetNames().join(", ") }, file: "funnel", span: { start: 0, end: 0 } }));
    printDiagnostics(io, { ...compiled, diagnostics: [...compiled.diagnostics, ...problems] }, options);
    return EXIT_USAGE;
  }

  const notes: Diagnostic[] = [];
  for (const program of compiled.result?.programs ?? []) {
    if (program.declarationsModule && program.symbols?.funnel) {
      const name = program.symbols.funnel.name;
      notes.push(createDiagnostic("declarations-module", { format: { name: name.name }, file: program.entry, span: spanOf(name) }));
    }
  }
  const code = exitCodeFor(compiled, strict);
  printDiagnostics(io, compiled, { ...options, verbose: options.verbose }, notes);
  if (code !== EXIT_OK || !compiled.result) return code;

  const outDir = options.out ? path.resolve(io.cwd, options.out) : path.resolve(compiled.project.root, config?.outDir ?? "out");
  const programs = compiled.result.programs.filter((p) => p.ir);
  const names = baseNames(programs.map((p) => p.entry));
  const files: OutputFile[] = [];
  for (const program of programs) {
    for (const target of targets) {
      const optionsOfTarget = { ...targetOptions[target], ...(options.lang !== undefined ? { lang: options.lang } : {}) };
      files.push(...(await TARGETS.get(target)!.emit(program.ir!, { baseName: names.get(program.entry)!, targetOptions: optionsOfTarget })));
    }
  }
  let written: string[];
  try {
    written = writeOutputFiles(outDir, files);
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    const failed = (error as NodeJS.ErrnoException).path;
    // The file being written when it failed (or the folder, when making the folder failed).
    const target = files.map((f) => path.resolve(outDir, f.path)).find((f) => failed === undefined || f === failed || f.startsWith(failed + path.sep)) ?? outDir;
    return reportUnwritable(io, target, error);
  }
  if (options.format === "pretty") {
    const colors = colorsFor(io);
    const shown = written.map((w) => path.relative(io.cwd, w) || w);
    io.stdout(`${colors.green("Built")} ${programs.length} funnel${programs.length === 1 ? "" : "s"} → ${shown.length} file${shown.length === 1 ? "" : "s"}:\n${shown.map((s) => "  " + s).join("\n")}\n`);
  }
  return EXIT_OK;
}
