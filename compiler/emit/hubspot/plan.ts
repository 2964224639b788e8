// What the `hubspot` target puts into HubSpot, worked out once from the IR: the pipelines (one per
// mapped pipeline object), the ordered lifecycle stages (mapped or derived from titles), the
// backward moves and what HubSpot cannot hold. The JSON files, the README and the build's
// diagnostics are all rendered from this plan, so they cannot disagree.
import type { FunnelIR, SourceLocation, StageIR, StageMapIR } from "../../../core/ir/types.js";
import {
  HUBSPOT_LIFECYCLE_STAGES,
  isNumericStageId,
  mapObjectName,
} from "../../../core/vendors.js";
import { humanizeName } from "../english.js";

/** HubSpot's pipeline objects funnelc writes, with the most stages a pipeline of each may have. */
export const HUBSPOT_PIPELINES = [
  { object: "deal", objectType: "deals", maxStages: 100 },
  { object: "lead", objectType: "leads", maxStages: 30 },
] as const;

/** The longest pipeline label HubSpot accepts (its pipelines API documents 36 characters). */
export const MAX_PIPELINE_LABEL = 36;

/** One stage of a pipeline, in funnel order. */
export interface PipelineStagePlan {
  stage: StageIR;
  map: StageMapIR;
  /** What HubSpot shows and stores: the mapped value. */
  label: string;
  /** The win probability 0–1 (deal pipelines), or null when the stage has none. */
  probability: number | null;
  /** Terminal stages are closed stages. */
  closed: boolean;
}

/** A pipeline to create with `POST /crm/v3/pipelines/{objectType}`. */
export interface PipelinePlan {
  object: (typeof HUBSPOT_PIPELINES)[number]["object"];
  objectType: string;
  maxStages: number;
  label: string;
  stages: PipelineStagePlan[];
}

/**
 * How a lifecycle value exists in HubSpot: `default` ships with HubSpot; `custom` is a custom
 * stage's numeric id (it exists in the portal); `new` is a custom stage an admin must create
 * (HubSpot then gives it a numeric id); `unknown` is a value HubSpot would reject (FN2013).
 */
export type LifecycleKind = "default" | "custom" | "new" | "unknown";

/** One `lifecyclestage` value, in funnel order. */
export interface LifecyclePlan {
  stage: StageIR;
  /** The internal value HubSpot stores; null for a `new` stage, whose id HubSpot assigns. */
  value: string | null;
  /** What HubSpot shows: its own label for a default stage, else the stage's title. */
  label: string;
  kind: LifecycleKind;
  /** Whether the value was derived from the title (the stage has no `map hubspot`). */
  derived: boolean;
  /** The written map, or null when derived. */
  map: StageMapIR | null;
}

/** A transition to a stage earlier in the lifecycle order: HubSpot only moves forward. */
export interface BackwardMove {
  from: LifecyclePlan;
  to: LifecyclePlan;
  /** The transition's trigger, or null for an SLA (then `after` holds its duration). */
  transition: { on: string | null; when: StageIR["transitions"][number]["when"] } | null;
  sla: StageIR["sla"];
}

/** Something HubSpot cannot hold, reported by `funnel build -t hubspot`. */
export type HubspotProblem =
  | { kind: "too-many-stages"; pipeline: PipelinePlan; first: PipelineStagePlan }
  | {
      kind: "label-too-long";
      object: string;
      label: string;
      limit: number;
      loc: SourceLocation;
    }
  | {
      kind: "duplicate-label";
      what: string;
      label: string;
      stage: StageIR;
      other: StageIR;
      loc: SourceLocation;
    }
  | { kind: "missing-probability"; entry: PipelineStagePlan };

export interface HubspotPlan {
  pipelines: PipelinePlan[];
  lifecycle: LifecyclePlan[];
  backward: BackwardMove[];
  problems: HubspotProblem[];
}

/** The stage's own name for people: its title, else its name in words. */
export function stageTitle(stage: StageIR): string {
  return stage.title ?? humanizeName(stage.name);
}

/** A probability as HubSpot's metadata writes it: "0.0" to "1.0" (one decimal at least). */
export function probabilityText(probability: number): string {
  return Number.isInteger(probability) ? probability.toFixed(1) : String(probability);
}

const sameLabel = (label: string) => label.trim().toLowerCase();

function hubspotMaps(stage: StageIR, object: string): StageMapIR | undefined {
  return stage.maps.find(
    (m) => m.system === "hubspot" && mapObjectName("hubspot", m.object ?? undefined) === object,
  );
}

function planPipeline(ir: FunnelIR, spec: (typeof HUBSPOT_PIPELINES)[number]): PipelinePlan {
  const stages: PipelineStagePlan[] = [];
  for (const stage of ir.stages) {
    const map = hubspotMaps(stage, spec.object);
    if (!map) continue;
    const closed = stage.kind === "terminal";
    // A won terminal is certain and a lost one hopeless, whatever was written (FN3012 warns).
    const fixed = stage.outcome === "won" ? 1 : stage.outcome === "lost" ? 0 : null;
    const written = map.probability === null ? null : map.probability / 100;
    const probability =
      spec.object === "deal" ? (closed && fixed !== null ? fixed : written) : null;
    stages.push({ stage, map, label: map.value, probability, closed });
  }
  const label = ir.funnel.title ?? humanizeName(ir.funnel.name);
  return { ...spec, label, stages };
}

function planLifecycleStage(stage: StageIR): LifecyclePlan | undefined {
  const map = hubspotMaps(stage, "lifecycle");
  if (map) {
    const known = HUBSPOT_LIFECYCLE_STAGES.find((v) => v.name === map.value);
    if (known)
      return { stage, value: map.value, label: known.label!, kind: "default", derived: false, map };
    const kind = isNumericStageId(map.value) ? "custom" : "unknown";
    return { stage, value: map.value, label: stageTitle(stage), kind, derived: false, map };
  }
  // Mapped to a deal or lead stage only: that is where HubSpot tracks it, not in the lifecycle.
  if (stage.maps.some((m) => m.system === "hubspot")) return undefined;
  // Derived: a title HubSpot already has (say "Opportunity") is that default stage.
  const title = stageTitle(stage);
  const known = HUBSPOT_LIFECYCLE_STAGES.find(
    (v) => sameLabel(v.label!) === sameLabel(title) || v.name === sameLabel(title),
  );
  if (known)
    return {
      stage,
      value: known.name,
      label: known.label!,
      kind: "default",
      derived: true,
      map: null,
    };
  return { stage, value: null, label: title, kind: "new", derived: true, map: null };
}

/** Where a stage's entry was written: its map, or the stage itself when derived. */
function locOf(stage: StageIR, map: StageMapIR | null): SourceLocation {
  return map?.loc ?? stage.loc;
}

function duplicates(
  what: string,
  entries: { stage: StageIR; key: string | null; label: string; map: StageMapIR | null }[],
): HubspotProblem[] {
  const seen = new Map<string, StageIR>();
  const problems: HubspotProblem[] = [];
  for (const { stage, key, label, map } of entries) {
    if (key === null) continue;
    const other = seen.get(key);
    if (other)
      problems.push({ kind: "duplicate-label", what, label, stage, other, loc: locOf(stage, map) });
    else seen.set(key, stage);
  }
  return problems;
}

function findBackwardMoves(ir: FunnelIR, lifecycle: LifecyclePlan[]): BackwardMove[] {
  const index = new Map(lifecycle.map((entry, i) => [entry.stage.name, i]));
  const moves: BackwardMove[] = [];
  for (const from of lifecycle) {
    const i = index.get(from.stage.name)!;
    const leaves = from.stage.kind === "terminal" ? [] : [...ir.fromAny, ...from.stage.transitions];
    for (const transition of leaves) {
      const j = index.get(transition.to);
      if (j !== undefined && j < i && lifecycle[j].value !== from.value)
        moves.push({ from, to: lifecycle[j], transition, sla: null });
    }
    const sla = from.stage.sla;
    const j = sla ? index.get(sla.to) : undefined;
    if (sla && j !== undefined && j < i)
      moves.push({ from, to: lifecycle[j], transition: null, sla });
  }
  return moves;
}

/**
 * Works out what the funnel becomes in HubSpot.
 * @param ir a compiled funnel
 * @returns its pipelines, lifecycle stages, backward moves and the problems HubSpot would refuse
 */
export function planHubspot(ir: FunnelIR): HubspotPlan {
  const pipelines = HUBSPOT_PIPELINES.map((spec) => planPipeline(ir, spec)).filter(
    (p) => p.stages.length > 0,
  );
  const lifecycle = ir.stages.map(planLifecycleStage).filter((e) => e !== undefined);
  const problems: HubspotProblem[] = [];
  for (const pipeline of pipelines) {
    if (pipeline.label.length > MAX_PIPELINE_LABEL)
      problems.push({
        kind: "label-too-long",
        object: pipeline.object,
        label: pipeline.label,
        limit: MAX_PIPELINE_LABEL,
        loc: ir.funnel.loc,
      });
    if (pipeline.stages.length > pipeline.maxStages)
      problems.push({
        kind: "too-many-stages",
        pipeline,
        first: pipeline.stages[pipeline.maxStages],
      });
    for (const entry of pipeline.stages)
      if (pipeline.object === "deal" && entry.probability === null)
        problems.push({ kind: "missing-probability", entry });
    problems.push(
      ...duplicates(
        `${pipeline.object} pipeline stage`,
        pipeline.stages.map((e) => ({ ...e, key: sameLabel(e.label) })),
      ),
    );
  }
  problems.push(
    ...duplicates(
      "lifecycle stage",
      lifecycle.map((e) => ({ ...e, key: e.kind === "new" ? sameLabel(e.label) : e.value })),
    ),
  );
  return { pipelines, lifecycle, backward: findBackwardMoves(ir, lifecycle), problems };
}
