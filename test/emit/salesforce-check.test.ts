// The salesforce target's diagnostics, exactly (code, message, range), as `funnel build -f json`
// reports them: placed at the map or the stage they are about, and nothing written on an error.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { project, run } from "../helpers/cli.js";

interface JsonDiagnostic {
  code: string;
  message: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** Builds `sf.funnel` with the salesforce target; its diagnostics with 1-based ranges. */
async function build(source: string, ...flags: string[]) {
  const dir = project({ "sf.funnel": source });
  const result = await run(
    dir,
    "build",
    "sf.funnel",
    "-t",
    "salesforce",
    "-o",
    "out",
    "-f",
    "json",
    ...flags,
  );
  const report = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
  const diagnostics = report.diagnostics
    .filter((d) => d.code.startsWith("FN50"))
    .map(({ code, message, range: { start: s, end: e } }) => ({
      code,
      message,
      range: `${s.line}:${s.column}-${e.line}:${e.column}`,
    }));
  return {
    code: result.code,
    diagnostics,
    written: existsSync(path.join(dir, "out/sf.salesforce")),
  };
}

/** FN5017 for the funnel below with `lead` mapped: `nurture` and `closed` keep their titles. */
const DERIVED = {
  code: "FN5017",
  message:
    "2 stages of funnel `sf` have no `map salesforce`, so the salesforce target uses their " +
    'titles: `nurture` → lead status "Nurture", `closed` → lead status "Closed Won". Add ' +
    '`map salesforce "…"` (a lead status) or `map salesforce opportunity_stage "…"` to a stage ' +
    "to choose its value.",
  range: "1:1-1:12",
};

const funnel = (lead: string, nurture = "", outcome = "won") => `funnel sf {
  team sales "Sales"
  events {
    signed
    dropped
  }
  stage lead "Lead" {
    definition "A person."
    owner sales
    ${lead}
    -> nurture on dropped
    -> closed on signed
  }
  detour nurture "Nurture" {
    definition "Later."
    owner sales
    ${nurture}
    -> lead on signed
  }
  terminal closed "Closed Won" { outcome ${outcome} }
}
`;

describe("salesforce target diagnostics", () => {
  it("FN5015: a mapped value longer than 255 characters, at the map; nothing written", async () => {
    const long = "x".repeat(256);
    expect(await build(funnel(`map salesforce "${long}"`))).toEqual({
      code: 1,
      diagnostics: [
        DERIVED,
        {
          code: "FN5015",
          message:
            `Stage \`lead\` maps the Salesforce lead status "${"x".repeat(57)}…", which is 256 ` +
            "characters long; Salesforce picklist values hold up to 255. Map a shorter value.",
          range: "10:5-10:278",
        },
      ],
      written: false,
    });
  });

  it("FN5016: a title equal to a mapped value but for case, at the stage's first line", async () => {
    expect(await build(funnel('map salesforce "nurture"'))).toEqual({
      code: 1,
      diagnostics: [
        DERIVED,
        {
          code: "FN5016",
          message:
            'Stage `nurture` has no `map salesforce lead_status`, so its title "Nurture" is its ' +
            "lead status, which stage `lead` already is (Salesforce compares picklist values " +
            'without regard to case). Add `map salesforce lead_status "…"` with a value of its own.',
          range: "14:3-14:29",
        },
      ],
      written: false,
    });
  });

  it("FN5017 (with --verbose) lists derived values; FN5018 warns without a converted status", async () => {
    const result = await build(funnel("", 'map salesforce "Later"', "lost"), "--verbose");
    expect(result).toEqual({
      code: 0,
      diagnostics: [
        {
          code: "FN5017",
          message:
            "2 stages of funnel `sf` have no `map salesforce`, so the salesforce target uses " +
            'their titles: `lead` → lead status "Lead", `closed` → lead status "Closed Won". Add ' +
            '`map salesforce "…"` (a lead status) or `map salesforce opportunity_stage "…"` to a ' +
            "stage to choose its value.",
          range: "1:1-1:12",
        },
        {
          code: "FN5018",
          message:
            "No lead status of funnel `sf` is a converted status, and Salesforce converts a lead " +
            "only to a status marked converted. The salesforce target marks the lead statuses of " +
            "the stages that lead into an opportunity stage or, without opportunity stages, of " +
            "the won terminals: add a terminal with `outcome won` that the lead stages lead to, " +
            "or map the opportunity stages (`map salesforce opportunity_stage`).",
          range: "1:1-1:12",
        },
      ],
      written: true,
    });
  });
});
