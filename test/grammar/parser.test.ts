import { describe, expect, it } from "vitest";
import { spanOf, type ExprNode, type StageNode, type TransitionNode } from "../../grammar/ast.js";
import { parseFast, parseFile, parseWithRecovery } from "../../grammar/parse.js";
import { printExpr } from "../../grammar/print-expr.js";

function parse(text: string) {
  return parseFile(text, "t.funnel");
}

function firstCondition(condition: string): ExprNode {
  const result = parse(`funnel f { stage a { -> b when ${condition} } }`);
  expect(result.diagnostics).toEqual([]);
  const stage = result.ast.funnel!.items[0] as StageNode;
  return (stage.items[0] as TransitionNode).when!;
}

describe("parser", () => {
  it("parses the spec's complete example without diagnostics", async () => {
    const { readFileSync } = await import("node:fs");
    const result = parse(readFileSync("examples/lead-to-revenue.funnel", "utf8"));
    expect(result.diagnostics).toEqual([]);
    const items = result.ast.funnel!.items.map((i) => i.kind);
    expect(items.filter((k) => k === "Stage")).toHaveLength(11);
    expect(result.ast.funnel!.docs).toBe("Lead-to-revenue funnel agreed by marketing and sales.");
  });

  it("puts each node's offsets on the node itself (no span objects) in both parsers", () => {
    const source =
      'funnel f "F" {\n  stage a "A" {\n    -> b on web_visit when event.url contains "/x" and score >= 10\n  }\n  stage b { }\n}\n';
    const nodes: Record<string, unknown>[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") {
        const node = value as Record<string, unknown>;
        if (typeof node.kind === "string") nodes.push(node);
        Object.values(node).forEach(collect);
      }
    };
    for (const result of [parseFast(source)!, parseWithRecovery(source, "t.funnel")]) {
      nodes.length = 0;
      collect(result.ast);
      expect(nodes.length).toBeGreaterThan(15);
      for (const node of nodes) {
        expect(node).not.toHaveProperty("span");
        expect(typeof node.start).toBe("number");
        expect(typeof node.end).toBe("number");
        expect(node.start as number).toBeLessThanOrEqual(node.end as number);
      }
      const transition = (result.ast.funnel!.items[0] as StageNode).items[0] as TransitionNode;
      expect(source.slice(transition.start, transition.end)).toBe(
        '-> b on web_visit when event.url contains "/x" and score >= 10',
      );
      expect(source.slice(transition.when!.start, transition.when!.end)).toBe(
        'event.url contains "/x" and score >= 10',
      );
      expect(result.comments).toEqual([]);
    }
  });

  it("spanOf copies a node's range into a value of its own", () => {
    const node = firstCondition("score >= 10");
    const span = spanOf(node);
    expect(span).toEqual({ start: node.start, end: node.end });
    expect(Object.keys(span)).toEqual(["start", "end"]);
  });

  it("keeps comments' offsets on the comment", () => {
    const result = parse("// top\nfunnel f { /* b */ }\n");
    expect(result.comments).toEqual([
      { kind: "line", text: "// top", start: 0, end: 6 },
      { kind: "block", text: "/* b */", start: 18, end: 25 },
    ]);
  });

  it.each([
    ["a and b or c", "And,Or"],
    ["a or b and c", "Or"],
    ["not a and b", "And"],
    ["(a or b) and c", "And"],
  ])("gives `and` precedence over `or`: %s", (source, kinds) => {
    const expr = firstCondition(source);
    expect(kinds.split(",")).toContain(expr.kind);
    expect(printExpr(expr)).toBe(source);
  });

  it.each([
    "score >= 100",
    "score != -5",
    "email is set",
    "email is not set",
    'country in ["NL", "DE"]',
    'country not in ["NL"]',
    'title contains "director"',
    'event.form = "Demo"',
    "closed_at < 2026-01-31T00:00:00Z",
    "not (a and b)",
    "true",
  ])("parses the condition %s and prints it back", (source) => {
    expect(printExpr(firstCondition(source))).toBe(source);
  });

  it("lets contextual keywords be names of fields, teams and stages", () => {
    const result = parse(`funnel f {
      team owner "Owners"
      fields { owner: text? status: text? type: text? version: text? label: text? score: number = 0 stage: text? }
      stage version { owner owner -> label when status is set and type = "x" }
      stage label { }
    }`);
    expect(result.diagnostics).toEqual([]);
  });

  it("reports a reserved word used as a name", () => {
    const result = parse("funnel f { fields { set: text } }");
    expect(result.diagnostics.map((d) => [d.code, d.message, d.span])).toEqual([
      [
        "FN2010",
        "`set` is a reserved word and cannot be used as a name; choose another name.",
        { start: 20, end: 23 },
      ],
    ]);
  });

  it("attaches `///` doc comments to the next declaration only", () => {
    const result = parse(`/// The funnel.
funnel f {
  /// Line one.
  /// Line two.
  stage a { }
  // plain comment
  stage b { }
}`);
    const stages = result.ast.funnel!.items as StageNode[];
    expect(result.ast.funnel!.docs).toBe("The funnel.");
    expect(stages[0].docs).toBe("Line one.\nLine two.");
    expect(stages[1].docs).toBeUndefined();
    expect(result.comments.map((c) => c.kind)).toEqual(["doc", "doc", "doc", "line"]);
  });

  it("drops the trailing blanks of doc comment lines", () => {
    const result = parse(
      "///   Indented stays, trailing goes.   \t\r\n///\n/// Last.  \nfunnel f { }",
    );
    expect(result.ast.funnel!.docs).toBe("  Indented stays, trailing goes.\n\nLast.");
    expect(result.comments[0].text).toBe("///   Indented stays, trailing goes.   \t");
  });

  it('keeps an escaped `"""` inside a triple-quoted string', () => {
    const result = parse('funnel f { description """say \\""" and go""" }');
    expect(result.diagnostics).toEqual([]);
    expect((result.ast.funnel!.items[0] as { value: { value: string } }).value.value).toBe(
      'say """ and go',
    );
  });

  it("decodes escapes and dedents triple-quoted strings", () => {
    const result =
      parse(`funnel f { description "a\\"b\\\\c\\n\\t\\u{1F600}" stage a { definition """
        First line.
          Indented.
      """ } }`);
    expect(result.diagnostics).toEqual([]);
    const items = result.ast.funnel!.items;
    expect((items[0] as { value: { value: string } }).value.value).toBe('a"b\\c\n\t😀');
    const stage = items[1] as StageNode;
    expect((stage.items[0] as { value: { value: string } }).value.value).toBe(
      "First line.\n  Indented.",
    );
  });

  it("reports an invalid calendar date", () => {
    const result = parse("funnel f { stage a { -> b when d = 2026-02-30 } }");
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["FN1006", "`2026-02-30` is not a valid calendar date or time."],
    ]);
  });

  it("checks dates against the proleptic Gregorian calendar, years 0000-0099 included", () => {
    const dates = (d: string) =>
      parse(`funnel f { stage a { -> b when d = ${d} } }`).diagnostics.map((x) => x.code);
    expect(dates("2024-02-29")).toEqual([]);
    expect(dates("0000-02-29")).toEqual([]);
    expect(dates("1900-02-29")).toEqual(["FN1006"]);
    expect(dates("0100-02-29")).toEqual(["FN1006"]);
    expect(dates("2026-04-31")).toEqual(["FN1006"]);
    expect(dates("2026-12-31T23:59:59+14:00")).toEqual([]);
  });

  it("reports a file without a funnel", () => {
    expect(parse("").diagnostics.map((d) => d.code)).toEqual(["FN1009"]);
    expect(parse("stage a { }").diagnostics.map((d) => [d.code, d.span])).toEqual([
      ["FN1009", { start: 0, end: 5 }],
    ]);
  });

  it("refuses conditions nested deeper than the limit instead of overflowing the stack", () => {
    const deep = "(".repeat(5000) + "a" + ")".repeat(5000);
    const result = parse(`funnel f { stage a { -> b when ${deep} } }`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["FN1008"]);
    const nots = parse(`funnel f { stage a { -> b when ${"not ".repeat(5000)} a } }`);
    expect(nots.diagnostics.map((d) => d.code)).toEqual(["FN1008"]);
  });

  it("parses map v0.2 (object, probability, forecast) identically in both parsers", () => {
    const source =
      "funnel f {\n  stage a {\n" +
      '    map hubspot deal "Qualified" probability 20% forecast pipeline\n' +
      '    map hubspot "lead"\n' +
      '    map probability forecast "x" forecast probability\n' +
      "  }\n}\n";
    const fast = parseFast(source)!;
    const slow = parseWithRecovery(source, "t.funnel");
    expect(slow.diagnostics).toEqual([]);
    expect(fast.ast).toEqual(slow.ast);
    const maps = (slow.ast.funnel!.items[0] as StageNode).items.map((item) => {
      if (item.kind !== "Map") throw new Error(item.kind);
      return [
        item.system.name,
        item.object?.name,
        item.value.value,
        item.probability?.value,
        item.forecast?.name,
      ];
    });
    expect(maps).toEqual([
      ["hubspot", "deal", "Qualified", 20, "pipeline"],
      ["hubspot", undefined, "lead", undefined, undefined],
      ["probability", "forecast", "x", undefined, "probability"],
    ]);
  });

  it("reports a probability that is not a percentage", () => {
    const result = parse('funnel f { stage a { map hubspot deal "x" probability 20 } }');
    expect(result.diagnostics.map((d) => d.code)).toEqual(["FN1001"]);
  });
});
