// What an engine compiles from a funnel's IR and never changes: stages and rules, score rules,
// event kinds and the record layout, built once per IR object and shared by every engine of it.
import type { FunnelIR, TypeIR } from "../core/ir/types.js";
import { coerceJson, type Value } from "../core/values.js";
import {
  compileScoreRules,
  compileStages,
  ruleTable,
  type Rule,
  type ScopeFor,
  type Stage,
} from "./compiled-rules.js";
import { conditionScope, valueSlots } from "./condition-scope.js";
import { eventFieldTypes, eventKindNames, eventKinds, type EventKind } from "./event-kinds.js";
import {
  recordTemplate,
  VALUES_START,
  type RecordLayout,
  type RecordState,
} from "./record-state.js";
import { scoreTables, type ScoreTables } from "./scores.js";

/** Everything the running engine reads about its funnel. */
export interface FunnelTables extends RecordLayout, ScoreTables {
  stages: Stage[];
  stageIndex: ReadonlyMap<string, number>;
  initial: number;
  /** See ruleTable: ruleTable[stage * kindSpan + kind.column]. */
  ruleTable: Rule[][];
  kindSpan: number;
  /** The rule table's column for an SLA's cascade (no event). */
  slaColumn: number;
  /** timedStage[stage] === 1: the stage has an SLA or a warning. */
  timedStage: Uint8Array;
  /** What a new record is copied from (fields at their defaults). */
  template: RecordState;
  kinds: Map<string, EventKind>;
  kindList: EventKind[];
  /** The record slot of each field (not the scores: `set` cannot name them). */
  recordFieldIndex: Map<string, number>;
  /** Each field's declared type, in declared order. */
  fieldTypes: TypeIR[];
  /** The event types, `update` first, and the record fields' names ("did you mean"). */
  typeNames: string[];
  fieldNames: string[];
  scoreNames: Set<string>;
}

/**
 * Kept per IR object so that every engine made from one IR (one per scenario in `funnel test`, a
 * fresh one per benchmark run) shares its tables. V8's optimised code for the engine refers to
 * these objects and their shapes: were they an engine's own, that code would be thrown away
 * ("weak objects") and compiled again whenever an old engine is collected. The engine only reads
 * the IR; the reusable `data` arrays of the kinds are scratch space within one synchronous
 * apply(), so engines can share them.
 */
const tablesByIr = new WeakMap<FunnelIR, FunnelTables>();

/**
 * The tables of a funnel, compiled on first use.
 * @param ir the funnel's IR
 * @returns its tables (the same object for the same IR)
 */
export function funnelTables(ir: FunnelIR): FunnelTables {
  let tables = tablesByIr.get(ir);
  if (tables === undefined) tablesByIr.set(ir, (tables = compileTables(ir)));
  return tables;
}

function compileTables(ir: FunnelIR): FunnelTables {
  const slots = valueSlots(ir, VALUES_START);
  const scoresStart = VALUES_START + ir.fields.length;
  const pointsStart = scoresStart + ir.scores.length;
  const eventTypes = new Map(ir.events.map((e) => [e.name, eventFieldTypes(e)]));
  const eventSlots = dataSlots(eventTypes);
  // Event data lives in arrays, one slot per data field name (any event's): conditions read it
  // by index, so one closure serves every field without megamorphic property access.
  const eventSlot = (name: string): number => {
    let slot = eventSlots.get(name);
    if (slot === undefined) eventSlots.set(name, (slot = eventSlots.size));
    return slot;
  };
  const scopeFor: ScopeFor = (on) =>
    conditionScope(slots, on ? eventTypes.get(on) : undefined, eventSlot);
  const stageIndex = new Map(ir.stages.map((s, i) => [s.name, i]));
  const stages = compileStages(ir, stageIndex, scopeFor);
  const scoreRules = compileScoreRules(ir, scopeFor);
  const kindNames = eventKindNames(ir);
  const kinds = eventKinds(ir, eventSlots, scoreRules);
  const scores = scoreTables(ir, slots.fieldIndex, scoreRules, pointsStart);
  // One object literal (no spread): its properties stay in the object, quick to load.
  return {
    stages,
    stageIndex,
    initial: stageIndex.get(ir.initialStage)!,
    ruleTable: ruleTable(stages, kindNames),
    kindSpan: kindNames.length + 1,
    slaColumn: kindNames.length,
    timedStage: Uint8Array.from(stages, (stage) => (stage.timed ? 1 : 0)),
    scoresStart,
    pointsStart,
    masksStart: pointsStart + ir.scores.length,
    template: recordTemplate(ir.fields.map(fieldDefault), ir.scores.length),
    scoreOrder: scores.scoreOrder,
    whenOnly: scores.whenOnly,
    whenReads: scores.whenReads,
    scoreReads: scores.scoreReads,
    kinds,
    kindList: [...kinds.values()],
    recordFieldIndex: new Map(ir.fields.map((f, i) => [f.name, VALUES_START + i])),
    fieldTypes: ir.fields.map((f) => f.type),
    typeNames: kindNames,
    fieldNames: ir.fields.map((f) => f.name),
    scoreNames: new Set(ir.scores.map((s) => s.name)),
  };
}

/** A slot for every data field name of any event, in declared order. */
function dataSlots(eventTypes: Map<string, Map<string, TypeIR>>): Map<string, number> {
  const eventSlots = new Map<string, number>();
  for (const fields of eventTypes.values())
    for (const name of fields.keys())
      if (!eventSlots.has(name)) eventSlots.set(name, eventSlots.size);
  return eventSlots;
}

/** A field's default as a value of its type (undefined: none, or one that does not coerce). */
function fieldDefault(field: FunnelIR["fields"][number]): Value {
  if (field.default === null) return undefined;
  const coerced = coerceJson(field.default, field.type);
  return coerced.ok ? coerced.value : undefined;
}
