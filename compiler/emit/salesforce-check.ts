// What Salesforce cannot hold in the salesforce target's values, and what the target decided for
// the user: values too long or not on one line (FN5015), two stages to one value compared as
// Salesforce does (FN5016), values derived from titles (FN5017, info), no converted lead status
// (FN5018). Reported by `funnel build` before the folder is written.
import { createDiagnostic, relatedLocation } from "../../core/diagnostics/diagnostic.js";
import type { FunnelIR } from "../../core/ir/types.js";
import type { TargetDiagnostic } from "./emitter.js";
import { salesforceModel, type PicklistValue, type SalesforceObject } from "./salesforce-model.js";

/** The most characters of a picklist value (MasterLabel and ApiName of LeadStatus and
 * OpportunityStage: "Limit: 255 characters", Salesforce Object Reference). */
export const MAX_PICKLIST_VALUE = 255;

const NO_SPAN = { start: 0, end: 0 };

/** What a value is, for messages. */
const WHAT: Record<SalesforceObject, string> = {
  lead_status: "lead status",
  opportunity_stage: "opportunity stage",
};

/** A value as shown in a message: quoted, escaped, and cut when long. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}

function valueProblems(
  values: PicklistValue[],
  object: SalesforceObject,
  out: TargetDiagnostic[],
): void {
  const seen = new Map<string, PicklistValue>();
  for (const v of values) {
    const loc = v.map?.loc ?? v.stage.loc;
    const file = loc.file;
    const base = { name: v.stage.name, what: WHAT[object], value: shown(v.value), object };
    const derived = v.map === null;
    if (v.value.length > MAX_PICKLIST_VALUE) {
      const format = { ...base, length: v.value.length };
      const diagnostic = derived
        ? createDiagnostic("salesforce-value-not-allowed", {
            messageId: "derived",
            format,
            file,
            span: NO_SPAN,
          })
        : createDiagnostic("salesforce-value-not-allowed", { format, file, span: NO_SPAN });
      out.push({ diagnostic, loc });
    }
    if (/[\u0000-\u001f\u007f]/.test(v.value)) {
      const messageId = derived ? "controlDerived" : "control";
      const diagnostic = createDiagnostic("salesforce-value-not-allowed", {
        messageId,
        format: base,
        file,
        span: NO_SPAN,
      });
      out.push({ diagnostic, loc });
    }
    const key = v.value.toLowerCase();
    const first = seen.get(key);
    if (!first) {
      seen.set(key, v);
      continue;
    }
    const other = first.stage;
    const related = [
      relatedLocation("sameSalesforceValue", { name: other.name }, other.loc.file, NO_SPAN),
    ];
    const format = { ...base, other: other.name };
    const diagnostic = derived
      ? createDiagnostic("salesforce-duplicate-value", {
          messageId: "derived",
          format,
          file,
          span: NO_SPAN,
          related,
        })
      : createDiagnostic("salesforce-duplicate-value", { format, file, span: NO_SPAN, related });
    out.push({ diagnostic, loc, relatedLocs: [first.map?.loc ?? other.loc] });
  }
}

/** The stages whose value is derived from their title, as one info at the funnel. */
function derivedValues(
  ir: FunnelIR,
  values: [PicklistValue, SalesforceObject][],
): TargetDiagnostic[] {
  const derived = values.filter(([v]) => v.map === null);
  if (!derived.length) return [];
  const list = derived
    .map(([v, object]) => `\`${v.stage.name}\` → ${WHAT[object]} ${shown(v.value)}`)
    .join(", ");
  const format = { count: derived.length, funnel: ir.funnel.name, list };
  const file = ir.funnel.loc.file;
  const diagnostic =
    derived.length === 1
      ? createDiagnostic("salesforce-derived-values", {
          messageId: "one",
          format,
          file,
          span: NO_SPAN,
        })
      : createDiagnostic("salesforce-derived-values", { format, file, span: NO_SPAN });
  return [{ diagnostic, loc: ir.funnel.loc }];
}

/**
 * Checks what the salesforce target would write.
 * @param ir a compiled funnel
 * @returns the target's diagnostics, in picklist order (lead statuses, then opportunity stages)
 */
export function checkSalesforce(ir: FunnelIR): TargetDiagnostic[] {
  const model = salesforceModel(ir);
  const out: TargetDiagnostic[] = [];
  valueProblems(model.leadStatuses, "lead_status", out);
  valueProblems(model.opportunityStages, "opportunity_stage", out);
  if (model.leadStatuses.length && !model.leadStatuses.some((v) => v.converted)) {
    const hasOpportunities = model.opportunityStages.length > 0;
    const fix = hasOpportunities
      ? "map the stage where leads are converted to an opportunity stage too, or give a lead " +
        "stage a transition into an opportunity stage"
      : "add a terminal with `outcome won` that the lead stages lead to, or map the opportunity " +
        "stages (`map salesforce opportunity_stage`)";
    const diagnostic = createDiagnostic("salesforce-no-converted-status", {
      format: { funnel: ir.funnel.name, fix },
      file: ir.funnel.loc.file,
      span: NO_SPAN,
    });
    out.push({ diagnostic, loc: ir.funnel.loc });
  }
  out.push(
    ...derivedValues(ir, [
      ...model.leadStatuses.map((v): [PicklistValue, SalesforceObject] => [v, "lead_status"]),
      ...model.opportunityStages.map((v): [PicklistValue, SalesforceObject] => [
        v,
        "opportunity_stage",
      ]),
    ]),
  );
  return out;
}
