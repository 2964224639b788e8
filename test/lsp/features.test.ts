// Every capability of the language server on one funnel, driven over stdio as an editor does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "./fixtures.js";
import { marker, startServer, type LspClient } from "./client.js";

let client: LspClient;
const FILE = "demo.funnel";

beforeAll(async () => {
  client = await startServer();
  await client.open(FILE, DEMO);
  await client.diagnostics(FILE, 1);
});
afterAll(() => client.stop());

/** The position of the n-th (0-based) occurrence of `needle` in DEMO, plus `offset` characters. */
function at(needle: string, offset = 0, nth = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = DEMO.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in DEMO`);
  const before = DEMO.slice(0, index + offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function request<R>(method: string, params: Record<string, unknown> = {}, file = FILE) {
  return client.request<R>(method, { textDocument: { uri: client.uri(file) }, ...params });
}

/** Completion labels at a `|` marker in a document opened for the purpose. */
let scratchVersion = 0;
async function labelsAt(textWithMarker: string): Promise<string[]> {
  const { text, position } = marker(textWithMarker);
  scratchVersion++;
  if (scratchVersion === 1) await client.open("scratch.funnel", text, 1);
  else await client.change("scratch.funnel", text, scratchVersion);
  const result = await request<{ label: string }[] | null>(
    "textDocument/completion",
    { position },
    "scratch.funnel",
  );
  return (result ?? []).map((item) => item.label);
}

function withCursor(line: string, replaceLine: string) {
  if (!DEMO.includes(line)) throw new Error(`${line} not in DEMO`);
  return DEMO.replace(line, replaceLine);
}

describe("diagnostics", () => {
  it("publishes codes, ranges, tags, severities and documentation links", async () => {
    await client.open(
      "broken.funnel",
      DEMO.replace("-> won when qualified", "-> wonn when qualified").replace(
        "owner marketing",
        "owner marketting",
      ),
      1,
    );
    const published = await client.diagnostics("broken.funnel", 1);
    expect(
      published.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        range: d.range,
        message: d.message,
        tags: d.tags,
        href: d.codeDescription?.href,
      })),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "FN2008",
          "href": "https://github.com/funnelc/funnelc/blob/main/docs/diagnostics.md#fn2008",
          "message": "Team \`marketing\` is declared but nothing uses it.",
          "range": {
            "end": {
              "character": 16,
              "line": 3,
            },
            "start": {
              "character": 7,
              "line": 3,
            },
          },
          "severity": 4,
          "tags": [
            1,
          ],
        },
        {
          "code": "FN2008",
          "href": "https://github.com/funnelc/funnelc/blob/main/docs/diagnostics.md#fn2008",
          "message": "Field \`unused_field\` is declared but nothing uses it.",
          "range": {
            "end": {
              "character": 16,
              "line": 9,
            },
            "start": {
              "character": 4,
              "line": 9,
            },
          },
          "severity": 4,
          "tags": [
            1,
          ],
        },
        {
          "code": "FN2005",
          "href": "https://github.com/funnelc/funnelc/blob/main/docs/diagnostics.md#fn2005",
          "message": "Unknown team \`marketting\`; did you mean \`marketing\`?",
          "range": {
            "end": {
              "character": 20,
              "line": 25,
            },
            "start": {
              "character": 10,
              "line": 25,
            },
          },
          "severity": 1,
          "tags": undefined,
        },
        {
          "code": "FN2002",
          "href": "https://github.com/funnelc/funnelc/blob/main/docs/diagnostics.md#fn2002",
          "message": "Unknown stage \`wonn\`; did you mean \`won\`?",
          "range": {
            "end": {
              "character": 11,
              "line": 26,
            },
            "start": {
              "character": 7,
              "line": 26,
            },
          },
          "severity": 1,
          "tags": undefined,
        },
      ]
    `);
    expect(published.diagnostics.find((d) => d.code === "FN2005")!.data).toEqual({
      name: "unknown-team",
      suggestion: "marketing",
    });
  });

  it("gives related locations", async () => {
    await client.open(
      "dup.funnel",
      DEMO.replace('team marketing "Marketing"', 'team sales "Marketing"'),
      1,
    );
    const published = await client.diagnostics("dup.funnel", 1);
    const duplicate = published.diagnostics.find((d) => d.code === "FN2001")!;
    expect(duplicate.relatedInformation).toEqual([
      {
        location: {
          uri: client.uri("dup.funnel"),
          range: { start: { line: 2, character: 7 }, end: { line: 2, character: 12 } },
        },
        message: expect.stringContaining("sales"),
      },
    ]);
  });

  it("tracks an edit that breaks and then fixes the file", async () => {
    await client.open("edit.funnel", DEMO, 1);
    expect((await client.diagnostics("edit.funnel", 1)).diagnostics.map((d) => d.code)).toEqual([
      "FN2008",
    ]);
    const broken = at("-> mql", 3);
    await client.edit(
      "edit.funnel",
      2,
      { start: broken, end: { line: broken.line, character: broken.character + 3 } },
      "mqx",
    );
    const afterBreak = await client.diagnostics("edit.funnel", 2);
    expect(afterBreak.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["FN2008", "Field `unused_field` is declared but nothing uses it."],
      ["FN2002", "Unknown stage `mqx`; did you mean `mql`?"],
    ]);
    expect(afterBreak.diagnostics[1].range).toEqual({
      start: broken,
      end: { line: broken.line, character: broken.character + 3 },
    });
    await client.edit(
      "edit.funnel",
      3,
      { start: broken, end: { line: broken.line, character: broken.character + 3 } },
      "mql",
    );
    expect((await client.diagnostics("edit.funnel", 3)).diagnostics.map((d) => d.code)).toEqual([
      "FN2008",
    ]);
    await client.close("edit.funnel");
    expect((await client.diagnostics("edit.funnel")).diagnostics).toEqual([]);
  });
});

describe("completion", () => {
  it("offers stage names after ->", async () => {
    expect(await labelsAt(withCursor("-> won when qualified", "-> <|>"))).toEqual([
      "lead",
      "mql",
      "won",
      "lost",
    ]);
  });
  it("offers teams after owner and notify", async () => {
    expect(await labelsAt(withCursor("owner sales", "owner <|>"))).toEqual(["sales", "marketing"]);
    expect(await labelsAt(withCursor("notify sales", "notify sales, <|>"))).toEqual([
      "sales",
      "marketing",
    ]);
  });
  it("offers events after on, with the built-in update", async () => {
    expect(await labelsAt(withCursor("+10 on form_submitted", "+10 on <|>"))).toEqual([
      "form_submitted",
      "update",
    ]);
  });
  it("offers fields and scores in conditions", async () => {
    expect(await labelsAt(withCursor("-> won when qualified and", "-> won when <|>"))).toEqual([
      "email",
      "country",
      "qualified",
      "unused_field",
      "lead_score",
      "not",
    ]);
  });
  it("offers event. members of the rule's event", async () => {
    expect(await labelsAt(withCursor('event.form = "Demo"', "event.<|>"))).toEqual(["form"]);
    expect(await labelsAt(withCursor('when event.form = "Demo"', 'when <|> = "Demo"'))).toContain(
      "event.",
    );
  });
  it("offers enum values after = and in", async () => {
    expect(await labelsAt(withCursor('country = "NL"', "country = <|>"))).toEqual(['"NL"', '"DE"']);
    expect(await labelsAt(withCursor('country = "NL"', "country in [<|>"))).toEqual([
      '"NL"',
      '"DE"',
    ]);
    expect(await labelsAt(withCursor('country = "NL"', 'country not in ["NL", <|>'))).toEqual([
      '"NL"',
      '"DE"',
    ]);
    expect(await labelsAt(withCursor('country = "NL"', "qualified = <|>"))).toEqual([
      "true",
      "false",
    ]);
  });
  it("offers duration units after a number", async () => {
    expect(await labelsAt(withCursor("sla 30 days", "sla 30 <|>"))).toEqual([
      "minutes",
      "hours",
      "days",
      "weeks",
      "months",
      "years",
    ]);
    expect(await labelsAt(withCursor("sla 30 days", "sla 1 <|>"))).toEqual([
      "minute",
      "hour",
      "day",
      "week",
      "month",
      "year",
    ]);
    // A target takes a duration or a percentage by its measure (grammar/tokens.ts TARGET_VALUES).
    expect(
      await labelsAt(withCursor("sla 30 days", "target velocity 14 <|>\n    sla 30 days")),
    ).toContain("days");
    expect(
      await labelsAt(withCursor("sla 30 days", "target conversion 14 <|>\n    sla 30 days")),
    ).not.toContain("days");
  });
  it("offers the keywords valid at the cursor", async () => {
    expect(await labelsAt(withCursor('    definition "Ready for sales."', "    <|>"))).toEqual([
      "definition",
      "owner",
      "label",
      "map",
      "outcome",
      "sla",
      "warn",
      "target",
    ]);
    expect(await labelsAt(withCursor("  stage lead", "  <|>\n  stage lead"))).toEqual([
      "version",
      "description",
      "team",
      "fields",
      "events",
      "score",
      "from",
      "stage",
      "detour",
      "terminal",
    ]);
    expect(await labelsAt("<|>")).toEqual(["import", "funnel"]);
    expect(await labelsAt(withCursor("-> won when qualified and", "-> won <|>"))).toEqual([
      "on",
      "when",
    ]);
    expect(await labelsAt(withCursor("email is set", "email is <|>"))).toEqual(["set", "not"]);
    expect(
      await labelsAt(
        withCursor(
          'terminal won "Closed Won" { outcome won }',
          'terminal won "Closed Won" { outcome <|> }',
        ),
      ),
    ).toEqual(["won", "lost", "none"]);
    expect(await labelsAt(withCursor("    email: text?", "    email: <|>"))).toEqual([
      "number",
      "text",
      "boolean",
      "date",
      "datetime",
    ]);
  });
  it("documents what it offers", async () => {
    const { text, position } = marker(
      withCursor('-> won when qualified and country = "NL"', "-> <|>"),
    );
    await client.change("scratch.funnel", text, ++scratchVersion);
    const items = await request<
      { label: string; detail?: string; documentation?: { value: string } }[]
    >("textDocument/completion", { position }, "scratch.funnel");
    // Stage items carry their documentation once resolved (it reads every stage's transitions).
    expect(items.find((i) => i.label === "mql")).toEqual({
      label: "mql",
      kind: 7,
      data: { file: "scratch.funnel", stage: "mql" },
    });
    expect(
      await client.request(
        "completionItem/resolve",
        items.find((i) => i.label === "mql"),
      ),
    ).toMatchInlineSnapshot(`
      {
        "data": {
          "file": "scratch.funnel",
          "stage": "mql",
        },
        "detail": "stage "Marketing Qualified"",
        "documentation": {
          "kind": "markdown",
          "value": "**stage** \`mql\` — Marketing Qualified (step 2 of the success path)

      Ready for sales.

      - Owner: \`marketing\` (Marketing)
      - In: from \`lead\` \`when lead_score >= 10 and email is set\`",
        },
        "kind": 7,
        "label": "mql",
      }
    `);
    const keyword =
      (await labelsAt(withCursor('    definition "Ready for sales."', "    <|>"))) &&
      (await request<{ label: string; documentation?: { value: string } }[]>(
        "textDocument/completion",
        { position: marker(withCursor('    definition "Ready for sales."', "    <|>")).position },
        "scratch.funnel",
      ));
    expect(keyword[0].documentation?.value).toBe(
      '`definition "…"`: the one sentence that defines the stage (required).',
    );
  });
});

describe("hover", () => {
  it("shows a stage's label, definition, owner, transitions and SLA", async () => {
    const hover = await request<{ contents: { value: string }; range: unknown }>(
      "textDocument/hover",
      { position: at("-> mql", 4) },
    );
    expect(hover.contents.value).toMatchInlineSnapshot(`
      "**stage** \`mql\` — Marketing Qualified (step 2 of the success path)

      Ready for sales.

      - Owner: \`marketing\` (Marketing)
      - In: from \`lead\` \`when lead_score >= 10 and email is set\`
      - Out: to \`won\` \`when qualified and country = "NL"\`"
    `);
    expect(hover.range).toEqual({ start: at("-> mql", 3), end: at("-> mql", 6) });
  });
  it("shows a field's type, default and doc comment", async () => {
    const email = await request<{ contents: { value: string } }>("textDocument/hover", {
      position: at("email is set", 1),
    });
    expect(email.contents.value).toMatchInlineSnapshot(`
      "**record field** \`email\`: \`text?\`

      May be unset.

      ---

      Work email."
    `);
    const country = await request<{ contents: { value: string } }>("textDocument/hover", {
      position: at('country = "NL"', 2),
    });
    expect(country.contents.value).toMatchInlineSnapshot(`
      "**record field** \`country\`: \`"NL" | "DE"\`

      Default: \`"NL"\`"
    `);
  });
  it("shows teams, events, event fields, scores and keywords", async () => {
    const texts = [];
    for (const [needle, offset] of [
      ["owner sales", 7],
      ["+10 on form_submitted", 9],
      ["event.form", 7],
      ["lead_score >=", 2],
      ["sla 30", 1],
    ] as const) {
      texts.push(
        (
          await request<{ contents: { value: string } } | null>("textDocument/hover", {
            position: at(needle, offset),
          })
        )?.contents.value,
      );
    }
    expect(texts).toMatchInlineSnapshot(`
      [
        "**team** \`sales\` — Sales",
        "**event** \`form_submitted\`

      - \`form\`: \`text\`",
        "**event form_submitted field** \`form\`: \`text\`",
        "**score** \`lead_score\`: a number

      - +10 on form_submitted when event.form = "Demo"",
        "\`sla 30 days -> stage notify team\`: moves a record that stayed too long.",
      ]
    `);
  });
  it("answers null on whitespace and inside strings", async () => {
    expect(await request("textDocument/hover", { position: { line: 0, character: 0 } })).toBeNull();
    expect(
      await request("textDocument/hover", { position: at('"A person we can contact."', 3) }),
    ).toBeNull();
  });
});

describe("navigation", () => {
  it("goes to the definition", async () => {
    const result = await request("textDocument/definition", { position: at("-> mql", 4) });
    expect(result).toEqual([
      { uri: client.uri(FILE), range: { start: at("stage mql", 6), end: at("stage mql", 9) } },
    ]);
  });
  it("finds references with and without the declaration", async () => {
    const position = at("owner sales", 7);
    const all = await request<{ range: { start: unknown } }[]>("textDocument/references", {
      position,
      context: { includeDeclaration: true },
    });
    expect(all.map((l) => l.range.start)).toEqual([
      at("team sales", 5),
      at("owner sales", 6),
      at("notify sales", 7),
    ]);
    const uses = await request<unknown[]>("textDocument/references", {
      position,
      context: { includeDeclaration: false },
    });
    expect(uses).toHaveLength(2);
  });
  it("highlights a symbol's occurrences in the document", async () => {
    const result = await request("textDocument/documentHighlight", {
      position: at("qualified and", 2),
    });
    expect(result).toEqual([
      { range: { start: at("qualified: boolean"), end: at("qualified: boolean", 9) }, kind: 3 },
      { range: { start: at("qualified and"), end: at("qualified and", 9) }, kind: 2 },
    ]);
  });
  it("prepares and performs a rename", async () => {
    const prepare = await request("textDocument/prepareRename", { position: at("stage lead", 7) });
    expect(prepare).toEqual({
      range: { start: at("stage lead", 6), end: at("stage lead", 10) },
      placeholder: "lead",
    });
    expect(
      await request("textDocument/prepareRename", { position: at("definition", 2) }),
    ).toBeNull();
    const edit = await request<{
      changes: Record<string, { range: { start: unknown }; newText: string }[]>;
    }>("textDocument/rename", { position: at("lead_score >=", 1), newName: "points" });
    expect(Object.keys(edit.changes)).toEqual([client.uri(FILE)]);
    expect(edit.changes[client.uri(FILE)].map((e) => [e.range.start, e.newText])).toEqual([
      [at("score lead_score", 6), "points"],
      [at("lead_score >=", 0), "points"],
    ]);
  });
  it("refuses a rename to a reserved word or a non-name", async () => {
    await expect(
      request("textDocument/rename", { position: at("stage lead", 7), newName: "and" }),
    ).rejects.toThrow("`and` is a reserved word and cannot be a name.");
    await expect(
      request("textDocument/rename", { position: at("stage lead", 7), newName: "9lives" }),
    ).rejects.toThrow("`9lives` is not a valid name");
  });
});

describe("document structure", () => {
  it("lists the outline", async () => {
    const symbols = await request<
      {
        name: string;
        detail: string;
        kind: number;
        children?: { name: string; detail: string; kind: number; children?: { name: string }[] }[];
      }[]
    >("textDocument/documentSymbol");
    expect(symbols.map((s) => [s.name, s.detail, s.kind])).toEqual([["demo", '"Demo"', 2]]);
    expect(
      symbols[0].children!.map(
        (s) =>
          `${s.name} (${s.detail}, ${s.kind})${s.children ? " > " + s.children.map((c) => c.name).join(",") : ""}`,
      ),
    ).toMatchInlineSnapshot(`
      [
        "sales ("Sales", 19)",
        "marketing ("Marketing", 19)",
        "email (field, 8)",
        "country (field, 8)",
        "qualified (field, 8)",
        "unused_field (field, 8)",
        "form_submitted (event, 24) > form",
        "lead_score (score, 16)",
        "lead (stage "Lead", 5)",
        "mql (stage "Marketing Qualified", 5)",
        "won (terminal "Closed Won", 22)",
        "lost (terminal "Closed Lost", 22)",
      ]
    `);
  });
  it("folds blocks", async () => {
    expect(await request("textDocument/foldingRange")).toEqual([
      { startLine: 1, endLine: 29 },
      { startLine: 4, endLine: 9 },
      { startLine: 11, endLine: 12 },
      { startLine: 14, endLine: 15 },
      { startLine: 17, endLine: 21 },
      { startLine: 23, endLine: 26 },
    ]);
  });
  it("expands selections from a name outwards", async () => {
    const [selection] = await request<{ range: unknown; parent?: unknown }[]>(
      "textDocument/selectionRange",
      { positions: [at("lead_score >=", 2)] },
    );
    const chain: unknown[] = [];
    for (let s: any = selection; s; s = s.parent) chain.push(s.range);
    expect(chain).toMatchInlineSnapshot(`
      [
        {
          "end": {
            "character": 26,
            "line": 20,
          },
          "start": {
            "character": 16,
            "line": 20,
          },
        },
        {
          "end": {
            "character": 32,
            "line": 20,
          },
          "start": {
            "character": 16,
            "line": 20,
          },
        },
        {
          "end": {
            "character": 49,
            "line": 20,
          },
          "start": {
            "character": 16,
            "line": 20,
          },
        },
        {
          "end": {
            "character": 49,
            "line": 20,
          },
          "start": {
            "character": 4,
            "line": 20,
          },
        },
        {
          "end": {
            "character": 3,
            "line": 22,
          },
          "start": {
            "character": 2,
            "line": 17,
          },
        },
        {
          "end": {
            "character": 1,
            "line": 30,
          },
          "start": {
            "character": 0,
            "line": 1,
          },
        },
        {
          "end": {
            "character": 0,
            "line": 31,
          },
          "start": {
            "character": 0,
            "line": 0,
          },
        },
      ]
    `);
  });
  it("colours names by what they are", async () => {
    const legend = [
      "class",
      "namespace",
      "property",
      "variable",
      "event",
      "keyword",
      "type",
      "enumMember",
    ];
    const { data } = await request<{ data: number[] }>("textDocument/semanticTokens/full");
    const lines = DEMO.split("\n");
    const tokens: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      if (line < 17 || line > 21) continue;
      tokens.push(
        `${lines[line].slice(char, char + data[i + 2])}:${legend[data[i + 3]]}${data[i + 4] & 1 ? ".declaration" : ""}`,
      );
    }
    expect(tokens).toMatchInlineSnapshot(`
      [
        "stage:keyword",
        "lead:class.declaration",
        "definition:keyword",
        "owner:keyword",
        "sales:namespace",
        "mql:class",
        "when:keyword",
        "lead_score:variable",
        "and:keyword",
        "email:property",
        "is:keyword",
        "set:keyword",
        "sla:keyword",
        "lost:class",
        "notify:keyword",
        "sales:namespace",
      ]
    `);
  });
  it("colours a range the same as the whole file", async () => {
    const decode = (data: number[]) => {
      const out: string[] = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
        out.push(`${line}:${char}:${data[i + 2]}:${data[i + 3]}:${data[i + 4]}`);
      }
      return out;
    };
    const full = decode(
      (await request<{ data: number[] }>("textDocument/semanticTokens/full")).data,
    );
    for (const [start, end] of [
      [17, 22],
      [0, 3],
      [12, 13],
      [28, 40],
    ]) {
      const ranged = decode(
        (
          await request<{ data: number[] }>("textDocument/semanticTokens/range", {
            range: { start: { line: start, character: 0 }, end: { line: end, character: 0 } },
          })
        ).data,
      );
      expect(ranged).toEqual(
        full.filter((t) => Number(t.split(":")[0]) >= start && Number(t.split(":")[0]) <= end),
      );
    }
  });
  it("shows each success-path stage's position", async () => {
    const hints = await request<{ position: unknown; label: string }[]>("textDocument/inlayHint", {
      range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
    });
    expect(hints.map((h) => [h.position, h.label])).toEqual([
      [at("stage lead", 10), "1/2"],
      [at("stage mql", 9), "2/2"],
    ]);
  });
});

describe("code actions", () => {
  it("applies did-you-mean suggestions", async () => {
    const actions = await request<
      {
        title: string;
        isPreferred?: boolean;
        edit: { changes: Record<string, { newText: string; range: unknown }[]> };
      }[]
    >(
      "textDocument/codeAction",
      {
        range: { start: at("owner marketing", 6), end: at("owner marketing", 6) },
        context: { diagnostics: [] },
      },
      "broken.funnel",
    );
    expect(
      actions.map((a) => [a.title, a.isPreferred, a.edit.changes[client.uri("broken.funnel")]]),
    ).toEqual([
      [
        "Change to `marketing`",
        true,
        [
          {
            range: { start: at("owner marketing", 6), end: { line: 25, character: 20 } },
            newText: "marketing",
          },
        ],
      ],
    ]);
  });
  it("adds a missing definition or owner", async () => {
    const text = DEMO.replace('    definition "Ready for sales."\n    owner marketing\n', "");
    await client.open("stub.funnel", text, 1);
    const published = await client.diagnostics("stub.funnel", 1);
    // `marketing` owned only mql: now it is unused too.
    expect(published.diagnostics.map((d) => d.code)).toEqual([
      "FN2008",
      "FN2008",
      "FN4009",
      "FN4010",
    ]);
    const range = published.diagnostics[2].range;
    const actions = await request<
      { title: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[]
    >("textDocument/codeAction", { range, context: { diagnostics: [] } }, "stub.funnel");
    expect(actions.map((a) => [a.title, a.edit.changes[client.uri("stub.funnel")]])).toEqual([
      [
        "Add a definition to `mql`",
        [
          {
            range: { start: { line: 24, character: 0 }, end: { line: 24, character: 0 } },
            newText: '    definition "TODO: the one sentence that defines mql."\n',
          },
        ],
      ],
      [
        "Add `owner sales` to `mql`",
        [
          {
            range: { start: { line: 24, character: 0 }, end: { line: 24, character: 0 } },
            newText: "    owner sales\n",
          },
        ],
      ],
      [
        "Add `owner marketing` to `mql`",
        [
          {
            range: { start: { line: 24, character: 0 }, end: { line: 24, character: 0 } },
            newText: "    owner marketing\n",
          },
        ],
      ],
    ]);
  });
  it("removes an unused declaration", async () => {
    const actions = await request<
      { title: string; edit: { changes: Record<string, unknown[]> } }[]
    >("textDocument/codeAction", {
      range: { start: at("unused_field"), end: at("unused_field") },
      context: { diagnostics: [] },
    });
    expect(actions.map((a) => [a.title, a.edit.changes[client.uri(FILE)]])).toEqual([
      [
        "Remove the unused declaration `unused_field`",
        [
          {
            range: { start: { line: 9, character: 0 }, end: { line: 10, character: 0 } },
            newText: "",
          },
        ],
      ],
    ]);
  });
});

describe("formatting", () => {
  it("formats the document with minimal edits", async () => {
    const messy = DEMO.replace('  team sales "Sales"', '  team   sales "Sales"');
    await client.open("messy.funnel", messy, 1);
    const edits = await request<{ range: { start: { line: number } }; newText: string }[]>(
      "textDocument/formatting",
      { options: { tabSize: 2, insertSpaces: true } },
      "messy.funnel",
    );
    expect(edits.map((e) => [e.range, e.newText])).toMatchInlineSnapshot(`
      [
        [
          {
            "end": {
              "character": 0,
              "line": 3,
            },
            "start": {
              "character": 0,
              "line": 2,
            },
          },
          "  team sales "Sales"
      ",
        ],
        [
          {
            "end": {
              "character": 0,
              "line": 4,
            },
            "start": {
              "character": 0,
              "line": 4,
            },
          },
          "
      ",
        ],
        [
          {
            "end": {
              "character": 0,
              "line": 11,
            },
            "start": {
              "character": 0,
              "line": 11,
            },
          },
          "
      ",
        ],
        [
          {
            "end": {
              "character": 0,
              "line": 14,
            },
            "start": {
              "character": 0,
              "line": 14,
            },
          },
          "
      ",
        ],
        [
          {
            "end": {
              "character": 0,
              "line": 17,
            },
            "start": {
              "character": 0,
              "line": 17,
            },
          },
          "
      ",
        ],
        [
          {
            "end": {
              "character": 0,
              "line": 23,
            },
            "start": {
              "character": 0,
              "line": 23,
            },
          },
          "
      ",
        ],
        [
          {
            "end": {
              "character": 0,
              "line": 28,
            },
            "start": {
              "character": 0,
              "line": 28,
            },
          },
          "
      ",
        ],
      ]
    `);
  });
  it("formats only the hunks inside a range", async () => {
    const edits = await request<{ range: { start: { line: number } } }[]>(
      "textDocument/rangeFormatting",
      {
        range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } },
        options: { tabSize: 2, insertSpaces: true },
      },
      "messy.funnel",
    );
    expect(edits.map((e) => e.range.start.line)).toEqual([2]);
  });
  it("returns no edits for a file with syntax errors", async () => {
    await client.open("syntax.funnel", "funnel x {\n  stage\n", 1);
    expect(
      await request(
        "textDocument/formatting",
        { options: { tabSize: 2, insertSpaces: true } },
        "syntax.funnel",
      ),
    ).toEqual([]);
  });
});
