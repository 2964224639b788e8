// Test helpers for the formatter: what a file means (its IR without source locations, and its
// diagnostics without positions) and which comments it has, so tests can say "formatting changed
// only the layout".
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { parseFile } from "../../grammar/parse.js";
import { compileText } from "../helpers/compile.js";

/** Removes every `loc` key (source locations move when the layout changes; nothing else may). */
export function withoutLoc(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLoc);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "loc")
        .map(([key, v]) => [key, withoutLoc(v)]),
    );
  }
  return value;
}

/**
 * The meaning of one entry file: its IR without locations, and its diagnostics as code, severity
 * and message (sorted; a message that cites a line number has the number masked).
 * @param files project-relative path → text (the entry and what it imports)
 * @param entry the file to compile
 */
export function meaningOf(files: Record<string, string>, entry: string) {
  const result = compileText(files, [entry]);
  const program = result.programs[0];
  return {
    ir: program.ir ? withoutLoc(program.ir) : undefined,
    diagnostics: program.diagnostics
      .map(
        (d) => `${d.file} ${d.severity} ${d.code}: ${d.message.replace(/\bline \d+/g, "line N")}`,
      )
      .sort(),
  };
}

/**
 * Every comment's text in source order; line comments without trailing blanks (the formatter trims
 * them).
 */
export function commentTexts(text: string): string[] {
  return parseFile(text, "main.funnel").comments.map((c) =>
    c.kind === "line" ? c.text.trimEnd() : c.text,
  );
}

/**
 * Whether the text parses without error-severity diagnostics (only such files can be formatted).
 */
export function parsesCleanly(text: string): boolean {
  return !parseFile(text, "main.funnel").diagnostics.some((d) => d.severity === "error");
}

/**
 * Asserts that `formatted` means exactly what `original` meant: same IR (without locations), same
 * diagnostics, same comments in the same order, and no syntax errors.
 * @param files the project, holding `original` at `entry`
 */
export function expectSameMeaning(
  files: Record<string, string>,
  entry: string,
  formatted: string,
): void {
  const original = files[entry];
  expect(parsesCleanly(formatted), `formatted text has syntax errors:\n${formatted}`).toBe(true);
  const before = meaningOf(files, entry);
  const after = meaningOf({ ...files, [entry]: formatted }, entry);
  expect(after.ir).toEqual(before.ir);
  expect(after.diagnostics).toEqual(before.diagnostics);
  expect(commentTexts(formatted)).toEqual(commentTexts(original));
}

/** Every .funnel file below a folder, by path relative to it. */
export function readFunnelFiles(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".funnel")) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, absolute).split(path.sep).join("/")] = readFileSync(
      absolute,
      "utf8",
    );
  }
  return files;
}
