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
import { countRejectedLine } from "../../report/line-totals.js";
import type { LineTotals } from "../../report/types.js";
import { formatInstant, parseInstant } from "../../core/time.js";
import { CsvRowSplitter, describeUnclosed, type CsvRow } from "./csv-rows.js";
import { problem } from "./funnel.js";

export interface HistorySink {
  /** Stage index of a name, or undefined when the funnel has no such stage. */
  stageIndex(name: string): number | undefined;
  move(record: string, to: number, at: number, bySla: boolean): void;
}

/** How every line of a history ended, and the moves read. */
export interface HistoryTotals extends LineTotals {
  moves: number;
  /** The latest move time read (epoch ms), -Infinity when none. */
  latest: number;
}

/** A history CSV whose header is not the one `funnel run` writes. */
export class HistoryHeaderError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** The diagnostic of a move without the part `what` (a record, a stage, a time). */
const badShape = (what: string) => () =>
  problem("malformed-history-line", { messageId: "shape", format: { what } });
/** The diagnostic of a move to or from a stage the funnel lacks. */
const unknownStage = (stage: string) => () =>
  problem("malformed-history-line", { messageId: "unknownStage", format: { stage } });

/**
 * Streams a history file into sinks (one per window or comparison).
 * @param file absolute path
 * @param format jsonl or csv
 * @param sinks receivers of every valid move
 * @param options how many skipped lines to keep with messages; progress callback (bytes read)
 * @returns how every line ended
 * @throws HistoryHeaderError when a CSV history's header is not the one `funnel run` writes
 */
export async function readHistory(
  file: string,
  format: "jsonl" | "csv",
  sinks: HistorySink[],
  options: { keepRejected?: number; onProgress?(bytes: number, lines: number): void } = {},
): Promise<HistoryTotals> {
  const reader = new HistoryReader(format, sinks, options.keepRejected ?? 20);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (reader.readChunk(chunk)) options.onProgress?.(bytes, reader.totals.lines);
  }
  reader.finish();
  return reader.totals;
}

/**
 * Each record's moves must come in time order, as `funnel run` writes them: a move dated before
 * the record's previous one (a history edited or concatenated by hand) would give negative
 * velocities. Per record: its slot (a Map of ids, as the accumulator keeps), then the time and
 * line of its latest move in typed arrays (12 bytes a record).
 */
class MoveOrder {
  private readonly slots = new Map<string, number>();
  private latestAt = new Float64Array(1 << 12);
  private latestLine = new Uint32Array(1 << 12);
  /** The record of the move before (a record's moves often come together: no lookup for those). */
  private lastRecord = "";
  private lastSlot = -1;
  /** After a move out of order: the time and line of its record's latest move. */
  previousAt = 0;
  previousLine = 0;

  /** Whether the move is in order for its record (and if so, it becomes the record's latest). */
  accept(record: string, ms: number, line: number): boolean {
    let slot = record === this.lastRecord ? this.lastSlot : this.slots.get(record);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot === this.latestAt.length) this.grow();
      this.slots.set(record, slot);
    } else if (ms < this.latestAt[slot]) {
      this.previousAt = this.latestAt[slot];
      this.previousLine = this.latestLine[slot];
      return false;
    }
    this.latestAt[slot] = ms;
    this.latestLine[slot] = line;
    this.lastRecord = record;
    this.lastSlot = slot;
    return true;
  }

  private grow(): void {
    const times = new Float64Array(this.latestAt.length * 2);
    times.set(this.latestAt);
    this.latestAt = times;
    const lines = new Uint32Array(this.latestLine.length * 2);
    lines.set(this.latestLine);
    this.latestLine = lines;
  }
}

/** One history file's reading: its lines, rows and moves, counted in `totals`. */
class HistoryReader {
  readonly totals: HistoryTotals = {
    lines: 0,
    blank: 0,
    moves: 0,
    rejected: 0,
    rejectedByReason: {},
    rejectedLines: [],
    latest: -Infinity,
  };
  /** The number of the line read last. */
  private line = 0;
  /** Whether the CSV header has been read (a JSONL history has none). */
  private header: boolean;
  private readonly splitter = new CsvRowSplitter();
  private readonly rows: CsvRow[] = [];
  private readonly order = new MoveOrder();
  /** The bytes of a line that the chunk before began and did not end. */
  private carry: Buffer | null = null;
  /** The `at` text read last and its time (moves of one event share it). */
  private lastAtText = "";
  private lastAt = NaN;

  constructor(
    private readonly format: "jsonl" | "csv",
    private readonly sinks: HistorySink[],
    private readonly keep: number,
  ) {
    this.header = format === "jsonl";
    this.splitter.expected = HISTORY_CSV_COLUMNS.length;
  }

  /**
   * Reads the lines a chunk of the file ends; the rest of it waits for the next chunk.
   * @returns whether the chunk ended a line
   */
  readChunk(chunk: Buffer): boolean {
    // Split at the last line break of the chunk: a UTF-8 sequence never holds byte 0x0A, so the
    // bytes before it decode on their own and the rest waits for the next chunk.
    const last = chunk.lastIndexOf(10);
    if (last < 0) {
      this.carry = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
      return false;
    }
    let text: string;
    if (this.carry) {
      // The line the previous chunk began: joined as bytes (it is short), then the rest as is.
      const first = chunk.indexOf(10);
      this.take(Buffer.concat([this.carry, chunk.subarray(0, first)]).toString("utf8"));
      text = chunk.toString("utf8", first + 1, last + 1);
    } else text = chunk.toString("utf8", 0, last + 1);
    this.carry = last + 1 < chunk.length ? chunk.subarray(last + 1) : null;
    this.readLines(text);
    return true;
  }

  /** The file's last line (without a line break) and the rows still open; the header's check. */
  finish(): void {
    const rest = this.carry ? this.carry.toString("utf8") : "";
    if (rest !== "") this.take(rest);
    this.splitter.end(this.rows);
    this.readRows();
    if (this.format === "csv" && !this.header)
      throw new HistoryHeaderError(
        problem("invalid-history-header", {
          format: { expected: HISTORY_CSV_HEADER, found: "an empty file" },
        }),
      );
  }

  /** The lines of decoded text that ends with a line break: plain CSV rows by the fast path. */
  private readLines(text: string): void {
    const csv = this.format === "csv";
    let start = 0;
    let quote = text.indexOf('"');
    if (quote < 0) quote = Infinity;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      if (quote < start) {
        quote = text.indexOf('"', start);
        if (quote < 0) quote = Infinity;
      }
      const plain =
        this.header &&
        !this.splitter.busy &&
        csv &&
        quote > nl &&
        nl > start &&
        text.charCodeAt(nl - 1) !== 13;
      if (!plain || !this.fastRow(text, start, nl)) this.take(text.slice(start, nl));
      start = nl + 1;
    }
  }

  /**
   * The fast path for the rows `funnel run` writes: no quote, no CR, exactly nine cells. The cells
   * are found with indexOf and only record, from, to and at become strings. False: take the
   * general path (which also reports what is wrong with the row).
   */
  private fastRow(text: string, start: number, end: number): boolean {
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
    this.line++;
    this.totals.lines++;
    const sla =
      c5 - c4 === 4 &&
      text.charCodeAt(c4 + 1) === 115 &&
      text.charCodeAt(c4 + 2) === 108 &&
      text.charCodeAt(c4 + 3) === 97;
    this.deliver(
      this.line,
      text.slice(start, c1),
      c2 > c1 + 1 ? text.slice(c1 + 1, c2) : "",
      text.slice(c2 + 1, c3),
      text.slice(c3 + 1, c4),
      sla,
    );
    return true;
  }

  /** One line of the file (its line break taken off): blank, a JSONL move, or CSV cells. */
  private take(raw: string): void {
    const line = ++this.line;
    this.totals.lines++;
    const cr = raw.charCodeAt(raw.length - 1) === 13;
    let text = cr ? raw.slice(0, -1) : raw;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const csv = this.format === "csv";
    if (csv && (this.splitter.busy || text.indexOf('"') >= 0)) {
      this.splitter.push({ text, brk: cr ? "\r\n" : "\n", line }, this.rows);
      return this.readRows();
    }
    if (text === "" || (text.trim() === "" && !csv)) {
      this.totals.blank++;
      return;
    }
    if (csv) this.readCells(text.split(","), line);
    else this.readJsonl(text, line);
  }

  /** A JSONL line: `{record, from, to, at, cause}`. */
  private readJsonl(text: string, line: number): void {
    let value: { record?: unknown; from?: unknown; to?: unknown; at?: unknown; cause?: unknown };
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = (error as Error).message.replace(/\.$/, "");
      return this.skip(line, "malformed_json", () =>
        problem("malformed-history-line", { format: { error: reason } }),
      );
    }
    if (value === null || typeof value !== "object")
      return this.skip(line, "invalid_move", () =>
        problem("malformed-history-line", {
          messageId: "shape",
          format: { what: "to be an object {record, from, to, at, cause}" },
        }),
      );
    const cause = value.cause as { kind?: unknown } | undefined;
    this.deliver(line, value.record, value.from, value.to, value.at, cause?.kind === "sla");
  }

  /** A CSV row's cells: the header first, then moves. */
  private readCells(cells: string[], line: number): void {
    if (!this.header) {
      this.header = true;
      const found = cells.map((cell) => cell.trim()).join(",");
      if (found !== HISTORY_CSV_HEADER)
        throw new HistoryHeaderError(
          problem("invalid-history-header", { format: { expected: HISTORY_CSV_HEADER, found } }),
        );
      return;
    }
    if (cells.length !== HISTORY_CSV_COLUMNS.length)
      return this.skip(line, "wrong_column_count", () =>
        problem("malformed-history-line", {
          messageId: "columns",
          format: { found: cells.length, expected: HISTORY_CSV_COLUMNS.length },
        }),
      );
    this.deliver(line, cells[0], cells[1], cells[2], cells[3], cells[4] === "sla");
  }

  /** The rows the splitter finished (rows with quotes): moves, blanks, unclosed quotes. */
  private readRows(): void {
    for (const row of this.rows.splice(0)) {
      if (row.kind === "blank") this.totals.blank++;
      else if (row.kind === "row") this.readCells(row.cells, row.line);
      else if (!this.header)
        throw new HistoryHeaderError(
          problem("invalid-history-header", {
            format: { expected: HISTORY_CSV_HEADER, found: "a line whose quote is never closed" },
          }),
        );
      else {
        const error = describeUnclosed(row, HISTORY_CSV_COLUMNS[row.cell]);
        this.skip(
          row.line,
          "malformed_csv",
          () => problem("malformed-event-line", { messageId: "csv", format: { error } }),
          row.column,
        );
      }
    }
  }

  /** A move's cells, checked; a good move goes to every sink. */
  private deliver(
    line: number,
    record: unknown,
    from: unknown,
    to: unknown,
    at: unknown,
    bySla: boolean,
  ): void {
    if (typeof record !== "string" || record === "")
      return this.skip(line, "invalid_move", badShape("a `record` (text)"));
    if (typeof to !== "string") return this.skip(line, "invalid_move", badShape("a `to` stage"));
    const sink = this.sinks[0];
    const stage = sink.stageIndex(to);
    if (stage === undefined) return this.skip(line, "unknown_stage", unknownStage(to));
    if (typeof from === "string" && from !== "" && sink.stageIndex(from) === undefined)
      return this.skip(line, "unknown_stage", unknownStage(from));
    const ms = typeof at === "string" ? this.instant(at) : NaN;
    if (ms !== ms) return this.skip(line, "invalid_move", badShape("an `at` datetime with a zone"));
    if (!this.order.accept(record, ms, line)) {
      const previous = formatInstant(this.order.previousAt);
      const format = {
        record: JSON.stringify(record),
        at: at as string,
        previous,
        line: this.order.previousLine,
      };
      return this.skip(line, "out_of_order", () =>
        problem("malformed-history-line", { messageId: "outOfOrder", format }),
      );
    }
    const totals = this.totals;
    totals.moves++;
    if (ms > totals.latest) totals.latest = ms;
    for (const each of this.sinks) each.move(record, stage, ms, bySla);
  }

  /** The time of an `at` text: the engine's own format fast, any other ISO form by parseInstant. */
  private instant(text: string): number {
    if (text !== this.lastAtText) {
      this.lastAtText = text;
      this.lastAt = engineInstant(text);
      if (this.lastAt !== this.lastAt) this.lastAt = parseInstant(text);
    }
    return this.lastAt;
  }

  /** Counts a skipped line with its reason (the first `keep` with their messages). */
  private skip(line: number, reason: string, diagnose: () => Diagnostic, column?: number): void {
    countRejectedLine(this.totals, this.keep, line, reason, diagnose, column);
  }
}
