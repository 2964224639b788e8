// In-process checks of the server's pure parts: the line diff behind formatting edits, the
// keyword lists against the lexer's, settings parsing and position clamping.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEYWORDS, RESERVED_WORDS } from "../../grammar/tokens.js";
import { KEYWORD_DOCS, KEYWORD_PLACES, keywordsAt } from "../../lsp/keywords.js";
import { diffLines } from "../../lsp/line-diff.js";
import { readSettings, DEFAULT_SETTINGS } from "../../lsp/settings.js";
import { offsetAt, positionAt } from "../../lsp/workspace.js";

function apply(oldLines: string[], hunks: ReturnType<typeof diffLines>): string[] {
  const out = [...oldLines];
  for (const hunk of [...hunks].reverse()) out.splice(hunk.oldStart, hunk.oldCount, ...hunk.lines);
  return out;
}

describe("line diff", () => {
  it("turns one text into the other, touching only changed lines", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "c", "", "d"), { maxLength: 30 }),
        fc.array(fc.constantFrom("a", "b", "c", "", "e"), { maxLength: 30 }),
        (a, b) => {
          const hunks = diffLines(a, b);
          expect(apply(a, hunks)).toEqual(b);
          for (const hunk of hunks) expect(hunk.oldCount + hunk.lines.length).toBeGreaterThan(0);
        },
      ),
    );
  });
  it("finds separate hunks", () => {
    expect(diffLines(["a", "b", "c", "d", "e"], ["a", "B", "c", "d", "E", "f"])).toEqual([
      { oldStart: 1, oldCount: 1, lines: ["B"] },
      { oldStart: 4, oldCount: 1, lines: ["E", "f"] },
    ]);
    expect(diffLines(["same"], ["same"])).toEqual([]);
  });
});

describe("keywords", () => {
  it("uses only words the lexer knows, and documents each", () => {
    const known = new Set([...KEYWORDS, ...RESERVED_WORDS]);
    // KEYWORD_DOCS also orders what completion offers: a word the lexer lost must leave it.
    expect(Object.keys(KEYWORD_DOCS).filter((w) => !known.has(w))).toEqual([]);
    expect([...known].filter((w) => !KEYWORD_DOCS[w])).toEqual([]);
  });
  it("reads from the grammar which keywords may stand at each place", () => {
    // A renamed rule or a place the grammar does not know would offer nothing.
    expect(KEYWORD_PLACES.filter((place) => keywordsAt(place).length === 0)).toEqual([]);
    expect(keywordsAt("afterOperand")).toEqual(["and", "or", "is", "in", "not", "contains"]);
    expect(keywordsAt("afterIs")).toEqual(["set", "not"]);
    expect(keywordsAt("afterIsNot")).toEqual(["set"]);
    expect(keywordsAt("afterFrom")).toEqual(["any"]);
    expect(keywordsAt("afterScorePoints")).toEqual(["on", "when"]);
  });
});

describe("settings", () => {
  it("reads valid values, clamps numbers and ignores junk", () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(
      readSettings({
        diagnostics: { delay: 200 },
        inlayHints: { stagePositions: false },
        format: { printWidth: 80 },
      }),
    ).toEqual({
      diagnosticsDelay: 200,
      flowDelay: DEFAULT_SETTINGS.flowDelay,
      stagePositionHints: false,
      printWidth: 80,
    });
    expect(readSettings({ diagnostics: { flowDelay: 0 } }).flowDelay).toBe(0);
    expect(
      readSettings({
        diagnostics: { delay: -5 },
        inlayHints: { stagePositions: "yes" },
        format: { printWidth: "wide" },
      }),
    ).toEqual({ ...DEFAULT_SETTINGS, diagnosticsDelay: 0 });
  });
});

describe("positions", () => {
  const source = { path: "a.funnel", text: "ab\r\ncd\nef" };
  it("converts both ways and clamps out-of-range positions", () => {
    expect(positionAt(source, 5)).toEqual({ line: 1, character: 1 });
    expect(offsetAt(source, { line: 1, character: 1 })).toBe(5);
    expect(offsetAt(source, { line: 0, character: 99 })).toBe(2);
    expect(offsetAt(source, { line: 99, character: 0 })).toBe(source.text.length);
    expect(offsetAt(source, { line: -1, character: -1 })).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: source.text.length }), (offset) => {
        const back = offsetAt(source, positionAt(source, offset));
        // Offsets inside a CRLF map to the end of the line.
        expect(back === offset || source.text[offset - 1] === "\r").toBe(true);
      }),
    );
  });
});

describe("stage descriptions (hover, completion)", () => {
  it("makes no claim about the condition of a rule cut short by a syntax error", async () => {
    const { compileText } = await import("../helpers/compile.js");
    const { stageMarkdown } = await import("../../lsp/describe.js");
    const source = `funnel f {
  team t "T"
  fields { paid: boolean = false  seats: number = 0 }
  stage trial { definition "Trial"  owner t
    -> won when paid and
  }
  terminal won "Won" { definition "Won"  owner t  outcome won }
}
`;
    const symbols = compileText(source).programs[0]!.symbols!;
    const markdown = (name: string) => stageMarkdown(symbols, symbols.stages.get(name)!);
    expect(markdown("trial")).toContain("- Out: to `won` `… (incomplete: fix the syntax error)`");
    expect(markdown("won")).toContain("- In: from `trial` `… (incomplete: fix the syntax error)`");
    expect(markdown("trial")).not.toContain("when paid");
  });
});
