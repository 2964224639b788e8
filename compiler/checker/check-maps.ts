// The `map` clauses of all stages (spec §9.6), against the one table of known systems in
// core/vendors.ts: the object, `probability` and `forecast` of each map, HubSpot lifecycle values,
// probabilities that contradict the stage's outcome, and values mapped twice (in one stage or by
// two stages of one object).
import type * as A from "../../grammar/ast.js";
import { spanOf } from "../../grammar/ast.js";
import {
  createDiagnostic,
  relatedLocation,
  type Diagnostic,
  type Span,
} from "../../core/diagnostics/diagnostic.js";
import { suggestName } from "../../core/suggest.js";
import {
  FORECAST_CATEGORIES,
  isNumericStageId,
  mapObjectName,
  VENDOR_SYSTEMS,
  vendorObject,
  vendorSystem,
  type VendorObject,
} from "../../core/vendors.js";
import type { StageSymbol } from "../binder.js";
import type { CheckContext } from "./check-context.js";

/** A map already seen, by system, object and value. */
interface SeenMap {
  stage: StageSymbol;
  node: A.MapNode;
}

/**
 * Checks every stage's maps, then that no value of one object names two stages.
 * @param ctx the check of this funnel
 * @param stages the funnel's stages, in declaration order
 */
export function checkMaps(ctx: CheckContext, stages: readonly StageSymbol[]): void {
  const byValue = new Map<string, SeenMap>();
  for (const stage of stages) {
    const objects = new Set<string>();
    for (const item of stage.node.items) {
      if (item.kind !== "Map" || item.system.missing) continue;
      const object = mapObjectName(item.system.name, item.object?.name);
      const target = object === null ? item.system.name : `${item.system.name} ${object}`;
      if (objects.has(target)) {
        ctx.report(
          createDiagnostic("duplicate-clause", {
            format: { clause: `map ${target}`, owner: `stage \`${stage.name}\`` },
            file: stage.file,
            span: spanOf(item),
          }),
        );
        continue;
      }
      objects.add(target);
      checkMap(ctx, stage, item, target);
      checkMappedOnce(ctx, byValue, { stage, node: item }, target);
    }
  }
}

/** One map: its object, probability, forecast and value. */
function checkMap(ctx: CheckContext, stage: StageSymbol, node: A.MapNode, target: string): void {
  const system = vendorSystem(node.system.name);
  if (!system) {
    checkProbabilityRange(ctx, stage, node);
    return;
  }
  const object = vendorObject(system.name, mapObjectName(system.name, node.object?.name));
  if (!object) {
    const written = node.object!;
    if (written.missing) return;
    const known = system.objects.map((o) => o.name);
    const format = { system: system.name, name: written.name };
    reportUnknown(ctx, "unknown-map-object", format, known, stage.file, spanOf(written));
    return;
  }
  if (object.pipeline) {
    if (checkProbabilityRange(ctx, stage, node)) checkProbabilityOutcome(ctx, stage, node, target);
    if (node.forecast) checkForecast(ctx, stage, node.forecast);
  } else {
    refuseOption(ctx, stage, target, "probability", node.probability);
    refuseOption(ctx, stage, target, "forecast", node.forecast);
  }
  checkKnownValue(ctx, stage, node.value, object);
}

/** `probability` and `forecast` only on objects whose stages have them. */
function refuseOption(
  ctx: CheckContext,
  stage: StageSymbol,
  target: string,
  clause: "probability" | "forecast",
  node: A.LiteralNode | A.NameNode | undefined,
): void {
  if (!node) return;
  const allowed = VENDOR_SYSTEMS.flatMap((s) =>
    s.objects.filter((o) => o.pipeline).map((o) => `${s.name} ${o.name}`),
  );
  ctx.report(
    createDiagnostic("map-option-not-allowed", {
      format: { target, clause, allowed: andList(allowed) },
      file: stage.file,
      span: spanOf(node),
    }),
  );
}

/** A probability is 0%–100%; returns whether there is one in range. */
function checkProbabilityRange(ctx: CheckContext, stage: StageSymbol, node: A.MapNode): boolean {
  const probability = node.probability;
  if (!probability || typeof probability.value !== "number") return false;
  if (probability.value >= 0 && probability.value <= 100) return true;
  ctx.report(
    createDiagnostic("invalid-probability", {
      format: { value: probability.raw },
      file: stage.file,
      span: spanOf(probability),
    }),
  );
  return false;
}

/** Won terminals are 100%, lost ones 0%, stages a record can leave neither. */
function checkProbabilityOutcome(
  ctx: CheckContext,
  stage: StageSymbol,
  node: A.MapNode,
  target: string,
): void {
  const probability = node.probability!;
  const value = probability.value as number;
  const outcome = outcomeOf(stage);
  const messageId =
    outcome === "won"
      ? value === 100
        ? undefined
        : "won"
      : outcome === "lost"
        ? value === 0
          ? undefined
          : "lost"
        : outcome === "open" && (value === 0 || value === 100)
          ? "default"
          : undefined;
  if (messageId === undefined) return;
  ctx.report(
    createDiagnostic("probability-contradicts-outcome", {
      messageId,
      format: { name: stage.name, target, value: probability.raw },
      file: stage.file,
      span: spanOf(probability),
    }),
  );
}

/** `won`/`lost` for terminals of that outcome, `open` for stages a record can leave. */
function outcomeOf(stage: StageSymbol): "won" | "lost" | "open" | "other" {
  if (stage.node.stageKind !== "terminal") return "open";
  const outcome = stage.node.items.find((item) => item.kind === "Outcome");
  const name = outcome?.kind === "Outcome" ? outcome.value.name : undefined;
  return name === "won" || name === "lost" ? name : "other";
}

function checkForecast(ctx: CheckContext, stage: StageSymbol, forecast: A.NameNode): void {
  const known = FORECAST_CATEGORIES.map((c) => c.name);
  if (forecast.missing || known.includes(forecast.name)) return;
  const format = { name: forecast.name };
  reportUnknown(ctx, "unknown-forecast-category", format, known, stage.file, spanOf(forecast));
}

/** A value of an object with a fixed list (HubSpot lifecycle stages) is one of them or an id. */
function checkKnownValue(
  ctx: CheckContext,
  stage: StageSymbol,
  value: A.StringNode,
  object: VendorObject,
): void {
  if (!object.values) return;
  const known = object.values.map((v) => v.name);
  if (known.includes(value.value)) return;
  if (object.numericIds && isNumericStageId(value.value)) return;
  const format = { value: value.value, name: value.value };
  reportUnknown(ctx, "unknown-lifecycle-stage", format, known, stage.file, spanOf(value));
}

/** Each value of one system's object names one stage. */
function checkMappedOnce(
  ctx: CheckContext,
  byValue: Map<string, SeenMap>,
  map: SeenMap,
  target: string,
): void {
  const value = map.node.value.value;
  const key = JSON.stringify([target, value]);
  const first = byValue.get(key);
  if (!first) {
    byValue.set(key, map);
    return;
  }
  ctx.report(
    createDiagnostic("duplicate-map-value", {
      format: { name: map.stage.name, target, value, other: first.stage.name },
      file: map.stage.file,
      span: spanOf(map.node.value),
      related: [
        relatedLocation(
          "mappedHere",
          { name: first.stage.name },
          first.stage.file,
          spanOf(first.node.value),
        ),
      ],
    }),
  );
}

/** The map diagnostics of something unknown: each has a `didYouMean` message. */
type UnknownInMap = "unknown-map-object" | "unknown-forecast-category" | "unknown-lifecycle-stage";
const createUnknown = createDiagnostic as (
  name: UnknownInMap,
  options: {
    messageId: "default" | "didYouMean";
    format: Record<string, string>;
    file: string;
    span: Span;
    suggestion?: string;
  },
) => Diagnostic;

/**
 * Reports a name or value not in `known`, with "did you mean" when one is close, else the list.
 * @param format the message's parameters; `name` is what was written
 */
function reportUnknown(
  ctx: CheckContext,
  diagnostic: UnknownInMap,
  format: { name: string } & Record<string, string>,
  known: readonly string[],
  file: string,
  span: Span,
): void {
  const suggestion = suggestName(format.name, known);
  ctx.report(
    createUnknown(diagnostic, {
      messageId: suggestion === undefined ? "default" : "didYouMean",
      format: { ...format, known: orList(known), suggestion: suggestion ?? "" },
      file,
      span,
      suggestion,
    }),
  );
}

/** "`a`, `b` or `c`" */
function orList(names: readonly string[]): string {
  return joinLast(names, " or ");
}

/** "`a`, `b` and `c`" */
function andList(names: readonly string[]): string {
  return joinLast(names, " and ");
}

function joinLast(names: readonly string[], last: string): string {
  const quoted = names.map((n) => "`" + n + "`");
  return quoted.length < 2
    ? quoted.join("")
    : quoted.slice(0, -1).join(", ") + last + quoted[quoted.length - 1];
}
