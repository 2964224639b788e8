// The README.md of the `hubspot` target's folder: what an admin creates where, in order — custom
// lifecycle stages, then the pipelines, then the workflows for backward moves (HubSpot's
// lifecycle stage only moves forward) and for owners and SLAs, which pipelines have no field for.
import type { FunnelIR } from "../../../core/ir/types.js";
import { describeDuration } from "../../../core/durations.js";
import { describeFunnel, readDocOptions } from "../doc-model.js";
import { createEnglishContext, describeTrigger } from "../english.js";
import { code, escapeMarkdown, table } from "../markdown.js";
import {
  probabilityText,
  type HubspotPlan,
  type LifecyclePlan,
  type PipelinePlan,
} from "./plan.js";

const EMPTY = "—";

const WHAT_TO_DO: Record<LifecyclePlan["kind"], string> = {
  default: "nothing: HubSpot has it",
  custom: "check that the portal has a custom stage with this id",
  new: "**create** this custom stage, then map the stage to its id",
  unknown: "**fix the map**: HubSpot rejects this value (FN2013)",
};

function lifecycleSection(plan: HubspotPlan): string[] {
  const rows = plan.lifecycle.map((entry, i) => [
    String(i + 1),
    escapeMarkdown(entry.label),
    entry.value === null ? "(id given by HubSpot)" : code(entry.value),
    `${code(entry.stage.name)}${entry.derived ? " (derived from its title)" : ""}`,
    WHAT_TO_DO[entry.kind],
  ]);
  const creating = plan.lifecycle.some((e) => e.kind === "new");
  return [
    "## 1. Lifecycle stages (contacts and companies)",
    "",
    "The `lifecyclestage` property of contacts and companies takes these values, in this order " +
      "(`lifecycle.json`). Order the custom stages the same way in HubSpot (Settings → Objects → " +
      "Contacts → Lifecycle stage).",
    "",
    ...(plan.lifecycle.length
      ? table(
          ["#", "HubSpot label", "Internal value", "Funnel stage", "What to do"],
          ["right", "left", "left", "left", "left"],
          rows,
        )
      : ["No stage maps to a lifecycle stage."]),
    "",
    ...(creating
      ? [
          "Custom lifecycle stages get a numeric internal id from HubSpot when they are created; " +
            "records store that id, not the label. After creating one, copy its internal value " +
            'and write it on the stage: `map hubspot "<id>"`, so the next build uses it.',
          "",
        ]
      : []),
  ];
}

function pipelineSection(pipeline: PipelinePlan, step: number): string[] {
  const rows = pipeline.stages.map((entry, i) => [
    String(i),
    escapeMarkdown(entry.label),
    code(entry.stage.name),
    entry.probability === null ? EMPTY : probabilityText(entry.probability),
    entry.closed ? "yes" : "no",
  ]);
  const deal = pipeline.object === "deal";
  return [
    `## ${step}. The ${pipeline.object} pipeline`,
    "",
    `Create it with \`POST /crm/v3/pipelines/${pipeline.objectType}\` and the body ` +
      `\`pipelines/${pipeline.object}.json\` (or by hand in Settings → Objects → ` +
      `${deal ? "Deals" : "Leads"} → Pipelines). HubSpot allows ${pipeline.maxStages} stages in ` +
      `a ${pipeline.object} pipeline; this one has ${pipeline.stages.length}.`,
    "",
    ...table(
      ["Order", "Stage label", "Funnel stage", "Probability", "Closed"],
      ["right", "left", "left", "right", "left"],
      deal ? rows : rows.map((r) => [r[0], r[1], r[2], EMPTY, r[4]]),
    ),
    "",
  ];
}

function backwardSection(ir: FunnelIR, plan: HubspotPlan, step: number): string[] {
  if (!plan.backward.length) return [];
  const context = createEnglishContext(ir);
  const rows = plan.backward.map((move) => [
    escapeMarkdown(`${move.from.label} (${move.from.stage.name})`),
    escapeMarkdown(`${move.to.label} (${move.to.stage.name})`),
    escapeMarkdown(
      move.transition
        ? describeTrigger(move.transition, context)
        : `after ${describeDuration(move.sla!.after)} (SLA)`,
    ),
  ]);
  return [
    `## ${step}. Workflows for backward moves`,
    "",
    "HubSpot's lifecycle stage only moves forward: setting an earlier stage is ignored. For each " +
      "move below, the workflow must first clear the `lifecyclestage` property (set it to empty), " +
      "then set the earlier stage.",
    "",
    ...table(["From", "Back to", "When"], ["left", "left", "left"], rows),
    "",
  ];
}

function ownersSection(ir: FunnelIR, step: number): string[] {
  const doc = describeFunnel(ir, readDocOptions(undefined));
  const rows = doc.stages
    .filter((s) => s.owner !== null || s.sla !== null || s.warn !== null)
    .map((s) => [
      `${escapeMarkdown(s.title)} (${code(s.name)})`,
      s.owner === null ? EMPTY : escapeMarkdown(s.owner),
      s.sla === null ? EMPTY : escapeMarkdown(s.sla),
      s.warn === null ? EMPTY : escapeMarkdown(s.warn),
    ]);
  if (!rows.length) return [];
  return [
    `## ${step}. Workflows for owners and SLAs`,
    "",
    "Pipelines and lifecycle stages have no field for an owner or a time limit, so HubSpot " +
      "workflows must carry them: assign the owner when a record enters the stage, and a delay " +
      "that moves it on (or notifies) when it stays too long.",
    "",
    ...table(["Stage", "Owner", "SLA", "Warning"], ["left", "left", "left", "left"], rows),
    "",
  ];
}

/**
 * The folder's README: what to create where, in order.
 * @param ir the compiled funnel
 * @param plan its HubSpot plan (planHubspot)
 * @returns Markdown, every user text escaped
 */
export function renderHubspotReadme(ir: FunnelIR, plan: HubspotPlan): string {
  const title = ir.funnel.title ?? ir.funnel.name;
  let step = 2;
  const lines = [
    `# HubSpot setup: ${escapeMarkdown(title)}`,
    "",
    `Generated by funnelc from ${code(ir.source)}; do the steps in order.`,
    "",
    ...lifecycleSection(plan),
    ...plan.pipelines.flatMap((pipeline) => pipelineSection(pipeline, step++)),
  ];
  const backward = backwardSection(ir, plan, step);
  if (backward.length) step++;
  lines.push(...backward, ...ownersSection(ir, step));
  return lines.join("\n").replace(/\n+$/, "\n");
}
