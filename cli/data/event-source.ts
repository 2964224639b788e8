// Events files, read as streams (never the whole file in memory): JSON lines through readline,
// CSV line by line into rows (csv-rows.ts). Each yields one item per input line (JSONL) or row
// (CSV) with its line number: an event to apply, a line that could not be read (rejected with a
// reason), a blank line, or (CSV) the header; together they account for every line of the file.
import { createReadStream } from "node:fs";
import * as readline from "node:readline";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { FunnelIR, TypeIR } from "../../core/ir/types.js";
import { suggestName } from "../../core/suggest.js";
import { coerceCell } from "../../core/values.js";
import { CsvRowSplitter, describeUnclosed, type CsvRow } from "./csv-rows.js";
import { problem } from "./funnel.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { NAME_UNANCHORED } from "../../core/names.js";

/** A `data.<name>` or `set.<name>` column of an events CSV header. */
const DATA_OR_SET_COLUMN = new RegExp(`^(data|set)\\.(${NAME_UNANCHORED.source})$`);

/** Why a line never reached the engine. */
export type LineReason = "malformed_json" | "wrong_column_count" | "malformed_csv";

/**
 * One line (JSONL) or row (CSV) of an events file. `lines` is how many lines a CSV row takes when
 * a quoted cell spans lines (default 1); `column` is where in the line a rejected row went wrong.
 */
export type SourceItem =
  | { line: number; lines?: number; event: unknown }
  | { line: number; lines?: number; column?: number; reason: LineReason; problem: Diagnostic }
  | { line: number; blank: true }
  | { line: number; lines?: number; header: true };

export type DataFormat = "jsonl" | "csv";

/** The format an events file's name announces, if any. */
export function formatOfPath(file: string): DataFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".csv")) return "csv";
  return undefined;
}

/**
 * JSON lines: one event per line; blank lines are counted but are not events.
 * @param lines the file's lines, in order, without line breaks (e.g. a readline interface)
 */
export async function* jsonlItems(lines: AsyncIterable<string>): AsyncGenerator<SourceItem> {
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === "") {
      yield { line, blank: true };
      continue;
    }
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      const reason = (error as Error).message.replace(/\.$/, "");
      yield {
        line,
        reason: "malformed_json",
        problem: problem("malformed-event-line", { format: { error: reason } }),
      };
      continue;
    }
    yield { line, event };
  }
}

/** The lines of a file, streamed. */
export function fileLines(file: string): { lines: AsyncIterable<string>; bytesRead: () => number } {
  const stream = createReadStream(file);
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  // readline does not pass on read errors (ENOENT, EISDIR): end the iteration with them.
  stream.on("error", (error) => lines.emit("error", error));
  return { lines, bytesRead: () => stream.bytesRead };
}

/** A CSV header that cannot be read as `id,record,at,type,data.<name>…,set.<name>…`. */
export class CsvHeaderError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

type Column = { kind: "id" | "record" | "at" | "type" } | { kind: "data" | "set"; name: string };

/**
 * The header's columns. A `set.` column must name a record field and a `data.` column a field of
 * some event: a misspelt one would otherwise reject every row that fills it (and only those), so
 * it is refused once, here, like an unknown column.
 */
function readHeader(cells: string[], ir: FunnelIR): Column[] {
  const seen = new Set<string>();
  const fields = ir.fields.map((f) => f.name);
  const dataFields = [...new Set(ir.events.flatMap((e) => e.fields.map((f) => f.name)))];
  const columns = cells.map((raw): Column => {
    const cell = raw.trim();
    if (seen.has(cell))
      throw new CsvHeaderError(
        problem("invalid-csv-header", { messageId: "duplicate", format: { column: cell } }),
      );
    seen.add(cell);
    if (cell === "id" || cell === "record" || cell === "at" || cell === "type")
      return { kind: cell };
    const m = DATA_OR_SET_COLUMN.exec(cell);
    if (!m) throw new CsvHeaderError(problem("invalid-csv-header", { format: { column: cell } }));
    const [, kind, name] = m as unknown as [string, "data" | "set", string];
    if (kind === "set" && !fields.includes(name)) {
      if (ir.scores.some((s) => s.name === name))
        throw new CsvHeaderError(
          problem("invalid-csv-header", { messageId: "setScore", format: { column: cell, name } }),
        );
      const suggestion = suggestName(name, fields);
      if (suggestion !== undefined)
        throw new CsvHeaderError(
          problem("invalid-csv-header", {
            messageId: "setFieldDidYouMean",
            format: { column: cell, suggestion: `set.${suggestion}` },
          }),
        );
      throw new CsvHeaderError(
        problem("invalid-csv-header", {
          messageId: "setField",
          format: { column: cell, fields: fields.length ? fields.join(", ") : "none" },
        }),
      );
    }
    if (kind === "data" && !dataFields.includes(name)) {
      const suggestion = suggestName(name, dataFields);
      if (suggestion !== undefined)
        throw new CsvHeaderError(
          problem("invalid-csv-header", {
            messageId: "dataFieldDidYouMean",
            format: { column: cell, suggestion: `data.${suggestion}` },
          }),
        );
      throw new CsvHeaderError(
        problem("invalid-csv-header", {
          messageId: "dataField",
          format: { column: cell, fields: dataFields.length ? dataFields.join(", ") : "none" },
        }),
      );
    }
    return { kind, name };
  });
  for (const required of ["record", "at", "type"]) {
    if (!seen.has(required))
      throw new CsvHeaderError(
        problem("invalid-csv-header", { messageId: "missing", format: { column: required } }),
      );
  }
  return columns;
}

/**
 * A cell as the JSON value an event would carry: numbers and booleans by the field's declared type.
 */
function cellValue(cell: string, type: TypeIR | undefined): unknown {
  if (!type || (type.kind !== "number" && type.kind !== "boolean")) return cell;
  const coerced = coerceCell(cell, type);
  // A cell that is not of the type goes to the engine as text, which rejects it as wrong_type.
  return coerced.ok ? coerced.value : cell;
}

/**
 * CSV events: the header `id,record,at,type,data.<name>…,set.<name>…`, then one event per row. An
 * empty cell means the key is absent. Throws CsvHeaderError (on the first pull) for a bad header.
 * Lines without a quote are split on commas directly (the common case, and several times faster);
 * the others, and every line while a quoted cell spans lines, go through CsvRowSplitter, which
 * never lets an unclosed quote take the rest of the file. Line breaks are \n or \r\n.
 * @param input the file's bytes or text, streamed
 * @param ir the funnel, whose declared types decide how `data.` and `set.` cells are read
 * @param options fast: false sends every line through CsvRowSplitter (tests compare the two)
 */
export async function* csvItems(
  input: Readable | AsyncIterable<string | Buffer>,
  ir: FunnelIR,
  options: { fast?: boolean } = {},
): AsyncGenerator<SourceItem> {
  const fieldTypes = new Map(ir.fields.map((f) => [f.name, f.type]));
  const eventTypes = new Map(
    ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type]))]),
  );
  let columns: Column[] | undefined;
  let names: string[] = [];
  let typeIndex = -1;
  const splitter = new CsvRowSplitter();
  /** Blank lines before the header: held back, so that a bad header is the first thing reported. */
  let blanksBefore: number[] = [];
  /** The header row as items: the blank lines held back before it, then the header. */
  const headerItems = (record: string[], line: number, lines: number): SourceItem[] => {
    columns = readHeader(record, ir);
    names = record.map((c) => c.trim());
    typeIndex = columns.findIndex((c) => c.kind === "type");
    splitter.expected = columns.length;
    const items: SourceItem[] = [
      ...blanksBefore.map((n) => ({ line: n, blank: true as const })),
      { line, lines, header: true },
    ];
    blanksBefore = [];
    return items;
  };
  /** A row after the header as its item (one object: this is the per-row path). */
  const rowItem = (
    columns: Column[],
    record: string[],
    line: number,
    lines: number,
  ): SourceItem => {
    if (record.length !== columns.length) {
      const problemOf = problem("malformed-event-line", {
        messageId: "columns",
        format: { found: record.length, expected: columns.length },
      });
      return lines > 1
        ? { line, lines, reason: "wrong_column_count", problem: problemOf }
        : { line, reason: "wrong_column_count", problem: problemOf };
    }
    const event: Record<string, unknown> = {};
    const dataTypes = eventTypes.get(record[typeIndex]);
    for (let i = 0; i < columns.length; i++) {
      const cell = record[i];
      if (cell === "") continue;
      const column = columns[i];
      if (column.kind === "data")
        ((event.data ??= {}) as Record<string, unknown>)[column.name] = cellValue(
          cell,
          dataTypes?.get(column.name),
        );
      else if (column.kind === "set")
        ((event.set ??= {}) as Record<string, unknown>)[column.name] = cellValue(
          cell,
          fieldTypes.get(column.name),
        );
      else event[column.kind] = cell;
    }
    return lines > 1 ? { line, lines, event } : { line, event };
  };
  const blank = (line: number): SourceItem[] => {
    if (columns) return [{ line, blank: true }];
    blanksBefore.push(line);
    return [];
  };
  const fromRow = (row: CsvRow): SourceItem[] => {
    if (row.kind === "row")
      return columns
        ? [rowItem(columns, row.cells, row.line, row.lines)]
        : headerItems(row.cells, row.line, row.lines);
    if (row.kind === "blank") return blank(row.line);
    if (!columns)
      throw new CsvHeaderError(
        problem("invalid-csv-header", { messageId: "headerQuote", format: { column: row.column } }),
      );
    const error = describeUnclosed(row, names[row.cell]);
    return [
      {
        line: row.line,
        column: row.column,
        reason: "malformed_csv",
        problem: problem("malformed-event-line", { messageId: "csv", format: { error } }),
      },
    ];
  };

  const fast = options.fast !== false;
  const iterator = input[Symbol.asyncIterator]();
  const decoder = new StringDecoder("utf8");
  const rows: CsvRow[] = [];
  let text = "";
  let line = 0;
  let first = true;
  for (;;) {
    const next = await iterator.next();
    text += next.done
      ? decoder.end()
      : typeof next.value === "string"
        ? next.value
        : decoder.write(next.value);
    if (first && text !== "") {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // The last line, without a line break, is a line too.
    if (next.done && text !== "" && !text.endsWith("\n")) text += "\n";
    let start = 0;
    let quote = fast ? text.indexOf('"') : 0;
    if (quote < 0) quote = Infinity;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      line++;
      const cr = nl > start && text.charCodeAt(nl - 1) === 13;
      const end = cr ? nl - 1 : nl;
      if (quote < start) {
        quote = text.indexOf('"', start);
        if (quote < 0) quote = Infinity;
      }
      if (fast && quote > nl && !splitter.busy) {
        // No quote on the line: its cells are between its commas.
        if (end === start) {
          if (columns) yield { line, blank: true };
          else blanksBefore.push(line);
        } else if (columns) yield rowItem(columns, text.slice(start, end).split(","), line, 1);
        else yield* headerItems(text.slice(start, end).split(","), line, 1);
      } else {
        splitter.push({ text: text.slice(start, end), brk: cr ? "\r\n" : "\n", line }, rows);
        for (const row of rows.splice(0)) yield* fromRow(row);
      }
      start = nl + 1;
    }
    text = text.slice(start);
    if (next.done) break;
  }
  splitter.end(rows);
  for (const row of rows.splice(0)) yield* fromRow(row);
  if (!columns)
    throw new CsvHeaderError(problem("invalid-csv-header", { messageId: "empty", format: {} }));
}
