// Small funnels that the `hubspot` target refuses or fills in, one per diagnostic (FN5010-FN5014),
// shared by the target's tests and the codes test.

/** A funnel with a lead stage (given `leadClause`) that moves to a won terminal. */
export function hubspotFunnel(leadClause: string, title = "Demo"): string {
  return `funnel demo "${title}" {
  team sales "Sales"
  events {
    signed
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    ${leadClause}
    -> won on signed
  }
  terminal won "Closed Won" {
    outcome won
    map hubspot deal "Won"
  }
}
`;
}

/** A funnel whose `count` stages all map to the HubSpot deal pipeline (FN5010 past 100). */
export function longDealPipeline(count: number): string {
  const stages = Array.from(
    { length: count },
    (_, i) => `  stage s${i} "Step ${i}" {
    definition "Step ${i} of the sale."
    owner sales
    map hubspot deal "Step ${i}" probability 50%
    -> ${i + 1 < count ? `s${i + 1}` : "won"} on signed
  }
`,
  ).join("");
  return `funnel long "Long" {
  team sales "Sales"
  events {
    signed
  }
${stages}  terminal won "Closed Won" {
    outcome won
    map hubspot deal "Won"
  }
}
`;
}

/** One funnel per hubspot target code. */
export const HUBSPOT_CASES = {
  FN5010: longDealPipeline(101),
  FN5011: hubspotFunnel(
    'map hubspot deal "Discovery" probability 20%',
    "Revenue Cycle for Inbound and Outbound Demand",
  ),
  FN5012: hubspotFunnel('map hubspot deal "won" probability 20%'),
  FN5013: hubspotFunnel('map hubspot deal "Discovery"'),
  FN5014: hubspotFunnel("// no map: HubSpot's lifecycle stage is derived from the title"),
} as const;
