import { describe, expect, it } from "vitest";
import { parseFile } from "../../grammar/parse.js";
import { diagnose } from "../helpers/compile.js";

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
    const names = result.ast.funnel!.items.filter((i) => i.kind === "Stage").map((s) => (s as { name: { name: string } }).name.name);
    expect(names).toContain("b");
  });
});
