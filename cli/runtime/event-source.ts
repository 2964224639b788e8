// Events files, read as streams (never the whole file in memory): JSON lines through readline,
// CSV through csv-parse. Each yields one item per input line (JSONL) or row (CSV) with its line
// number: an event to apply, a line that could not be read (rejected with a reason), or a blank line.
import { createReadStream } from "node:fs";
import * as readline from "node:readline";
import { Readable, pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
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
 * Rows are split on commas directly while the input holds no quote and no carriage return (the
 * common case, and several times faster); from the line where one first appears, the rest goes
 * through csv-parse, which handles quoting, CRLF and broken quotes. Both give the same items.
 * @param input the file's bytes or text, streamed
 * @param ir the funnel, whose declared types decide how `data.` and `set.` cells are read
 * @param options fast: false reads everything with csv-parse (tests compare the two)
 */
export async function* csvItems(input: Readable | AsyncIterable<string | Buffer>, ir: FunnelIR, options: { fast?: boolean } = {}): AsyncGenerator<SourceItem> {
  const fieldTypes = new Map(ir.fields.map((f) => [f.name, f.type]));
  const eventTypes = new Map(ir.events.map((e) => [e.name, new Map(e.fields.map((f) => [f.name, f.type]))]));
  let columns: Column[] | undefined;
  let typeIndex = -1;
  /** A row as an item; undefined for the header row. */
  const rowItem = (record: string[], line: number): SourceItem | undefined => {
    if (!columns) {
      columns = readHeader(record);
      typeIndex = columns.findIndex((c) => c.kind === "type");
      return undefined;
    }
    if (record.length !== columns.length) {
      return { line, reason: "wrong_column_count", problem: problem("malformed-event-line", { messageId: "columns", format: { found: record.length, expected: columns.length } }) };
    }
    const event: Record<string, unknown> = {};
    const dataTypes = eventTypes.get(record[typeIndex]);
    for (let i = 0; i < columns.length; i++) {
      const cell = record[i];
      if (cell === "") continue;
      const column = columns[i];
      if (column.kind === "data") ((event.data ??= {}) as Record<string, unknown>)[column.name] = cellValue(cell, dataTypes?.get(column.name));
      else if (column.kind === "set") ((event.set ??= {}) as Record<string, unknown>)[column.name] = cellValue(cell, fieldTypes.get(column.name));
      else event[column.kind] = cell;
    }
    return { line, event };
  };

  let source: AsyncIterable<string | Buffer> = input;
  /** Lines the fast path consumed before csv-parse takes over. */
  let offset = 0;
  if (options.fast !== false) {
    const iterator = input[Symbol.asyncIterator]();
    const decoder = new StringDecoder("utf8");
    let text = "";
    let first = true;
    let handOff: string | undefined;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        text += decoder.end();
        // The last line, without a line break.
        if (text !== "") {
          if (text.indexOf('"') >= 0 || text.indexOf("\r") >= 0) handOff = text;
          else {
            offset++;
            const item = rowItem(text.split(","), offset);
            if (item) yield item;
          }
        }
        break;
      }
      text += typeof next.value === "string" ? next.value : decoder.write(next.value);
      if (first && text !== "") {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      const quote = text.indexOf('"');
      const cr = text.indexOf("\r");
      const special = quote < 0 ? cr : cr < 0 ? quote : Math.min(quote, cr);
      let start = 0;
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
        if (special >= 0 && special < nl) break;
        offset++;
        // csv-parse's skip_empty_lines: an empty line is no row (but still a line).
        if (nl > start) {
          const item = rowItem(text.slice(start, nl).split(","), offset);
          if (item) yield item;
        }
        start = nl + 1;
      }
      if (special >= 0 && special >= start && text.indexOf("\n", start) > special) {
        handOff = text.slice(start);
        break;
      }
      text = text.slice(start);
    }
    if (handOff === undefined) {
      if (!columns) throw new CsvHeaderError(problem("invalid-csv-header", { messageId: "empty", format: {} }));
      return;
    }
    const rest = handOff;
    source = (async function* () {
      yield rest;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield typeof next.value === "string" ? next.value : decoder.write(next.value);
      }
    })();
  }

  // relax_quotes: a quote inside a cell (`a"b`, `"a"b`) is kept as text; csv-parse's recovery
  // after such an error would drop the rows that follow. What remains an error is a quote that
  // is never closed: by CSV's grammar it takes the rest of the file into one cell.
  // on_record follows the parser itself (which runs ahead of this generator's consumer): the line
  // of the last row it read is where an unclosed quote found at the end of the file starts after.
  let parsedLines = 0;
  const parser = parse({
    info: true,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    skip_empty_lines: true,
    // csv-parse takes the first line break it sees as the record delimiter; lines the fast path
    // read were ended by a bare \n, so that is the file's.
    ...(offset > 0 ? { record_delimiter: "\n" } : {}),
    on_record: (record: unknown, context: { lines: number }) => {
      parsedLines = context.lines;
      return record;
    },
  });
  // Rows csv-parse could not read come as `skip` events, ahead of the rows after them.
  const skipped: { line: number; message: string }[] = [];
  parser.on("skip", (error: Error & { lines?: number; code?: string }) => {
    // An unclosed quote is found at the end of the file: report the line its row starts on.
    const line = (error.code === "CSV_QUOTE_NOT_CLOSED" ? parsedLines + 1 : (error.lines ?? parsedLines + 1)) + offset;
    skipped.push({ line, message: error.message.replace(/ at line \d+.*$/s, "").replace(/:.*$/s, "").toLowerCase() });
  });
  const stream = source instanceof Readable ? source : Readable.from(source);
  pipeline(stream, parser, () => {
    // Errors reach the loop below through the parser.
  });
  const takeSkipped = function* (before: number): Generator<SourceItem> {
    while (skipped.length && skipped[0].line < before) {
      const s = skipped.shift()!;
      yield { line: s.line, reason: "malformed_csv", problem: problem("malformed-event-line", { messageId: "csv", format: { error: s.message } }) };
    }
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = info.lines + offset - record.reduce((n, cell) => n + countBreaks(cell), 0);
    yield* takeSkipped(line);
    const item = rowItem(record, line);
    if (item) yield item;
  }
  yield* takeSkipped(Infinity);
  if (!columns) throw new CsvHeaderError(problem("invalid-csv-header", { messageId: "empty", format: {} }));
}
