// The only place that writes emitted files to disk: creates folders, writes only what changed.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { OutputFile } from "./emitter.js";

/**
 * Creates a folder and any missing parents, one level at a time.
 *
 * Not `mkdirSync(dir, { recursive: true })`: on a file system that answers ENOENT to mkdir even
 * though the parent exists (/proc, /sys), Node's recursive mkdir retries the parent forever and
 * the command hangs. Here every mkdir is tried once, so such a place fails at once with ENOENT.
 * @param dir absolute or cwd-relative folder
 * @throws the file-system error of the first level that cannot be made (its `path` names it); an
 *   existing file in the way gives ENOTDIR with that file's path
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    let isFolder: boolean | undefined;
    try {
      isFolder = statSync(current).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up is in the way; the walk up finds it.
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    }
    if (isFolder === true) break;
    if (isFolder === false)
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${current}'`), {
        code: "ENOTDIR",
        syscall: "mkdir",
        path: current,
      });
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Another process may have made it meanwhile; anything else is a real failure.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(folder).isDirectory())
        throw error;
    }
  }
}

/**
 * Writes output files under a directory.
 * @param outDir absolute or cwd-relative output directory
 * @param files the emitted files
 * @returns the absolute paths written
 * @throws the file-system error of the first file or folder that cannot be written
 */
export function writeOutputFiles(outDir: string, files: OutputFile[]): string[] {
  const written: string[] = [];
  for (const file of files) {
    const target = path.resolve(outDir, file.path);
    makeFolders(path.dirname(target));
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
