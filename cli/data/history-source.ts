// Reading a stage history (`funnel run`'s history.jsonl or history.csv) for `funnel report
// --history`: streamed in 1 MB chunks, split into lines by hand and, for CSV, into cells without
// a general CSV parser (the writer's format is known: report/history-format.ts), because this
// loop is what the report's speed from a history file comes down to. Rows with quotes go through
// the events reader's row splitter (csv-rows.ts), so an unclosed quote costs one row, not the rest
// of the file. Every line ends as a move, blank, part of a row, or skipped with a reason and its
// line number; a move dated before the record's previous one is skipped as out_of_order.
import { createReadStream } from "node:fs";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { HISTORY_CSV_COLUMNS, HISTORY_CSV_HEADER } from "../../report/history-format.js";
import { engineInstant } from "../../report/instant.js";
import { formatInstant, parseInstant } from "../../core/time.js";
import { CsvRowSplitter, describeUnclosed, type CsvRow } from "./csv-rows.js";
import { problem } from "./funnel.js";

export interface HistorySink {
  /** Stage index of a name, or undefined when the funnel has no such stage. */
  stageIndex(name: string): number | undefined;
  move(record: string, to: number, at: number, bySla: boolean): void;
}

export interface HistoryTotals {
  lines: number;
  blank: number;
  moves: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  rejectedLines: { line: number; column?: number; reason: string; code: string; message: string }[];
  /** The latest move time read (epoch ms), -Infinity when none. */
  latest: number;
}

/** A history CSV whose header is not the one `funnel run` writes. */
export class HistoryHeaderError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * Streams a history file into sinks (one per window or comparison).
 * @param file absolute path
 * @param format jsonl or csv
 * @param sinks receivers of every valid move
 * @param options how many skipped lines to keep with messages; progress callback (bytes read)
 */
export async function readHistory(
  file: string,
  format: "jsonl" | "csv",
  sinks: HistorySink[],
  options: { keepRejected?: number; onProgress?(bytes: number, lines: number): void } = {},
): Promise<HistoryTotals> {
  const keep = options.keepRejected ?? 20;
  const totals: HistoryTotals = {
    lines: 0,
    blank: 0,
    moves: 0,
    rejected: 0,
    rejectedByReason: {},
    rejectedLines: [],
    latest: -Infinity,
  };
  const sink = sinks[0];
  const skip = (line: number, reason: string, make: () => Diagnostic, column?: number) => {
    totals.rejected++;
    totals.rejectedByReason[reason] = (totals.rejectedByReason[reason] ?? 0) + 1;
    if (totals.rejectedLines.length < keep) {
      const d = make();
      totals.rejectedLines.push(
        column === undefined
          ? { line, reason, code: d.code, message: d.message }
          : { line, column, reason, code: d.code, message: d.message },
      );
    }
  };
  // Each record's moves must come in time order, as `funnel run` writes them: a move dated before
  // the record's previous one (a history edited or concatenated by hand) would give negative
  // velocities. Per record: its slot (a Map of ids, as the accumulator keeps), then the time and
  // line of its latest move in typed arrays (12 bytes a record).
  const slots = new Map<string, number>();
  let latestAt = new Float64Array(1 << 12);
  let latestLine = new Uint32Array(1 << 12);
  /** Whether the move is in order for its record (and if so, it becomes the record's latest). */
  let lastRecord = "";
  let lastSlot = -1;
  const inOrder = (line: number, record: string, ms: number, at: string): boolean => {
    // A record's moves often come together (an event's cascade): no lookup for those.
    let slot = record === lastRecord ? lastSlot : slots.get(record);
    if (slot === undefined) {
      slot = slots.size;
      if (slot === latestAt.length) {
        const times = new Float64Array(slot * 2);
        times.set(latestAt);
        latestAt = times;
        const lines = new Uint32Array(slot * 2);
        lines.set(latestLine);
        latestLine = lines;
      }
      slots.set(record, slot);
    } else if (ms < latestAt[slot]) {
      const previous = formatInstant(latestAt[slot]);
      const previousLine = latestLine[slot];
      skip(line, "out_of_order", () =>
        problem("malformed-history-line", {
          messageId: "outOfOrder",
          format: { record: JSON.stringify(record), at, previous, line: previousLine },
        }),
      );
      return false;
    }
    latestAt[slot] = ms;
    latestLine[slot] = line;
    lastRecord = record;
    lastSlot = slot;
    return true;
  };
  let lastAtText = "";
  let lastAt = NaN;
  const instant = (text: string) => {
    if (text !== lastAtText) {
      lastAtText = text;
      lastAt = engineInstant(text);
      if (lastAt !== lastAt) lastAt = parseInstant(text);
    }
    return lastAt;
  };
  const deliver = (
    line: number,
    record: unknown,
    from: unknown,
    to: unknown,
    at: unknown,
    sla: boolean,
  ) => {
    if (typeof record !== "string" || record === "")
      return skip(line, "invalid_move", () =>
        problem("malformed-history-line", {
          messageId: "shape",
          format: { what: "a `record` (text)" },
        }),
      );
    if (typeof to !== "string")
      return skip(line, "invalid_move", () =>
        problem("malformed-history-line", { messageId: "shape", format: { what: "a `to` stage" } }),
      );
    const stage = sink.stageIndex(to);
    if (stage === undefined)
      return skip(line, "unknown_stage", () =>
        problem("malformed-history-line", { messageId: "unknownStage", format: { stage: to } }),
      );
    if (typeof from === "string" && from !== "" && sink.stageIndex(from) === undefined)
      return skip(line, "unknown_stage", () =>
        problem("malformed-history-line", { messageId: "unknownStage", format: { stage: from } }),
      );
    const ms = typeof at === "string" ? instant(at) : NaN;
    if (ms !== ms)
      return skip(line, "invalid_move", () =>
        problem("malformed-history-line", {
          messageId: "shape",
          format: { what: "an `at` datetime with a zone" },
        }),
      );
    if (!inOrder(line, record, ms, at as string)) return;
    totals.moves++;
    if (ms > totals.latest) totals.latest = ms;
    for (const s of sinks) s.move(record, stage, ms, sla);
  };

  let header = format === "jsonl";
  const onLine = (text: string, line: number) => {
    if (format === "jsonl") {
      let value: {
        record?: unknown;
        from?: unknown;
        to?: unknown;
        at?: unknown;
        cause?: { kind?: unknown };
      };
      try {
        value = JSON.parse(text);
      } catch (error) {
        const reason = (error as Error).message.replace(/\.$/, "");
        return skip(line, "malformed_json", () =>
          problem("malformed-history-line", { format: { error: reason } }),
        );
      }
      if (value === null || typeof value !== "object")
        return skip(line, "invalid_move", () =>
          problem("malformed-history-line", {
            messageId: "shape",
            format: { what: "to be an object {record, from, to, at, cause}" },
          }),
        );
      return deliver(
        line,
        value.record,
        value.from,
        value.to,
        value.at,
        value.cause?.kind === "sla",
      );
    }
    onCells(text.split(","), line);
  };
  /** A CSV row's cells: the header first, then moves. */
  const onCells = (cells: string[], line: number) => {
    if (!header) {
      header = true;
      const found = cells.map((c) => c.trim()).join(",");
      if (found !== HISTORY_CSV_HEADER)
        throw new HistoryHeaderError(
          problem("invalid-history-header", { format: { expected: HISTORY_CSV_HEADER, found } }),
        );
      return;
    }
    if (cells.length !== HISTORY_CSV_COLUMNS.length) {
      return skip(line, "wrong_column_count", () =>
        problem("malformed-history-line", {
          messageId: "columns",
          format: { found: cells.length, expected: HISTORY_CSV_COLUMNS.length },
        }),
      );
    }
    deliver(line, cells[0], cells[1], cells[2], cells[3], cells[4] === "sla");
  };
  const splitter = new CsvRowSplitter();
  splitter.expected = HISTORY_CSV_COLUMNS.length;
  const rows: CsvRow[] = [];
  const onRows = () => {
    for (const row of rows.splice(0)) {
      if (row.kind === "blank") totals.blank++;
      else if (row.kind === "row") onCells(row.cells, row.line);
      else if (!header)
        throw new HistoryHeaderError(
          problem("invalid-history-header", {
            format: { expected: HISTORY_CSV_HEADER, found: "a line whose quote is never closed" },
          }),
        );
      else {
        const error = describeUnclosed(row, HISTORY_CSV_COLUMNS[row.cell]);
        skip(
          row.line,
          "malformed_csv",
          () => problem("malformed-event-line", { messageId: "csv", format: { error } }),
          row.column,
        );
      }
    }
  };

  /**
   * The fast path for the rows `funnel run` writes: no quote, no CR, exactly nine cells. The cells
   * are found with indexOf and only record, from, to and at become strings. False: take the
   * general path (which also reports what is wrong with the row).
   */
  const fastRow = (text: string, start: number, end: number): boolean => {
    const c1 = text.indexOf(",", start);
    if (c1 < 0 || c1 >= end) return false;
    const c2 = text.indexOf(",", c1 + 1);
    const c3 = text.indexOf(",", c2 + 1);
    const c4 = text.indexOf(",", c3 + 1);
    const c5 = text.indexOf(",", c4 + 1);
    const c6 = text.indexOf(",", c5 + 1);
    const c7 = text.indexOf(",", c6 + 1);
    const c8 = text.indexOf(",", c7 + 1);
    if (c8 < 0 || c8 >= end || c2 < 0 || c3 < 0 || c4 < 0 || c5 < 0 || c6 < 0 || c7 < 0)
      return false;
    const c9 = text.indexOf(",", c8 + 1);
    if (c9 >= 0 && c9 < end) return false;
    line++;
    totals.lines++;
    const sla =
      c5 - c4 === 4 &&
      text.charCodeAt(c4 + 1) === 115 &&
      text.charCodeAt(c4 + 2) === 108 &&
      text.charCodeAt(c4 + 3) === 97;
    deliver(
      line,
      text.slice(start, c1),
      c2 > c1 + 1 ? text.slice(c1 + 1, c2) : "",
      text.slice(c2 + 1, c3),
      text.slice(c3 + 1, c4),
      sla,
    );
    return true;
  };

  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let carry: Buffer | null = null;
  let rest = "";
  let line = 0;
  let bytes = 0;
  const take = (raw: string) => {
    line++;
    totals.lines++;
    const cr = raw.charCodeAt(raw.length - 1) === 13;
    let text = cr ? raw.slice(0, -1) : raw;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (format === "csv" && (splitter.busy || text.indexOf('"') >= 0)) {
      splitter.push({ text, brk: cr ? "\r\n" : "\n", line }, rows);
      return onRows();
    }
    if (text === "" || (text.trim() === "" && format === "jsonl")) {
      totals.blank++;
      return;
    }
    onLine(text, line);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    // Split at the last line break of the chunk: a UTF-8 sequence never holds byte 0x0A, so the
    // bytes before it decode on their own and the rest waits for the next chunk.
    const last = chunk.lastIndexOf(10);
    if (last < 0) {
      carry = carry ? Buffer.concat([carry, chunk]) : chunk;
      continue;
    }
    let start = 0;
    let text: string;
    if (carry) {
      // The line the previous chunk began: joined as bytes (it is short), then the rest as is.
      const first = chunk.indexOf(10);
      take(Buffer.concat([carry, chunk.subarray(0, first)]).toString("utf8"));
      text = chunk.toString("utf8", first + 1, last + 1);
    } else text = chunk.toString("utf8", 0, last + 1);
    carry = last + 1 < chunk.length ? chunk.subarray(last + 1) : null;
    let quote = text.indexOf('"');
    if (quote < 0) quote = Infinity;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      if (quote < start) {
        quote = text.indexOf('"', start);
        if (quote < 0) quote = Infinity;
      }
      const plain =
        header &&
        !splitter.busy &&
        format === "csv" &&
        quote > nl &&
        nl > start &&
        text.charCodeAt(nl - 1) !== 13;
      if (!plain || !fastRow(text, start, nl)) take(text.slice(start, nl));
      start = nl + 1;
    }
    options.onProgress?.(bytes, totals.lines);
  }
  if (carry) rest = carry.toString("utf8");
  if (rest !== "") take(rest);
  splitter.end(rows);
  onRows();
  if (format === "csv" && !header)
    throw new HistoryHeaderError(
      problem("invalid-history-header", {
        format: { expected: HISTORY_CSV_HEADER, found: "an empty file" },
      }),
    );
  return totals;
}
