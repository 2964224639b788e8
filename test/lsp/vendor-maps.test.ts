// The language server on `map` clauses (spec §9.6): completion of systems, objects, HubSpot
// lifecycle values, `probability`/`forecast` and forecast categories; hover on a map; colours.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "./fixtures.js";
import { marker, startServer, type LspClient } from "./client.js";

let client: LspClient;
let version = 0;

beforeAll(async () => {
  client = await startServer();
});
afterAll(() => client.stop());

/** DEMO with `clause` (holding a `<|>` marker) as the first clause of stage `mql`. */
function inMql(clause: string): string {
  return DEMO.replace(
    '    definition "Ready for sales."',
    `    ${clause}\n    definition "Ready for sales."`,
  );
}

async function open(textWithMarker: string) {
  const { text, position } = marker(textWithMarker);
  version++;
  if (version === 1) await client.open("maps.funnel", text, 1);
  else await client.change("maps.funnel", text, version);
  return position;
}

async function completion(textWithMarker: string) {
  const position = await open(textWithMarker);
  const items = await client.request<{ label: string; detail?: string }[] | null>(
    "textDocument/completion",
    { textDocument: { uri: client.uri("maps.funnel") }, position },
  );
  return items ?? [];
}

const labels = async (textWithMarker: string) =>
  (await completion(textWithMarker)).map((i) => i.label);

describe("completion in a map", () => {
  it("offers the known systems after `map`", async () => {
    const items = await completion(inMql("map <|>"));
    expect(items.map((i) => i.label)).toEqual(["hubspot", "salesforce"]);
    expect(items[0].detail).toBe("HubSpot (objects: lifecycle, deal, lead)");
  });

  it("offers a known system's objects, and nothing for another system", async () => {
    expect(await labels(inMql("map hubspot <|>"))).toEqual(["lifecycle", "deal", "lead"]);
    expect(await labels(inMql("map salesforce opp<|>"))).toEqual([
      "lead_status",
      "opportunity_stage",
    ]);
    expect(await labels(inMql("map acme <|>"))).toEqual([]);
  });

  it("offers HubSpot's lifecycle stages inside the value", async () => {
    const expected = [
      "subscriber",
      "lead",
      "marketingqualifiedlead",
      "salesqualifiedlead",
      "opportunity",
      "customer",
      "evangelist",
      "other",
    ];
    expect(await labels(inMql('map hubspot "<|>'))).toEqual(expected);
    expect(await labels(inMql('map hubspot lifecycle "mark<|>"'))).toEqual(expected);
    expect(await labels(inMql('map hubspot deal "<|>'))).toEqual([]);
  });

  it("offers probability and forecast only where the object has them", async () => {
    expect(await labels(inMql('map hubspot deal "Qualified" <|>'))).toEqual([
      "probability",
      "forecast",
    ]);
    expect(await labels(inMql('map hubspot deal "Qualified" probability 20% <|>'))).toEqual([
      "forecast",
    ]);
    expect(await labels(inMql('map acme "x" <|>'))).toEqual(["probability", "forecast"]);
    expect(await labels(inMql('map hubspot "lead" <|>'))).toEqual([]);
    expect(await labels(inMql('map salesforce "Working" <|>'))).toEqual([]);
  });

  it("offers the forecast categories after `forecast`", async () => {
    expect(await labels(inMql('map salesforce opportunity_stage "Proposal" forecast <|>'))).toEqual(
      ["pipeline", "best_case", "commit", "omitted", "closed"],
    );
  });

  it("offers the stage's clauses again on the line after a map", async () => {
    expect(await labels(inMql('map hubspot "lead"\n    <|>'))).toContain("definition");
  });
});

describe("hover on a map", () => {
  async function hover(textWithMarker: string) {
    const position = await open(textWithMarker);
    const result = await client.request<{ contents: { value: string } } | null>(
      "textDocument/hover",
      { textDocument: { uri: client.uri("maps.funnel") }, position },
    );
    return result?.contents.value;
  }

  it("says what the system, object and value are", async () => {
    expect(await hover(inMql('map hubspot "marketing<|>qualifiedlead"'))).toBe(
      "**map** HubSpot `lifecycle` (the default object): " +
        "the contact and company `lifecyclestage` property.\n\n" +
        'Value `"marketingqualifiedlead"`: marketing deems ready for sales (MQL).',
    );
    expect(
      await hover(inMql('map hubspot de<|>al "Qualified" probability 20% forecast pipeline')),
    ).toBe(
      "**map** HubSpot `deal`: a deal pipeline stage.\n\n" +
        'Value `"Qualified"`.\n\nWin probability 20%.\n\n' +
        "Forecast category `pipeline`: open, still early.",
    );
    expect(await hover(inMql('map hubspot "1234<|>5"'))).toContain(": the id of a custom stage.");
    expect(await hover(inMql('map ac<|>me "x"'))).toBe(
      "**map** `acme`: a system funnelc does not check; the value is carried into the IR as " +
        'written.\n\nValue `"x"`.',
    );
  });

  it("still explains the keywords of the clause", async () => {
    expect(await hover(inMql('map hubspot deal "Q" proba<|>bility 20%'))).toContain(
      "win probability",
    );
  });
});
