import { describe, expect, it } from "vitest";
import { suggestName } from "../../core/suggest.js";
import { diagnose } from "../helpers/compile.js";

describe("did-you-mean suggestions", () => {
  it.each([
    ["sqll", ["sql", "sal", "mql"], "sql"],
    ["emial", ["email", "job_title"], "email"],
    ["wno", ["won", "lost"], "won"],
    ["Email", ["email"], "email"],
    ["opportunty", ["opportunity", "sql"], "opportunity"],
  ])("suggests %s → %s", (name, candidates, expected) => {
    expect(suggestName(name, candidates as string[])).toBe(expected);
  });

  it.each([
    ["b", ["a"]],
    ["xy", ["ab"]],
    ["completely_different", ["email", "sql"]],
  ])("does not suggest for %s", (name, candidates) => {
    expect(suggestName(name, candidates as string[])).toBeUndefined();
  });
});

describe("durations and conditions", () => {
  const funnel = (clause: string) => `funnel f {
  team t
  fields { n: number = 0 }
  stage a {
    definition "A."
    owner t
    -> won when n > 1
    ${clause}
  }
  detour r { definition "R." owner t -> a when n > 2 }
  terminal won { outcome won }
}
`;

  it("rejects fractional months and years but accepts fractional days", () => {
    expect(diagnose(funnel("sla 1.5 months -> r")).map((d) => [d.code, d.message])).toEqual([
      [
        "FN3006",
        "Months and years are calendar steps, so `1.5 months` has no exact length; use a whole number, or days or weeks.",
      ],
    ]);
    expect(diagnose(funnel("sla 1.5 days -> r"))).toEqual([]);
  });

  it("explains a bare literal used as a condition", () => {
    const found = diagnose(funnel("-> r when 5"));
    expect(found.map((d) => d.message)).toContain(
      "`5` is a value, not a condition; compare a field with it, for example `field = 5`.",
    );
  });
});

describe("the built-in update event", () => {
  const funnel = (extra: string, rule: string) => `funnel f {
  team t
  fields { n: number = 0 }
  ${extra}
  stage a { definition "A." owner t ${rule} }
  terminal won { outcome won }
}
`;
  it("may be used with `on` without being declared", () => {
    expect(diagnose(funnel("", "-> won on update when n > 1"))).toEqual([]);
  });
  it("cannot be declared, and has no data fields", () => {
    expect(
      diagnose(funnel("events { update }", "-> won on update when n > 1")).map((d) => d.code),
    ).toEqual(["FN2010"]);
    const found = diagnose(funnel("", "-> won on update when event.x = 1")).filter(
      (d) => d.severity === "error",
    );
    expect(found.map((d) => [d.code, d.message])).toEqual([
      ["FN2006", "Event `update` has no field `x`."],
    ]);
  });
  it("rejects durations over 100 years", () => {
    expect(
      diagnose(funnel("", "-> won when n > 1 sla 300000 years -> won")).map((d) => d.code),
    ).toEqual(["FN3006"]);
  });
});
