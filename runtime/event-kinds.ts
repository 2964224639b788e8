// The event kinds of a funnel (`update` and every declared event) as the engine reads events:
// where each data field goes, its declared type, and the score rules the kind earns points by.
import type { FunnelIR, TypeIR } from "../core/ir/types.js";
import type { Value } from "../core/values.js";
import type { ScoreRule } from "./compiled-rules.js";

/** Per event type: its data fields, a reusable array for its coerced data, its score `on` rules. */
export interface EventKind {
  /** The type's name, interned (see `interned`). */
  name: string;
  /** Its column in the rule table (see ruleTable): `update` first, then events as declared. */
  column: number;
  /** How messages name it: "an `update` event" or "event `x`". */
  description: string;
  /** Its data fields' names, in declared order (for "did you mean"). */
  fieldNames: string[];
  /** Data field name → its slot in `data`. */
  slotOf: ReadonlyMap<string, number>;
  /** The declared type of each slot's field (undefined: not a field of this event). */
  slotType: (TypeIR | undefined)[];
  /** Slots of the declared fields; those of other events' fields stay unset. */
  slots: number[];
  /**
   * The event's coerced data, by slot: scratch space within one synchronous apply() (read by
   * conditions only, never kept), so every engine of the funnel can share it.
   */
  data: Value[];
  /** The score rules `on` this type: which score, and the rule. */
  scoreRules: { score: number; rule: ScoreRule }[];
}

/**
 * The event types in rule-table column order.
 * @param ir the funnel
 * @returns `update`, then the declared events
 */
export const eventKindNames = (ir: FunnelIR): string[] => [
  "update",
  ...ir.events.map((e) => e.name),
];

/**
 * Every event kind of a funnel.
 * @param ir the funnel
 * @param eventSlots the slot of every data field name (any event's)
 * @param scoreRules the compiled score rules, per score
 * @returns the kinds by name, `update` first
 */
export function eventKinds(
  ir: FunnelIR,
  eventSlots: ReadonlyMap<string, number>,
  scoreRules: ScoreRule[][],
): Map<string, EventKind> {
  const slotCount = eventSlots.size;
  const kindOf = (name: string, column: number, fields: ReadonlyMap<string, TypeIR>) => {
    const slotType = new Array<TypeIR | undefined>(slotCount).fill(undefined);
    for (const [field, type] of fields) slotType[eventSlots.get(field)!] = type;
    const kind: EventKind = {
      name: interned(name),
      column,
      description: name === "update" ? "an `update` event" : `event \`${name}\``,
      fieldNames: [...fields.keys()],
      slotOf: new Map([...fields.keys()].map((field) => [field, eventSlots.get(field)!])),
      slotType,
      slots: [...fields.keys()].map((field) => eventSlots.get(field)!),
      data: new Array<Value>(slotCount).fill(undefined),
      scoreRules: scoreRules.flatMap((rules, score) =>
        rules.filter((rule) => rule.on === name).map((rule) => ({ score, rule })),
      ),
    };
    return [name, kind] as const;
  };
  return new Map([
    kindOf("update", 0, new Map()),
    ...ir.events.map((e, i) => kindOf(e.name, i + 1, eventFieldTypes(e))),
  ]);
}

/**
 * An event's declared data fields.
 * @param event the event declaration
 * @returns each field's type, by name, in declared order
 */
export const eventFieldTypes = (event: FunnelIR["events"][number]): Map<string, TypeIR> =>
  new Map(event.fields.map((f) => [f.name, f.type]));

/**
 * The same text as a string V8 has internalized (as it does property keys and literals): `===`
 * between two internalized strings is a pointer test, so an event's type (a literal, or a short
 * string JSON.parse made) is matched to its kind without comparing characters.
 */
const interned = (text: string): string => Object.keys({ [text]: 0 })[0];
