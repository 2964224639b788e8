// `funnel build [paths...] --target json|yaml|markdown|… --out dir [--lang de]`: compile, check
// each funnel's IR against its schema, then emit every target of every funnel. Nothing is written
// unless the whole project compiles and every target emitted (atomic, like CI wants); when nothing
// is written, the output says so and why.
import * as path from "node:path";
import * as posix from "node:path/posix";
import { createDiagnostic, phaseOf, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { OutputFile } from "../../compiler/emit/emitter.js";
import { DiagramTooLargeError } from "../../compiler/emit/svg.js";
import { placeTargetDiagnostic } from "../../compiler/emit/target-diagnostics.js";
import { TARGETS, targetNames } from "../../compiler/emit/targets.js";
import { writeOutputFiles } from "../../compiler/emit/write.js";
import { checkCompiledIr } from "../../compiler/ir/validate.js";
import { suggestName } from "../../core/suggest.js";
import type { FunnelProgram } from "../../compiler/program.js";
import { EXIT_DIAGNOSTICS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import { reportUnwritable } from "../output-path.js";
import { problem } from "../data/funnel.js";
import {
  compileProject,
  exitCodeFor,
  printDiagnostics,
  printProblems,
  type DiagnosticOptions,
} from "./shared.js";
import { spanOf } from "../../grammar/ast.js";
import { listOf } from "../words.js";

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
  return new Map(
    entries.map((e) => [e, (prefix ? e.slice(prefix.length + 1) : e).replace(/\.funnel$/, "")]),
  );
}

/** `--target` names that are no target: FN5008 with a "did you mean", before compiling. */
function unknownTargets(targets: string[]): Diagnostic[] {
  const available = targetNames().join(", ");
  return targets
    .filter((t) => !TARGETS.has(t))
    .map((name) => {
      const suggestion = suggestName(name, targetNames());
      return suggestion
        ? problem("unknown-target", {
            messageId: "didYouMean",
            format: { name, suggestion, available },
            suggestion,
          })
        : problem("unknown-target", { format: { name, available } });
    });
}

/** What emitting one program's targets failed with, as a diagnostic naming its file. */
function emitFailure(program: FunnelProgram, target: string, error: unknown): Diagnostic {
  const name = program.symbols?.funnel?.name;
  if (error instanceof DiagramTooLargeError) {
    const span = name ? spanOf(name) : { start: 0, end: 0 };
    const count = (n: number) => n.toLocaleString("en-US");
    return createDiagnostic("diagram-too-large", {
      format: {
        name: program.ir?.funnel.name ?? name?.name ?? program.entry,
        stages: count(error.stages),
        target,
        limit: count(error.limit),
      },
      file: program.entry,
      span,
      ...(name ? {} : { unlocated: true as const }),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return createDiagnostic("internal-error", {
    format: { message: `${target} target: ${message}` },
    file: program.entry,
    span: { start: 0, end: 0 },
    unlocated: true,
  });
}

/**
 * Runs `funnel build`.
 * @param io output streams and working directory
 * @param paths files, folders or globs (empty: the config's inputs)
 * @param options the command-line flags
 * @returns the exit code
 */
export async function runBuild(io: CliIo, paths: string[], options: BuildOptions): Promise<number> {
  // The config's targets are checked by its schema; a misspelt --target ends the command at once.
  const badTargets = unknownTargets(options.targets ?? []);
  if (badTargets.length) {
    printProblems(io, badTargets, options);
    return EXIT_USAGE;
  }
  const compiled = compileProject(io, paths);
  const config = compiled.project.config?.config;
  const strict = options.strict || config?.strict === true;
  const configTargets = config?.targets;
  const targetOptions = configTargets && !Array.isArray(configTargets) ? configTargets : {};
  const targets = options.targets?.length
    ? options.targets
    : configTargets
      ? Array.isArray(configTargets)
        ? configTargets
        : Object.keys(configTargets)
      : ["json"];

  const notes: Diagnostic[] = [];
  for (const program of compiled.result?.programs ?? []) {
    if (program.declarationsModule && program.symbols?.funnel) {
      const name = program.symbols.funnel.name;
      notes.push(
        createDiagnostic("declarations-module", {
          format: { name: name.name },
          file: program.entry,
          span: spanOf(name),
        }),
      );
    }
  }
  let code = exitCodeFor(compiled, strict);
  const programs = (compiled.result?.programs ?? []).filter((p) => p.ir);
  const files: OutputFile[] = [];
  // The IR is checked against its schema before any target reads it: a mismatch is a bug.
  if (code === EXIT_OK) {
    const violations = programs.flatMap(
      (program) => checkCompiledIr(program.ir, program.entry) ?? [],
    );
    notes.push(...violations);
    if (violations.length) code = EXIT_INTERNAL;
  }
  // Emitted before anything is printed, so that "No problems found" is never followed by a failure.
  if (code === EXIT_OK) {
    const names = baseNames(programs.map((p) => p.entry));
    for (const program of programs) {
      for (const target of targets) {
        const optionsOfTarget = {
          ...targetOptions[target],
          ...(options.lang !== undefined ? { lang: options.lang } : {}),
        };
        const emitter = TARGETS.get(target)!;
        const emitOptions = { baseName: names.get(program.entry)!, targetOptions: optionsOfTarget };
        // What the target's system cannot hold: an error there means nothing is written.
        const found = (emitter.diagnose?.(program.ir!, emitOptions) ?? []).map((d) =>
          placeTargetDiagnostic(program, d),
        );
        notes.push(...found);
        if (found.some((d) => d.severity === "error" || (strict && d.severity === "warning"))) {
          code = Math.max(code, EXIT_DIAGNOSTICS);
          continue;
        }
        try {
          files.push(...(await emitter.emit(program.ir!, emitOptions)));
        } catch (error) {
          const failure = emitFailure(program, target, error);
          notes.push(failure);
          const internal = phaseOf(failure) === "internal";
          code = Math.max(code, internal ? EXIT_INTERNAL : EXIT_DIAGNOSTICS);
        }
      }
    }
  }
  printDiagnostics(io, compiled, { ...options, verbose: options.verbose }, notes);
  // Beside the summary for people; on stderr when stdout holds JSON or SARIF.
  const say = (text: string) =>
    options.format === "pretty" ? io.stdout(text + "\n") : io.stderr(text + "\n");
  if (code !== EXIT_OK || !compiled.result) {
    const errors = [...compiled.diagnostics, ...notes].some((d) => d.severity === "error");
    if (!errors && strict)
      say(
        `${
          options.strict ? "--strict" : `strict: true in ${compiled.project.config?.file}`
        }: warnings count as errors; nothing was written.`,
      );
    else say("Nothing was written.");
    return code;
  }
  if (!programs.length) {
    // Every input is a declarations module: say why there is no output, and what to build instead.
    const modules = compiled.result.programs
      .filter((p) => p.declarationsModule)
      .map((p) => displayEntry(io, compiled.project.root, p.entry));
    const one = modules.length === 1;
    say(
      `${listOf(modules)} ${one ? "holds" : "hold"} only shared declarations (no stages), ` +
        `so there is nothing to build; build the funnels that import ${one ? "it" : "them"}.`,
    );
    return EXIT_OK;
  }

  const outDir = options.out
    ? path.resolve(io.cwd, options.out)
    : path.resolve(compiled.project.root, config?.outDir ?? "out");
  let written: string[];
  try {
    written = writeOutputFiles(outDir, files);
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    const failed = (error as NodeJS.ErrnoException).path;
    // The file being written when it failed (or the folder, when making the folder failed).
    const target =
      files
        .map((f) => path.resolve(outDir, f.path))
        .find((f) => failed === undefined || f === failed || f.startsWith(failed + path.sep)) ??
      outDir;
    return reportUnwritable(io, target, error);
  }
  if (options.format === "pretty") {
    const colors = colorsFor(io);
    const shown = written.map((w) => path.relative(io.cwd, w) || w);
    io.stdout(
      `${colors.green("Built")} ${programs.length} funnel${programs.length === 1 ? "" : "s"} → ` +
        `${shown.length} file${shown.length === 1 ? "" : "s"}:\n` +
        `${shown.map((s) => "  " + s).join("\n")}\n`,
    );
  }
  return EXIT_OK;
}

/** A project path as the user would write it from the working directory. */
function displayEntry(io: CliIo, root: string, entry: string): string {
  const absolute = path.resolve(root, entry);
  return path.relative(io.cwd, absolute) || absolute;
}
