// The events CSV reader: its fast path (quote-free lines split on commas) yields exactly what the
// full row splitter yields, however the input is cut into chunks; cells are read as csv-parse
// reads them (relax_quotes) wherever every quoted cell is well formed; and whatever the input,
// broken quotes included, every line of the file is accounted for exactly once (the header, a
// row or part of one, a blank line, a rejected row), with no row swallowed by an unclosed quote.
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRowSplitter, MAX_ROW_SPAN, type CsvRow } from "../../cli/data/csv-rows.js";
import { CsvHeaderError, csvItems, type SourceItem } from "../../cli/data/event-source.js";
import { compileText } from "../helpers/compile.js";
import { MINI_FUNNEL } from "./helpers.js";

const ir = compileText(MINI_FUNNEL).programs[0].ir!;

async function items(chunks: (string | Buffer)[], fast: boolean): Promise<SourceItem[] | string> {
  async function* source() {
    for (const c of chunks) yield typeof c === "string" ? Buffer.from(c, "utf8") : c;
  }
  const out: SourceItem[] = [];
  try {
    for await (const item of csvItems(source(), ir, { fast })) out.push(item);
  } catch (error) {
    if (error instanceof CsvHeaderError) return error.message;
    throw error;
  }
  return out;
}

/**
 * Cuts text into byte pieces at the given fractions (UTF-8 sequences may be cut: the reader decodes
 * across chunks).
 */
function cut(text: string, points: number[]): Buffer[] {
  const bytes = Buffer.from(text, "utf8");
  const at = [...new Set(points.map((p) => Math.floor(p * bytes.length)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let last = 0;
  for (const i of [...at, bytes.length]) {
    pieces.push(bytes.subarray(last, i));
    last = i;
  }
  return pieces;
}

/** Line numbers each item takes, in order: every line of the file exactly once. */
function linesTaken(result: SourceItem[]): number[] {
  return result.flatMap((item) => {
    const span = "lines" in item && item.lines !== undefined ? item.lines : 1;
    return Array.from({ length: span }, (_, k) => item.line + k);
  });
}

/** The number of lines of a text as `wc -l` counts them, plus a last line without a line break. */
const lineCount = (text: string) =>
  text.split("\n").length - (text.endsWith("\n") || text === "" ? 1 : 0);

const HEADER = "id,record,at,type,data.url,set.email,set.qualified";
const anyCell = fc.oneof(
  fc.constantFrom(
    "",
    "r1",
    "r2",
    "visit",
    "update",
    "meeting",
    "2026-01-01T00:00:00Z",
    "true",
    "x@y.z",
    "é",
    " ",
  ),
  fc.constantFrom(
    '"q"',
    'a"b',
    '"open',
    '"x,y"',
    '"multi\nline"',
    '"a""b"',
    '"x"y',
    '""',
    '"',
    "\r",
    'z"',
  ),
);
const anyRow = fc.array(anyCell, { minLength: 0, maxLength: 9 }).map((cells) => cells.join(","));
const anyText = fc
  .tuple(
    fc.array(anyRow, { maxLength: 14 }),
    fc.constantFrom("\n", "\r\n"),
    fc.boolean(),
    fc.boolean(),
  )
  .map(
    ([rows, eol, bom, endsWithBreak]) =>
      (bom ? "\ufeff" : "") + [HEADER, ...rows].join(eol) + (endsWithBreak ? eol : ""),
  );

describe("events CSV: fast path", () => {
  it("gives the same items as the row splitter alone, however the input is cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        async (text, points) => {
          const pieces = cut(text, points);
          expect(Buffer.concat(pieces).equals(Buffer.from(text, "utf8"))).toBe(true);
          const whole = await items([text], false);
          expect(await items(pieces, true)).toEqual(whole);
          expect(await items(pieces, false)).toEqual(whole);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("reads a file without quotes on the fast path, blank lines counted as blank", async () => {
    const text = `${HEADER}\n1,r1,2026-01-01T00:00:00Z,visit,/,,\n\n2,r1,2026-01-02T00:00:00Z,update,,a@b.nl,true\n3,r2`;
    const result = (await items([text], true)) as SourceItem[];
    expect(
      result.map((i) => [
        i.line,
        "event" in i
          ? (i.event as { id: string }).id
          : "reason" in i
            ? i.reason
            : "header" in i
              ? "header"
              : "blank",
      ]),
    ).toEqual([
      [1, "header"],
      [2, "1"],
      [3, "blank"],
      [4, "2"],
      [5, "wrong_column_count"],
    ]);
    expect(result).toEqual(await items([text], false));
    expect(await items([""], true)).toBe(await items([""], false));
  });
});

describe("events CSV: every line accounted for", () => {
  it("takes each line of any file exactly once, in order, whatever its quotes", async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const result = await items([text], true);
        if (typeof result === "string") return;
        const total = lineCount(text.replace(/^\ufeff/, ""));
        expect(linesTaken(result)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
      }),
      { numRuns: 1500 },
    );
  });

  it("rejects an unclosed quote as its own row and reads every row after it (it used to swallow the rest of the file)", async () => {
    const good = Array.from(
      { length: 50 },
      (_, i) =>
        `g${i},r1,2026-01-${String(3 + Math.floor(i / 5)).padStart(2, "0")}T00:00:00Z,update,,a${i}@b.nl,`,
    );
    const text =
      [
        HEADER,
        ...Array.from({ length: 5 }, (_, i) => `e${i},r1,2026-01-01T00:00:0${i}Z,visit,/,,`),
        `e6,r1,2026-01-02T00:00:00Z,visit,"Newsletter,,`,
        ...good,
      ].join("\n") + "\n";
    const result = (await items([text], true)) as SourceItem[];
    expect(result.filter((i) => "event" in i)).toHaveLength(55);
    const rejected = result.filter((i) => "reason" in i);
    expect(rejected).toEqual([
      {
        line: 7,
        column: 34,
        reason: "malformed_csv",
        problem: expect.objectContaining({
          code: "FN6011",
          message:
            "Rejected (malformed_csv): this row cannot be read as CSV (the quoted cell `data.url` starting at column 34 is not closed on this line, nor anywhere before the end of the file; the lines after it are read as rows of their own).",
        }),
      },
    ]);
    expect(linesTaken(result)).toEqual(Array.from({ length: 57 }, (_, k) => k + 1));
  });

  it("does not let a stray quote pair with the opening quote of a later row's cell", async () => {
    const text = [
      HEADER,
      `e1,r1,2026-01-02T00:00:00Z,visit,"Newsletter,,`,
      `e2,r2,2026-01-03T00:00:00Z,visit,"/pricing",,`,
      `e3,r3,2026-01-04T00:00:00Z,visit,/,,`,
    ].join("\n");
    const result = (await items([text], true)) as SourceItem[];
    expect(
      result.map((i) => [
        i.line,
        "event" in i
          ? (i.event as { id: string; data?: unknown }).id
          : "reason" in i
            ? i.problem.message
            : "header",
      ]),
    ).toEqual([
      [1, "header"],
      [
        2,
        "Rejected (malformed_csv): this row cannot be read as CSV (the quoted cell `data.url` starting at column 34 is not closed on this line, and the next quote (line 3, column 34) does not end it: text follows it; the lines after it are read as rows of their own).",
      ],
      [3, "e2"],
      [4, "e3"],
    ]);
    expect((result[2] as { event: { data: unknown } }).event.data).toEqual({ url: "/pricing" });
  });

  it("rejects a quote whose closing would make a row of the wrong number of cells, and reads the lines after it", async () => {
    // Line 3's quote ends a cell well (before a comma), but it belongs to a row of its own.
    const text = [
      HEADER,
      `e1,r1,2026-01-02T00:00:00Z,visit,"Newsletter,,`,
      `e2,r2,2026-01-03T00:00:00Z,visit,x",,,`,
    ].join("\n");
    const result = (await items([text], true)) as SourceItem[];
    expect(
      result.map((i) => [
        i.line,
        "event" in i ? "event" : "reason" in i ? i.problem.message : "header",
      ]),
    ).toEqual([
      [1, "header"],
      [
        2,
        "Rejected (malformed_csv): this row cannot be read as CSV (the quoted cell `data.url` starting at column 34 is not closed on this line, and ending it with the quote on line 3 would make a row of 8 cells, not 7; the lines after it are read as rows of their own).",
      ],
      [3, "Rejected (wrong_column_count): this row has 8 cells but the header has 7."],
    ]);
  });

  it("keeps quoted cells that span lines and close, with the row's first line and its length in lines", async () => {
    const text =
      [
        HEADER,
        `e1,r1,2026-01-02T00:00:00Z,visit,"/a`,
        ``,
        `b, ""c""",a@b.nl,`,
        `e2,r1,2026-01-03T00:00:00Z,update,,,true`,
      ].join("\r\n") + "\r\n";
    const result = (await items([text], true)) as SourceItem[];
    expect(result).toEqual([
      { line: 1, lines: 1, header: true },
      {
        line: 2,
        lines: 3,
        event: {
          id: "e1",
          record: "r1",
          at: "2026-01-02T00:00:00Z",
          type: "visit",
          data: { url: '/a\r\n\r\nb, "c"' },
          set: { email: "a@b.nl" },
        },
      },
      {
        line: 5,
        event: {
          id: "e2",
          record: "r1",
          at: "2026-01-03T00:00:00Z",
          type: "update",
          set: { qualified: true },
        },
      },
    ]);
  });

  it(`gives up on a quoted cell after ${MAX_ROW_SPAN / 1024} KB and reads the lines after it`, async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `g${i},r1,2026-01-03T00:00:00Z,update,,a${i}@b.nl,`,
    );
    const text =
      [
        HEADER,
        `e1,r1,2026-01-02T00:00:00Z,visit,"open,,`,
        ...rows,
        `e2,r1,2026-01-04T00:00:00Z,visit,"closes here",,`,
      ].join("\n") + "\n";
    const result = (await items([text], true)) as SourceItem[];
    const rejected = result.filter((i) => "reason" in i);
    expect(
      rejected.map((r) => [
        r.line,
        "problem" in r && r.problem.message.includes("nor within the next 64 KB"),
      ]),
    ).toEqual([[2, true]]);
    expect(result.filter((i) => "event" in i)).toHaveLength(2001);
    expect(linesTaken(result)).toEqual(Array.from({ length: 2003 }, (_, k) => k + 1));
  });

  it("refuses a header whose quote is never closed, rather than reading a data row as the header", async () => {
    expect(await items([`id,record,"at,type\n1,r1,2026-01-01T00:00:00Z,update\n`], true)).toBe(
      "The CSV header's quoted cell starting at column 11 is never closed; the header must name the columns on its first line.",
    );
  });
});

describe("CSV rows: cells as csv-parse reads them", () => {
  // Well-formed files: every quoted cell closes with a quote before a comma or the end of a line,
  // quotes inside it doubled; other cells may hold quotes anywhere but first (`a"b`), and a
  // single-line quoted cell may go on after its closing quote (`"x"y`, relax_quotes).
  const plain = fc.stringMatching(/^[a-z0-9 @.\-é]{0,6}$/);
  const quotedText = fc
    .stringMatching(/^[a-z ,\n"]{0,8}$/)
    .map((s) => `"${s.replaceAll('"', '""')}"`);
  const cell = fc.oneof(
    plain,
    quotedText,
    plain.map((s) => `a"${s}`),
    fc.constantFrom('"x"y', '"x,y"z', '"a""b"c'),
  );
  const COLUMNS = 4;

  it("splits rows (multi-line cells included) into the cells csv-parse gives, on the lines where csv-parse ends them", () => {
    // csv-parse counts a \r\n inside a quoted cell as two lines in `info.lines`: lines are
    // compared for \n files only.
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: COLUMNS, maxLength: COLUMNS }), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.constantFrom("\n", "\r\n"),
        (rows, eol) => {
          const lines = rows.map((r) => r.join(",").replaceAll("\n", eol));
          const text = lines.join(eol) + eol;
          const expected = parse(text, {
            relax_quotes: true,
            relax_column_count: true,
            skip_empty_lines: true,
            info: true,
          }) as { record: string[]; info: { lines: number } }[];
          const splitter = new CsvRowSplitter();
          splitter.expected = COLUMNS;
          const out: CsvRow[] = [];
          const physical = text.split("\n");
          physical.pop();
          physical.forEach((raw, i) => {
            const cr = raw.endsWith("\r");
            splitter.push(
              { text: cr ? raw.slice(0, -1) : raw, brk: cr ? "\r\n" : "\n", line: i + 1 },
              out,
            );
          });
          splitter.end(out);
          const got = out.filter((r) => r.kind === "row");
          expect(out.filter((r) => r.kind === "unclosed")).toEqual([]);
          expect(got.map((r) => r.cells)).toEqual(expected.map((e) => e.record));
          if (eol === "\n")
            expect(got.map((r) => r.line + r.lines - 1)).toEqual(expected.map((e) => e.info.lines));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
