// What the emitters of one module's sections share while they generate it: the funnel with the
// numbers given to its events, stages and rules (computed once), and the helpers and constants
// the code asks for, declared once each when the module is put together.
import type { EventIR, FieldIR, FunnelIR, TransitionIR } from "../../../core/ir/types.js";
import { code, join, type Code } from "../code.js";
import type { HelperName } from "./helpers.js";
import { EVERY_MODULE_USES } from "./runtime-roots.js";

/** A transition with its global rule number (its index in RULE_TO / RULE_LOCS). */
export interface NumberedRule {
  id: number;
  rule: TransitionIR;
}

/** Everything the code for one funnel shares while it is generated. */
export interface ModuleBuilder {
  readonly ir: FunnelIR;
  /** The helpers the module uses (helpers.ts); each is declared once, with what it uses. */
  readonly helpers: Set<HelperName>;
  readonly fieldByName: ReadonlyMap<string, FieldIR>;
  readonly scoreNames: ReadonlySet<string>;
  /**
   * Event number: 0 is the built-in `update`; declared events count from 1 (a declared `update`
   * is 0).
   */
  readonly eventNumber: ReadonlyMap<string, number>;
  /** The declared events that carry data (all but `update`). */
  readonly dataEvents: readonly EventIR[];
  /** Every rule: the `from any` ones first, then each stage's own, numbered in that order. */
  readonly rules: readonly TransitionIR[];
  readonly fromAny: readonly NumberedRule[];
  /** Each stage's own rules, by stage number (none for a terminal stage). */
  readonly stageRules: readonly (readonly NumberedRule[])[];
  /** A module-level constant (`const LIT_0 = …`) with this initialiser, made once. */
  constant(init: Code): Code;
  constantDeclarations(): Code;
  /** The declared event called `name` with its number (none for the built-in `update`). */
  dataEvent(eventName: string): { event: EventIR; number: number } | undefined;
  eventNumberOf(eventName: string): number;
  stageNumberOf(stageName: string): number;
}

/**
 * Starts the generation of a funnel's module.
 * @param ir the compiled funnel
 * @returns a builder with no constants yet, and the helpers every module uses
 */
export function createModuleBuilder(ir: FunnelIR): ModuleBuilder {
  const constants = new Map<string, { id: Code; init: Code }>();
  const eventNumber = new Map([["update", 0]]);
  ir.events.forEach((e, i) => {
    if (e.name !== "update") eventNumber.set(e.name, i + 1);
  });
  const stageNumber = new Map(ir.stages.map((s, i) => [s.name, i]));
  const numberOf = (numbers: ReadonlyMap<string, number>, what: string, key: string) => {
    const n = numbers.get(key);
    if (n === undefined)
      throw new Error(`funnelc: unknown ${what} ${JSON.stringify(key)} (the IR is invalid)`);
    return n;
  };
  const eventNumberOf = (eventName: string) => numberOf(eventNumber, "event", eventName);
  const rules: TransitionIR[] = [];
  const numbered = (rule: TransitionIR): NumberedRule => ({ id: rules.push(rule) - 1, rule });
  const fromAny = ir.fromAny.map(numbered);
  const stageRules = ir.stages.map((stage) =>
    stage.kind === "terminal" ? [] : stage.transitions.map(numbered),
  );
  return {
    ir,
    helpers: new Set<HelperName>(EVERY_MODULE_USES),
    fieldByName: new Map(ir.fields.map((field) => [field.name, field])),
    scoreNames: new Set(ir.scores.map((s) => s.name)),
    eventNumber,
    dataEvents: ir.events.filter((e) => e.name !== "update"),
    rules,
    fromAny,
    stageRules,
    constant(init) {
      let entry = constants.get(init.text);
      if (!entry) {
        entry = { id: code`LIT_${constants.size}`, init };
        constants.set(init.text, entry);
      }
      return entry.id;
    },
    constantDeclarations: () =>
      join(
        [...constants.values()].map((c) => code`const ${c.id} = ${c.init};`),
        "\n",
      ),
    dataEvent(eventName) {
      if (eventName === "update") return undefined;
      const event = ir.events.find((e) => e.name === eventName);
      return event ? { event, number: eventNumberOf(eventName) } : undefined;
    },
    eventNumberOf,
    stageNumberOf: (stageName) => numberOf(stageNumber, "stage", stageName),
  };
}
