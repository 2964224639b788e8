// Property tests: no input, however broken, makes the compiler throw or report an internal error.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEYWORDS, RESERVED_WORDS } from "../../grammar/tokens.js";
import { parseFile } from "../../grammar/parse.js";
import { compileText } from "../helpers/compile.js";

const EXAMPLES = readdirSync("examples")
  .filter((f) => f.endsWith(".funnel"))
  .map((f) => readFileSync(`examples/${f}`, "utf8"));

const PIECES = [
  ...KEYWORDS,
  ...RESERVED_WORDS,
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ",",
  ":",
  "|",
  "?",
  ".",
  "=",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "->",
  "+",
  "-",
  "12",
  "0",
  "12.5",
  "40%",
  "2026-01-31",
  "2026-02-30",
  "2026-01-31T09:30:00Z",
  '"text"',
  '"unterminated',
  '"""multi\nline"""',
  "/* c */",
  "// c\n",
  "/// doc\n",
  "a",
  "b",
  "won",
  "lost",
  "days",
  "months",
  "#",
  "\u0000",
  "\uFEFF",
  "\r\n",
  "\n",
];

/** Every diagnostic is well-formed and none is an internal error. */
function expectSane(files: Record<string, string>) {
  const result = compileText(files);
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^FN[1-5]\d{3}$/);
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.message.length).toBeGreaterThan(0);
  }
  return result;
}

describe("the compiler never throws", () => {
  it("on random token soups", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (pieces) => {
        expectSane({ "main.funnel": pieces.join(" ") });
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it("on token soups wrapped in a funnel", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
        expectSane({ "main.funnel": `funnel f {\n stage a {\n${pieces.join(" ")}\n}\n}` });
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it("on examples with a slice deleted, duplicated or replaced", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES),
        fc.nat(),
        fc.nat({ max: 200 }),
        fc.constantFrom("delete", "duplicate", "replace"),
        fc.constantFrom(...PIECES),
        (text, at, length, mutation, piece) => {
          const start = at % (text.length + 1);
          const end = Math.min(text.length, start + length);
          const mutated =
            mutation === "delete"
              ? text.slice(0, start) + text.slice(end)
              : mutation === "duplicate"
                ? text.slice(0, end) + text.slice(start, end) + text.slice(end)
                : text.slice(0, start) + piece + text.slice(end);
          expectSane({ "main.funnel": mutated });
        },
      ),
      { numRuns: 300, seed: 1234 },
    );
  });

  it("on arbitrary unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expectSane({ "main.funnel": text });
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  it("on a 5 MB file", () => {
    const stage = (i: number) =>
      `  stage s${i} "S${i}" {\n    definition "Stage ${i}."\n    -> s${i + 1} when ok\n  }\n`;
    let body = "";
    for (let i = 0; body.length < 5_000_000; i++) body += stage(i);
    const result = parseFile(`funnel big {\n${body}}\n`, "big.funnel");
    expect(result.ast.funnel?.items.length).toBeGreaterThan(10_000);
  });

  it("on a 5 MB file of garbage, capping the number of diagnostics", () => {
    const text = "#@! ".repeat(1_250_000);
    const result = parseFile(text, "junk.funnel");
    expect(result.diagnostics.length).toBeLessThanOrEqual(101);
    expect(result.diagnostics.at(-1)?.code).toBe("FN1010");
  });
});
