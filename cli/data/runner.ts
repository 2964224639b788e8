// The loop `funnel run` and `funnel explain` share: every item of an events stream through one
// engine, each line accounted for as applied, duplicate, rejected (with its reason) or blank;
// then SLAs up to the as-of time (the latest applied event's time unless given, spec §6).
import type { InterpretedEngine, Outcome } from "../../runtime/engine.js";
import { countRejectedLine } from "../../report/line-totals.js";
import type { LineTotals, RejectedLine } from "../../report/types.js";
import { colorsFor, type CliIo } from "../io.js";
import { formatInstant, parseInstant } from "../../core/time.js";
import type { SourceItem } from "./event-source.js";
import { problem } from "./funnel.js";
import { visibleText } from "../reporters/visible.js";

export type { RejectedLine };

/** How every line of an events stream ended, and what the run did. */
export interface RunTotals extends LineTotals {
  /**
   * The last line of the file read: its line count (for CSV, with the header and the extra lines
   * of quoted cells that span lines, so it may exceed `lines`). `lines` counts applied + duplicate
   * + rejected + blank.
   */
  fileLines: number;
  applied: number;
  duplicate: number;
  moves: number;
  /** The time SLAs were applied up to; null when no event was applied. */
  asOf: string | null;
}

export interface RunOptions {
  /** How many rejected lines to keep with their messages (default 20). */
  keepRejected?: number;
  /** Apply SLAs up to this time at the end (default: the latest applied event's time). */
  asOf?: string;
  /**
   * Called for every applied event with its outcomes (maybe none), and once for the final as-of
   * (`line` and `event` null); a returned promise is awaited (backpressure for writers).
   */
  onApplied?(outcomes: Outcome[], line: number | null, event: unknown): void | Promise<void>;
  /** Called for every event the engine rejected, with the event as read. */
  onRejected?(line: number, rejected: RejectedLine, event: unknown): void;
  /** Called every 1024 items, and at the end, with how many items were read. */
  onProgress?(items: number): void;
}

/**
 * Runs an events stream through an engine. Holds nothing per event: memory is the engine's
 * records plus the first `keepRejected` rejected lines.
 * @param engine the engine (createEngine's)
 * @param items the stream's items, as the event source reads them
 * @param options what to keep and report, and the as-of time
 * @returns how every line ended
 */
export async function runEvents(
  engine: InterpretedEngine,
  items: AsyncIterable<SourceItem>,
  options: RunOptions = {},
): Promise<RunTotals> {
  const keep = options.keepRejected ?? 20;
  const totals: RunTotals = {
    lines: 0,
    fileLines: 0,
    blank: 0,
    applied: 0,
    duplicate: 0,
    rejected: 0,
    rejectedByReason: {},
    rejectedLines: [],
    moves: 0,
    asOf: null,
  };
  const deliver = async (outcomes: Outcome[], line: number | null, event: unknown) => {
    for (const outcome of outcomes) if (outcome.type === "moved") totals.moves++;
    if (options.onApplied) {
      const pending = options.onApplied(outcomes, line, event);
      if (pending) await pending;
    }
  };
  let latest = -Infinity;
  for await (const item of items) {
    const last =
      "lines" in item && item.lines !== undefined ? item.line + item.lines - 1 : item.line;
    if (last > totals.fileLines) totals.fileLines = last;
    // The CSV header is a line of the file, not a row.
    if ("header" in item) continue;
    totals.lines++;
    if (options.onProgress && (totals.lines & 1023) === 0) options.onProgress(totals.lines);
    if ("blank" in item) {
      totals.blank++;
      continue;
    }
    if ("reason" in item) {
      countRejectedLine(totals, keep, item.line, item.reason, () => item.problem, item.column);
      continue;
    }
    const result = engine.apply(item.event);
    if (result.status === "rejected") {
      const make = () =>
        problem("event-rejected", { format: { reason: result.reason, message: result.message } });
      countRejectedLine(totals, keep, item.line, result.reason, make);
      if (options.onRejected) {
        const { code, message } = make();
        options.onRejected(
          item.line,
          { line: item.line, reason: result.reason, code, message },
          item.event,
        );
      }
      continue;
    }
    if (result.status === "duplicate") {
      totals.duplicate++;
      continue;
    }
    totals.applied++;
    // The event's time as the engine read it.
    const at = engine.lastAppliedAt();
    if (at > latest) latest = at;
    await deliver(result.outcomes, item.line, item.event);
  }
  options.onProgress?.(totals.lines);
  const asOf = options.asOf ?? (Number.isFinite(latest) ? formatInstant(latest) : null);
  if (asOf !== null) {
    totals.asOf = formatInstant(parseInstant(asOf));
    await deliver(engine.advanceTo(asOf), null, null);
  }
  return totals;
}

/**
 * A rejected line as the CLI prints it, like
 * `events.jsonl:7 - warning FN6010: Rejected (out_of_order): …`
 * @param io the CLI's output (for colors)
 * @param shown the input as shown
 * @param r the rejected line
 * @returns the line of text
 */
export function formatRejectedLine(io: CliIo, shown: string, r: RejectedLine): string {
  const c = colorsFor(io);
  const where =
    r.column === undefined
      ? `${visibleText(shown)}:${r.line}`
      : `${visibleText(shown)}:${r.line}:${r.column}`;
  // The message may quote the line's raw text (a JSON parse error, an unknown key): no raw ESC.
  return `${c.cyan(where)} - ${c.yellow("warning")} ${c.gray(r.code)}: ${visibleText(r.message)}\n`;
}
