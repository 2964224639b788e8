// Output paths of the commands that write (build, test -o, generate, run, report, fmt): the one
// sentence that says in words why a path cannot be written (no errno codes), the FN6016 message
// built from it (exit 2: the path is the user's choice, not a bug), and checks made before the
// work starts, so that a long run does not fail only at its end.
import { accessSync, constants, statSync } from "node:fs";
import * as path from "node:path";
import { EXIT_USAGE } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { displayPath, formatProblem, problem } from "./data/funnel.js";

type FsError = NodeJS.ErrnoException;

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The folders above `target`, outermost first (the root excluded). */
function ancestors(target: string): string[] {
  const out: string[] = [];
  let current = path.dirname(path.resolve(target));
  while (path.dirname(current) !== current) {
    out.push(current);
    current = path.dirname(current);
  }
  return out.reverse();
}

/** The first path above `target` that exists but is a file, if any: why ENOTDIR or EEXIST. */
function fileInTheWay(target: string): string | undefined {
  for (const folder of ancestors(target)) {
    const stat = statOrUndefined(folder);
    if (!stat) return undefined;
    if (!stat.isDirectory()) return folder;
  }
  return undefined;
}

/** The outermost missing folder above `target`, and the folder it would be made in. */
function firstMissing(target: string): { missing: string; parent: string } | undefined {
  for (const folder of ancestors(target))
    if (!statOrUndefined(folder)) return { missing: folder, parent: path.dirname(folder) };
  return undefined;
}

/**
 * Why a file or folder cannot be written, in words: "`out` is a file, not a folder", "permission
 * denied", "no such folder `reports`"…
 * @param error what the file system threw
 * @param target the file or folder that was being written
 * @param cwd paths in the sentence are shown relative to it
 * @param kind whether `target` is a file or a folder to be made
 */
export function describeWriteError(
  error: unknown,
  target: string,
  cwd: string,
  kind: "file" | "folder" = "file",
): string {
  const e = error as FsError;
  const show = (p: string) => `\`${displayPath(cwd, p)}\``;
  const at = e.path ? path.resolve(e.path) : path.resolve(target);
  // For a folder, the folder itself is one of the levels that must exist or be made.
  const inner = kind === "folder" ? path.join(path.resolve(target), "_") : path.resolve(target);
  switch (e.code) {
    case "ENOTDIR":
    case "EEXIST": {
      const file =
        fileInTheWay(inner) ?? (statOrUndefined(at)?.isDirectory() === false ? at : undefined);
      return file ? `${show(file)} is a file, not a folder` : "a file is in the way";
    }
    case "EISDIR":
      return at === path.resolve(target) ? "it is a folder" : `${show(at)} is a folder`;
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOENT": {
      const gap = firstMissing(inner);
      // Every folder exists, yet "no such file": the file system takes no new entries there
      // (/proc).
      if (!gap) return `${show(path.dirname(inner))} does not allow new files`;
      return e.syscall === "mkdir"
        ? `${show(gap.parent)} does not allow new folders`
        : `no such folder ${show(gap.missing)}`;
    }
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is used up";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "ELOOP":
      return "the path goes through too many symbolic links";
    case "EBUSY":
    case "ETXTBSY":
      return "the file is in use";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open";
    default: {
      // Node's text without its code and syscall: "EIO: i/o error, write" → "i/o error".
      const text = (e.message ?? String(error))
        .replace(/^[A-Z][A-Z0-9_]+: /, "")
        .replace(/, \w+(?: '[^']*')*$/, "");
      return text || "the file system refused it";
    }
  }
}

/**
 * Prints that a path cannot be written (FN6016, no file prefix: the problem is the path itself).
 * @returns EXIT_USAGE, for the command to end with
 */
export function reportUnwritable(
  io: CliIo,
  target: string,
  error: unknown,
  kind: "file" | "folder" = "file",
): number {
  const absolute = path.resolve(io.cwd, target);
  const d = problem("output-not-writable", {
    format: {
      path: displayPath(io.cwd, absolute),
      reason: describeWriteError(error, absolute, io.cwd, kind),
    },
  });
  io.stdout(formatProblem(io, d));
  return EXIT_USAGE;
}

/**
 * Whether a file can be written (created or replaced), without touching it: the error writing it
 * would give, or undefined when it looks writable.
 * @param file the output file; its folder must exist
 */
export function probeOutputFile(file: string): FsError | undefined {
  const absolute = path.resolve(file);
  const stat = statOrUndefined(absolute);
  if (stat?.isDirectory())
    return Object.assign(new Error("is a folder"), { code: "EISDIR", path: absolute });
  if (stat) return accessError(absolute);
  const folder = path.dirname(absolute);
  const parent = statOrUndefined(folder);
  if (!parent)
    return Object.assign(new Error("no such folder"), {
      code: fileInTheWay(absolute) ? "ENOTDIR" : "ENOENT",
      path: folder,
      syscall: "open",
    });
  if (!parent.isDirectory())
    return Object.assign(new Error("not a folder"), { code: "ENOTDIR", path: folder });
  return accessError(folder);
}

function accessError(file: string): FsError | undefined {
  try {
    accessSync(file, constants.W_OK);
    return undefined;
  } catch (error) {
    return error as FsError;
  }
}
