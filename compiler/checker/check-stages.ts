// Stages and their clauses (spec §5): one step per clause kind, then what a whole stage needs (a
// definition and an owner, a warning before its SLA); transitions, including `from any` rules.
import type * as A from "../../grammar/ast.js";
import { spanOf } from "../../grammar/ast.js";
import { OUTCOME_NAMES, TARGET_KINDS } from "../../grammar/tokens.js";
import { createDiagnostic, relatedLocation } from "../../core/diagnostics/diagnostic.js";
import type { StageSymbol } from "../binder.js";
import type { CheckContext } from "./check-context.js";
import { checkExpr } from "./check-conditions.js";
import { checkDuration, durationText } from "./check-durations.js";
import { durationRange } from "./durations.js";
import { resolveEvent, resolveStage, resolveTeam } from "./resolve-names.js";

/** What the check of one stage has seen of its clauses so far. */
interface StageCheck {
  stage: StageSymbol;
  file: string;
  terminal: boolean;
  /** The first clause of each kind that may be given once (a label once per language). */
  once: Map<string, A.StageItemNode>;
  sla?: A.SlaNode;
  warns: A.WarnNode[];
}

/**
 * Checks a transition (a stage's own or a `from any` rule): its target, event and condition.
 * @param ctx the check of this funnel; its facts learn the transitions whose target resolved
 * @param node the transition
 * @param file the file it is written in
 */
export function checkTransition(ctx: CheckContext, node: A.TransitionNode, file: string): void {
  const target = node.target.missing ? undefined : resolveStage(ctx, node.target, file);
  if (target) ctx.facts.validTransitions.add(node);
  const event = node.on && !node.on.missing ? resolveEvent(ctx, node.on, file) : undefined;
  if (!node.on && !node.when && !node.target.missing && !node.incomplete) {
    ctx.report(
      createDiagnostic("transition-without-trigger", {
        format: { name: node.target.name },
        file,
        span: spanOf(node),
      }),
    );
  }
  if (node.when) {
    const ruleContext = {
      file,
      event,
      hasOn: node.on !== undefined,
      onName: node.on?.name,
      incomplete: node.incomplete,
    };
    checkExpr(ctx, node.when, ruleContext, true);
  }
}

/**
 * Checks one stage: each clause, then what the stage as a whole needs.
 * @param ctx the check of this funnel
 * @param stage the stage
 */
export function checkStage(ctx: CheckContext, stage: StageSymbol): void {
  const check: StageCheck = {
    stage,
    file: stage.file,
    terminal: stage.node.stageKind === "terminal",
    once: new Map(),
    warns: [],
  };
  for (const item of stage.node.items) checkStageItem(ctx, check, item);
  checkWarnings(ctx, check);
  if (!check.terminal) checkRequiredClauses(ctx, check);
}

function checkStageItem(ctx: CheckContext, check: StageCheck, item: A.StageItemNode): void {
  switch (item.kind) {
    case "Definition":
      clauseOnce(ctx, check, "definition", "definition", item);
      return;
    case "Owner":
      clauseOnce(ctx, check, "owner", "owner", item);
      if (!item.team.missing) resolveTeam(ctx, item.team, check.file);
      return;
    case "Label":
      clauseOnce(ctx, check, "label:" + item.language.name, `label ${item.language.name}`, item);
      return;
    case "Map":
      return; // check-maps.ts: maps are checked across stages

    case "Outcome":
      checkOutcome(ctx, check, item);
      return;
    case "Transition":
      refuseOnTerminal(ctx, check, item, "a transition");
      checkTransition(ctx, item, check.file);
      return;
    case "Sla":
      checkSla(ctx, check, item);
      return;
    case "Warn":
      checkWarn(ctx, check, item);
      return;
    case "Target":
      checkTarget(ctx, check, item);
      return;
  }
}

/** Reports a clause given twice, keyed by `key`; remembers the first. */
function clauseOnce(
  ctx: CheckContext,
  check: StageCheck,
  key: string,
  clause: string,
  item: A.StageItemNode,
): void {
  if (check.once.has(key)) {
    ctx.report(
      createDiagnostic("duplicate-clause", {
        format: { clause, owner: `stage \`${check.stage.name}\`` },
        file: check.file,
        span: spanOf(item),
      }),
    );
  } else check.once.set(key, item);
}

/** A terminal stage has no way out: no transition, SLA or warning. */
function refuseOnTerminal(
  ctx: CheckContext,
  check: StageCheck,
  item: A.StageItemNode,
  clause: string,
): void {
  if (!check.terminal) return;
  ctx.report(
    createDiagnostic("transition-from-terminal", {
      format: { name: check.stage.name, clause },
      file: check.file,
      span: spanOf(item),
    }),
  );
}

function checkOutcome(ctx: CheckContext, check: StageCheck, item: A.OutcomeNode): void {
  clauseOnce(ctx, check, "outcome", "outcome", item);
  if (!item.value.missing && !(OUTCOME_NAMES as readonly string[]).includes(item.value.name)) {
    ctx.report(
      createDiagnostic("invalid-outcome", {
        format: { name: item.value.name },
        file: check.file,
        span: spanOf(item.value),
      }),
    );
  }
  if (!check.terminal)
    ctx.report(
      createDiagnostic("outcome-on-non-terminal", {
        format: { name: check.stage.name, kind: check.stage.node.stageKind },
        file: check.file,
        span: spanOf(item),
      }),
    );
}

function checkSla(ctx: CheckContext, check: StageCheck, item: A.SlaNode): void {
  const { stage, file } = check;
  refuseOnTerminal(ctx, check, item, "an SLA");
  if (check.sla)
    ctx.report(
      createDiagnostic("duplicate-sla", {
        format: { name: stage.name },
        file,
        span: spanOf(item),
        related: [relatedLocation("slaHere", {}, file, spanOf(check.sla))],
      }),
    );
  else check.sla = item;
  checkDuration(ctx, item.duration, file);
  if (!item.target.missing) {
    const target = resolveStage(ctx, item.target, file);
    if (target === stage)
      ctx.report(
        createDiagnostic("sla-to-own-stage", {
          format: { name: stage.name },
          file,
          span: spanOf(item.target),
        }),
      );
  }
  item.notify.forEach((team) => !team.missing && resolveTeam(ctx, team, file));
}

function checkWarn(ctx: CheckContext, check: StageCheck, item: A.WarnNode): void {
  refuseOnTerminal(ctx, check, item, "a warning");
  checkDuration(ctx, item.duration, check.file);
  item.notify.forEach((team) => !team.missing && resolveTeam(ctx, team, check.file));
  check.warns.push(item);
}

function checkTarget(ctx: CheckContext, check: StageCheck, item: A.TargetNode): void {
  const { file } = check;
  const measure = item.measure.name;
  if (item.measure.missing) return;
  if (!(TARGET_KINDS as readonly string[]).includes(measure)) {
    ctx.report(
      createDiagnostic("invalid-target", {
        format: { name: measure },
        file,
        span: spanOf(item.measure),
      }),
    );
    return;
  }
  clauseOnce(ctx, check, "target:" + measure, `target ${measure}`, item);
  if (measure === "conversion") {
    const value = item.percent?.value;
    if (typeof value !== "number" || value < 0 || value > 100)
      ctx.report(
        createDiagnostic("invalid-target", {
          messageId: "conversion",
          format: {},
          file,
          span: spanOf(item),
        }),
      );
  } else if (!item.duration) {
    ctx.report(
      createDiagnostic("invalid-target", {
        messageId: "velocity",
        format: {},
        file,
        span: spanOf(item),
      }),
    );
  } else checkDuration(ctx, item.duration, file);
}

/** One warning per stage, in a stage with an SLA, and shorter than the SLA. */
function checkWarnings(ctx: CheckContext, check: StageCheck): void {
  const { stage, file, sla, warns } = check;
  for (const extra of warns.slice(1))
    ctx.report(
      createDiagnostic("duplicate-clause", {
        format: { clause: "warn", owner: `stage \`${stage.name}\`` },
        file,
        span: spanOf(extra),
      }),
    );
  const warn = warns[0];
  if (!warn || check.terminal) return;
  if (!sla) {
    ctx.report(createDiagnostic("warn-without-sla", { format: {}, file, span: spanOf(warn) }));
    return;
  }
  const warnRange = durationRange(warn.duration);
  const slaRange = durationRange(sla.duration);
  if (warnRange && slaRange && warnRange.max >= slaRange.min) {
    ctx.report(
      createDiagnostic("warn-not-before-sla", {
        format: { warn: durationText(warn.duration), sla: durationText(sla.duration) },
        file,
        span: spanOf(warn.duration),
        related: [relatedLocation("slaHere", {}, file, spanOf(sla))],
      }),
    );
  }
}

/** What a stage records can be in must have, and the diagnostic for its absence. */
const REQUIRED_CLAUSES = [
  ["definition", "missing-definition"],
  ["owner", "missing-owner"],
] as const;

/** A stage records can be in says what it means and who owns it. */
function checkRequiredClauses(ctx: CheckContext, check: StageCheck): void {
  const { stage, file } = check;
  for (const [clause, missing] of REQUIRED_CLAUSES) {
    if (check.once.has(clause)) continue;
    const span = spanOf(stage.node.name);
    ctx.report(createDiagnostic(missing, { format: { name: stage.name }, file, span }));
  }
}
