// The two implementations of the grammar agree: for any input, the hand-written fast path either
// gives exactly what the chevrotain parser gives (same AST, key order and `undefined` fields
// included, same comments, no diagnostics) or gives up, and it gives up exactly when the
// chevrotain parser reports a diagnostic.
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFast, parseFile, parseWithRecovery } from "../../grammar/parse.js";
import { KEYWORDS, RESERVED_WORDS } from "../../grammar/tokens.js";
// @ts-expect-error -- a plain JavaScript module without types
import { generateFunnel } from "../../bench/generate.mjs";
import { validSource } from "./funnel-arbitrary.js";

/** Every `.funnel` file of the examples and the test fixtures. */
function funnelFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "node_modules" ? [] : funnelFiles(full);
    return entry.endsWith(".funnel") ? [full] : [];
  });
}
const FILES = [...funnelFiles("examples"), ...funnelFiles("test")].sort();
const TEXTS = FILES.map((f) => readFileSync(f, "utf8"));

/** JSON that keeps what deep equality may overlook: key order, `undefined` fields and -0. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v === undefined ? "<undefined>" : Object.is(v, -0) ? "<-0>" : v,
  );
}

/** Runs both parsers; checks they agree; returns whether the fast path took the file. */
function agree(text: string): boolean {
  const full = parseWithRecovery(text, "t.funnel");
  const fast = parseFast(text);
  if (fast === undefined) {
    // Giving up is only right when there is something to report.
    expect(
      full.diagnostics.length,
      "the fast path gave up on a file without diagnostics",
    ).toBeGreaterThan(0);
    return false;
  }
  expect(full.diagnostics).toEqual([]);
  expect(fast).toStrictEqual(full);
  expect(exact(fast)).toBe(exact(full));
  return true;
}

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
  "!",
  "/",
  "*",
  "12",
  "12.5",
  "40%",
  "2026-01-31",
  "2026-02-30",
  "2026-01-31T09:30:00Z",
  "2026-01-31T25:00Z",
  '"text"',
  '"unterminated',
  '"\\q"',
  '"""multi\nline"""',
  '"""open',
  "/* c */",
  "/* open",
  "// c\n",
  "/// doc\n",
  "a",
  "won",
  "days",
  "#",
  "é",
  "\u0000",
  "\uFEFF",
  "\r\n",
  "\n",
];

function mutate(text: string, at: number, length: number, mutation: string, piece: string): string {
  const start = at % (text.length + 1);
  const end = Math.min(text.length, start + length);
  if (mutation === "delete") return text.slice(0, start) + text.slice(end);
  if (mutation === "duplicate")
    return text.slice(0, end) + text.slice(start, end) + text.slice(end);
  if (mutation === "insert") return text.slice(0, start) + piece + text.slice(start);
  return text.slice(0, start) + piece + text.slice(end);
}
const mutation = fc.tuple(
  fc.nat(),
  fc.nat({ max: 40 }),
  fc.constantFrom("delete", "duplicate", "replace", "insert"),
  fc.constantFrom(...PIECES),
);

describe("the fast path and the chevrotain parser agree", () => {
  it.each(FILES.map((file, i) => [file, i] as const))("on %s", (_file, i) => {
    agree(TEXTS[i]);
  });

  it("take every error-free example and fixture on the fast path", () => {
    const taken = TEXTS.filter(
      (text) => parseWithRecovery(text, "t.funnel").diagnostics.length === 0,
    );
    expect(taken.length).toBeGreaterThan(20);
    for (const text of taken) expect(parseFast(text)).toBeDefined();
  });

  it("on generated benchmark funnels", () => {
    for (const seed of [1, 2, 3]) expect(agree(generateFunnel(40, seed))).toBe(true);
  });

  it("on generated valid programs, which all take the fast path", () => {
    fc.assert(
      fc.property(validSource, (text) => {
        expect(agree(text)).toBe(true);
      }),
      { numRuns: 500, seed: 2024 },
    );
  });

  it("on mutated valid programs", () => {
    fc.assert(
      fc.property(validSource, mutation, (text, [at, length, kind, piece]) => {
        agree(mutate(text, at, length, kind, piece));
      }),
      { numRuns: 800, seed: 77 },
    );
  });

  it("on mutated examples and fixtures", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXTS), mutation, (text, [at, length, kind, piece]) => {
        agree(mutate(text, at, length, kind, piece));
      }),
      { numRuns: 600, seed: 4321 },
    );
  });

  it("on token soups", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        agree(`funnel f {\n stage a {\n${pieces.join(" ")}\n}\n}`);
      }),
      { numRuns: 400, seed: 5 },
    );
  });

  it("at the nesting limit and one past it", () => {
    const nested = (depth: number) =>
      `funnel f { stage a { -> b when ${"(".repeat(depth)}x${")".repeat(depth)} } }`;
    expect(agree(nested(64))).toBe(true);
    expect(agree(nested(65))).toBe(false);
    const nots = (count: number) => `funnel f { stage a { -> b when ${"not ".repeat(count)}x } }`;
    expect(agree(nots(64))).toBe(true);
    expect(agree(nots(65))).toBe(false);
  });

  it("keeps nothing between parses, also after giving up half-way", () => {
    const text = TEXTS[0];
    const first = exact(parseFile(text, "a.funnel"));
    const withDocs = "/// Doc.\n// note\nfunnel other { /* c */ stage a { -> b when x and y } }";
    expect(parseFast(withDocs)?.comments).toHaveLength(3);
    expect(
      parseFast("/// Doc.\n// note\nfunnel other { stage a { -> b when x and } }"),
    ).toBeUndefined();
    expect(exact(parseFile(text, "a.funnel"))).toBe(first);
    const plain = parseFast("funnel f { stage a }")!;
    expect(plain.comments).toEqual([]);
    expect(plain.ast.funnel!.docs).toBeUndefined();
    expect(exact(plain)).toBe(exact(parseWithRecovery("funnel f { stage a }", "t.funnel")));
  });
});
