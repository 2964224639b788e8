import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.js";
import { KEYWORDS, RESERVED_WORDS } from "../../grammar/tokens.js";

const kinds = (text: string) =>
  lex(text, "t.funnel").tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("lexer", () => {
  it("lexes literals: numbers, percents, dates, datetimes, strings", () => {
    expect(
      kinds(`12 12.5 40% 2026-01-31 2026-01-31T09:30:00Z 2026-01-31T09:30+01:00 "a\\"b"`),
    ).toEqual([
      "Number:12",
      "Number:12.5",
      "Percent:40%",
      "Date:2026-01-31",
      "DateTime:2026-01-31T09:30:00Z",
      "DateTime:2026-01-31T09:30+01:00",
      'String:"a\\"b"',
    ]);
  });

  it("lexes punctuation with the longest operator first", () => {
    expect(kinds("-> - != <= >= < > = | ? . , : { } ( ) [ ] +")).toEqual([
      "Arrow:->",
      "Minus:-",
      "NotEquals:!=",
      "LessEquals:<=",
      "GreaterEquals:>=",
      "Less:<",
      "Greater:>",
      "Equals:=",
      "Pipe:|",
      "Question:?",
      "Dot:.",
      "Comma:,",
      "Colon::",
      "LCurly:{",
      "RCurly:}",
      "LParen:(",
      "RParen:)",
      "LSquare:[",
      "RSquare:]",
      "Plus:+",
    ]);
  });

  it("lexes keywords only as whole words", () => {
    expect(kinds("stage stages on one notify not event events eventually in index")).toEqual([
      "Stage:stage",
      "Identifier:stages",
      "On:on",
      "Identifier:one",
      "Notify:notify",
      "Not:not",
      "Event:event",
      "Events:events",
      "Identifier:eventually",
      "In:in",
      "Identifier:index",
    ]);
  });

  it("keeps comments out of the token stream and returns them", () => {
    const result = lex("/// doc\n// line\n/* block */ stage", "t.funnel");
    expect(result.tokens.map((t) => t.image)).toEqual(["stage"]);
    expect(result.comments.map((c) => c.tokenType.name)).toEqual([
      "DocComment",
      "LineComment",
      "BlockComment",
    ]);
  });

  it("reports an unknown character with its offset range", () => {
    const result = lex("stage # x", "t.funnel");
    expect(result.diagnostics.map((d) => [d.code, d.span, d.message])).toEqual([
      [
        "FN1002",
        { start: 6, end: 7 },
        "Unexpected character `#`; it is not part of the Funnel language.",
      ],
    ]);
  });

  it("shows control characters as code points", () => {
    const result = lex("stage \u0001", "t.funnel");
    expect(result.diagnostics[0].message).toBe(
      "Unexpected character `U+0001`; it is not part of the Funnel language.",
    );
  });

  it("reports an unterminated string once and keeps it as a string token", () => {
    const result = lex('definition "abc\nowner x', "t.funnel");
    expect(result.diagnostics.map((d) => [d.code, d.span])).toEqual([
      ["FN1003", { start: 11, end: 15 }],
    ]);
    expect(result.tokens.map((t) => t.image)).toEqual(["definition", '"abc', "owner", "x"]);
  });

  it("reports an unterminated block comment at its opening", () => {
    const result = lex("stage /* never closed", "t.funnel");
    expect(result.diagnostics.map((d) => [d.code, d.span])).toEqual([
      ["FN1004", { start: 6, end: 8 }],
    ]);
  });

  it('ends a triple-quoted string at the first `"""` that no backslash escapes', () => {
    expect(kinds('"""a \\""" b""" x')).toEqual(['TripleString:"""a \\""" b"""', "Identifier:x"]);
    expect(kinds('"""a \\\\""" b')).toEqual(['TripleString:"""a \\\\"""', "Identifier:b"]);
  });

  it("reports a garbage file by its first 64 KB, and only up to 101 unexpected characters", () => {
    const result = lex("# ".repeat(40_000), "t.funnel");
    expect(result.skippedRest).toEqual({ size: "64 KB" });
    expect(result.diagnostics).toHaveLength(101);
    expect(result.uncountedErrors).toBe(32_768 - 101);
  });

  it("skips a byte-order mark and CRLF line ends", () => {
    expect(kinds("\uFEFFstage a\r\n{\r\n}")).toEqual([
      "Stage:stage",
      "Identifier:a",
      "LCurly:{",
      "RCurly:}",
    ]);
  });

  it("exports keyword lists with no overlap between contextual and reserved words", () => {
    expect(KEYWORDS).toContain("stage");
    expect(RESERVED_WORDS).toEqual([
      "and",
      "or",
      "not",
      "in",
      "is",
      "set",
      "contains",
      "event",
      "true",
      "false",
    ]);
    expect(KEYWORDS.filter((k) => RESERVED_WORDS.includes(k))).toEqual([]);
  });
});
