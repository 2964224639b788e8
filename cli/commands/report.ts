// `funnel report <funnel> --data events | --history history`: spec §7's figures per stage over a
// window, from events run through the engine or from the stage history `funnel run` wrote; printed
// as a table or written as JSON, CSV or a self-contained HTML page. The figures come from
// report/ (one accumulator per window or funnel, fed in a single pass); this file only parses the
// options, streams the input and writes the output.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { FunnelIR } from "../../core/ir/types.js";
import { createEngine, type Outcome } from "../../runtime/engine.js";
import { formatInstant, parseInstant } from "../../core/time.js";
import { createReportAccumulator, type ReportAccumulator } from "../../report/accumulator.js";
import { engineInstant } from "../../report/instant.js";
import { parseBound, type CohortBy } from "../../report/periods.js";
import { buildReport } from "../../report/report.js";
import type { InputSummary, Report } from "../../report/types.js";
import { EXIT_DIAGNOSTICS, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import type { SourceItem } from "../data/event-source.js";
import { displayPath, formatProblem, loadRunnableFunnel, problem } from "../data/funnel.js";
import { HistoryHeaderError, readHistory } from "../data/history-source.js";
import { openDataFile, openEvents, readFailure } from "../data/open-events.js";
import { startProgress } from "../data/progress.js";
import { probeOutputFile, reportUnwritable } from "../output-path.js";
import { formatRejectedLine, runEvents } from "../data/runner.js";

export type ReportFormat = "table" | "json" | "csv" | "html";
export const REPORT_FORMATS: readonly ReportFormat[] = ["table", "json", "csv", "html"];

export interface ReportCommandOptions {
  data?: string;
  history?: string;
  from?: string;
  to?: string;
  asOf?: string;
  by?: CohortBy;
  compareTo?: string;
  format?: ReportFormat;
  /** Write the report to this file instead of stdout. */
  output?: string;
  progress?: boolean;
  showRejected?: number;
}

type Baseline =
  | { kind: "window"; from?: number; to?: number; label: string }
  | { kind: "funnel"; file: string; label: string };

function usage(io: CliIo, d: ReturnType<typeof problem>): { exitCode: number } {
  io.stdout(formatProblem(io, d));
  return { exitCode: EXIT_USAGE };
}

function readOptions(
  io: CliIo,
  options: ReportCommandOptions,
): { from?: number; to?: number; asOf?: number; baseline?: Baseline } | { exitCode: number } {
  if (Boolean(options.data) === Boolean(options.history))
    return usage(io, problem("invalid-report-option", { messageId: "dataOrHistory", format: {} }));
  const bound = (option: string, text: string | undefined, end: boolean) => {
    if (text === undefined) return { value: undefined };
    const value = parseBound(text, end);
    return Number.isFinite(value)
      ? { value }
      : {
          error: usage(
            io,
            problem("invalid-report-option", { format: { option, value: JSON.stringify(text) } }),
          ),
        };
  };
  const from = bound("--from", options.from, false);
  if ("error" in from) return from.error!;
  const to = bound("--to", options.to, true);
  if ("error" in to) return to.error!;
  if (from.value !== undefined && to.value !== undefined && from.value >= to.value) {
    return usage(
      io,
      problem("invalid-report-option", {
        messageId: "windowOrder",
        format: { from: options.from!, to: options.to! },
      }),
    );
  }
  let asOf: number | undefined;
  if (options.asOf !== undefined) {
    asOf = parseInstant(options.asOf);
    if (!Number.isFinite(asOf))
      return usage(
        io,
        problem("invalid-as-of", { format: { value: JSON.stringify(options.asOf) } }),
      );
  }
  let baseline: Baseline | undefined;
  if (options.compareTo !== undefined) {
    const text = options.compareTo;
    const range = /^(.*)\.\.(.*)$/.exec(text);
    if (range && !text.endsWith(".funnel")) {
      const a = range[1] === "" ? -Infinity : parseBound(range[1], false);
      const b = range[2] === "" ? Infinity : parseBound(range[2], true);
      if (a !== a || b !== b || a >= b)
        return usage(
          io,
          problem("invalid-report-option", {
            messageId: "compareTo",
            format: { value: JSON.stringify(text) },
          }),
        );
      baseline = {
        kind: "window",
        from: Number.isFinite(a) ? a : undefined,
        to: Number.isFinite(b) ? b : undefined,
        label: text,
      };
    } else if (text.endsWith(".funnel")) {
      if (!options.data)
        return usage(
          io,
          problem("invalid-report-option", {
            messageId: "compareNeedsData",
            format: { value: text },
          }),
        );
      baseline = { kind: "funnel", file: text, label: text };
    } else
      return usage(
        io,
        problem("invalid-report-option", {
          messageId: "compareTo",
          format: { value: JSON.stringify(text) },
        }),
      );
  }
  return { from: from.value, to: to.value, asOf, baseline };
}

/** The as-of time `funnel run` applied SLAs up to, from the summary.json beside a history file. */
function runAsOf(historyFile: string): number | undefined {
  const summary = path.join(path.dirname(historyFile), "summary.json");
  if (!existsSync(summary)) return undefined;
  try {
    const value = JSON.parse(readFileSync(summary, "utf8")) as { asOf?: unknown };
    const ms = typeof value.asOf === "string" ? parseInstant(value.asOf) : NaN;
    return Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** Feeds the moves among an engine's outcomes to accumulators. */
function feed(
  outcomes: Outcome[],
  sinks: ReportAccumulator[],
  stageIndex: Map<string, number>,
): void {
  for (const o of outcomes) {
    if (o.type !== "moved") continue;
    let at = engineInstant(o.at);
    if (at !== at) at = parseInstant(o.at);
    const to = stageIndex.get(o.to)!;
    const bySla = o.cause.kind === "sla";
    for (const s of sinks) s.move(o.record, to, at, bySla);
  }
}

/**
 * Runs `funnel report`.
 * @returns the exit code: 0 (also with rejected lines, which the report lists), 1 the input
 *   cannot be read mid-way, 2 wrong usage
 */
export async function runReport(
  io: CliIo,
  funnelArg: string,
  options: ReportCommandOptions,
): Promise<number> {
  const read = readOptions(io, options);
  if ("exitCode" in read) return read.exitCode;
  if (options.output !== undefined) {
    // Checked before the input is read: a report of a large file should not fail only at its end.
    const target = path.resolve(io.cwd, options.output);
    const unwritable = probeOutputFile(target);
    if (unwritable) return reportUnwritable(io, target, unwritable);
  }
  const loaded = loadRunnableFunnel(io, funnelArg);
  if ("exitCode" in loaded) return loaded.exitCode;
  const ir = loaded.ir;
  const by = options.by;
  const main = createReportAccumulator(ir, { from: read.from, to: read.to, asOf: read.asOf, by });
  const baseline = read.baseline;
  let baselineIr: FunnelIR | undefined;
  if (baseline?.kind === "funnel") {
    const other = loadRunnableFunnel(io, baseline.file);
    if ("exitCode" in other) return other.exitCode;
    baselineIr = other.ir;
  }
  const second = baseline
    ? createReportAccumulator(baselineIr ?? ir, {
        from: baseline.kind === "window" ? baseline.from : read.from,
        to: baseline.kind === "window" ? baseline.to : read.to,
        asOf: read.asOf,
        by,
      })
    : undefined;
  const sinks: Sinks = { ir, main, second, baselineIr };
  const fed = options.data
    ? await feedEvents(io, options, sinks, read.asOf)
    : await feedHistory(io, options, sinks, read.asOf);
  if ("exitCode" in fed) return fed.exitCode;

  const figures = main.finish(fed.asOf);
  const report = buildReport(
    ir,
    fed.input,
    figures,
    second && baseline
      ? { label: baseline.label, ir: baselineIr ?? ir, figures: second.finish(fed.asOf) }
      : undefined,
  );
  return writeReport(io, report, options, fed.shown);
}

/** The accumulators a report's input feeds, and the funnels they count for. */
interface Sinks {
  ir: FunnelIR;
  main: ReportAccumulator;
  /** The baseline's: another window of the same funnel, or another funnel (`baselineIr`). */
  second?: ReportAccumulator;
  baselineIr?: FunnelIR;
}

/** The progress bar of reading a report's input (drawn only where it is wanted). */
function readingProgress(io: CliIo, options: ReportCommandOptions, size: number, format: string) {
  return startProgress(
    io,
    options.progress,
    "Reporting",
    size,
    format === "csv" ? "rows" : "lines",
  );
}

/** What reading a report's input gave: its summary and the as-of time, or an exit code. */
type Fed = { input: InputSummary; shown: string; asOf: number | undefined } | { exitCode: number };

/**
 * Runs the events of `--data` through the engine (and through the baseline funnel's engine),
 * feeding the moves to the accumulators.
 * @param asOf the `--as-of` time; else the latest event's
 */
async function feedEvents(
  io: CliIo,
  options: ReportCommandOptions,
  { ir, main, second, baselineIr }: Sinks,
  asOf: number | undefined,
): Promise<Fed> {
  const opened = await openEvents(io, options.data!, ir);
  if ("exitCode" in opened) return { exitCode: opened.exitCode };
  const engine = createEngine(ir);
  const index = new Map(ir.stages.map((s, i) => [s.name, i]));
  const sameFunnel = [main, ...(second && !baselineIr ? [second] : [])];
  // One pass: every event goes to the other version's engine as it streams by.
  const other = baselineIr && second ? teeToFunnel(opened.items, baselineIr, second) : undefined;
  const bar = readingProgress(io, options, opened.size, opened.format);
  let totals;
  try {
    totals = await runEvents(engine, other?.items ?? opened.items, {
      asOf: options.asOf,
      keepRejected: options.showRejected ?? 20,
      onApplied: (outcomes) => feed(outcomes, sameFunnel, index),
      onProgress: (n) => bar.update(opened.bytesRead(), n),
    });
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    bar.stop();
    readFailure(io, opened.shown, error);
    return { exitCode: EXIT_DIAGNOSTICS };
  } finally {
    bar.stop();
  }
  other?.finish(options.asOf);
  asOf ??= totals.asOf ? parseInstant(totals.asOf) : undefined;
  const input: InputSummary = {
    file: opened.shown,
    kind: "events",
    format: opened.format,
    lines: totals.lines,
    blank: totals.blank,
    accepted: totals.applied,
    duplicate: totals.duplicate,
    rejected: totals.rejected,
    rejectedByReason: sortKeys(totals.rejectedByReason),
    rejectedLines: totals.rejectedLines,
  };
  return { input, shown: opened.shown, asOf };
}

/**
 * Events on their way to the engine, applied on the way to another funnel's engine too.
 * @param source the events
 * @param ir the other funnel
 * @param sink its accumulator
 * @returns the events to read instead of `source`, and `finish`, which applies that engine's
 *   SLAs up to the as-of time (the latest event's when there is none) once they are read
 */
function teeToFunnel(source: AsyncIterable<SourceItem>, ir: FunnelIR, sink: ReportAccumulator) {
  const engine = createEngine(ir);
  const index = new Map(ir.stages.map((s, i) => [s.name, i]));
  let latest = -Infinity;
  const items: AsyncIterable<SourceItem> = {
    async *[Symbol.asyncIterator]() {
      for await (const item of source) {
        if ("event" in item) {
          const result = engine.apply(item.event);
          if (result.status === "applied") {
            feed(result.outcomes, [sink], index);
            const at = parseInstant((item.event as { at: string }).at);
            if (at > latest) latest = at;
          }
        }
        yield item;
      }
    },
  };
  const finish = (asOf: string | undefined) => {
    const until = asOf ?? (Number.isFinite(latest) ? formatInstant(latest) : undefined);
    if (until) feed(engine.advanceTo(until), [sink], index);
  };
  return { items, finish };
}

/**
 * Reads the stage history of `--history` into the accumulators.
 * @param asOf the `--as-of` time; else the run's (from its summary.json), else the latest move's
 */
async function feedHistory(
  io: CliIo,
  options: ReportCommandOptions,
  { main, second }: Sinks,
  asOf: number | undefined,
): Promise<Fed> {
  const opened = openDataFile(io, options.history!);
  if ("exitCode" in opened) return { exitCode: opened.exitCode };
  const { file, format, size, shown } = opened;
  asOf ??= runAsOf(file);
  const sinks = [main, ...(second ? [second] : [])];
  const bar = readingProgress(io, options, size, format);
  let totals;
  try {
    totals = await readHistory(file, format, sinks, {
      keepRejected: options.showRejected ?? 20,
      onProgress: (bytes, lines) => bar.update(bytes, lines),
    });
  } catch (error) {
    bar.stop();
    if (error instanceof HistoryHeaderError) {
      io.stdout(formatProblem(io, error.diagnostic, `${shown}:1`));
      return { exitCode: EXIT_USAGE };
    }
    if (!(error as NodeJS.ErrnoException).code) throw error;
    readFailure(io, shown, error);
    return { exitCode: EXIT_DIAGNOSTICS };
  } finally {
    bar.stop();
  }
  if (asOf === undefined && Number.isFinite(totals.latest)) asOf = totals.latest;
  const input: InputSummary = {
    file: shown,
    kind: "history",
    format,
    lines: totals.lines,
    blank: totals.blank,
    accepted: totals.moves,
    duplicate: 0,
    rejected: totals.rejected,
    rejectedByReason: sortKeys(totals.rejectedByReason),
    rejectedLines: totals.rejectedLines,
  };
  return { input, shown, asOf };
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

async function render(report: Report, format: ReportFormat, color: boolean): Promise<string> {
  // Renderers load on use: html pulls in d3-scale and d3-shape, which the other formats never need.
  if (format === "json") return (await import("../../report/render-json.js")).renderJson(report);
  if (format === "csv") return (await import("../../report/render-csv.js")).renderCsv(report);
  if (format === "html") return (await import("../../report/render-html.js")).renderHtml(report);
  return (await import("../../report/render-table.js")).renderTable(report, { color });
}

async function writeReport(
  io: CliIo,
  report: Report,
  options: ReportCommandOptions,
  shown: string,
): Promise<number> {
  const format = options.format ?? "table";
  const toFile = options.output !== undefined;
  const text = await render(report, format, io.color && !toFile && format === "table");
  // The rejected lines: inside the table; beside any other output, on stderr (stdout holds the
  // data).
  let notes = "";
  if (format !== "table" || toFile) {
    const unit = report.input.format === "csv" ? "row" : "line";
    if (report.input.rejected) {
      notes +=
        `${report.input.rejected} ${unit}${report.input.rejected === 1 ? "" : "s"} of ` +
        `${shown} rejected: ${Object.entries(report.input.rejectedByReason)
          .map(([r, n]) => `${r} ${n}`)
          .join(", ")}.\n`;
      for (const r of report.input.rejectedLines) notes += "  " + formatRejectedLine(io, shown, r);
    }
    if (report.empty) notes += report.empty + "\n";
  }
  if (toFile) {
    const target = path.resolve(io.cwd, options.output!);
    try {
      writeFileSync(target, text);
    } catch (error) {
      if (!(error as NodeJS.ErrnoException).code) throw error;
      return reportUnwritable(io, target, error);
    }
    io.stdout(
      notes +
        `Wrote the ${format} report of ${colorsFor(io).bold(report.funnel.name)} to ` +
        `${displayPath(io.cwd, target)}.\n`,
    );
    return EXIT_OK;
  }
  io.stdout(text);
  if (notes) io.stderr(notes);
  return EXIT_OK;
}
