// Plain-English rendering of conditions, triggers, score rules, durations and names (english.ts).
import { describe, expect, it } from "vitest";
import {
  createEnglishContext,
  describeCondition,
  describeDuration,
  describeScoreRule,
  describeTrigger,
  describeType,
  humanizeName,
  shortenText,
} from "../../compiler/emit/english.js";
import type { ExprIR, FunnelIR } from "../../core/ir/types.js";
import { compileText } from "../helpers/compile.js";

/** Compiles a funnel whose only stage has the given transition, and returns its IR. */
function irWith(fields: string, transition: string, events = "submitted { form: text }"): FunnelIR {
  const source = `funnel f {\n  team t\n  fields {\n${fields}\n  }\n  events { ${events} }\n  stage a {\n    definition "A."\n    owner t\n    ${transition}\n  }\n  terminal b { outcome won }\n}\n`;
  const program = compileText(source).programs[0];
  expect(
    program.diagnostics.filter((d) => d.severity === "error"),
    "the test funnel compiles",
  ).toEqual([]);
  return program.ir!;
}

/** The English of the single transition of stage `a`. */
function trigger(fields: string, transition: string, events?: string): string {
  const ir = irWith(fields, transition, events);
  return describeTrigger(ir.stages[0].transitions[0], createEnglishContext(ir));
}

describe("english: names and durations", () => {
  it.each([
    ["job_title", "job title"],
    ["lead_score", "lead score"],
    ["leadScore", "lead score"],
    ["VIP_tier", "VIP tier"],
    ["__private__", "private"],
    ["email", "email"],
    ["_", "_"],
  ])("humanises %s as %s", (name, words) => {
    expect(humanizeName(name)).toBe(words);
  });

  it("writes durations with a plural unit unless the amount is one", () => {
    expect(describeDuration({ amount: 6, unit: "month" })).toBe("6 months");
    expect(describeDuration({ amount: 1, unit: "week" })).toBe("1 week");
    expect(describeDuration({ amount: 1.5, unit: "day" })).toBe("1.5 days");
  });

  it("describes types, enums as their values", () => {
    expect(describeType({ kind: "enum", values: ["lost", "no decision"] })).toBe(
      "one of 'lost' or 'no decision'",
    );
    expect(describeType({ kind: "datetime" })).toBe("date and time");
  });

  it("shortens at a word boundary with an ellipsis", () => {
    expect(shortenText("when budget is true and authority is true and need is true", 40)).toBe(
      "when budget is true and authority is...",
    );
    expect(shortenText("short", 40)).toBe("short");
    expect(Array.from(shortenText("x".repeat(100), 40)).length).toBe(40);
  });
});

describe("english: conditions", () => {
  it("reads comparisons and contains as in the issue", () => {
    const fields = "    lead_score_x: number = 0\n    job_title: text?";
    expect(trigger(fields, `-> b when lead_score_x >= 100 and job_title contains "director"`)).toBe(
      "when lead score x is at least 100 and job title contains 'director'",
    );
  });

  it("reads is set, enum membership and bare booleans", () => {
    expect(trigger("    email: text?", "-> b when email is set")).toBe("when email is set");
    expect(trigger("    email: text?", "-> b when email is not set")).toBe("when email is not set");
    expect(
      trigger(
        `    outcome: "won" | "lost" | "no decision"?`,
        `-> b when outcome in ["lost", "no decision"]`,
      ),
    ).toBe("when outcome is one of 'lost' or 'no decision'");
    expect(
      trigger(`    outcome: "won" | "lost" | "no decision"?`, `-> b when outcome not in ["won"]`),
    ).toBe("when outcome is not 'won'");
    expect(trigger("    qualified: boolean = false", "-> b when qualified")).toBe(
      "when qualified is true",
    );
  });

  it("uses every comparison word, and date words for dates", () => {
    const words = (op: string) =>
      trigger("    n: number?", `-> b when n ${op} 5`)
        .replace(/^when n /, "")
        .replace(/ 5$/, "");
    expect(["=", "!=", "<", "<=", ">", ">="].map(words)).toEqual([
      "is",
      "is not",
      "is less than",
      "is at most",
      "is more than",
      "is at least",
    ]);
    expect(trigger("    close: date?", "-> b when close < 2026-02-01")).toBe(
      "when close is before 2026-02-01",
    );
    expect(trigger("    close: date?\n    start: date?", "-> b when close >= start")).toBe(
      "when close is on or after start",
    );
    expect(trigger("    at: datetime?", "-> b when at <= 2026-01-31T10:30:00+02:00")).toBe(
      "when at is on or before 2026-01-31 08:30 UTC",
    );
    expect(trigger("    at: datetime?", "-> b when at > 2026-01-31T10:30:15Z")).toBe(
      "when at is after 2026-01-31 10:30:15 UTC",
    );
    expect(trigger("    close: date?", "-> b when close in [2026-01-01, 2026-07-01]")).toBe(
      "when close is one of 2026-01-01 or 2026-07-01",
    );
  });

  it("keeps the field on the left when the literal was written first", () => {
    expect(trigger("    score_v: number = 0", "-> b when 100 <= score_v")).toBe(
      "when score v is at least 100",
    );
  });

  it("reads negations naturally where they mean the same for unset fields, and as not (…) otherwise", () => {
    expect(trigger("    email: text?", `-> b when not (email contains "@gmail.")`)).toBe(
      "when email does not contain '@gmail.'",
    );
    expect(trigger("    unsubscribed: boolean = false", "-> b when not unsubscribed")).toBe(
      "when unsubscribed is not true",
    );
    expect(trigger("    email: text?", "-> b when not (email is set)")).toBe(
      "when email is not set",
    );
    expect(trigger("    n: number?", "-> b when not (n = 1)")).toBe("when not (n is 1)");
    expect(trigger("    n: number?", "-> b when not not (n = 1)")).toBe("when n is 1");
  });

  it("puts parentheses around nested groups so and/or never read ambiguously", () => {
    const fields = "    a: boolean = false\n    b2: boolean = false\n    c: boolean = false";
    expect(trigger(fields, "-> b when a or b2 and c")).toBe(
      "when a is true or (b2 is true and c is true)",
    );
    expect(trigger(fields, "-> b when (a or b2) and c")).toBe(
      "when (a is true or b2 is true) and c is true",
    );
    expect(trigger(fields, "-> b when not (a and b2)")).toBe("when not (a is true and b2 is true)");
  });

  it("reads event fields as the event's, and triggers as on … when …", () => {
    expect(trigger("    x: text?", `-> b on submitted when event.form = "Demo request"`)).toBe(
      "on submitted when the event's form is 'Demo request'",
    );
    expect(
      trigger(
        "    x: text?",
        `-> b on form_submitted when event.form = "Demo request"`,
        "form_submitted { form: text }",
      ),
    ).toBe("on form submitted when the event's form is 'Demo request'");
    expect(trigger("    x: text?", "-> b on form_submitted", "form_submitted { form: text }")).toBe(
      "on form submitted",
    );
  });

  it("reads literals: text in single quotes (double when it holds one), numbers, percentages as fractions, booleans", () => {
    expect(trigger("    t: text?", `-> b when t = "O'Brien"`)).toBe(`when t is "O'Brien"`);
    expect(trigger("    share: number?", "-> b when share > 40%")).toBe(
      "when share is more than 0.4",
    );
    expect(trigger("    n: number?", "-> b when n > -3")).toBe("when n is more than -3");
    expect(trigger("    ok: boolean = false", "-> b when ok = false")).toBe("when ok is false");
  });

  it("reads constants as always and never", () => {
    const always: ExprIR = { op: "const", value: true };
    expect(describeCondition(always)).toBe("always");
    expect(describeCondition({ op: "not", arg: always })).toBe("never");
  });
});

describe("english: score rules", () => {
  it("reads on rules as on …, and when-only rules as while …", () => {
    expect(describeScoreRule({ on: "web_visit", when: null })).toBe("on web visit");
    expect(
      describeScoreRule({
        on: null,
        when: { op: "contains", operand: { field: "job_title" }, value: "vp" },
      }),
    ).toBe("while job title contains 'vp'");
    expect(
      describeScoreRule({
        on: "form_submitted",
        when: {
          op: "compare",
          cmp: "=",
          left: { event: "form" },
          right: { value: "Demo request", type: "text" },
        },
      }),
    ).toBe("on form submitted when the event's form is 'Demo request'");
  });
});
