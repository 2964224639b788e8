import { describe, expect, it } from "vitest";
import { diagnose as diagnoseAll } from "../helpers/compile.js";

/**
 * Without unused-declaration hints, which these small funnels get and these tests are not about.
 */
const diagnose = (...args: Parameters<typeof diagnoseAll>) =>
  diagnoseAll(...args).filter((d) => d.severity !== "hint");

const wrap = (rules: string) => `funnel f {
  team t
  fields { k: "a" | "b"  n: number? }
  events { e }
  stage a {
    definition "A."
    owner t
${rules}
  }
  terminal won { outcome won }
}
`;

describe("condition analyses", () => {
  it("finds a single test that can never be true (`not in` every enum value)", () => {
    const found = diagnose(wrap(`    -> won when k not in ["a", "b"]\n    -> won on e`));
    expect(found.map((d) => [d.code, d.range])).toEqual([["FN4014", "8:17-8:36"]]);
  });

  it("finds a shadowed numeric range but not a disjoint one", () => {
    const shadowed = diagnose(wrap(`    -> won when n >= 50\n    -> won when n >= 100`));
    expect(shadowed.map((d) => [d.code, d.message])).toEqual([
      [
        "FN4013",
        "This transition to `won` can never fire: the earlier rule to `won` (line 8) always fires first. Reorder them or make the conditions exclusive.",
      ],
    ]);
    expect(diagnose(wrap(`    -> won when n >= 100\n    -> won when n >= 50`))).toEqual([]);
  });

  it("does not call an event rule shadowed by a rule for another event", () => {
    expect(diagnose(wrap(`    -> won on e when n > 1\n    -> won when n > 5`))).toEqual([]);
  });
});

describe("entry paths", () => {
  it("treats ./x.funnel and x.funnel as one file, so a self-import is a cycle, not a duplicate", () => {
    const found = diagnose({ "x.funnel": `import "./x.funnel"\nfunnel x { team t }\n` }, [
      "./x.funnel",
    ]);
    expect(found.map((d) => d.code)).toEqual(["FN5003"]);
  });
});
