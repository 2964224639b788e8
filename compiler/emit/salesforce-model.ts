// What the `salesforce` target writes, decided once from the IR: which stage is which Lead
// status and which Opportunity stage (mapped or derived from its title), in picklist order, the
// converted lead statuses, closed/won, probability and forecast category. salesforce.ts renders
// it; salesforce-check.ts reports what Salesforce cannot hold.
import type { FunnelIR, StageIR, StageMapIR } from "../../core/ir/types.js";

/** The two standard picklists the target writes, by funnel object name. */
export type SalesforceObject = "lead_status" | "opportunity_stage";

/** One picklist value: a stage and what Salesforce shows and stores for it. */
export interface PicklistValue {
  stage: StageIR;
  /** The picklist value's `fullName`, also its label. */
  value: string;
  /** The `map salesforce …` it comes from; null when derived from the stage's title. */
  map: StageMapIR | null;
  /** Whether it is the picklist's default (the first value). */
  isDefault: boolean;
}

/** A value of the `LeadStatus` standard value set. */
export interface LeadStatusValue extends PicklistValue {
  /** Whether a lead is converted at this status (see convertedStages). */
  converted: boolean;
}

/** A value of the `OpportunityStage` standard value set. */
export interface OpportunityStageValue extends PicklistValue {
  closed: boolean;
  won: boolean;
  /** Whole percent; null when the map gives none on a stage a record can leave. */
  probability: number | null;
  /** Salesforce's name (`Pipeline`, `BestCase`, `Forecast`, `Omitted`, `Closed`), or null. */
  forecastCategory: string | null;
}

export interface SalesforceModel {
  leadStatuses: LeadStatusValue[];
  opportunityStages: OpportunityStageValue[];
}

/**
 * Salesforce's names of the forecast categories (the `ForecastCategory` picklist of
 * OpportunityStage): Salesforce shows `Forecast` as "Commit".
 */
export const SALESFORCE_FORECAST: Readonly<Record<string, string>> = {
  pipeline: "Pipeline",
  best_case: "BestCase",
  commit: "Forecast",
  omitted: "Omitted",
  closed: "Closed",
};

/** The stage's map of one Salesforce object, if any. */
export function salesforceMap(stage: StageIR, object: SalesforceObject): StageMapIR | undefined {
  return stage.maps.find((m) => m.system === "salesforce" && m.object === object);
}

/** The value a stage without a map gets: its title, else its name. */
export function derivedValue(stage: StageIR): string {
  return stage.title ?? stage.name;
}

/**
 * Stages in picklist order: the success path's stages, the other open stages (detours) in
 * written order, then terminals (the won ones first): Salesforce lists closed values last.
 */
export function picklistOrder(ir: FunnelIR): StageIR[] {
  const byName = new Map(ir.stages.map((s) => [s.name, s]));
  const path = ir.successPath.map((name) => byName.get(name)!);
  const rest = ir.stages.filter((s) => !ir.successPath.includes(s.name));
  const open = (s: StageIR) => s.kind !== "terminal";
  return [
    ...path.filter(open),
    ...rest.filter(open),
    ...path.filter((s) => !open(s)),
    ...rest.filter((s) => !open(s)),
  ];
}

/** For each stage, the stages with a transition or SLA into it; `null` for a `from any` target. */
function entriesOf(ir: FunnelIR): Map<string, Set<string> | null> {
  const entries = new Map<string, Set<string> | null>(ir.stages.map((s) => [s.name, new Set()]));
  for (const stage of ir.stages) {
    const targets = [...stage.transitions.map((t) => t.to), ...(stage.sla ? [stage.sla.to] : [])];
    for (const to of targets) entries.get(to)?.add(stage.name);
  }
  for (const rule of ir.fromAny) entries.set(rule.to, null);
  return entries;
}

/**
 * The stages that are opportunity stages: those mapped to `salesforce opportunity_stage`, and
 * every stage without a Salesforce map that is entered only from opportunity stages (a closed
 * terminal after them, say). The others are lead statuses.
 */
function opportunityStageNames(ir: FunnelIR): Set<string> {
  const names = new Set(
    ir.stages.filter((s) => salesforceMap(s, "opportunity_stage")).map((s) => s.name),
  );
  if (!names.size) return names;
  const entries = entriesOf(ir);
  const unmapped = ir.stages.filter((s) => !s.maps.some((m) => m.system === "salesforce"));
  for (let grew = true; grew;) {
    grew = false;
    for (const stage of unmapped) {
      const from = entries.get(stage.name);
      if (names.has(stage.name) || !from?.size || ![...from].every((f) => names.has(f))) continue;
      names.add(stage.name);
      grew = true;
    }
  }
  return names;
}

/**
 * The stages whose lead status is a converted one, in this order of preference:
 * 1. stages that are a lead status and an opportunity stage at once (mapped to both);
 * 2. else the lead stages with a transition or SLA into an opportunity stage (a lead is
 *    converted when it moves on to the opportunity);
 * 3. else, with no opportunity stages, the won terminals.
 */
function convertedStages(ir: FunnelIR, lead: StageIR[], opportunity: Set<string>): Set<string> {
  const both = lead.filter((s) => opportunity.has(s.name));
  if (both.length) return new Set(both.map((s) => s.name));
  if (opportunity.size) {
    const into = (s: StageIR) =>
      s.transitions.some((t) => opportunity.has(t.to)) ||
      (s.sla !== null && opportunity.has(s.sla.to));
    return new Set(lead.filter(into).map((s) => s.name));
  }
  return new Set(lead.filter((s) => s.outcome === "won").map((s) => s.name));
}

/**
 * Decides the values the `salesforce` target writes.
 * @param ir a compiled funnel
 * @returns the lead statuses and opportunity stages, each in picklist order
 */
export function salesforceModel(ir: FunnelIR): SalesforceModel {
  const order = picklistOrder(ir);
  const opportunity = opportunityStageNames(ir);
  // A stage mapped only to an opportunity stage is not a lead status as well.
  const lead = order.filter((s) => salesforceMap(s, "lead_status") || !opportunity.has(s.name));
  const converted = convertedStages(ir, lead, opportunity);
  const leadStatuses = lead.map((stage, i): LeadStatusValue => {
    const map = salesforceMap(stage, "lead_status") ?? null;
    const value = map?.value ?? derivedValue(stage);
    return { stage, value, map, isDefault: i === 0, converted: converted.has(stage.name) };
  });
  const opportunityStages = order
    .filter((s) => opportunity.has(s.name))
    .map((stage, i): OpportunityStageValue => {
      const map = salesforceMap(stage, "opportunity_stage") ?? null;
      const closed = stage.kind === "terminal";
      const won = closed && stage.outcome === "won";
      return {
        stage,
        value: map?.value ?? derivedValue(stage),
        map,
        isDefault: i === 0,
        closed,
        won,
        probability: map?.probability ?? (closed ? (won ? 100 : 0) : null),
        forecastCategory: map?.forecast
          ? SALESFORCE_FORECAST[map.forecast]
          : closed
            ? won
              ? "Closed"
              : "Omitted"
            : null,
      };
    });
  return { leadStatuses, opportunityStages };
}
