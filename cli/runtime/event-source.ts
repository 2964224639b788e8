// Events files, read as streams (never the whole file in memory): JSON lines through readline,
// CSV through csv-parse. Each yields one item per input line (JSONL) or row (CSV) with its line
// number: an event to apply, a line that could not be read (rejected with a reason), or a blank line.
import { createReadStream } from "node:fs";
import * as readline from "node:readline";
import { Readable, pipeline } from "node:stream";
import { parse } from "csv-parse";
import type { FunnelIR, TypeIR } from "../../compiler/ir/types.js";
import { coerceCell } from "../../runtime/values.js";
import { problem } from "./funnel.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";

/** Why a line never reached the engine. */
export type LineReason = "malformed_json" | "wrong_column_count" | "malformed_csv";

export type SourceItem =
  | { line: number; event: unknown }
  | { line: number; reason: LineReason; problem: Diagnostic }
  | { line: number; blank: true };

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
      yield { line, reason: "malformed_json", problem: problem("malformed-event-line", { format: { error: reason } }) };
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

function readHeader(cells: string[]): Column[] {
  const seen = new Set<string>();
  const columns = cells.map((raw): Column => {
    const cell = raw.trim();
    if (seen.has(cell)) throw new CsvHeaderError(problem("invalid-csv-header", { messageId: "duplicate", format: { column: cell } }));
    seen.add(cell);
    if (cell === "id" || cell === "record" || cell === "at" || cell === "type") return { kind: cell };
    const m = /^(data|set)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(cell);
    if (!m) throw new CsvHeaderError(problem("invalid-csv-header", { format: { column: cell } }));
    return { kind: m[1] as "data" | "set", name: m[2] };
  });
  for (const required of ["record", "at", "type"]) {
    if (!seen.has(required)) throw new CsvHeaderError(problem("invalid-csv-header", { messageId: "missing", format: { column: required } }));
  }
  return columns;
}

/** A cell as the JSON value an event would carry: numbers and booleans by the field's declared type. */
function cellValue(cell: string, type: TypeIR | undefined): unknown {
  if (!type || (type.kind !== "number" && type.kind !== "boolean")) return cell;
  const coerced = coerceCell(cell, type);
  // A cell that is not of the type goes to the engine as text, which rejects it as wrong_type.
  return coerced.ok ? coerced.value : cell;
}

const countBreaks = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

/**
 * CSV events: the header `id,record,at,type,data.<name>…,set.<name>…`, then one event per row.
 * An empty cell means the key is absent. Throws CsvHeaderError (on the first pull) for a bad header.
 * @param input the file's bytes or text, streamed
 * @param ir the funnel, whose declared types decide how `data.` and `set.` cells are read
 */
export async function* csvItems(input: Readable | AsyncIterable<string | Buffer>, ir: FunnelIR): AsyncGenerator<SourceItem> {
  const fieldTypes = new Map(ir.fields.map((f) => [f.name, f.type]));
  const eventTypes = new Map(ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type]))]));
  // relax_quotes: a quote inside a cell (`a"b`, `"a"b`) is kept as text; csv-parse's recovery
  // after such an error would drop the rows that follow. What remains an error is a quote that
  // is never closed: by CSV's grammar it takes the rest of the file into one cell.
  const parser = parse({ info: true, bom: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true, skip_empty_lines: true });
  // Rows csv-parse could not read come as `skip` events, ahead of the rows after them.
  const skipped: { line: number; message: string }[] = [];
  let lastLine = 0;
  parser.on("skip", (error: Error & { lines?: number; code?: string }) => {
    // An unclosed quote is found at the end of the file: report the line its row starts on.
    const line = error.code === "CSV_QUOTE_NOT_CLOSED" ? lastLine + 1 : (error.lines ?? lastLine + 1);
    skipped.push({ line, message: error.message.replace(/ at line \d+.*$/s, "").replace(/:.*$/s, "").toLowerCase() });
  });
  const source = input instanceof Readable ? input : Readable.from(input);
  pipeline(source, parser, () => {
    // Errors reach the loop below through the parser.
  });
  let columns: Column[] | undefined;
  const takeSkipped = function* (before: number): Generator<SourceItem> {
    while (skipped.length && skipped[0].line < before) {
      const s = skipped.shift()!;
      yield { line: s.line, reason: "malformed_csv", problem: problem("malformed-event-line", { messageId: "csv", format: { error: s.message } }) };
    }
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = info.lines - record.reduce((n, cell) => n + countBreaks(cell), 0);
    lastLine = info.lines;
    yield* takeSkipped(line);
    if (!columns) {
      columns = readHeader(record);
      continue;
    }
    if (record.length !== columns.length) {
      yield { line, reason: "wrong_column_count", problem: problem("malformed-event-line", { messageId: "columns", format: { found: record.length, expected: columns.length } }) };
      continue;
    }
    const event: Record<string, unknown> = {};
    const typeIndex = columns.findIndex((c) => c.kind === "type");
    const dataTypes = eventTypes.get(record[typeIndex]);
    columns.forEach((column, i) => {
      const cell = record[i];
      if (cell === "") return;
      if (column.kind === "data") ((event.data ??= {}) as Record<string, unknown>)[column.name] = cellValue(cell, dataTypes?.get(column.name));
      else if (column.kind === "set") ((event.set ??= {}) as Record<string, unknown>)[column.name] = cellValue(cell, fieldTypes.get(column.name));
      else event[column.kind] = cell;
    });
    yield { line, event };
  }
  yield* takeSkipped(Infinity);
  if (!columns) throw new CsvHeaderError(problem("invalid-csv-header", { messageId: "empty", format: {} }));
}
