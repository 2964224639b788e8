// `funnel fmt [paths...] [--check]`: rewrites .funnel files in the canonical layout (format/), or
// with --check lists the files that are not in it. A file with syntax errors is left untouched.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { formatTemplate } from "../../core/diagnostics/message.js";
import { diagnosticRegistry } from "../../core/diagnostics/registry.js";
import { EXIT_DIAGNOSTICS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import { resolveProject } from "../project.js";
import { reportUnwritable } from "../output-path.js";
import { formatDiagnostic } from "../reporters/pretty.js";
import { plural } from "../words.js";

export interface FmtOptions {
  /** Only report files that are not formatted; write nothing. */
  check: boolean;
}

/**
 * What the prettier parser throws for a file with errors (format/parser.ts FunnelSyntaxError),
 * matched by shape: in the bundle that class lives in dist/prettier.js, not in cli.js.
 */
interface SyntaxErrorLike {
  loc: { start: { line: number; column: number } };
  diagnostic: { code: string; message: string };
}

function isSyntaxError(error: unknown): error is SyntaxErrorLike {
  const candidate = error as Partial<SyntaxErrorLike> | undefined;
  return (
    typeof candidate?.loc?.start?.line === "number" &&
    typeof candidate.diagnostic?.code === "string"
  );
}

/**
 * Formats the project's .funnel files in place, or checks them.
 * @param io output streams and working directory
 * @param paths files, folders or globs; empty means the config's inputs (or every .funnel file
 * here)
 * @param options `check` to only list unformatted files
 * @returns 0 when all is well; 1 for syntax errors (or unformatted files with --check); 2 for bad
 *   paths or config; 3 when the formatter itself failed
 */
export async function runFmt(io: CliIo, paths: string[], options: FmtOptions): Promise<number> {
  const project = resolveProject(io.cwd, paths);
  // A missing input is reported, and the inputs that were found are still formatted.
  const badInputs = project.diagnostics.some((d) => d.severity === "error");
  if (badInputs) {
    const sources = new Map(project.extraSources);
    const problems = project.diagnostics.filter((d) => d.severity === "error");
    io.stdout(
      problems
        .map((d) => formatDiagnostic(d, sources, { colors: colorsFor(io), verbose: false }))
        .join(""),
    );
    if (!project.files.length) return EXIT_USAGE;
  }
  // Loaded only here: prettier is large and `check` and `build` never need it.
  const { formatText } = await import("../../format/format.js");
  const colors = colorsFor(io);

  const changed: string[] = [];
  let broken = 0;
  let failed = 0;
  /** Files that could not be written back (read-only, say): exit 2, like any unwritable output. */
  let unwritable = 0;
  for (const file of project.files) {
    const absolute = path.resolve(project.root, file);
    const shown = path.relative(io.cwd, absolute) || absolute;
    let text: string;
    try {
      text = readFileSync(absolute, "utf8");
    } catch (error) {
      broken++;
      const unreadable = diagnosticRegistry["file-not-readable"];
      const message = formatTemplate(unreadable.messages.default, {
        path: shown,
        reason: (error as Error).message,
      });
      io.stderr(`${colors.cyan(shown)} - ${colors.red("error")} ${colors.gray(unreadable.code)}: ${message}
`);
      continue;
    }
    let formatted: string;
    try {
      formatted = await formatText(text, { filepath: shown });
    } catch (error) {
      if (isSyntaxError(error)) {
        broken++;
        const { line, column } = error.loc.start;
        io.stderr(
          `${colors.cyan(shown)}:${colors.yellow(String(line))}:${colors.yellow(String(column))} ` +
            `- ${colors.red("error")} ${colors.gray(error.diagnostic.code)}: ` +
            `${error.diagnostic.message}\n`,
        );
      } else {
        failed++;
        const internal = diagnosticRegistry["internal-error"];
        const message = formatTemplate(internal.messages.default, {
          message: error instanceof Error ? error.message : String(error),
        });
        io.stderr(
          `${colors.cyan(shown)} - ${colors.red("error")} ${colors.gray(internal.code)}: ` +
            `${message}\n`,
        );
      }
      continue;
    }
    if (formatted === text) continue;
    changed.push(shown);
    if (options.check) io.stdout(`${shown}\n`);
    else {
      try {
        writeFileSync(absolute, formatted);
      } catch (error) {
        unwritable++;
        changed.pop();
        reportUnwritable(io, absolute, error);
        continue;
      }
      io.stdout(`${colors.green("formatted")} ${shown}\n`);
    }
  }

  const total = project.files.length;
  const problems = broken + failed + unwritable;
  const skipped =
    problems === 0
      ? ""
      : options.check
        ? ` ${plural(problems, "file")} could not be checked.`
        : ` ${plural(problems, "file")} left unchanged (errors above).`;
  if (options.check) {
    const formattedCount = total - changed.length - broken - failed;
    io.stdout(
      changed.length
        ? `${changed.length} of ${plural(total, "file")} ` +
            `${changed.length === 1 ? "needs" : "need"} formatting; run \`funnel fmt\` ` +
            `to fix.${skipped}\n`
        : `All formatted (${plural(formattedCount, "file")}).${skipped}\n`,
    );
  } else {
    io.stdout(`Formatted ${changed.length} of ${plural(total, "file")}.${skipped}\n`);
  }
  if (failed) return EXIT_INTERNAL;
  if (badInputs || unwritable) return EXIT_USAGE;
  if (broken || (options.check && changed.length)) return EXIT_DIAGNOSTICS;
  return EXIT_OK;
}
