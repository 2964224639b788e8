// `funnel run <funnel> --data events.jsonl|events.csv [--out dir]`: streams the events through the
// engine (spec §6) and writes the stage history (one JSON line per move) and each record's final
// state; prints how every input line ended: applied, duplicate, rejected (by reason) or blank.
import { createWriteStream, writeFileSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import * as path from "node:path";
import { createEngine, type InterpretedEngine, type Outcome } from "../../runtime/engine.js";
import { EXIT_DIAGNOSTICS, EXIT_OK } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import type { SourceItem } from "../data/event-source.js";
import { displayPath, formatProblem } from "../data/funnel.js";
import { openRun, readFailure } from "../data/open-events.js";
import { reportUnwritable } from "../output-path.js";
import { makeFolders } from "../../compiler/emit/write.js";
import { inputProblems } from "../data/input-check.js";
import { startProgress } from "../data/progress.js";
import { HISTORY_CSV_HEADER, historyCsvRow } from "../../report/history-format.js";
import {
  formatRejectedLine,
  runEvents,
  type RunOptions as LoopOptions,
  type RunTotals,
} from "../data/runner.js";
import { plural } from "../words.js";

export interface RunCommandOptions {
  data: string;
  /** Output folder (default `out/run`). */
  out?: string;
  asOf?: string;
  /** How many rejected lines to print (default 20); all are counted. */
  showRejected?: number;
  /** Draw a progress bar (default: when the terminal is interactive; see CliIo.interactive). */
  progress?: boolean;
  /** Exit 1 when any line was rejected. */
  strict?: boolean;
  /** Write the stage history as JSON lines (history.jsonl, the default) or CSV (history.csv). */
  historyFormat?: HistoryFormat;
}

export type HistoryFormat = "jsonl" | "csv";
export const HISTORY_FORMATS: readonly HistoryFormat[] = ["jsonl", "csv"];

export const HISTORY_FILE = "history.jsonl";
export const HISTORY_CSV_FILE = "history.csv";
export const RECORDS_FILE = "records.jsonl";
export const SUMMARY_FILE = "summary.json";

/** Lines to a file, buffered, waiting for the disk when it falls behind (steady memory). */
class LineWriter {
  private buffer = "";
  private readonly stream: WriteStream;
  /** A write error (disk full, no permission): thrown by the next write, flush or close. */
  private error: Error | undefined;
  constructor(file: string) {
    this.stream = createWriteStream(file);
    this.stream.on("error", (error) => (this.error ??= error));
  }
  write(text: string): Promise<void> | undefined {
    if (this.error) throw this.error;
    this.buffer += text;
    return this.buffer.length >= 65536 ? this.flush() : undefined;
  }
  async flush(): Promise<void> {
    if (this.error) throw this.error;
    if (!this.buffer) return;
    const ok = this.stream.write(this.buffer);
    this.buffer = "";
    if (!ok) await once(this.stream, "drain");
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

type Move = Extract<Outcome, { type: "moved" }>;

/**
 * A move as the history file holds it: spec §6 `{record, from, to, at, cause}`, the input line in
 * `cause`.
 */
function historyLine(move: Move, line: number | null): string {
  const cause = line !== null && move.cause.kind !== "sla" ? { ...move.cause, line } : move.cause;
  return (
    JSON.stringify({ record: move.record, from: move.from, to: move.to, at: move.at, cause }) + "\n"
  );
}

/**
 * Writes the moves among `outcomes` (from index `from`) to the history: synchronously while the
 * writer keeps up; once it must wait for the disk, the rest (the final as-of can move every record
 * at once) one wait at a time.
 * @param history the history file's writer
 * @param outcomes an applied event's outcomes, or the final as-of's
 * @param line the event's input line (null for the as-of)
 * @param row a move as a line of the history
 * @param from the first outcome to write
 * @returns a promise when the writer must be waited for, else undefined
 */
function writeMoves(
  history: LineWriter,
  outcomes: Outcome[],
  line: number | null,
  row: (move: Move, line: number | null) => string,
  from = 0,
): Promise<void> | undefined {
  for (let i = from; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    if (outcome.type !== "moved") continue;
    const pending = history.write(row(outcome, line));
    if (pending) return pending.then(() => writeMoves(history, outcomes, line, row, i + 1));
  }
  return undefined;
}

export interface RunFilesResult {
  totals: RunTotals;
  records: number;
  files: { history: string; records: string; summary: string };
}

/**
 * Runs an events stream through an engine and writes history.jsonl, records.jsonl and
 * summary.json into `outDir`. Holds no event after it is applied.
 * @param engine the engine (createEngine's)
 * @param items the stream's items
 * @param outDir the output folder (made when missing)
 * @param options the run's options, and the history's format
 * @returns the totals, the number of records and the files written
 */
export async function runEventsToFiles(
  engine: InterpretedEngine,
  items: AsyncIterable<SourceItem>,
  outDir: string,
  options: Omit<LoopOptions, "onApplied"> & { historyFormat?: HistoryFormat } = {},
): Promise<RunFilesResult> {
  makeFolders(outDir);
  const csv = options.historyFormat === "csv";
  const files = {
    history: path.join(outDir, csv ? HISTORY_CSV_FILE : HISTORY_FILE),
    records: path.join(outDir, RECORDS_FILE),
    summary: path.join(outDir, SUMMARY_FILE),
  };
  const history = new LineWriter(files.history);
  const row = csv
    ? (move: Move, line: number | null) =>
        historyCsvRow(
          move.record,
          move.from,
          move.to,
          move.at,
          move.cause,
          move.cause.kind === "sla" ? null : line,
        )
    : historyLine;
  if (csv) await history.write(HISTORY_CSV_HEADER + "\n");
  let totals: RunTotals;
  try {
    totals = await runEvents(engine, items, {
      ...options,
      onApplied: (outcomes, line) => writeMoves(history, outcomes, line, row),
    });
  } finally {
    await history.close();
  }
  const records = new LineWriter(files.records);
  let count = 0;
  for (const id of engine.recordIds()) {
    count++;
    const pending = records.write(JSON.stringify(engine.state(id)) + "\n");
    if (pending) await pending;
  }
  await records.close();
  const { rejectedLines, ...counts } = totals;
  writeFileSync(
    files.summary,
    JSON.stringify({ version: 1, ...counts, records: count, rejectedLines }, null, 2) + "\n",
  );
  return { totals, records: count, files };
}

/**
 * The end-of-run report: how every line ended, and the first rejected lines with their reasons.
 * @param io the CLI's output (for colors)
 * @param totals the run's totals
 * @param data the input as shown, and whether it has rows (CSV) rather than lines
 * @param limit how many rejected lines to list
 * @returns the report's text
 */
export function formatRunSummary(
  io: CliIo,
  totals: RunTotals,
  data: { shown: string; rows: boolean },
  limit: number,
): string {
  const unit = data.rows ? "row" : "line";
  const parts = [
    `${totals.applied} applied`,
    `${totals.duplicate} duplicate`,
    `${totals.rejected} rejected`,
  ];
  if (totals.blank) parts.push(`${totals.blank} blank`);
  // CSV: the file's line count too (the header, and quoted cells that span lines), so a reader can
  // check with `wc -l` that no line went unread.
  const span = data.rows ? ` (${plural(totals.fileLines, "line")} with the header)` : "";
  let out = `Read ${plural(totals.lines, unit)} of ${data.shown}${span}: ${parts.join(", ")}.\n`;
  const reasons = Object.entries(totals.rejectedByReason).sort(([a], [b]) => (a < b ? -1 : 1));
  if (reasons.length)
    out += `Rejected by reason: ${reasons.map(([reason, n]) => `${reason} ${n}`).join(", ")}.\n`;
  if (totals.rejectedLines.length) {
    const shown = totals.rejectedLines.slice(0, limit);
    out +=
      totals.rejected > shown.length
        ? `Rejected ${unit}s (first ${shown.length} of ${totals.rejected}):\n`
        : `Rejected ${unit}s:\n`;
    for (const r of shown) out += "  " + formatRejectedLine(io, data.shown, r);
  }
  return out;
}

/**
 * Runs `funnel run`.
 * @param io the CLI's input and output
 * @param funnelArg the .funnel file
 * @param options the command's options
 * @returns the exit code
 */
export async function runRun(
  io: CliIo,
  funnelArg: string,
  options: RunCommandOptions,
): Promise<number> {
  const prepared = await openRun(io, funnelArg, options.data, options.asOf);
  if ("exitCode" in prepared) return prepared.exitCode;
  const { funnel: loaded, opened } = prepared;

  const limit = options.showRejected ?? 20;
  const outDir = path.resolve(io.cwd, options.out ?? path.join("out", "run"));
  // One wording for every command that writes (cli/output-path.ts), exit 2.
  const cannotWrite = (error: unknown) =>
    reportUnwritable(io, (error as NodeJS.ErrnoException).path ?? outDir, error, "folder");
  try {
    makeFolders(outDir);
  } catch (error) {
    return reportUnwritable(io, outDir, error, "folder");
  }
  const bar = startProgress(
    io,
    options.progress,
    "Running",
    opened.size,
    opened.format === "csv" ? "rows" : "lines",
  );
  let result: RunFilesResult;
  try {
    result = await runEventsToFiles(createEngine(loaded.ir), opened.items, outDir, {
      asOf: options.asOf,
      keepRejected: limit,
      onProgress: (items) => bar.update(opened.bytesRead(), items),
      historyFormat: options.historyFormat,
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    if (!failure.code) throw error;
    bar.stop();
    // A read error of the events file mid-way, or a write error of the outputs.
    if (failure.path !== undefined && path.resolve(failure.path) === opened.file)
      readFailure(io, opened.shown, error);
    else return cannotWrite(error);
    return EXIT_DIAGNOSTICS;
  } finally {
    bar.stop();
  }
  const c = colorsFor(io);
  const name = loaded.ir.funnel.name;
  const asOf = result.totals.asOf ? `, as of ${result.totals.asOf}` : "";
  let out = `Ran ${opened.shown} through ${c.bold(name)} (${loaded.ir.source})${asOf}.\n`;
  out += formatRunSummary(
    io,
    result.totals,
    { shown: opened.shown, rows: opened.format === "csv" },
    limit,
  );
  const historyShown = displayPath(io.cwd, result.files.history);
  const recordsShown = displayPath(io.cwd, result.files.records);
  out += `Wrote ${plural(result.totals.moves, "move")} to ${historyShown}`;
  out += ` and ${plural(result.records, "record")} to ${recordsShown}.\n`;
  const problems = inputProblems(result.totals, opened);
  for (const d of problems) out += formatProblem(io, d, opened.shown);
  io.stdout(out);
  // Nothing applied (and something rejected) is a failed run, not a run with some rejections.
  if (problems.some((d) => d.severity === "error")) return EXIT_DIAGNOSTICS;
  return options.strict && result.totals.rejected > 0 ? EXIT_DIAGNOSTICS : EXIT_OK;
}
