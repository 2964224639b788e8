// The `hubspot` target: a folder per funnel with the body of `POST /crm/v3/pipelines/{objectType}`
// for each mapped pipeline object, the ordered lifecycle stages, and a README that tells an admin
// what to create where. Every user text goes through JSON.stringify or Markdown escaping.
import type { FunnelIR } from "../../../core/ir/types.js";
import { targetDiagnostic, type SyncEmitter, type TargetDiagnostic } from "../emitter.js";
import {
  planHubspot,
  probabilityText,
  type HubspotProblem,
  type LifecyclePlan,
  type PipelinePlan,
} from "./plan.js";
import { renderHubspotReadme } from "./readme.js";

/** Where a new pipeline goes among the portal's pipelines: after the default one (0). */
const PIPELINE_DISPLAY_ORDER = 1;

/** A JSON file: two-space indents and a final newline, keys in the order written. */
function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** The request body of `POST /crm/v3/pipelines/{objectType}` (HubSpot's `PipelineInput`). */
function pipelineBody(pipeline: PipelinePlan) {
  return {
    label: pipeline.label,
    displayOrder: PIPELINE_DISPLAY_ORDER,
    stages: pipeline.stages.map((entry, i) => ({
      label: entry.label,
      displayOrder: i,
      // HubSpot's stage metadata holds strings only.
      metadata: {
        ...(entry.probability !== null ? { probability: probabilityText(entry.probability) } : {}),
        isClosed: String(entry.closed),
      },
    })),
  };
}

function lifecycleEntry(entry: LifecyclePlan, i: number) {
  return {
    order: i + 1,
    stage: entry.stage.name,
    label: entry.label,
    value: entry.value,
    kind: entry.kind,
    createFirst: entry.kind === "new",
    derived: entry.derived,
  };
}

/** `lifecycle.json`: the `lifecyclestage` values in funnel order, defaults and custom ones. */
function lifecycleFile(lifecycle: LifecyclePlan[]) {
  return {
    property: "lifecyclestage",
    objects: ["contacts", "companies"],
    kinds: {
      default: "ships with HubSpot; value is its internal name",
      custom: "a custom stage of the portal, by the numeric id HubSpot gave it",
      new: "a custom stage an admin must create first; HubSpot gives it a numeric id (value null)",
      unknown: "not a HubSpot lifecycle value: HubSpot rejects it",
    },
    stages: lifecycle.map(lifecycleEntry),
  };
}

function located(problem: HubspotProblem): TargetDiagnostic {
  switch (problem.kind) {
    case "too-many-stages": {
      const { pipeline, first } = problem;
      return targetDiagnostic("hubspot-too-many-stages", first.map.loc, {
        format: {
          object: pipeline.object,
          limit: pipeline.maxStages,
          count: pipeline.stages.length,
          name: first.stage.name,
        },
      });
    }
    case "label-too-long":
      return targetDiagnostic("hubspot-label-too-long", problem.loc, {
        format: {
          object: problem.object,
          limit: problem.limit,
          label: problem.label,
          length: problem.label.length,
        },
      });
    case "duplicate-label": {
      const derived = !problem.stage.maps.some((m) => m.system === "hubspot");
      return targetDiagnostic("hubspot-duplicate-label", problem.loc, {
        messageId: derived ? "derived" : "default",
        format: {
          other: problem.other.name,
          name: problem.stage.name,
          what: problem.what,
          label: problem.label,
        },
      });
    }
    case "missing-probability":
      return targetDiagnostic("hubspot-missing-probability", problem.entry.map.loc, {
        format: { name: problem.entry.stage.name, value: problem.entry.map.value },
      });
  }
}

/**
 * What HubSpot cannot hold, and the lifecycle stages derived from titles (an info).
 * @param ir a compiled funnel
 * @returns the target's diagnostics, errors first found first
 */
export function diagnoseHubspot(ir: FunnelIR): TargetDiagnostic[] {
  const plan = planHubspot(ir);
  const found = plan.problems.map(located);
  const derived = plan.lifecycle.filter((e) => e.derived);
  if (derived.length) {
    const list = derived
      .map((e) => `\`${e.stage.name}\` → ${e.kind === "new" ? "new custom" : e.value} "${e.label}"`)
      .join(", ");
    found.push(
      targetDiagnostic("hubspot-derived-values", ir.funnel.loc, {
        format: { count: derived.length, funnel: ir.funnel.name, list },
      }),
    );
  }
  return found;
}

export const hubspotEmitter: SyncEmitter = {
  target: "hubspot",
  description:
    "<name>.hubspot/: pipelines/<object>.json (bodies of HubSpot's create-pipeline API), " +
    "lifecycle.json (lifecycle stages in order) and a README of what to set up",
  emit(ir, { baseName }) {
    const plan = planHubspot(ir);
    const folder = `${baseName}.hubspot`;
    return [
      ...plan.pipelines.map((pipeline) => ({
        path: `${folder}/pipelines/${pipeline.object}.json`,
        contents: json(pipelineBody(pipeline)),
      })),
      { path: `${folder}/lifecycle.json`, contents: json(lifecycleFile(plan.lifecycle)) },
      { path: `${folder}/README.md`, contents: renderHubspotReadme(ir, plan) },
    ];
  },
  diagnose: diagnoseHubspot,
  mapsSystem: "hubspot",
};
