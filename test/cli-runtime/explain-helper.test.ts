// runtime/explain.ts: conditions printed back in Funnel syntax, and the first false part of a
// condition named with the values it read, judged by the engine's own condition code.
import { describe, expect, it } from "vitest";
import type { ExprIR, FunnelIR } from "../../core/ir/types.js";
import { explainCondition, formatExpr } from "../../runtime/explain.js";
import { compileText } from "../helpers/compile.js";

const SOURCE = `funnel f {
  team t
  fields {
    email: text?
    n: number?
    kind: "a" | "b"?
    on_at: datetime?
    ok: boolean = false
  }
  events { e { x: number } }
  score s { +5 when ok }
  stage one {
    definition "One." owner t
    -> two when (n > 1 or kind in ["a", "b"]) and not (email contains "@gmail.") and on_at is set
    -> two on e when event.x >= 3 and s > 0 and not ok and kind not in ["a"]
    -> two when email != "x"
  }
  stage two { definition "Two." owner t -> won when ok }
  terminal won { outcome won }
}
`;

const ir: FunnelIR = compileText(SOURCE).programs[0].ir!;
const [first, second, third] = ir.stages[0].transitions.map((t) => t.when as ExprIR);

describe("formatExpr", () => {
  it("prints conditions in Funnel syntax with the parentheses they need", () => {
    expect(formatExpr(first)).toBe(
      '(n > 1 or kind in ["a", "b"]) and not (email contains "@gmail.") and on_at is set',
    );
    expect(formatExpr(second)).toBe('event.x >= 3 and s > 0 and not ok and kind not in ["a"]');
    expect(formatExpr(third)).toBe('email != "x"');
  });

  it("prints what it reads back the same (round trip through the compiler)", () => {
    const again = compileText(
      SOURCE.replace(/-> two when \(n > 1.*\n/, `-> two when ${formatExpr(first)}\n`),
    ).programs[0].ir!;
    expect(again.stages[0].transitions[0].when).toEqual(first);
  });
});

describe("explainCondition", () => {
  const state = (
    fields: Record<string, string | number | boolean | null>,
    scores: Record<string, number> = { s: 0 },
  ) => ({
    fields: { email: null, n: null, kind: null, on_at: null, ok: false, ...fields },
    scores,
  });

  it("names the first false operand of an `and`, with the values it read", () => {
    expect(explainCondition(ir, first, state({ n: 2, email: "a@acme.nl" }), null)).toEqual({
      holds: false,
      failed: "on_at is set",
      reason: "on_at is unset",
    });
    expect(explainCondition(ir, first, state({ n: 2, email: "a@GMAIL.com" }), null)).toEqual({
      holds: false,
      failed: 'not (email contains "@gmail.")',
      reason: 'email is "a@GMAIL.com"',
    });
    expect(
      explainCondition(ir, first, state({ n: 1, on_at: "2026-01-01T00:00:00.000Z" }), null),
    ).toEqual({
      holds: false,
      failed: 'n > 1 or kind in ["a", "b"]',
      reason: "n is 1, kind is unset",
    });
    expect(
      explainCondition(ir, first, state({ kind: "b", on_at: "2026-01-01T00:00:00.000Z" }), null),
    ).toEqual({ holds: true });
  });

  it("reads event data and scores, and knows there is no event in an SLA cascade", () => {
    expect(explainCondition(ir, second, state({}), { type: "e", data: { x: 2 } })).toEqual({
      holds: false,
      failed: "event.x >= 3",
      reason: "event.x is 2",
    });
    expect(explainCondition(ir, second, state({}), { type: "e", data: { x: 5 } })).toEqual({
      holds: false,
      failed: "s > 0",
      reason: "s is 0",
    });
    expect(
      explainCondition(ir, second, state({ kind: "b" }, { s: 5 }), { type: "e", data: { x: 5 } }),
    ).toEqual({ holds: true });
    expect(explainCondition(ir, second, state({}), null)).toEqual({
      holds: false,
      failed: "event.x >= 3",
      reason: "event.x is unset (there was no event)",
    });
  });

  it("treats unset as failing every test (spec §6): `!=` on an unset field is false", () => {
    expect(explainCondition(ir, third, state({}), null)).toEqual({
      holds: false,
      failed: 'email != "x"',
      reason: "email is unset",
    });
    expect(explainCondition(ir, third, state({ email: "y" }), null)).toEqual({ holds: true });
  });
});
