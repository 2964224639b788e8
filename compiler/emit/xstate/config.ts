// The `xstate` target's machine config (`<name>.xstate.json`): pure data. Each stage is a state
// (terminals `type: "final"`), every rule an eventless (`always`) transition guarded by a named
// guard, SLAs and warnings `after` named delays; guards, actions and delays are implemented by
// name in the `.xstate.ts` module (module.ts). Names of guards and delays are made here, once.
import type { FunnelIR, SourceLocation, StageIR, TransitionIR } from "../../../core/ir/types.js";

/** The name of the guard of a stage's rule number `n` (1-based); `*` for `from any` rules. */
export const ruleGuardName = (stage: string, n: number): string => `${stage}:${n}`;
/** The name of a stage's SLA delay. */
export const slaDelayName = (stage: string): string => `${stage}:sla`;
/** The name of a stage's warning delay. */
export const warnDelayName = (stage: string): string => `${stage}:warn`;

/**
 * The state key of a stage: its name, except `__proto__`, which XState would turn into the
 * states object's prototype (its configs copy states with plain assignment); `$` is in no name,
 * so `$__proto__` is no other stage's key. Actions name stages by their own names.
 */
export const stateKey = (stage: string): string => (stage === "__proto__" ? "$__proto__" : stage);

/** The event types a funnel takes: the built-in `update`, then the declared ones. */
export function eventTypes(ir: FunnelIR): string[] {
  return ["update", ...ir.events.map((e) => e.name).filter((n) => n !== "update")];
}

/** A rule with the name of its guard. */
export interface NamedRule {
  guard: string;
  rule: TransitionIR;
}

/**
 * The rules a stage's cascade tries, in the engine's order: `from any` first (except those to the
 * stage itself), then the stage's own; none in a terminal stage.
 * @param ir the funnel
 * @param stage one of its stages
 * @returns the rules with their guard names
 */
export function stageRules(ir: FunnelIR, stage: StageIR): NamedRule[] {
  if (stage.kind === "terminal") return [];
  const fromAny = ir.fromAny.flatMap((rule, i) =>
    rule.to === stage.name ? [] : [{ guard: ruleGuardName("*", i + 1), rule }],
  );
  const own = stage.transitions.map((rule, i) => ({
    guard: ruleGuardName(stage.name, i + 1),
    rule,
  }));
  return [...fromAny, ...own];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const loc = (l: SourceLocation): Json => ({ ...l });
/**
 * An object for keys from the funnel: no prototype, so `__proto__` is an own key like any other.
 */
const keyed = (): { [key: string]: Json } => Object.create(null) as { [key: string]: Json };

/**
 * A rule as two eventless transitions: the move when its guard holds and its target was not
 * entered in this cascade, else (its guard holds, the target was entered) the end of the cascade,
 * as the engine stops at the first rule that matches.
 */
function ruleTransitions(stage: StageIR, { guard, rule }: NamedRule): Json[] {
  return [
    {
      target: stateKey(rule.to),
      // A rule back to its own stage enters it again (entry runs, the SLA starts over).
      ...(rule.to === stage.name ? { reenter: true } : {}),
      guard: { type: guard, params: { to: rule.to } },
      actions: [{ type: "move", params: { to: rule.to, rule: loc(rule.loc) } }],
    },
    { guard, actions: "endCascade" },
  ];
}

function stateConfig(ir: FunnelIR, stage: StageIR): Json {
  const state = keyed();
  if (stage.title !== null) state.description = stage.title;
  if (stage.kind === "terminal") state.type = "final";
  state.entry = { type: "enter", params: { stage: stage.name } };
  const rules = stageRules(ir, stage);
  if (rules.length) state.always = rules.flatMap((rule) => ruleTransitions(stage, rule));
  if (stage.kind === "terminal") return state;
  const after = keyed();
  // The SLA first: were both due at once, the breach comes first (the engine records a warning
  // only when it is due strictly before the deadline).
  if (stage.sla) {
    const { to, notify } = stage.sla;
    const rule = loc(stage.sla.loc);
    const params = { stage: stage.name, to, notify, rule };
    after[slaDelayName(stage.name)] = {
      target: stateKey(to),
      ...(to === stage.name ? { reenter: true } : {}),
      actions: [
        { type: "breach", params },
        { type: "breached", params },
        { type: "move", params: { to, rule } },
      ],
    };
  }
  if (stage.warn)
    after[warnDelayName(stage.name)] = {
      actions: [
        {
          type: "warn",
          params: { stage: stage.name, notify: stage.warn.notify, rule: loc(stage.warn.loc) },
        },
        "endCascade",
      ],
    };
  if (Object.keys(after).length) state.after = after;
  return state;
}

/**
 * The machine config of a funnel.
 * @param ir the compiled funnel
 * @returns the config as JSON data (states in the IR's order)
 */
export function machineConfig(ir: FunnelIR): Json {
  const on = keyed();
  for (const type of eventTypes(ir)) on[type] = { actions: "apply" };
  const states = keyed();
  for (const stage of ir.stages) states[stateKey(stage.name)] = stateConfig(ir, stage);
  return { id: ir.funnel.name, initial: stateKey(ir.initialStage), on, states };
}
