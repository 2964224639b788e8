// Reading an event's input: its `data` and `set` into slots, each value by its field's type
// (the runtime's coercers, core/values.ts), and the rejections of unknown keys, fields and event
// types with the engine's messages ("did you mean", core/suggest.ts).
import type { FieldIR, TypeIR } from "../../../core/ir/types.js";
import { describeTypeIR } from "../../../core/values.js";
import { code, literal, name, type Code } from "../code.js";
import type { ModuleBuilder } from "./module-builder.js";
import { dataSlot, fieldSlot, setBit } from "./slots.js";
import { stringList } from "./values-code.js";

/** The runtime's coercer of an input value of each scalar type (core/values.ts). */
const COERCER = {
  number: "asNumber",
  boolean: "asBoolean",
  text: "asText",
  date: "asDate",
  datetime: "asDateTime",
} as const;

/**
 * Code that reads a raw input value as a value of `type`: the value, undefined when unset, or
 * INVALID.
 * @param module the module being generated (the coercer becomes a helper it uses)
 * @param type the declared type
 * @param raw code of the raw value
 * @returns the call of the type's coercer
 */
export function coerceCode(module: ModuleBuilder, type: TypeIR, raw: Code): Code {
  if (type.kind === "enum") {
    module.helpers.add("asEnum");
    const members = module.constant(code`${stringList(type.values)} as readonly string[]`);
    return code`asEnum(${raw}, ${members})`;
  }
  const coercer = COERCER[type.kind];
  module.helpers.add(coercer);
  return code`${name(coercer)}(${raw})`;
}

/** One `case` of a reader's switch on the key: the value checked, stored, maybe marked. */
function readCase(module: ModuleBuilder, field: FieldIR, slot: Code, mark: Code | null): Code {
  module.helpers.add("wrongType");
  module.helpers.add("INVALID");
  return code`
    case ${literal(field.name)}: {
      const v = ${coerceCode(module, field.type, code`values[key]`)};
      if (v === INVALID) return wrongType(key, ${literal(describeTypeIR(field.type))}, values[key]);
      ${slot} = v;
      ${mark ?? code``}
      continue;
    }
  `;
}

/**
 * readData: an event's `data` into its slots; unknown keys and wrong types reject the event.
 * @param module the module being generated
 * @returns the function's declaration
 */
export function readDataCode(module: ModuleBuilder): Code {
  const cases = module.dataEvents.map((event) => {
    const n = module.eventNumberOf(event.name);
    const reads = event.fields.map((f) =>
      readCase(module, f, code`d.${dataSlot(f.name, n)}`, null),
    );
    const names = module.constant(
      code`${stringList(event.fields.map((f) => f.name))} as readonly string[]`,
    );
    // The slots hold the last event of this type: emptied first.
    return code`
      case ${n}: // ${name(event.name)}
        ${event.fields.map((f) => code`d.${dataSlot(f.name, n)} = undefined;`)}
        for (const key in values) {
          ${reads.length ? code`switch (key) { ${reads} }` : code``}
          return unknownField(${literal(`event \`${event.name}\``)}, key, ${names});
        }
        return undefined;
    `;
  });
  const usesData = module.dataEvents.some((e) => e.fields.length);
  return code`
    /**
     * Reads an event's \`data\` into \`d\`; a rejection when a key is unknown or a value has the
     * wrong type.
     */
    function readData(ev: number, values: Record<string, unknown>,
      ${usesData ? code`d` : code`_d`}: DataSlots): Rejection | undefined {
      switch (ev) {
        ${cases}
        default:
          for (const key in values) return unknownField("an \`update\` event", key, []);
          return undefined;
      }
    }
  `;
}

/**
 * readSet: an event's `set` into C, each field's bit in SET.
 * @param module the module being generated
 * @returns the function's declaration
 */
export function readSetCode(module: ModuleBuilder): Code {
  const { ir } = module;
  const cases = ir.fields.map((f, i) => {
    const { word, bit } = setBit(i);
    return readCase(
      module,
      f,
      code`c.${fieldSlot(f.name)}`,
      code`SET[${word}] = SET[${word}]! | ${bit};`,
    );
  });
  return code`
    /**
     * Reads \`set\` into \`c\`; a rejection when a key is unknown or a value has the wrong type.
     */
    function readSet(values: Record<string, unknown>,
      ${ir.fields.length ? code`c` : code`_c`}: FieldSlots): Rejection | undefined {
      for (const key in values) {
        ${cases.length ? code`switch (key) { ${cases} }` : code``}
        return unknownField("the record", key, FIELD_NAMES);
      }
      return undefined;
    }
  `;
}

/**
 * The rejections of an unknown field, top-level key or event type, with the engine's messages
 * (the same in every module).
 * @returns unknownField, unknownKey and unknownType
 */
export function rejectionsCode(): Code {
  return code`
    /** \`set\` or \`data\` names no declared field (\`candidates\`): say what is close. */
    function unknownField(owner: string, key: string, candidates: readonly string[]): Rejection {
      return ["unknown_field", unknownFieldMessage(key, owner, candidates, SCORE_NAMES)];
    }

    /** The first key of an event that spec §6 does not name (id, record, at, type, data, set). */
    function unknownKey(event: Record<string, unknown>): Rejection | undefined {
      const key = firstUnknownKey(event);
      return key === undefined ? undefined : ["invalid_event", unknownKeyMessage(key)];
    }

    /** An event whose \`type\` names no declared event. */
    function unknownType(type: unknown): Rejection {
      return ["unknown_event", unknownTypeMessage(type, EVENT_TYPES)];
    }
  `;
}
