// The module's tables and state shapes: stage, score and rule tables, the record's and the event
// data's slots, the scratch state shared by all events (no allocation per event), and the lookups
// from event types and stage names to their numbers.
import { code, join, literal, type Code } from "../code.js";
import type { ModuleBuilder } from "./module-builder.js";
import { dataSlot, fieldSlot, scoreSlotsCode, setWords, storageOf, storageType } from "./slots.js";
import { locCode, stringList } from "./values-code.js";

/**
 * The tables, slot types and scratch state.
 * @param module the module being generated
 * @param uses `earned`: some score keeps a mask (EARNED is read); `noData`: an SLA breach
 *   cascades without an event (NO_DATA is read)
 * @returns the declarations
 */
export function tablesSection(
  module: ModuleBuilder,
  uses: { earned: boolean; noData: boolean },
): Code {
  const { ir } = module;
  return code`
    const STAGE_NAMES: readonly Stage[] = ${stringList(ir.stages.map((s) => s.name))};
    const SCORE_NAMES: ReadonlySet<string> = new Set(${stringList(ir.scores.map((s) => s.name))});
    /** Target stage of each rule (\`from any\` rules first, then each stage's own). */
    const RULE_TO: readonly number[] = [${join(
      module.rules.map((rule) => code`${module.stageNumberOf(rule.to)}`),
      ", ",
    )}];
    /** Where each rule is written: the cause of every move it makes. */
    const RULE_LOCS: readonly SourceLocation[] = [
      ${module.rules.map((rule) => code`${locCode(rule.loc)},`)}
    ];

    ${slotTypes(module)}
    ${uses.noData ? code`const NO_DATA: DataSlots = {};` : code``}
    /** The data of the event being applied (one object for all events: no allocation per event). */
    const D: DataSlots = { ${join(
      module.dataEvents.flatMap((e) =>
        e.fields.map((f) => code`${dataSlot(f.name, module.eventNumberOf(e.name))}: undefined`),
      ),
      ", ",
    )} };
    /**
     * The checked \`set\` of the event being applied; SET says which fields it holds (field i: bit
     * i % 31 of word i / 31).
     */
    const C: FieldSlots = { ${join(
      ir.fields.map((f) => code`${fieldSlot(f.name)}: undefined`),
      ", ",
    )} };
    const SET = new Int32Array(${setWords(ir)});
    /**
     * ENTERED[stage] === the running cascade's number: the stage was entered in it (spec §6 step
     * 4).
     */
    const ENTERED = new Float64Array(${Math.max(1, ir.stages.length)});
    let cascadeGen = 0;
    ${
      uses.earned
        ? code`
          /** EARNED[score] === 1: the event's \`on\` rules added points to it. */
          const EARNED = new Uint8Array(${ir.scores.length});
        `
        : code``
    }
    /** The result of the many events that change nothing visible: one shared, frozen object. */
    const APPLIED_NOTHING: ApplyResult = Object.freeze({ status: "applied",
      outcomes: Object.freeze([]) as unknown as Outcome[] });
    const SCRATCH: Outcome[] = [];
  `;
}

/** FieldSlots, RecordState and DataSlots: where a record's values and an event's data sit. */
function slotTypes(module: ModuleBuilder): Code {
  const { ir } = module;
  const fields = ir.fields.map(
    (f) => code`${fieldSlot(f.name)}: ${storageType(storageOf(f.type))} | undefined;`,
  );
  const number = code`number`;
  const scores = ir.scores.map((s) => scoreSlotsCode(s.name, [number, number, number], code`;`));
  const data = module.dataEvents.map((e) =>
    e.fields.map((f) => {
      const slot = dataSlot(f.name, module.eventNumberOf(e.name));
      return code`${slot}?: ${storageType(storageOf(f.type))} | undefined;`;
    }),
  );
  return code`
    /** Record fields, scores (\`s_\`) and points earned by \`on\` rules (\`p_\`). */
    interface FieldSlots {
      ${fields}
    }
    interface RecordState extends FieldSlots {
      stage: number;
      entered: number;
      last: number;
      warned: boolean;
      /** The number of the last entry of its path in the runner's PathLog (-1: none). */
      path: number;
      /**
       * The ids of the events applied at \`last\` (a replay of them is a duplicate;
       * docs/runtime.md).
       */
      ids: string[] | undefined;
      ${scores}
    }
    /** The data of the event being processed, per event (\`e<event number>_<field>\`). */
    interface DataSlots {
      ${data}
    }
  `;
}

/**
 * The lookups of an event type's and a stage's number, and the names "did you mean" offers.
 * @param module the module being generated
 * @returns the declarations
 */
export function lookupsSection(module: ModuleBuilder): Code {
  const { ir } = module;
  const eventCases = [...module.eventNumber].map(
    ([eventName, n]) => code`case ${literal(eventName)}: return ${n};`,
  );
  const eventTypes = stringList(["update", ...ir.events.map((e) => e.name)]);
  return code`
    function eventNumber(type: string): number {
      switch (type) {
        ${eventCases}
        default: return -1;
      }
    }

    function stageNumber(stage: string): number {
      switch (stage) {
        ${ir.stages.map((s, i) => code`case ${literal(s.name)}: return ${i};`)}
        default: return -1;
      }
    }

    /** The record's field names and the event types, for "did you mean". */
    const FIELD_NAMES: readonly string[] = ${stringList(ir.fields.map((f) => f.name))};
    const EVENT_TYPES: readonly string[] = ${eventTypes};
  `;
}
