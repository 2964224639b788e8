// A record's life in the module: a new record with its fields' defaults, a checked `set`
// applied to it, its fields and scores as `state()` shows them, and its values as a snapshot
// holds them and a restore reads them back.
import type { FieldIR } from "../../../core/ir/types.js";
import { code, join, literal, type Code } from "../code.js";
import type { ModuleBuilder } from "./module-builder.js";
import { coerceCode } from "./readers.js";
import { fieldSlot, scoreSlot, scoreSlotsCode, setBit } from "./slots.js";
import { nameKeyed } from "./values-code.js";

/** A field's value as JSON: datetimes as ISO text, unset as null. */
function jsonValue(field: FieldIR): Code {
  const slot = fieldSlot(field.name);
  return field.type.kind === "datetime"
    ? code`r.${slot} === undefined ? null : formatInstant(r.${slot})`
    : code`r.${slot} ?? null`;
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
  const values = ir.fields.map((f, i) => {
    const saved = coerceCode(module, f.type, code`saved.values[${i}]`);
    return code`${fieldSlot(f.name)}: orUnset(${saved}),`;
  });
  const scores = ir.scores.map((s, i) =>
    scoreSlotsCode(s.name, [code`saved.points[${i}]!`, code`0`, code`0`], code`,`),
  );
  return code`
    ${values}
    ${scores}
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
  const newScores = ir.scores.map((s) =>
    scoreSlotsCode(s.name, [code`0`, code`0`, code`0`], code`,`),
  );
  const r = hasFields ? code`r` : code`_r`;
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
        ${newScores}
      };
    }

    /** Applies the checked \`set\` (C, SET) to the record. */
    function applySet(${r}: RecordState,
      ${hasFields ? code`c` : code`_c`}: FieldSlots): void {
      ${applySet}
    }

    function fieldsOf(${r}: RecordState): Fields {
      return ${fieldsView} as Fields;
    }

    function scoresOf(${hasScores ? code`r` : code`_r`}: RecordState): Scores {
      return ${scoresView};
    }
  `;
}
