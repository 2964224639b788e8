// CompilerHost: how the compiler reads files. A Node host for the CLI, an in-memory one for tests
// and editor overlays. Paths handed to a host are project-relative with `/` separators.
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";

export interface CompilerHost {
  /** Absolute project root; imports may not leave it. */
  readonly root: string;
  /** The file's text, or undefined when it does not exist; throws for other read errors. */
  readFile(relativePath: string): string | undefined;
}

/** Strips a UTF-8 BOM, which editors on Windows like to write. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A host over the real file system, rooted at `root`. */
export function createNodeHost(root: string): CompilerHost {
  const absoluteRoot = path.resolve(root);
  return {
    root: absoluteRoot,
    readFile(relativePath) {
      const absolute = path.resolve(absoluteRoot, relativePath);
      try {
        if (!statSync(absolute).isFile()) return undefined;
      } catch {
        return undefined;
      }
      return stripBom(readFileSync(absolute, "utf8"));
    },
  };
}

/** A host over a map of project-relative paths to texts (tests, editors' unsaved buffers). */
export function createMemoryHost(files: Record<string, string>, root = "/project"): CompilerHost {
  return {
    root,
    readFile: (relativePath) => (relativePath in files ? stripBom(files[relativePath]) : undefined),
  };
}

/** Project-relative `/` path of an absolute or cwd-relative path; `..` prefixes when outside. */
export function toProjectPath(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join("/");
}
