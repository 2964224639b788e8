// Transitions (spec §6 step 4): per stage, the rules that may fire as one `if` chain in a
// `switch` on the stage (the `from any` ones first); entering a stage, and the cascade that
// fires rules until none matches or a stage would be entered twice.
import type { TransitionIR } from "../../../core/ir/types.js";
import { code, name, type Code } from "../code.js";
import { all, conditionCode } from "./conditions.js";
import type { ModuleBuilder } from "./module-builder.js";

/**
 * firstRule: the number of the rule that fires from the record's stage, -1 when none.
 * @param module the module being generated
 * @returns the function's declaration
 */
export function firstRuleCode(module: ModuleBuilder): Code {
  const { ir } = module;
  let usesData = false;
  let usesEvent = false;
  const ruleTest = (rule: TransitionIR): Code => {
    const scope = { module, on: rule.on, usesData: { value: false } };
    const when = rule.when ? conditionCode(rule.when, scope) : null;
    usesData ||= scope.usesData.value;
    if (rule.on !== null) usesEvent = true;
    return all([rule.on !== null ? code`ev === ${module.eventNumberOf(rule.on)}` : null, when]);
  };
  const cases = ir.stages.flatMap((stage, i) => {
    if (stage.kind === "terminal") return [];
    const candidates = [
      ...module.fromAny.filter((r) => r.rule.to !== stage.name),
      ...module.stageRules[i]!,
    ];
    if (!candidates.length) return [];
    return code`
      case ${i}: // ${name(stage.name)}
        ${candidates.map((r) => code`if (${ruleTest(r.rule)}) return ${r.id};`)}
        return -1;
    `;
  });
  return code`
    /**
     * The rule that fires from the record's stage for event \`ev\` (-1: no event); -1 when none.
     */
    function firstRule(r: RecordState, ${usesEvent ? code`ev` : code`_ev`}: number,
      ${usesData ? code`d` : code`_d`}: DataSlots): number {
      switch (r.stage) {
        ${cases}
        default:
          return -1;
      }
    }
  `;
}

/**
 * enter and cascade: a move, and the moves rules make after an event or a breach.
 * @returns the functions' declarations (the same in every module)
 */
export function cascadeCode(): Code {
  return code`
    function enter(id: string, r: RecordState, to: number, at: number, cause: Cause,
      out: Outcome[], paths: PathLog): void {
      out.push({ type: "moved", record: id, from: STAGE_NAMES[r.stage]!, to: STAGE_NAMES[to]!,
        at: formatInstant(at), cause });
      r.stage = to;
      r.entered = at;
      r.warned = false;
      r.path = paths.add(to, at, r.path);
    }

    /** Spec §6 step 4: the first rule that matches fires; repeat; never enter a stage twice. */
    function cascade(id: string, r: RecordState, at: number, ev: number,
      eventType: EventType | null, eventId: string | null, d: DataSlots, gen: number,
      out: Outcome[], paths: PathLog): void {
      for (;;) {
        const rule = firstRule(r, ev, d);
        if (rule < 0) return;
        const to = RULE_TO[rule]!;
        if (ENTERED[to] === gen) return;
        ENTERED[to] = gen;
        const loc = RULE_LOCS[rule]!;
        enter(id, r, to, at, eventType === null ? { kind: "sla", rule: loc }
          : { kind: "event", event: eventId, eventType, rule: loc }, out, paths);
      }
    }
  `;
}
