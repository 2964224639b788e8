// The generator's condition solver: the `set`, `data` and score thresholds it picks make the
// condition true (or false when asked), for every kind of test in spec §4, judged by the engine's
// own condition evaluator.
import { describe, expect, it } from "vitest";
import type { ExprIR, FieldIR, FunnelIR } from "../../core/ir/types.js";
import { solveCondition, type SolveContext } from "../../report/solve-condition.js";
import { createEngine } from "../../runtime/engine.js";
import { compileText } from "../helpers/compile.js";

const SOURCE = `funnel t {
  team a
  fields {
    email: text?
    n: number = 0
    flag: boolean = false
    day: date?
    tier: "gold" | "silver" | "bronze" = "bronze"
  }
  events { form { kind: text } }
  score pts { +10 on form when event.kind = "demo" }
  stage s { definition "d" owner a -> goal when true }
  stage goal { definition "d" owner a -> won when true }
  terminal won { outcome won }
}`;

const ir: FunnelIR = compileText(SOURCE).programs[0].ir!;
const fields = new Map(ir.fields.map((f: FieldIR) => [f.name, f.type]));
const context: SolveContext = {
  ir,
  fields,
  scores: new Set(["pts"]),
  eventFields: new Map([["kind", { kind: "text" }]]),
  sample: (_name, type) =>
    type.kind === "number"
      ? 7
      : type.kind === "boolean"
        ? true
        : type.kind === "date"
          ? "2026-05-01"
          : type.kind === "enum"
            ? type.values[0]
            : "x",
};

/**
 * Whether `when` holds on a new record after `set` and `data`, judged by the engine: a funnel whose
 * only rule is `when`.
 */
function holds(when: ExprIR, set: Record<string, unknown>, data: Record<string, unknown>): boolean {
  const probe: FunnelIR = {
    ...ir,
    stages: ir.stages.map((s) =>
      s.name === "s" ? { ...s, transitions: [{ ...s.transitions[0], on: "form", when }] } : s,
    ),
  };
  const engine = createEngine(probe);
  engine.apply({ record: "r", at: "2026-01-01T00:00:00Z", type: "update" });
  const result = engine.apply({
    record: "r",
    at: "2026-01-02T00:00:00Z",
    type: "form",
    set,
    data: { kind: "other", ...data },
  });
  if (result.status !== "applied") throw new Error(JSON.stringify(result));
  return engine.state("r")!.stage !== "s";
}

const field = (name: string) => ({ field: name });
const value = (
  v: string | number | boolean,
  type: "text" | "number" | "boolean" | "date" | "datetime",
) => ({ value: v, type });
const cases: [string, ExprIR][] = [
  ["= on text", { op: "compare", cmp: "=", left: field("email"), right: value("a@b.nl", "text") }],
  ["!= on enum", { op: "compare", cmp: "!=", left: field("tier"), right: value("bronze", "text") }],
  ["> on number", { op: "compare", cmp: ">", left: field("n"), right: value(5, "number") }],
  [
    "< on a date, literal on the left",
    { op: "compare", cmp: ">", left: value("2026-03-01", "date"), right: field("day") },
  ],
  ["is set", { op: "is_set", operand: field("email"), negated: false }],
  ["in", { op: "in", operand: field("tier"), values: ["gold", "silver"], negated: false }],
  ["not in", { op: "in", operand: field("tier"), values: ["bronze", "silver"], negated: true }],
  ["contains", { op: "contains", operand: field("email"), value: "@acme." }],
  ["a bare boolean", { op: "truthy", operand: field("flag") }],
  [
    "not (= …)",
    {
      op: "not",
      arg: { op: "compare", cmp: "=", left: field("tier"), right: value("bronze", "text") },
    },
  ],
  [
    "and of or",
    {
      op: "and",
      args: [
        {
          op: "or",
          args: [
            { op: "truthy", operand: field("flag") },
            { op: "is_set", operand: field("day"), negated: false },
          ],
        },
        { op: "compare", cmp: ">=", left: field("n"), right: value(3, "number") },
      ],
    },
  ],
  [
    "event data",
    { op: "compare", cmp: "=", left: { event: "kind" }, right: value("demo", "text") },
  ],
  [
    "not (a and b)",
    {
      op: "not",
      arg: {
        op: "and",
        args: [
          { op: "truthy", operand: field("flag") },
          { op: "compare", cmp: "=", left: field("tier"), right: value("bronze", "text") },
        ],
      },
    },
  ],
];

describe("solveCondition", () => {
  it.each(cases)("makes %s true", (_what, when) => {
    const solution = solveCondition(when, true, context);
    expect(holds(when, Object.fromEntries(solution.set), Object.fromEntries(solution.data))).toBe(
      true,
    );
  });

  it("turns a score comparison into a threshold to earn, not a field to set", () => {
    const solution = solveCondition(
      { op: "compare", cmp: ">", left: field("pts"), right: value(25, "number") },
      true,
      context,
    );
    expect([...solution.set]).toEqual([]);
    expect([...solution.scores]).toEqual([["pts", 26]]);
  });
});
