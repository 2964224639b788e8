// The only place that writes emitted files to disk: creates folders, writes only what changed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { OutputFile } from "./emitter.js";

/**
 * Writes output files under a directory.
 * @param outDir absolute or cwd-relative output directory
 * @param files the emitted files
 * @returns the absolute paths written
 */
export function writeOutputFiles(outDir: string, files: OutputFile[]): string[] {
  const written: string[] = [];
  for (const file of files) {
    const target = path.resolve(outDir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    let current: string | undefined;
    try {
      current = readFileSync(target, "utf8");
    } catch {
      current = undefined;
    }
    // Unchanged files keep their timestamps, so watchers and make-style tools stay quiet.
    if (current !== file.contents) writeFileSync(target, file.contents);
    written.push(target);
  }
  return written;
}
