// Opening the events file given with --data: its format from the extension, its size for the
// progress bar, and its items, with the first one read ahead so that a bad CSV header is
// reported before any output is written.
import { createReadStream, statSync } from "node:fs";
import * as path from "node:path";
import type { FunnelIR } from "../../core/ir/types.js";
import { EXIT_USAGE } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import {
  CsvHeaderError,
  csvItems,
  fileLines,
  formatOfPath,
  jsonlItems,
  type DataFormat,
  type SourceItem,
} from "./event-source.js";
import { parseInstant } from "../../core/time.js";
import { displayPath, formatProblem, loadRunnableFunnel, problem } from "./funnel.js";

/** A data file (events or a stage history) that exists, with its format and size. */
export interface DataFile {
  /** Absolute path. */
  file: string;
  /** The path as shown in messages. */
  shown: string;
  format: DataFormat;
  size: number;
}

export interface OpenedEvents extends DataFile {
  items: AsyncIterable<SourceItem>;
  bytesRead(): number;
}

/** Prints why an events file cannot be read (FN6013). */
export function readFailure(io: CliIo, shown: string, error: unknown): { exitCode: number } {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT"
      ? "no such file"
      : code === "EISDIR"
        ? "it is a folder"
        : (error as Error).message;
  io.stdout(
    formatProblem(io, problem("data-not-readable", { format: { path: shown, reason } }), shown),
  );
  return { exitCode: EXIT_USAGE };
}

/**
 * Resolves a --data or --history argument: its format from the extension (.jsonl/.ndjson or .csv)
 * and its size for the progress bar, or prints why either cannot be had (exit 2).
 * @param arg the path as given, relative to the working directory
 */
export function openDataFile(io: CliIo, arg: string): DataFile | { exitCode: number } {
  const file = path.resolve(io.cwd, arg);
  const shown = displayPath(io.cwd, file);
  const format = formatOfPath(file);
  if (!format) {
    io.stdout(
      formatProblem(
        io,
        problem("data-not-readable", { messageId: "format", format: { path: shown } }),
        shown,
      ),
    );
    return { exitCode: EXIT_USAGE };
  }
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
    return { file, shown, format, size: stat.size };
  } catch (error) {
    return readFailure(io, shown, error);
  }
}

/**
 * Opens an events file for streaming, or prints why it cannot be read (exit 2).
 * @param dataArg the --data argument, relative to the working directory
 */
export async function openEvents(
  io: CliIo,
  dataArg: string,
  ir: FunnelIR,
): Promise<OpenedEvents | { exitCode: number }> {
  const opened = openDataFile(io, dataArg);
  if ("exitCode" in opened) return opened;
  const { file, shown, format, size } = opened;
  let bytesRead: () => number;
  let iterator: AsyncGenerator<SourceItem>;
  if (format === "jsonl") {
    const source = fileLines(file);
    bytesRead = source.bytesRead;
    iterator = jsonlItems(source.lines);
  } else {
    const stream = createReadStream(file);
    bytesRead = () => stream.bytesRead;
    iterator = csvItems(stream, ir);
  }
  let first: IteratorResult<SourceItem>;
  try {
    first = await iterator.next();
  } catch (error) {
    if (error instanceof CsvHeaderError) {
      io.stdout(formatProblem(io, error.diagnostic, `${shown}:1`));
      return { exitCode: EXIT_USAGE };
    }
    return readFailure(io, shown, error);
  }
  const items: AsyncIterable<SourceItem> = {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* iterator;
    },
  };
  return { file, shown, format, size, items, bytesRead };
}

/**
 * What `run` and `explain` both start with: a valid --as-of, the compiled funnel and its opened
 * events file; or the exit code after printing why one of them is missing.
 */
export async function openRun(
  io: CliIo,
  funnelArg: string,
  dataArg: string,
  asOf: string | undefined,
): Promise<
  | {
      funnel: Exclude<ReturnType<typeof loadRunnableFunnel>, { exitCode: number }>;
      opened: OpenedEvents;
    }
  | { exitCode: number }
> {
  if (asOf !== undefined && !Number.isFinite(parseInstant(asOf))) {
    io.stdout(
      formatProblem(io, problem("invalid-as-of", { format: { value: JSON.stringify(asOf) } })),
    );
    return { exitCode: EXIT_USAGE };
  }
  const loaded = loadRunnableFunnel(io, funnelArg);
  if ("exitCode" in loaded) return loaded;
  const opened = await openEvents(io, dataArg, loaded.ir);
  if ("exitCode" in opened) return opened;
  return { funnel: loaded, opened };
}
