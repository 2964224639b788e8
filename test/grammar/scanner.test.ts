// The hand-written scanner against the reference: a chevrotain lexer built from the token
// patterns of grammar/tokens.ts. Same tokens, comments and error runs on any input.
import { Lexer, type IToken } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.js";
import * as T from "../../grammar/tokens.js";

const reference = new Lexer(T.ALL_TOKENS, {
  positionTracking: "onlyOffset",
  ensureOptimizations: false,
});

const show = (tokens: IToken[]) =>
  tokens.map((t) => `${t.tokenType.name}@${t.startOffset}:${JSON.stringify(t.image)}`);

function expectSameAsReference(text: string) {
  const expected = reference.tokenize(text);
  const actual = lex(text, "t.funnel");
  expect(show(actual.tokens)).toEqual(show(expected.tokens));
  expect(show(actual.comments)).toEqual(show((expected.groups.comments ?? []) as IToken[]));
  const errorSpans = actual.diagnostics
    .filter((d) => d.code === "FN1002")
    .map((d) => [d.span.start, d.span.end - d.span.start]);
  expect(errorSpans).toEqual(expected.errors.slice(0, 101).map((e) => [e.offset, e.length]));
  const unclosed = actual.diagnostics.filter((d) => d.code === "FN1004").map((d) => d.span.start);
  expect(unclosed).toEqual(((expected.groups.errors ?? []) as IToken[]).map((t) => t.startOffset));
}

// Characters that matter to some token, plus some that start none.
const CHARS = [
  ..."abzAZ_09 \t\r\n\f\v{}()[],:|?.=!<>+-/*\"\\%T:Z#@$&;'`~^",
  "\u00A0",
  "\uFEFF",
  "é",
  "\u2028",
  "\u0000",
  "🙂",
];
const FRAGMENTS = [
  ...T.KEYWORDS,
  ...T.RESERVED_WORDS,
  "events",
  "eventually",
  "notify",
  "index",
  "one",
  "settle",
  "2026-01-31",
  "2026-01-31T09:30:00Z",
  "2026-01-31T09:30:00.5+01:00",
  "2026-01-31T09:30:0Z",
  "2026-01-31T09:30",
  "1234-5",
  "12.",
  "12.5%",
  "12%",
  "007",
  '"',
  '""',
  '"""',
  '""""',
  '\\"',
  '\\"""',
  "\\",
  "//",
  "///",
  "/*",
  "*/",
  "/**/",
  "->",
  "!=",
  "<=",
  ">=",
];
const source = fc
  .array(fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom(...FRAGMENTS)), { maxLength: 60 })
  .map((parts) => parts.join(""));

describe("the scanner matches chevrotain's lexer on the tokens.ts patterns", () => {
  it.each([
    "stage stages on one notify not event events eventually in index set settle",
    '"a\\"b" "open\n"ok" "\\\n" """tri\n"ple""" """esc \\""" still""" """open',
    "/// doc  \n//// four\n// line\n/* b */ /* never",
    "2026-01-31T09:30:00Z 2026-01-31T09:30+01:00 2026-01-31T09:30:0Z 2026-01-31x 12345-01-01 12.5% 12.% 1.2.3",
    "# @ !x ! = !=a / / x é\u00A0\uFEFF🙂 \u0001",
    "-> - != <= >= < > = | ? . , : { } ( ) [ ] +",
  ])("on %j", (text) => {
    expectSameAsReference(text);
  });

  it("on random character soups", () => {
    fc.assert(
      fc.property(source, (text) => {
        expectSameAsReference(text);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it("on arbitrary unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        expectSameAsReference(text);
      }),
      { numRuns: 150, seed: 12 },
    );
  });

  it("on every example file", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    for (const file of readdirSync("examples").filter((f) => f.endsWith(".funnel")))
      expectSameAsReference(readFileSync(`examples/${file}`, "utf8"));
  });
});
