// Turns CLI arguments or the config's `inputs` into the list of .funnel files to compile.
import { statSync } from "node:fs";
import * as path from "node:path";
import { globSync } from "tinyglobby";
import { createDiagnostic, type Diagnostic, type Span } from "../core/diagnostics/diagnostic.js";

const IGNORE = ["**/node_modules/**", "**/.git/**"];

export interface InputOptions {
  /** The working directory: a pattern naming it is "the current folder" in messages. */
  cwd?: string;
  /**
   * Where each pattern was written, when it came from a file (the config's `inputs` entries):
   * problems with it point there. Patterns from the command line have no place, so none is printed.
   */
  locate?: (index: number) => { file: string; span: Span } | undefined;
}

/**
 * Expands files, folders and globs into absolute paths of .funnel files.
 * @param patterns as given by the user
 * @param base folder the patterns are relative to
 */
export function findInputs(
  patterns: string[],
  base: string,
  options: InputOptions = {},
): { files: string[]; diagnostics: Diagnostic[] } {
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  patterns.forEach((pattern, index) => {
    const absolute = path.resolve(base, pattern);
    // A missing path has no line 1: without a config entry to point at, the problem has no place.
    const entry = options.locate?.(index);
    const nowhere = { span: { start: 0, end: 0 }, unlocated: true as const };
    const where = entry ?? { file: pattern, ...nowhere };
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    let matches: string[];
    if (stat?.isDirectory()) {
      matches = globSync("**/*.funnel", { cwd: absolute, ignore: IGNORE, absolute: true });
    } else if (stat?.isFile()) {
      matches = [absolute];
    } else if (/[*?[{]/.test(pattern)) {
      matches = globSync(pattern, { cwd: base, ignore: IGNORE, absolute: true });
    } else {
      diagnostics.push(
        createDiagnostic("file-not-readable", {
          format: { path: pattern, reason: "no such file or folder" },
          ...where,
        }),
      );
      return;
    }
    if (matches.length === 0) {
      const here = options.cwd !== undefined && absolute === path.resolve(options.cwd);
      // "in the current folder", not "in .": and then no `. - ` prefix either.
      if (here)
        diagnostics.push(
          createDiagnostic("file-not-readable", {
            messageId: "noInputsHere",
            format: {},
            ...(entry ?? { file: "", ...nowhere }),
          }),
        );
      else
        diagnostics.push(
          createDiagnostic("file-not-readable", {
            messageId: "noInputs",
            format: { path: pattern },
            ...where,
          }),
        );
    }
    for (const match of matches) found.add(path.resolve(match));
  });
  return { files: [...found].sort(), diagnostics };
}
