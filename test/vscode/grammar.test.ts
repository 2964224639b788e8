// The VS Code extension's TextMate grammar: generated from grammar/tokens.ts and up to date,
// and it scopes Funnel source as the lexer reads it (exact scopes on examples, and agreement with
// the lexer on every token of every example and of generated token soups).
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lex } from "../../grammar/lexer.js";
import { DURATION_UNITS, KEYWORDS, RESERVED_WORDS } from "../../grammar/tokens.js";
import {
  renderTextMateGrammar,
  TOKEN_SCOPES,
} from "../../editors/vscode/scripts/textmate-grammar.mjs";
import { GRAMMAR_PATH, tokenize, type ScopedToken } from "./textmate.js";

const examplesDir = new URL("../../examples/", import.meta.url);
const exampleFiles = [
  ...readdirSync(examplesDir).filter((f) => f.endsWith(".funnel")),
  ...readdirSync(new URL("errors/", examplesDir))
    .filter((f) => f.endsWith(".funnel"))
    .map((f) => `errors/${f}`),
];

/** The scopes of the token `text` on 1-based line `line`. */
function scopesOf(tokens: ScopedToken[], line: number, text: string): string[] {
  const found = tokens.filter((t) => t.line === line - 1 && t.text === text);
  if (found.length === 0)
    throw new Error(
      `no token ${JSON.stringify(text)} on line ${line}: ${JSON.stringify(tokens.filter((t) => t.line === line - 1))}`,
    );
  return found[0].scopes;
}

describe("generated grammar", () => {
  it("is the file gen:vscode writes from grammar/tokens.ts (run npm run gen:vscode after changing tokens)", () => {
    expect(readFileSync(GRAMMAR_PATH, "utf8")).toBe(renderTextMateGrammar());
  });

  it("renders byte-identically on every run", () => {
    expect(renderTextMateGrammar()).toBe(renderTextMateGrammar());
  });

  it("scopes every keyword and reserved word of tokens.ts on its own", async () => {
    const source = [...KEYWORDS, ...RESERVED_WORDS].join("\n");
    const tokens = await tokenize(source);
    expect(tokens.map((t) => t.text)).toEqual([...KEYWORDS, ...RESERVED_WORDS]);
    expect(Object.fromEntries(tokens.map((t) => [t.text, t.scopes.join(" ")]))).toEqual({
      ...Object.fromEntries(KEYWORDS.map((k) => [k, "keyword.other.funnel"])),
      and: "keyword.operator.word.funnel",
      or: "keyword.operator.word.funnel",
      not: "keyword.operator.word.funnel",
      in: "keyword.operator.word.funnel",
      is: "keyword.operator.word.funnel",
      set: "keyword.operator.word.funnel",
      contains: "keyword.operator.word.funnel",
      event: "variable.language.event.funnel",
      true: "constant.language.boolean.funnel",
      false: "constant.language.boolean.funnel",
    });
  });
});

describe("highlighting examples/revenue-cycle.funnel", () => {
  const source = readFileSync(new URL("revenue-cycle.funnel", examplesDir), "utf8");

  it("scopes doc comments, comments, keywords, names and strings", async () => {
    const tokens = await tokenize(source);
    expect(scopesOf(tokens, 1, "import")).toEqual(["keyword.other.funnel"]);
    expect(scopesOf(tokens, 1, "./common.funnel")).toEqual(["string.quoted.double.funnel"]);
    expect(scopesOf(tokens, 3, "///")).toEqual([
      "comment.line.documentation.funnel",
      "punctuation.definition.comment.funnel",
    ]);
    expect(
      scopesOf(tokens, 3, " The revenue cycle agreed by marketing and sales, modelled on the"),
    ).toEqual(["comment.line.documentation.funnel"]);
    expect(scopesOf(tokens, 7, "funnel")).toEqual(["keyword.other.funnel"]);
    expect(scopesOf(tokens, 7, "revenue_cycle")).toEqual(["entity.name.namespace.funnel"]);
    expect(scopesOf(tokens, 7, "Revenue Cycle")).toEqual(["string.quoted.double.funnel"]);
    expect(scopesOf(tokens, 7, '"')).toEqual([
      "string.quoted.double.funnel",
      "punctuation.definition.string.begin.funnel",
    ]);
    expect(scopesOf(tokens, 12, "lead_score")).toEqual(["variable.other.score.funnel"]);
    expect(scopesOf(tokens, 25, "//")).toEqual([
      "comment.line.double-slash.funnel",
      "punctuation.definition.comment.funnel",
    ]);
    expect(
      scopesOf(tokens, 25, " Opt-outs and bad fits leave the cycle wherever they are."),
    ).toEqual(["comment.line.double-slash.funnel"]);
    expect(scopesOf(tokens, 31, "stage")).toEqual(["keyword.other.funnel"]);
    expect(scopesOf(tokens, 31, "inquiry")).toEqual(["entity.name.type.stage.funnel"]);
    expect(scopesOf(tokens, 33, "marketing")).toEqual(["entity.name.tag.team.funnel"]);
  });

  it("scopes conditions: event members, operators, reserved words and lists", async () => {
    const tokens = await tokenize(source);
    // +30 on form_submitted when event.form = "Demo request"
    expect(scopesOf(tokens, 16, "+")).toEqual(["keyword.operator.sign.funnel"]);
    expect(scopesOf(tokens, 16, "30")).toEqual(["constant.numeric.funnel"]);
    expect(scopesOf(tokens, 16, "form_submitted")).toEqual(["entity.name.function.event.funnel"]);
    expect(scopesOf(tokens, 16, "event")).toEqual(["variable.language.event.funnel"]);
    expect(scopesOf(tokens, 16, ".")).toEqual(["punctuation.accessor.funnel"]);
    expect(scopesOf(tokens, 16, "form")).toEqual(["variable.other.property.event-field.funnel"]);
    expect(scopesOf(tokens, 16, "=")).toEqual(["keyword.operator.comparison.funnel"]);
    // +10 when country in ["NL", "DE", "BE"]
    expect(scopesOf(tokens, 21, "country")).toEqual(["variable.other.funnel"]);
    expect(scopesOf(tokens, 21, "in")).toEqual(["keyword.operator.word.funnel"]);
    expect(scopesOf(tokens, 21, "[")).toEqual(["punctuation.section.brackets.begin.funnel"]);
    expect(scopesOf(tokens, 21, ",")).toEqual(["punctuation.separator.comma.funnel"]);
    // -> disqualified when unsubscribed or disqualified_reason is set
    expect(scopesOf(tokens, 27, "or")).toEqual(["keyword.operator.word.funnel"]);
    expect(scopesOf(tokens, 27, "is")).toEqual(["keyword.operator.word.funnel"]);
    expect(scopesOf(tokens, 27, "set")).toEqual(["keyword.operator.word.funnel"]);
  });

  it("scopes the stage named after `->` in transitions and SLAs", async () => {
    const tokens = await tokenize(source);
    expect(scopesOf(tokens, 27, "->")).toEqual(["keyword.operator.arrow.funnel"]);
    expect(scopesOf(tokens, 27, "disqualified")).toEqual(["entity.name.type.stage.funnel"]);
    expect(scopesOf(tokens, 50, "sal")).toEqual(["entity.name.type.stage.funnel"]);
    expect(scopesOf(tokens, 50, "meeting_scheduled")).toEqual([
      "entity.name.function.event.funnel",
    ]);
    expect(scopesOf(tokens, 51, "recycled")).toEqual(["entity.name.type.stage.funnel"]);
  });

  it("scopes durations, percentages and numbers", async () => {
    const tokens = await tokenize(source);
    // sla 6 months -> recycled notify marketing
    expect(scopesOf(tokens, 51, "sla")).toEqual(["keyword.other.funnel"]);
    expect(scopesOf(tokens, 51, "6")).toEqual(["meta.duration.funnel", "constant.numeric.funnel"]);
    expect(scopesOf(tokens, 51, "months")).toEqual([
      "meta.duration.funnel",
      "keyword.other.unit.funnel",
    ]);
    expect(scopesOf(tokens, 51, "notify")).toEqual(["keyword.other.funnel"]);
    expect(scopesOf(tokens, 51, "marketing")).toEqual(["entity.name.tag.team.funnel"]);
    // target conversion 40% / target velocity 14 days
    expect(scopesOf(tokens, 53, "conversion")).toEqual(["support.constant.target-kind.funnel"]);
    expect(scopesOf(tokens, 53, "40%")).toEqual(["constant.numeric.percentage.funnel"]);
    expect(scopesOf(tokens, 54, "velocity")).toEqual(["support.constant.target-kind.funnel"]);
    expect(scopesOf(tokens, 54, "14")).toEqual(["meta.duration.funnel", "constant.numeric.funnel"]);
    expect(scopesOf(tokens, 54, "days")).toEqual([
      "meta.duration.funnel",
      "keyword.other.unit.funnel",
    ]);
    expect(scopesOf(tokens, 20, "200")).toEqual(["constant.numeric.funnel"]);
  });
});

describe("highlighting constructs the examples do not show", () => {
  const source = [
    'funnel f """',
    "  A title over",
    '  two lines with a \\"quote\\" and \\u{1F600}',
    '""" {',
    "  fields {",
    "    owner: text?",
    '    status: "open" | "closed" = "open"',
    "    since: date = 2026-01-31",
    "    seen: datetime?",
    "  }",
    "  /* a block",
    "     comment */",
    "  stage a {",
    '    -> b when since < 2026-01-31 and seen >= 2026-01-31T09:30:00+01:00 or not owner = "x\\q"',
    "    sla 1.5 hours -> b notify sdr, ae",
    "  }",
    "  terminal b { outcome won }",
    "}",
  ].join("\n");

  it("scopes a triple-quoted string over several lines, with its escapes", async () => {
    const tokens = await tokenize(source);
    expect(scopesOf(tokens, 1, '"""')).toEqual([
      "string.quoted.triple.funnel",
      "punctuation.definition.string.begin.funnel",
    ]);
    expect(scopesOf(tokens, 2, "  A title over")).toEqual(["string.quoted.triple.funnel"]);
    expect(scopesOf(tokens, 3, '\\"')).toEqual([
      "string.quoted.triple.funnel",
      "constant.character.escape.funnel",
    ]);
    expect(scopesOf(tokens, 3, "\\u{1F600}")).toEqual([
      "string.quoted.triple.funnel",
      "constant.character.escape.funnel",
    ]);
    expect(scopesOf(tokens, 4, '"""')).toEqual([
      "string.quoted.triple.funnel",
      "punctuation.definition.string.end.funnel",
    ]);
    expect(scopesOf(tokens, 4, "{")).toEqual(["punctuation.section.block.begin.funnel"]);
  });

  it("scopes a contextual keyword used as a field name as a field, and types", async () => {
    const tokens = await tokenize(source);
    expect(scopesOf(tokens, 6, "owner")).toEqual(["variable.other.property.field.funnel"]);
    expect(scopesOf(tokens, 6, ":")).toEqual(["punctuation.separator.colon.funnel"]);
    expect(scopesOf(tokens, 6, "text")).toEqual(["support.type.primitive.funnel"]);
    expect(scopesOf(tokens, 6, "?")).toEqual(["keyword.operator.optional.funnel"]);
    expect(scopesOf(tokens, 7, "|")).toEqual(["keyword.operator.union.funnel"]);
    expect(scopesOf(tokens, 8, "2026-01-31")).toEqual(["constant.numeric.date.funnel"]);
    expect(scopesOf(tokens, 9, "datetime")).toEqual(["support.type.primitive.funnel"]);
  });

  it("scopes block comments, dates, datetimes, decimal durations, team lists and outcomes", async () => {
    const tokens = await tokenize(source);
    expect(scopesOf(tokens, 11, "/*")).toEqual([
      "comment.block.funnel",
      "punctuation.definition.comment.begin.funnel",
    ]);
    expect(scopesOf(tokens, 12, "     comment ")).toEqual(["comment.block.funnel"]);
    expect(scopesOf(tokens, 14, "2026-01-31T09:30:00+01:00")).toEqual([
      "constant.numeric.datetime.funnel",
    ]);
    expect(scopesOf(tokens, 14, "not")).toEqual(["keyword.operator.word.funnel"]);
    expect(scopesOf(tokens, 14, "\\q")).toEqual([
      "string.quoted.double.funnel",
      "invalid.illegal.escape.funnel",
    ]);
    expect(scopesOf(tokens, 15, "1.5")).toEqual([
      "meta.duration.funnel",
      "constant.numeric.funnel",
    ]);
    expect(scopesOf(tokens, 15, "hours")).toEqual([
      "meta.duration.funnel",
      "keyword.other.unit.funnel",
    ]);
    expect(scopesOf(tokens, 15, "sdr")).toEqual(["entity.name.tag.team.funnel"]);
    expect(scopesOf(tokens, 15, "ae")).toEqual(["entity.name.tag.team.funnel"]);
    expect(scopesOf(tokens, 17, "terminal")).toEqual(["keyword.other.funnel"]);
    expect(scopesOf(tokens, 17, "won")).toEqual(["constant.language.outcome.funnel"]);
  });

  it("ends an unterminated string at the end of its line, as the lexer does", async () => {
    const tokens = await tokenize('funnel f "open\nstage a');
    expect(scopesOf(tokens, 1, "open")).toEqual(["string.quoted.double.funnel"]);
    expect(scopesOf(tokens, 2, "stage")).toEqual(["keyword.other.funnel"]);
    expect(scopesOf(tokens, 2, "a")).toEqual(["entity.name.type.stage.funnel"]);
  });
});

/**
 * Whether the TextMate scopes of a piece of text fit the lexer's token there. A contextual keyword
 * may be a name (spec §3), and a name may be a unit, a type or an outcome, which the lexer reads as
 * names and the grammar colours by position.
 */
function fitsToken(tokenName: string, image: string, scopes: string[]): boolean {
  const has = (prefix: string) => scopes.some((s) => s.startsWith(prefix));
  const nameScope =
    has("entity.name.") ||
    has("variable.other.") ||
    has("support.") ||
    has("constant.language.outcome.") ||
    has("keyword.other.unit.");
  switch (tokenName) {
    case "DocComment":
      return has("comment.line.documentation.");
    case "LineComment":
      return has("comment.line.double-slash.");
    case "BlockComment":
      return has("comment.block.");
    case "TripleString":
    case "UnterminatedTripleString":
      return has("string.quoted.triple.");
    case "String":
    case "UnterminatedString":
      return has("string.quoted.double.");
    case "DateTime":
      return has("constant.numeric.datetime.");
    case "Date":
      return has("constant.numeric.date.");
    case "Percent":
      return has("constant.numeric.percentage.");
    case "Number":
      return scopes.includes("constant.numeric.funnel");
    case "Identifier":
      return nameScope;
  }
  if (RESERVED_WORDS.includes(image)) {
    return image === "true" || image === "false"
      ? has("constant.language.boolean.")
      : image === "event"
        ? has("variable.language.event.")
        : has("keyword.operator.word.");
  }
  if (KEYWORDS.includes(image)) return has("keyword.other.funnel") || nameScope;
  const scope = TOKEN_SCOPES[tokenName];
  return scope != null && scopes.includes(scope);
}

/**
 * Lexes and tokenizes `source` and returns every lexer token whose text is not scoped as the
 * lexer reads it (checked at each character of the token, so a string or comment is one whole).
 */
async function disagreements(source: string): Promise<string[]> {
  const lexed = lex(source, "test.funnel");
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of source.split(/(?<=\n)/)) {
    lineStarts.push(offset);
    offset += line.length;
  }
  const textmate = await tokenize(source);
  const scopesAt = (at: number): string[] => {
    let line = lineStarts.length - 1;
    while (lineStarts[line] > at) line--;
    const column = at - lineStarts[line];
    const token = textmate.find(
      (t) => t.line === line && t.column <= column && column < t.column + t.text.length,
    );
    return token?.scopes ?? [];
  };
  const problems: string[] = [];
  for (const token of [...lexed.tokens, ...lexed.comments]) {
    for (let at = token.startOffset; at < token.startOffset + token.image.length; at++) {
      if (/\s/.test(source[at])) continue;
      const scopes = scopesAt(at);
      if (!fitsToken(token.tokenType.name, token.image, scopes)) {
        problems.push(
          `${token.tokenType.name} ${JSON.stringify(token.image)} at ${at}: ${scopes.join(" ") || "(no scope)"}`,
        );
        break;
      }
    }
  }
  return problems;
}

describe("agreement with the lexer", () => {
  it.each(exampleFiles)("scopes every token of examples/%s as the lexer reads it", async (file) => {
    expect(await disagreements(readFileSync(new URL(file, examplesDir), "utf8"))).toEqual([]);
  });

  it("scopes every token of generated sources as the lexer reads it", async () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
    const stringBody = fc
      .stringMatching(/^[a-z /*"\\{}-]{0,8}$/)
      .map((s) => s.replaceAll("\\", "\\\\").replaceAll('"', '\\"'));
    const piece = fc.oneof(
      fc.constantFrom(...KEYWORDS, ...RESERVED_WORDS),
      name,
      fc.constantFrom(
        "->",
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
        "!=",
        "<=",
        ">=",
        "<",
        ">",
        "=",
        "+",
        "-",
      ),
      fc.constantFrom(
        "12",
        "12.5",
        "40%",
        "2026-01-31",
        "2026-01-31T09:30:00Z",
        "2026-01-31T09:30+02:00",
      ),
      fc
        .tuple(
          fc.constantFrom("1", "30", "2.5"),
          fc.constantFrom(...DURATION_UNITS.flatMap((u) => [u, `${u}s`])),
        )
        .map(([n, u]) => `${n} ${u}`),
      stringBody.map((s) => `"${s}"`),
      // Unterminated: the lexer and the grammar both end it at the line break.
      stringBody.map((s) => `"${s}\n`),
      fc.tuple(stringBody, stringBody).map(([a, b]) => `"""${a}\n${b}"""`),
      stringBody.map((s) => `// ${s}\n`),
      stringBody.map((s) => `/// ${s}\n`),
      fc
        .tuple(stringBody, stringBody)
        .map(([a, b]) => `/* ${a.replaceAll("*/", "")}\n${b.replaceAll("*/", "")} */`),
    );
    const source = fc
      .array(fc.tuple(piece, fc.constantFrom(" ", "\n", "  ")), { maxLength: 30 })
      .map((parts) => parts.map(([p, s]) => p + s).join(""));
    await fc.assert(
      fc.asyncProperty(source, async (text) => {
        expect(await disagreements(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
