import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFile } from "../../grammar/parse.js";
import type { StageNode, TransitionNode } from "../../grammar/ast.js";
import { diagnose, expectDiagnostics } from "../helpers/compile.js";

/** A clean two-stage funnel body with one event and a number field, around `stageA`'s rules. */
const withRules = (rules: string, tail = "}\n") => `funnel f {
  team t "T"
  fields { points: number = 0 }
  events { visit { url: text } }
  stage a {
    definition "A"
    owner t
${rules}
  }
  stage b { definition "B"  owner t  -> c on visit when points > 1 }
  terminal c "Won" { definition "C"  owner t  outcome won }
${tail}`;

describe("error recovery", () => {
  it("reports five independent mistakes as five diagnostics", () => {
    const source = `funnel f {
  team t "T"
  stage a {
    definition "A"
    owner
  }
  stage b {
    definition "B" extra
  }
  stage c {
    -> d when x >
  }
  stage d {
    sla 3 -> a
  }
  stage e {
    label de
  }
}
`;
    const found = parseFile(source, "t.funnel").diagnostics;
    // The parser sees four syntax errors; the missing duration unit is found by the checker.
    expect(found.map((d) => d.code)).toEqual(["FN1001", "FN1001", "FN1001", "FN1001"]);
    const all = diagnose(source).filter((d) => d.severity === "error");
    expect(all.map((d) => [d.code, d.range])).toEqual([
      ["FN1001", "6:3-6:4"],
      ["FN1001", "8:20-8:25"],
      ["FN1001", "12:3-12:4"],
      ["FN1007", "14:9-14:10"],
      ["FN1001", "18:3-18:4"],
    ]);
  });

  it("keeps parsing the stages after a broken one", () => {
    const source = `funnel f {
  stage a { -> b when ( }
  stage b { definition "ok" }
}`;
    const result = parseFile(source, "t.funnel");
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(1);
    const names = result.ast
      .funnel!.items.filter((i) => i.kind === "Stage")
      .map((s) => (s as { name: { name: string } }).name.name);
    expect(names).toContain("b");
  });

  it("makes no flow claims about a rule whose condition had a syntax error", () => {
    // Recovery keeps `points > 5` of the first rule; reasoning on that remnant would call the
    // second rule shadowed, which nothing the user wrote supports.
    const source = withRules(`    -> b on visit when event.url contains and points > 5
    -> c on visit when points > 5`);
    expectDiagnostics(diagnose(source), [
      {
        code: "FN1001",
        range: "8:43-8:46",
        message: "Expected a string in double quotes after `contains` but found `and`.",
      },
    ]);
    const stage = parseFile(source, "t.funnel").ast.funnel!.items.find(
      (i) => i.kind === "Stage",
    ) as StageNode;
    const [broken, intact] = stage.items.filter(
      (i): i is TransitionNode => i.kind === "Transition",
    );
    expect(broken.incomplete).toBe(true);
    expect(intact).not.toHaveProperty("incomplete");
  });

  it("still reports a never-true condition and a shadowed rule when the rules are intact", () => {
    const source = withRules(`    -> b on visit when points > 5
    -> c on visit when points > 5 and points > 6`);
    expect(diagnose(source).map((d) => d.code)).toEqual(["FN4013"]);
  });

  it("keeps checking a funnel whose last `}` is missing", () => {
    const source = withRules(`    -> zzz on visit`, "");
    expectDiagnostics(diagnose(source), [
      { code: "FN2002", range: "8:8-8:11", message: "Unknown stage `zzz`." },
      {
        code: "FN1001",
        range: "11:60-11:60",
        message: /^Expected a funnel clause .* but found the end of the file\.$/,
      },
    ]);
  });

  it("keeps a stage whose `}` is missing before the next stage", () => {
    const source = `funnel f {
  events { visit { url: text } }
  stage a {
    -> b on visit
  stage b {
    -> zzz on visit
  }
}
`;
    expect(
      diagnose(source)
        .filter((d) => d.severity === "error")
        .map((d) => [d.code, d.range]),
    ).toEqual([
      ["FN1001", "5:3-5:8"],
      ["FN2002", "6:8-6:11"],
    ]);
    const stages = parseFile(source, "t.funnel").ast.funnel!.items.filter(
      (i): i is StageNode => i.kind === "Stage",
    );
    expect(stages.map((s) => [s.name.name, s.items.length])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
  });

  it('does not complete blocks whose end an unclosed `"""` string swallowed', () => {
    const source = withRules(`    -> b on visit
    label de """Stufe A`);
    expect(diagnose(source).map((d) => d.code)).toEqual(["FN1003", "FN1001"]);
  });

  it.each([
    ["points >", "9:3-9:4"],
    ["(points > 5", "9:3-9:4"],
    ["points > 5 and", "9:3-9:4"],
    ["event.url contains", "9:3-9:4"],
    ["not", "9:3-9:4"],
  ])(
    "keeps a transition whose condition breaks off (`%s`), so no stage looks unreachable",
    (condition, range) => {
      const source = withRules(`    -> b on visit when ${condition}`);
      const found = diagnose(source);
      expect(found.map((d) => [d.code, d.range])).toEqual([["FN1001", range]]);
      const stage = parseFile(source, "t.funnel").ast.funnel!.items.find(
        (i) => i.kind === "Stage",
      ) as StageNode;
      const [transition] = stage.items.filter((i): i is TransitionNode => i.kind === "Transition");
      expect(transition).toMatchObject({
        kind: "Transition",
        target: { name: "b" },
        on: { name: "visit" },
        incomplete: true,
      });
      expect(source.slice(transition.start, transition.end)).toBe(
        `-> b on visit when ${condition}`,
      );
    },
  );

  it("does not type-check what was read of a broken condition: `points` may be half a comparison", () => {
    // (`(points` then the end of the line: the parenthesis never closes.)
    const source = withRules("    -> b on visit when (points");
    expect(diagnose(source).map((d) => d.code)).toEqual(["FN1001"]);
  });

  it("keeps a broken `from any` rule the same way", () => {
    const source = withRules("    -> b on visit", `  from any { -> c when points > }\n}\n`);
    expect(diagnose(source).map((d) => d.code)).toEqual(["FN1001"]);
    const fromAny = parseFile(source, "t.funnel").ast.funnel!.items.find(
      (i) => i.kind === "FromAny",
    );
    expect(fromAny).toMatchObject({ transitions: [{ target: { name: "c" }, incomplete: true }] });
  });

  it.each([
    [
      "a bad escape",
      '  team spare "Sp\\qare"',
      "  fields { points: number = 0 }",
      ["FN1005", "FN2008"],
    ],
    [
      "an impossible date",
      '  team spare "Spare"',
      "  fields { points: number = 0  since: date = 2026-02-30 }",
      ["FN1006", "FN2008", "FN2008"],
    ],
  ])(
    "keeps unused-declaration hints after %s: the file was read whole",
    (_what, team, fields, codes) => {
      const source = withRules("    -> b on visit when points > 1")
        .replace('  team t "T"', `  team t "T"\n${team}`)
        .replace("  fields { points: number = 0 }", fields);
      expect(parseFile(source, "t.funnel").partial).toBe(false);
      expect(
        diagnose(source)
          .map((d) => d.code)
          .sort(),
      ).toEqual(codes);
    },
  );

  it("drops unused-declaration hints after a syntax error: what looks unused may be in the lost part", () => {
    const source = withRules("    -> b on visit when points >").replace(
      '  team t "T"',
      '  team t "T"\n  team spare "Spare"',
    );
    expect(parseFile(source, "t.funnel").partial).toBe(true);
    expect(diagnose(source).map((d) => d.code)).toEqual(["FN1001"]);
  });
});

describe("names declared in the part of a broken file the parser lost", () => {
  it("are not reported as unknown before the syntax error that lost them", () => {
    // A definition broken over two lines: recovery reads `threshold` as the start of a block and
    // the stage's `}` as the funnel's, so every stage after it is lost (and referenced before it).
    const example = readFileSync(
      new URL("../../examples/lead-to-revenue.funnel", import.meta.url),
      "utf8",
    );
    const source = example
      .replace("A responder who reached the agreed", "A responder who reached\n the agreed")
      .replace('threshold."', "threshold.");
    expect(source).not.toBe(example);
    expect(diagnose(source).map((d) => `${d.code} ${d.range}`)).toEqual([
      "FN1003 62:16-62:40",
      "FN1001 63:2-63:5",
      "FN1001 63:33-63:34",
      "FN1001 72:3-72:8",
    ]);
  });

  it("are still reported when the name is declared nowhere", () => {
    const source = `funnel f {
  team t "T"
  stage a {
    definition "A
    owner t
    -> nowhere when true
  }
  terminal c "Won" { definition "C"  owner t  outcome won }
}
`;
    expect(diagnose(source).map((d) => d.code)).toContain("FN2002");
  });
});

describe("names an import would have declared", () => {
  const main = `import "./common"
funnel f {
  stage a { definition "A"  owner sales  -> c when qualified }
  terminal c "Won" { definition "C"  owner sales  outcome won }
}
`;
  it("are not reported as unknown when the import could not be loaded: the import error says what to fix", () => {
    expect(diagnose({ "main.funnel": main }).map((d) => `${d.code} ${d.range}`)).toEqual([
      "FN5001 1:8-1:18",
    ]);
  });

  it("are reported once the import loads and still lacks them", () => {
    const common = `funnel shared {\n  team sales "Sales"\n}\n`;
    expect(
      diagnose({ "main.funnel": main, "common.funnel": common }, ["main.funnel"]).map(
        (d) => d.code,
      ),
    ).toEqual(["FN2003"]);
  });
});
