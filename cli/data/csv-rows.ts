// CSV rows from lines, for the events reader (event-source.ts) and the history reader
// (history-source.ts). A quoted cell may span lines, but a quote that is not closed on its own
// line can no longer take the rest of the file into one cell (which lost every row after it):
// the row may span lines only when its quoted cell is well formed and closes within MAX_ROW_SPAN
// characters (its next quote is doubled, or ends the cell before a comma or the end of a line,
// not a stray quote of a later row such as the opening one of `,"Demo request",`), and the row
// then has the header's number of cells. Otherwise its first line alone is reported (`unclosed`)
// and the lines after it are read again as rows of their own, so every line ends as a row, part
// of a row, blank, or reported.
//
// Cells are read as csv-parse reads them with `relax_quotes` (test/report/csv-fast-path.test.ts
// checks it against csv-parse): a quote opens a quoted cell only as the cell's first character
// (`a"b` is text); `""` inside it is a quote; a closing quote followed by anything but a comma or
// the end of the line makes the cell text, quotes included (`"a"b` is `"a"b`).

/** One line of the input, without its line break. */
export interface CsvLine {
  text: string;
  /** The line break that ended it ("\n", "\r\n", or "" for a last line without one). */
  brk: string;
  /** 1-based line number. */
  line: number;
}

/** Why a quoted cell that opens on a line was not allowed to go on past it. */
export type UnclosedWhy =
  | { kind: "end" }
  | { kind: "limit" }
  /**
   * The next quote (at `column` of line `at`) is followed by text: it opens or sits in a later
   * row's cell.
   */
  | { kind: "quote"; at: number; column: number }
  | { kind: "cells"; closedAt: number; found: number; expected: number };

export type CsvRow =
  /**
   * A row that starts at `line` and takes `lines` lines (more than one when a quoted cell spans
   * lines).
   */
  | { kind: "row"; line: number; lines: number; cells: string[] }
  | { kind: "blank"; line: number }
  /**
   * A line whose quoted cell (cell index `cell`, opening quote at 1-based `column`) is not closed
   * on it.
   */
  | { kind: "unclosed"; line: number; column: number; cell: number; why: UnclosedWhy };

/** How many characters a quoted cell may take beyond the line it starts on (64 KB). */
export const MAX_ROW_SPAN = 64 * 1024;

const QUOTE = 34;
const START = 0;
const PLAIN = 1;
const QUOTED = 2;

/** A row being read: its cells so far and where the open quoted cell started. */
interface Scan {
  cells: string[];
  cell: string;
  mode: number;
  column: number;
  cellIndex: number;
  /**
   * The 1-based column of a quote that ended a cell carried over from an earlier line badly (0:
   * none).
   */
  stray: number;
}

/**
 * Reads one line's text into a row's cells, going on from `s`.
 * @returns true when the row ends with this line; false when a quoted cell is still open
 */
function scanLine(s: Scan, text: string): boolean {
  const n = text.length;
  let cell = s.cell;
  let mode = s.mode;
  /** Whether the open cell came from an earlier line (its next quote must end it well). */
  let carried = mode === QUOTED;
  let i = 0;
  while (i < n) {
    if (mode === QUOTED) {
      const q = text.indexOf('"', i);
      if (q < 0) {
        cell += text.slice(i);
        i = n;
        break;
      }
      cell += text.slice(i, q);
      if (text.charCodeAt(q + 1) === QUOTE) {
        cell += '"';
        i = q + 2;
        continue;
      }
      if (q + 1 === n) {
        mode = PLAIN;
        i = n;
      } else if (text[q + 1] === ",") {
        s.cells.push(cell);
        cell = "";
        mode = START;
        i = q + 2;
      } else {
        // relax_quotes: the cell is text from its first character on, quotes included. For a cell
        // carried over from an earlier line this means its quote was never closed (CsvRowSplitter).
        if (carried) s.stray = q + 1;
        cell = '"' + cell + '"';
        mode = PLAIN;
        i = q + 1;
      }
      carried = false;
      continue;
    }
    if (mode === START && text.charCodeAt(i) === QUOTE) {
      mode = QUOTED;
      s.column = i + 1;
      s.cellIndex = s.cells.length;
      i++;
      continue;
    }
    const comma = text.indexOf(",", i);
    if (comma < 0) {
      cell += text.slice(i);
      mode = PLAIN;
      break;
    }
    s.cells.push(cell + text.slice(i, comma));
    cell = "";
    mode = START;
    i = comma + 1;
  }
  s.cell = cell;
  s.mode = mode;
  if (mode === QUOTED) return false;
  s.cells.push(cell);
  return true;
}

/**
 * What is wrong with a line whose quoted cell is not closed on it, for its malformed_csv message.
 * @param columnName the header's name of the cell, when the header is known
 */
export function describeUnclosed(
  row: Extract<CsvRow, { kind: "unclosed" }>,
  columnName: string | undefined,
): string {
  const cell =
    columnName !== undefined ? `the quoted cell \`${columnName}\`` : `quoted cell ${row.cell + 1}`;
  const why =
    row.why.kind === "end"
      ? "nor anywhere before the end of the file"
      : row.why.kind === "limit"
        ? `nor within the next ${MAX_ROW_SPAN / 1024} KB`
        : row.why.kind === "quote"
          ? `and the next quote (line ${row.why.at}, column ${row.why.column}) does not ` +
            `end it: text follows it`
          : `and ending it with the quote on line ${row.why.closedAt} would make a row of ` +
            `${row.why.found} cells, not ${row.why.expected}`;
  return (
    `${cell} starting at column ${row.column} is not closed on this line, ${why}; the lines ` +
    `after it are read as rows of their own`
  );
}

/**
 * Turns lines into rows. Feed every line in order with `push`, then call `end`; rows come out in
 * line order. While `busy`, a quoted cell is open and lines must go through `push` (a reader's
 * fast path may split a quote-free line itself only when not busy).
 */
export class CsvRowSplitter {
  /** The header's number of cells, once known: a row spanning lines must have that many. */
  expected: number | undefined;
  private open: {
    first: CsvLine;
    rest: CsvLine[];
    size: number;
    scan: Scan;
    column: number;
    cellIndex: number;
  } | null = null;
  private queue: CsvLine[] = [];
  private next = 0;

  get busy(): boolean {
    return this.open !== null;
  }

  /** Reads one more line; the rows it completes are appended to `out`. */
  push(line: CsvLine, out: CsvRow[]): void {
    this.queue.push(line);
    this.drain(out);
  }

  /** The input has ended: a quoted cell still open was never closed. */
  end(out: CsvRow[]): void {
    while (this.open) {
      const open = this.open;
      this.open = null;
      out.push(this.unclosed(open, { kind: "end" }));
      this.reject(open);
      this.drain(out);
    }
  }

  private drain(out: CsvRow[]): void {
    while (this.next < this.queue.length) this.take(this.queue[this.next++], out);
    this.queue = [];
    this.next = 0;
  }

  private take(line: CsvLine, out: CsvRow[]): void {
    const open = this.open;
    if (open) {
      open.rest.push(line);
      open.size += line.text.length + line.brk.length;
      const done = scanLine(open.scan, line.text);
      if (open.scan.stray > 0) {
        this.open = null;
        out.push(this.unclosed(open, { kind: "quote", at: line.line, column: open.scan.stray }));
        this.reject(open);
        return;
      }
      if (done) {
        this.open = null;
        const cells = open.scan.cells;
        if (this.expected === undefined || cells.length === this.expected) {
          out.push({ kind: "row", line: open.first.line, lines: open.rest.length + 1, cells });
          return;
        }
        const why: UnclosedWhy = {
          kind: "cells",
          closedAt: line.line,
          found: cells.length,
          expected: this.expected,
        };
        out.push(this.unclosed(open, why));
        this.reject(open);
        return;
      }
      open.scan.cell += line.brk;
      if (open.size > MAX_ROW_SPAN) {
        this.open = null;
        out.push(this.unclosed(open, { kind: "limit" }));
        this.reject(open);
      }
      return;
    }
    if (line.text === "") {
      out.push({ kind: "blank", line: line.line });
      return;
    }
    const scan: Scan = { cells: [], cell: "", mode: START, column: 0, cellIndex: 0, stray: 0 };
    if (scanLine(scan, line.text)) {
      out.push({ kind: "row", line: line.line, lines: 1, cells: scan.cells });
      return;
    }
    scan.cell += line.brk;
    // The quote open at the end of the first line is the one reported, whatever happens after.
    this.open = {
      first: line,
      rest: [],
      size: 0,
      scan,
      column: scan.column,
      cellIndex: scan.cellIndex,
    };
  }

  private unclosed(open: NonNullable<CsvRowSplitter["open"]>, why: UnclosedWhy): CsvRow {
    return {
      kind: "unclosed",
      line: open.first.line,
      column: open.column,
      cell: open.cellIndex,
      why,
    };
  }

  /** The lines after a rejected first line are read again, before any line not yet read. */
  private reject(open: NonNullable<CsvRowSplitter["open"]>): void {
    this.queue = [...open.rest, ...this.queue.slice(this.next)];
    this.next = 0;
  }
}
