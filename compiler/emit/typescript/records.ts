// A record's life in the module: a new record with its fields' defaults, a checked `set`
// applied to it, its fields and scores as `state()` shows them, and its values as a snapshot
// holds them and a restore reads them back.
import type { FieldIR } from "../../../core/ir/types.js";
import { code, join, literal, type Code } from "../code.js";
import type { ModuleBuilder } from "./module-builder.js";
import { coerceCode } from "./readers.js";
import { fieldSlot, maskSlot, pointsSlot, scoreSlot, setBit } from "./slots.js";
import { nameKeyed } from "./values-code.js";

/** A field's value as JSON: datetimes as ISO text, unset as null. */
function jsonValue(field: FieldIR): Code {
  return field.type.kind === "datetime"
    ? code`r.${fieldSlot(field.name)} === undefined ? null : formatInstant(r.${fieldSlot(field.name)})`
    : code`r.${fieldSlot(field.name)} ?? null`;
}

/**
 * A record's values as a snapshot holds them, in field order.
 * @param module the module being generated
 * @returns the array literal's elements
 */
export function snapshotValuesCode(module: ModuleBuilder): Code {
  return join(module.ir.fields.map(jsonValue), ", ");
}

/**
 * The properties of a restored record: its values read back like input, its points as saved.
 * @param module the module being generated
 * @returns the object literal's properties
 */
export function restoredSlotsCode(module: ModuleBuilder): Code {
  const { ir } = module;
  if (ir.fields.length) module.helpers.add("orUnset");
  return code`
    ${ir.fields.map((f, i) => code`${fieldSlot(f.name)}: orUnset(${coerceCode(module, f.type, code`saved.values[${i}]`)}),`)}
    ${ir.scores.map((s, i) => code`${pointsSlot(s.name)}: saved.points[${i}]!, ${scoreSlot(s.name)}: 0, ${maskSlot(s.name)}: 0,`)}
  `;
}

/**
 * newRecord, applySet, fieldsOf and scoresOf.
 * @param module the module being generated
 * @param initial the number of the stage every record starts in
 * @returns the functions' declarations
 */
export function recordCode(module: ModuleBuilder, initial: number): Code {
  const { ir } = module;
  const hasFields = ir.fields.length > 0;
  const hasScores = ir.scores.length > 0;
  // Defaults: coerced like input (an IR default always fits its type; one that did not would
  // start unset).
  const defaultOf = (field: FieldIR): Code => {
    if (field.default === null) return code`undefined`;
    module.helpers.add("orUnset");
    return module.constant(
      code`orUnset(${coerceCode(module, field.type, literal(field.default))})`,
    );
  };
  const applySet = ir.fields.map((f, i) => {
    const { word, bit } = setBit(i);
    return code`if (SET[${word}]! & ${bit}) r.${fieldSlot(f.name)} = c.${fieldSlot(f.name)};`;
  });
  const fieldsView = nameKeyed(ir.fields.map((f) => [f.name, jsonValue(f)]));
  const scoresView = nameKeyed(ir.scores.map((s) => [s.name, code`r.${scoreSlot(s.name)}`]));
  return code`
    function newRecord(at: number, path: number): RecordState {
      return {
        stage: ${initial},
        entered: at,
        last: at,
        warned: false,
        path,
        ids: undefined,
        ${ir.fields.map((f) => code`${fieldSlot(f.name)}: ${defaultOf(f)},`)}
        ${ir.scores.map((s) => code`${pointsSlot(s.name)}: 0, ${scoreSlot(s.name)}: 0, ${maskSlot(s.name)}: 0,`)}
      };
    }

    /** Applies the checked \`set\` (C, SET) to the record. */
    function applySet(${hasFields ? code`r` : code`_r`}: RecordState, ${hasFields ? code`c` : code`_c`}: FieldSlots): void {
      ${applySet}
    }

    function fieldsOf(${hasFields ? code`r` : code`_r`}: RecordState): Fields {
      return ${fieldsView} as Fields;
    }

    function scoresOf(${hasScores ? code`r` : code`_r`}: RecordState): Scores {
      return ${scoresView};
    }
  `;
}
