// What HubSpot cannot hold, reported by `funnel build -t hubspot` (FN5010-FN5013, errors: nothing
// is written) and what the target fills in (FN5014, an info): exact code, message and range.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { project, run } from "../helpers/cli.js";
import { HUBSPOT_CASES, hubspotFunnel } from "./hubspot-funnels.js";

/** Builds one funnel with the hubspot target; its diagnostics as code, message and range. */
async function build(text: string) {
  const dir = project({ "x.funnel": text });
  const result = await run(dir, "build", "x.funnel", "-t", "hubspot", "-o", "out", "-f", "json");
  const report = JSON.parse(result.stdout) as {
    diagnostics: {
      code: string;
      message: string;
      range: { start: { line: number; column: number }; end: { line: number; column: number } };
    }[];
  };
  const diagnostics = report.diagnostics
    .filter((d) => d.code.startsWith("FN501"))
    .map(({ code, message, range }) => ({
      code,
      message,
      range: `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`,
    }));
  return { code: result.code, diagnostics, written: existsSync(path.join(dir, "out")) };
}

describe("hubspot target diagnostics", () => {
  it("FN5010: more stages than a deal pipeline holds, at the first map too many", async () => {
    expect(await build(HUBSPOT_CASES.FN5010)).toEqual({
      code: 1,
      written: false,
      diagnostics: [
        {
          code: "FN5010",
          message:
            "A HubSpot deal pipeline holds at most 100 stages, but 102 stages map to " +
            "`hubspot deal`; `s100` is the first one too many. Map fewer stages to the deal pipeline.",
          range: "609:5-609:48",
        },
      ],
    });
  });

  it("FN5011: a pipeline label (the funnel's title) over 36 characters", async () => {
    expect((await build(HUBSPOT_CASES.FN5011)).diagnostics).toEqual([
      {
        code: "FN5011",
        message:
          "HubSpot pipeline labels are at most 36 characters, but the deal pipeline's label " +
          '"Revenue Cycle for Inbound and Outbound Demand" (the funnel\'s title) has 45. ' +
          "Shorten the funnel's title.",
        range: "1:1-1:62",
      },
    ]);
  });

  it("FN5012: two pipeline stages whose labels differ only in case", async () => {
    expect((await build(HUBSPOT_CASES.FN5012)).diagnostics).toEqual([
      {
        code: "FN5012",
        message:
          'Stages `lead` and `won` both become the HubSpot deal pipeline stage "Won"; HubSpot ' +
          "needs one per stage. Map `won` to a value of its own.",
        range: "14:5-14:27",
      },
    ]);
  });

  it("FN5012: a stage without a map whose title is a lifecycle stage another stage maps", async () => {
    const text = hubspotFunnel('map hubspot "customer"').replace(
      /terminal won "Closed Won" \{[^}]*\}/,
      'terminal won "Customer" { outcome won }',
    );
    expect((await build(text)).diagnostics).toEqual([
      {
        code: "FN5014",
        message:
          "1 of funnel `demo`'s stages have no `map hubspot`, so the hubspot target derived " +
          'their lifecycle stages from their titles: `won` → customer "Customer". Write ' +
          '`map hubspot "…"` on a stage to choose its value.',
        range: "1:1-1:21",
      },
      {
        code: "FN5012",
        message:
          'Stages `lead` and `won` both become the HubSpot lifecycle stage "Customer" (`won` has ' +
          "no `map hubspot`, so its title was used); HubSpot needs one per stage. Give `won` a " +
          '`map hubspot "…"` or another title.',
        range: "12:3-12:42",
      },
    ]);
  });

  it("FN5013: an open deal stage without a probability", async () => {
    expect((await build(HUBSPOT_CASES.FN5013)).diagnostics).toEqual([
      {
        code: "FN5013",
        message:
          "`lead` is an open HubSpot deal stage without a probability, which every deal stage " +
          'needs; write `map hubspot deal "Discovery" probability N%`.',
        range: "9:5-9:33",
      },
    ]);
  });

  it("FN5014: a funnel without maps builds, with an info listing the derived values", async () => {
    expect(await build(HUBSPOT_CASES.FN5014)).toEqual({
      code: 0,
      written: true,
      diagnostics: [
        {
          code: "FN5014",
          message:
            "1 of funnel `demo`'s stages have no `map hubspot`, so the hubspot target derived " +
            'their lifecycle stages from their titles: `lead` → lead "Lead". Write ' +
            '`map hubspot "…"` on a stage to choose its value.',
          range: "1:1-1:21",
        },
      ],
    });
  });
});
