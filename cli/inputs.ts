// Turns CLI arguments or the config's `inputs` into the list of .funnel files to compile.
import { statSync } from "node:fs";
import * as path from "node:path";
import { globSync } from "tinyglobby";
import { createDiagnostic, type Diagnostic } from "../compiler/diagnostics/diagnostic.js";

const IGNORE = ["**/node_modules/**", "**/.git/**"];

/**
 * Expands files, folders and globs into absolute paths of .funnel files.
 * @param patterns as given by the user
 * @param base folder the patterns are relative to
 */
export function findInputs(patterns: string[], base: string): { files: string[]; diagnostics: Diagnostic[] } {
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(base, pattern);
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
      diagnostics.push(createDiagnostic("file-not-readable", { format: { path: pattern, reason: "no such file or folder" }, file: pattern, span: { start: 0, end: 0 } }));
      continue;
    }
    if (matches.length === 0) {
      diagnostics.push(createDiagnostic("file-not-readable", { messageId: "noInputs", format: { path: pattern }, file: pattern, span: { start: 0, end: 0 } }));
    }
    for (const match of matches) found.add(path.resolve(match));
  }
  return { files: [...found].sort(), diagnostics };
}
