// The events CSV reader's fast path (rows split on commas until the first quote or carriage
// return; csv-parse from there on) yields exactly what csv-parse alone yields: the same events,
// rejections and line numbers, whatever the content and however the input is cut into chunks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvHeaderError, csvItems, type SourceItem } from "../../cli/runtime/event-source.js";
import { compileText } from "../helpers/compile.js";
import { MINI_FUNNEL } from "./helpers.js";

const ir = compileText(MINI_FUNNEL).programs[0].ir!;

async function items(chunks: string[], fast: boolean): Promise<SourceItem[] | string> {
  async function* source() {
    for (const c of chunks) yield Buffer.from(c, "utf8");
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

/** Cuts text into pieces at the given fractions (UTF-8 sequences may be cut: the reader decodes across chunks). */
function cut(text: string, points: number[]): string[] {
  const bytes = Buffer.from(text, "utf8");
  const at = [...new Set(points.map((p) => Math.floor(p * bytes.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const i of [...at, bytes.length]) {
    pieces.push(bytes.subarray(last, i).toString("latin1"));
    last = i;
  }
  return pieces;
}

const HEADER = "id,record,at,type,data.url,set.email,set.qualified";

describe("events CSV: fast path", () => {
  it("gives the same items as csv-parse alone", async () => {
    const cell = fc.oneof(fc.constantFrom("", "r1", "r2", "visit", "update", "meeting", "2026-01-01T00:00:00Z", "true", "x@y.z", "é"), fc.constantFrom('"q"', 'a"b', '"open', '"x,y"', '"multi\nline"', "\r", " "));
    // No empty rows: before an unclosed quote, csv-parse cannot tell how many blank lines there
    // were, so the two paths could name different start lines for that one malformed row.
    const row = fc.array(cell, { minLength: 1, maxLength: 9 }).map((cells) => cells.join(",")).filter((r) => r !== "");
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), async (rows, eol, bom, points) => {
        const text = (bom ? "\ufeff" : "") + [HEADER, ...rows].join(eol) + (rows.length % 2 ? eol : "");
        // Chunks as bytes (latin1 strings would be decoded differently): pass Buffers.
        const bytes = Buffer.from(text, "utf8");
        const pieces = cut(text, points).map((p) => Buffer.from(p, "latin1"));
        const run = async (fast: boolean) => {
          async function* source() {
            for (const p of pieces) yield p;
          }
          const out: SourceItem[] = [];
          try {
            for await (const item of csvItems(source(), ir, { fast })) out.push(item);
          } catch (error) {
            if (error instanceof CsvHeaderError) return error.message;
            throw error;
          }
          return out;
        };
        expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
        expect(await run(true)).toEqual(await run(false));
      }),
      { numRuns: 1500 },
    );
  });

  it("reads a file without quotes on the fast path, blank lines counted as lines but not rows", async () => {
    const text = `${HEADER}\n1,r1,2026-01-01T00:00:00Z,visit,/,,\n\n2,r1,2026-01-02T00:00:00Z,update,,a@b.nl,true\n3,r2`;
    const result = (await items([text], true)) as SourceItem[];
    expect(result.map((i) => [i.line, "event" in i ? (i.event as { id: string }).id : "reason" in i ? i.reason : "blank"])).toEqual([
      [2, "1"],
      [4, "2"],
      [5, "wrong_column_count"],
    ]);
    expect(result).toEqual(await items([text], false));
    expect(await items([""], true)).toBe(await items([""], false));
  });
});
