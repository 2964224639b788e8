// Property tests: on mutated examples (lines deleted or duplicated, comments dropped in anywhere)
// and on arbitrary string values, whatever parses cleanly formats to text with the same IR, the
// same diagnostics and the same comments, and formatting that again changes nothing.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatText, type FormatOptions } from "../../format/format.js";
import { lex } from "../../grammar/lexer.js";
import { parseFile } from "../../grammar/parse.js";
import { quoteString } from "../../format/strings.js";
import { expectSameMeaning, parsesCleanly, readFunnelFiles } from "./meaning.js";

const EXAMPLES = readFunnelFiles("examples");
const SCENARIOS: Record<string, string> = {
  ...readFunnelFiles("test/format/scenarios/inputs"),
  "shared.funnel": readFileSync("test/format/scenarios/shared.funnel", "utf8"),
};
/**
 * Sources to mutate: the example funnels and the scenario inputs, each with the project it compiles
 * in.
 */
const SOURCES = [
  ...Object.keys(EXAMPLES)
    .filter((name) => !name.includes("/"))
    .map((name) => ({ name, files: EXAMPLES })),
  ...Object.keys(SCENARIOS).map((name) => ({ name, files: SCENARIOS })),
].filter(({ name, files }) => parsesCleanly(files[name]));
/** Sources by index, so that a failing case prints as a number rather than as every file. */
const source = fc.nat({ max: SOURCES.length - 1 });

/**
 * Formats, checks the meaning is unchanged, and checks idempotence; returns false when the input
 * does not parse.
 */
async function checkFormatting(
  files: Record<string, string>,
  name: string,
  text: string,
  options: FormatOptions = {},
): Promise<boolean> {
  if (!parsesCleanly(text)) return false;
  try {
    const formatted = await formatText(text, options);
    expectSameMeaning({ ...files, [name]: text }, name, formatted);
    expect(await formatText(formatted, options)).toBe(formatted);
  } catch (error) {
    // fast-check prints the arguments, which hold every file of the project: show just this one.
    throw new Error(
      `${String(error)}\nwhile formatting ${name} (${JSON.stringify(options)}), mutated to:\n${text}`,
      { cause: error },
    );
  }
  return true;
}

describe("formatting mutated examples keeps their meaning", () => {
  it("with a line deleted or duplicated", async () => {
    let formatted = 0;
    await fc.assert(
      fc.asyncProperty(
        source,
        fc.nat(),
        fc.constantFrom("delete", "duplicate"),
        async (index, at, mutation) => {
          const { name, files } = SOURCES[index];
          const lines = files[name].split("\n");
          const i = at % lines.length;
          if (mutation === "delete") lines.splice(i, 1);
          else lines.splice(i, 0, lines[i]);
          if (await checkFormatting(files, name, lines.join("\n"))) formatted++;
        },
      ),
      { numRuns: 300, seed: 20260101 },
    );
    // Most mutations keep the file parseable, so the property is not vacuous.
    expect(formatted).toBeGreaterThan(100);
  });

  it("with comments of every kind dropped between any two tokens", async () => {
    const COMMENTS = [
      "// note\n",
      "/* note */",
      "/// doc\n",
      "\n// own line\n",
      "\n/// own-line doc\n",
      "/* multi\n   line */",
      "\n\n// after a blank line\n\n",
      "// prettier-ignore\n",
    ];
    await fc.assert(
      fc.asyncProperty(
        source,
        fc.record({ printWidth: fc.constantFrom(30, 60, 100), useTabs: fc.boolean() }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...COMMENTS)), { minLength: 1, maxLength: 4 }),
        async (index, options, insertions) => {
          const { name, files } = SOURCES[index];
          const text = files[name];
          const ends = lex(text, name).tokens.map((t) => t.startOffset + t.image.length);
          // Insert from the back so earlier offsets stay valid.
          const points = insertions
            .map(([at, comment]) => [ends[at % ends.length], comment] as const)
            .sort((a, b) => b[0] - a[0]);
          let mutated = text;
          for (const [offset, comment] of points)
            mutated = mutated.slice(0, offset) + " " + comment + mutated.slice(offset);
          expect(await checkFormatting(files, name, mutated, options)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe("strings keep their values", () => {
  const PIECES = [
    "a",
    "Zz",
    " ",
    "  ",
    "\t",
    "\n",
    '"',
    '""',
    '"""',
    "\\",
    "é",
    "😀",
    "\u0007",
    "\u007f",
    "\u0085",
    "\u2028",
    "\u00a0",
    "\ufeff",
    "{",
    "}",
    "//",
    "/*",
    "\u{1F}",
  ];
  const value = fc
    .array(fc.constantFrom(...PIECES), { maxLength: 12 })
    .map((parts) => parts.join(""));

  function descriptionOf(text: string): string | undefined {
    const funnel = parseFile(text, "main.funnel").ast.funnel;
    const item = funnel?.items.find((i) => i.kind === "Description");
    return item?.kind === "Description" ? item.value.value : undefined;
  }

  it("in ordinary strings, re-escaped minimally", async () => {
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        const formatted = await formatText(`funnel f {\n  description ${quoteString(v)}\n}\n`);
        expect(descriptionOf(formatted)).toBe(v);
        expect(await formatText(formatted)).toBe(formatted);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it("in triple-quoted strings, re-indented", async () => {
    // Lines of the raw triple string: quotes and backslashes escaped, everything else as typed.
    const rawLine = value.map((v) =>
      v.replace(/\n/g, "").replace(/\\/g, "\\\\").replace(/"/g, '\\"'),
    );
    const indentation = fc.constantFrom("", " ", "    ", "\t", "  \t");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(indentation, rawLine), { minLength: 1, maxLength: 5 }),
        indentation,
        fc.boolean(),
        async (lines, closing, inline) => {
          const body = inline
            ? lines.map(([i, l]) => i + l).join(" ")
            : "\n" + lines.map(([i, l]) => i + l).join("\n") + "\n" + closing;
          const input = `funnel f {\n  description """${body}"""\n}\n`;
          if (!parsesCleanly(input)) return;
          const formatted = await formatText(input);
          expect(descriptionOf(formatted)).toBe(descriptionOf(input));
          expect(await formatText(formatted)).toBe(formatted);
        },
      ),
      { numRuns: 400, seed: 2 },
    );
  });
});
