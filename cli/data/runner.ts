// The loop `funnel run` and `funnel explain` share: every item of an events stream through one
// engine, each line accounted for as applied, duplicate, rejected (with its reason) or blank;
// then SLAs up to the as-of time (the latest applied event's time unless given, spec §6).
import type { Engine, Outcome } from "../../runtime/engine.js";
import { colorsFor, type CliIo } from "../io.js";
import { formatInstant, parseInstant } from "../../core/time.js";
import type { SourceItem } from "./event-source.js";
import { problem } from "./funnel.js";
import { visibleText } from "../reporters/visible.js";

export interface RejectedLine {
  line: number;
  /** Where in the line it went wrong, when known (an unclosed quote in CSV). */
  column?: number;
  reason: string;
  code: string;
  message: string;
}

export interface RunTotals {
  /** Lines (JSONL) or rows (CSV) read, blank ones included: applied + duplicate + rejected + blank. */
  lines: number;
  /**
   * The last line of the file read: its line count (for CSV, with the header and the extra lines
   * of quoted cells that span lines, so it may exceed `lines`).
   */
  fileLines: number;
  blank: number;
  applied: number;
  duplicate: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  /** The first rejected lines, in input order (all are counted in `rejectedByReason`). */
  rejectedLines: RejectedLine[];
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
 */
export async function runEvents(
  engine: Engine,
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
  const rejectLine = (
    line: number,
    reason: string,
    make: () => { code: string; message: string },
    column?: number,
  ) => {
    totals.rejected++;
    totals.rejectedByReason[reason] = (totals.rejectedByReason[reason] ?? 0) + 1;
    if (totals.rejectedLines.length < keep) {
      const { code, message } = make();
      totals.rejectedLines.push(
        column === undefined
          ? { line, reason, code, message }
          : { line, column, reason, code, message },
      );
    }
  };
  const deliver = async (outcomes: Outcome[], line: number | null, event: unknown) => {
    for (const o of outcomes) if (o.type === "moved") totals.moves++;
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
      rejectLine(item.line, item.reason, () => item.problem, item.column);
      continue;
    }
    const result = engine.apply(item.event);
    if (result.status === "rejected") {
      const make = () =>
        problem("event-rejected", { format: { reason: result.reason, message: result.message } });
      rejectLine(item.line, result.reason, make);
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
    const at = parseInstant((item.event as { at: string }).at);
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

/** `events.jsonl:7 - warning FN6010: Rejected (out_of_order): …` */
export function formatRejectedLine(io: CliIo, shown: string, r: RejectedLine): string {
  const c = colorsFor(io);
  const where =
    r.column === undefined
      ? `${visibleText(shown)}:${r.line}`
      : `${visibleText(shown)}:${r.line}:${r.column}`;
  // The message may quote the line's raw text (a JSON parse error, an unknown key): no raw ESC.
  return `${c.cyan(where)} - ${c.yellow("warning")} ${c.gray(r.code)}: ${visibleText(r.message)}\n`;
}
