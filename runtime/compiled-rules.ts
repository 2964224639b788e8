// A funnel's rules as the engine runs them: stages with their transitions and SLAs, score rules,
// and the table of the transitions that can fire per stage and event kind.
import type { DurationIR, FunnelIR, SourceLocation } from "../core/ir/types.js";
import type { Condition, ConditionScope } from "./conditions.js";
import { compileRuleCondition } from "./condition-scope.js";

/** A transition: to stage `to`, on an event of type `on` (null: any or none), when `when` holds. */
export interface Rule {
  to: number;
  on: string | null;
  when: Condition | null;
  loc: SourceLocation;
}

/** A stage as the engine runs it; a terminal stage has no rules, SLA or warning. */
export interface Stage {
  name: string;
  /** Its transitions in order: `from any` first (except those to itself), then its own. */
  rules: Rule[];
  /** Whether the stage has an SLA or a warning (runSlas has something to do). */
  timed: boolean;
  sla: { after: DurationIR; to: number; notify: string[]; loc: SourceLocation } | null;
  warn: { after: DurationIR; notify: string[]; loc: SourceLocation } | null;
}

/** A score rule: `points` when an event of type `on` (null: any change) comes and `when` holds. */
export interface ScoreRule {
  points: number;
  on: string | null;
  when: Condition | null;
}

/** The scope of the conditions of rules that wait for the event `on` (null: no event). */
export type ScopeFor = (on: string | null) => ConditionScope;

/**
 * The funnel's stages with their compiled rules.
 * @param ir the funnel
 * @param stageIndex each stage's index by name
 * @param scopeFor the condition scope for a rule's `on`
 * @returns the stages, in ir.stages order
 */
export function compileStages(
  ir: FunnelIR,
  stageIndex: ReadonlyMap<string, number>,
  scopeFor: ScopeFor,
): Stage[] {
  const transition = (t: FunnelIR["fromAny"][number]): Rule => ({
    to: stageIndex.get(t.to)!,
    on: t.on,
    when: compileRuleCondition(t.when, scopeFor(t.on)),
    loc: t.loc,
  });
  const fromAny = ir.fromAny.map(transition);
  return ir.stages.map((s, i) => {
    const terminal = s.kind === "terminal";
    return {
      name: s.name,
      rules: terminal
        ? []
        : [...fromAny.filter((r) => r.to !== i), ...s.transitions.map(transition)],
      timed: (!!s.sla || !!s.warn) && !terminal,
      sla:
        s.sla && !terminal
          ? {
              after: s.sla.after,
              to: stageIndex.get(s.sla.to)!,
              notify: s.sla.notify,
              loc: s.sla.loc,
            }
          : null,
      warn:
        s.warn && !terminal
          ? { after: s.warn.after, notify: s.warn.notify, loc: s.warn.loc }
          : null,
    };
  });
}

/**
 * Every score's rules, compiled.
 * @param ir the funnel
 * @param scopeFor the condition scope for a rule's `on`
 * @returns per score (ir.scores order), its rules in written order
 */
export function compileScoreRules(ir: FunnelIR, scopeFor: ScopeFor): ScoreRule[][] {
  return ir.scores.map((score) =>
    score.rules.map((r) => ({
      points: r.points,
      on: r.on,
      when: compileRuleCondition(r.when, scopeFor(r.on)),
    })),
  );
}

/**
 * The rules that can fire per stage and event kind, in one flat table (one load per cascade step):
 * table[stage * (kinds + 1) + kind] holds the stage's rules `on` that kind or with no `on`, in
 * order; column `kinds` (after the last kind) those with no `on`, for an SLA's cascade (no event).
 * Built once, so the cascade tests no `on`.
 * @param stages the compiled stages
 * @param kindNames the event kinds' names, in column order
 * @returns the table
 */
export function ruleTable(stages: Stage[], kindNames: string[]): Rule[][] {
  return stages.flatMap((stage) => [
    ...kindNames.map((name) => stage.rules.filter((r) => r.on === null || r.on === name)),
    stage.rules.filter((r) => r.on === null),
  ]);
}
