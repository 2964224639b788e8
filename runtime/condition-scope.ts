// Where a funnel's conditions find what they read: the slot and declared type of every field and
// score, and the declared types of an event's data. One for the engine and for explain, so that
// both compile a condition alike.
import type { ExprIR, FunnelIR, TypeIR } from "../core/ir/types.js";
import { compileCondition, type Condition, type ConditionScope } from "./conditions.js";

/** The slot and type of every field and score: fields first, in declared order, then scores. */
export interface ValueSlots {
  fieldIndex: Map<string, number>;
  fieldTypes: Map<string, TypeIR>;
}

/**
 * Slots for a funnel's fields and then its scores, counted from `start`.
 * @param ir the funnel
 * @param start the slot of the first field
 * @returns each name's slot and declared type (a score's is a number)
 */
export function valueSlots(ir: FunnelIR, start: number): ValueSlots {
  const fieldIndex = new Map<string, number>();
  const fieldTypes = new Map<string, TypeIR>();
  for (const field of ir.fields) {
    fieldIndex.set(field.name, start + fieldIndex.size);
    fieldTypes.set(field.name, field.type);
  }
  for (const score of ir.scores) {
    fieldIndex.set(score.name, start + fieldIndex.size);
    fieldTypes.set(score.name, { kind: "number" });
  }
  return { fieldIndex, fieldTypes };
}

/**
 * The scope of the conditions of rules that wait for one event type (or for none).
 * @param slots the fields' and scores' slots and types
 * @param eventFields the declared data fields of the event, by name (undefined: no event)
 * @param eventSlot when given, event data comes as an array read by slot (see ConditionScope)
 * @returns the scope compileCondition reads
 */
export function conditionScope(
  slots: ValueSlots,
  eventFields: ReadonlyMap<string, TypeIR> | undefined,
  eventSlot?: (name: string) => number,
): ConditionScope {
  return {
    fieldIndex: slots.fieldIndex,
    typeOf: (operand) =>
      "field" in operand
        ? slots.fieldTypes.get(operand.field)
        : "event" in operand
          ? eventFields?.get(operand.event)
          : undefined,
    eventSlot,
  };
}

/**
 * Compiles a rule's condition; a rule without one has none (it always holds).
 * @param expr the rule's `when`, or null
 * @param scope from conditionScope
 * @returns the compiled condition, or null
 */
export const compileRuleCondition = (
  expr: ExprIR | null,
  scope: ConditionScope,
): Condition | null => (expr ? compileCondition(expr, scope) : null);
