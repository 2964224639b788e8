// The vendor targets' build-time diagnostics in the editor: a funnel that maps a system gets that
// target's FN50xx diagnostics (as `funnel build -t <system>` reports them) with the others, placed
// at the map or stage they are about; a funnel without vendor maps gets none of them.
import { DiagnosticSeverity, type Range } from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO } from "./fixtures.js";
import { startServer, type LspClient } from "./client.js";

let client: LspClient;

beforeAll(async () => {
  client = await startServer();
});
afterAll(() => client.stop());

/** The complete diagnostics (flow analyses included) published for a newly opened file. */
async function diagnosticsOf(file: string, text: string) {
  await client.open(file, text, 1);
  const params = await client.diagnostics(file, 1);
  return params.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: at(d.range),
    docs: d.codeDescription?.href.replace(/^.*#/, "#"),
    ...(d.relatedInformation
      ? { related: d.relatedInformation.map((r) => `${r.message} @ ${at(r.location.range)}`) }
      : {}),
  }));
}

/** A range as `line:character-line:character`, 0-based as LSP sends it. */
const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const LONG = "x".repeat(256);

const SALESFORCE = `funnel sf "Salesforce" {
  team sales "Sales"
  events {
    signed
  }
  stage lead "Lead" {
    definition "A person."
    owner sales
    map salesforce "${LONG}"
    -> won on signed
  }
  terminal won "Closed - Converted" { outcome won }
}
`;

const HUBSPOT = `funnel hs "Deals" {
  team sales "Sales"
  events {
    sent
    signed
  }
  stage proposal "Proposal" {
    definition "A proposal was sent."
    owner sales
    map hubspot deal "Proposal" probability 40%
    -> review on sent
  }
  stage review "Review" {
    definition "The proposal is read."
    owner sales
    map hubspot deal "proposal" probability 60%
    -> won on signed
  }
  terminal won "Won" {
    outcome won
    map hubspot deal "Won"
  }
}
`;

it("shows a Salesforce value over 255 characters at its map, and the derived values", async () => {
  expect(await diagnosticsOf("sf.funnel", SALESFORCE)).toEqual([
    {
      code: "FN5017",
      severity: DiagnosticSeverity.Information,
      message:
        "1 stage of funnel `sf` has no `map salesforce`, so the salesforce target uses its " +
        'title: `won` → lead status "Closed - Converted". Add `map salesforce "…"` (a lead ' +
        'status) or `map salesforce opportunity_stage "…"` to it to choose its value.',
      range: "0:0-0:24",
      docs: "#fn5017",
    },
    {
      code: "FN5015",
      severity: DiagnosticSeverity.Error,
      message:
        "Stage `lead` maps the Salesforce lead status " +
        `"${"x".repeat(57)}…", which is 256 characters long; Salesforce picklist values hold ` +
        "up to 255. Map a shorter value.",
      range: "8:4-8:277",
      docs: "#fn5015",
    },
  ]);
});

it("shows two stages on one HubSpot deal label (compared without case) at the second map", async () => {
  expect(await diagnosticsOf("hs.funnel", HUBSPOT)).toEqual([
    {
      code: "FN5012",
      severity: DiagnosticSeverity.Error,
      message:
        'Stages `proposal` and `review` both become the HubSpot deal pipeline stage "proposal"; ' +
        "HubSpot needs one per stage. Map `review` to a value of its own.",
      range: "15:4-15:47",
      docs: "#fn5012",
    },
  ]);
});

it("shows no vendor diagnostic for a funnel without vendor maps", async () => {
  const codes = (await diagnosticsOf("demo.funnel", DEMO)).map((d) => d.code);
  expect(codes).toEqual(["FN2008"]);
});
