// Conditions (IR ExprIR) as TypeScript expressions over the record `r` and the event's data slots
// `d`, with exactly the engine's meaning (runtime/conditions.ts): straight-line code where an
// operand is a field, the runtime's own comparisons (core/compare.ts) where all are literals.
import type { CompareOpIR, ExprIR, OperandIR, ScalarValue } from "../../../core/ir/types.js";
import { code, join, literal, name, type Code } from "../code.js";
import type { ModuleBuilder } from "./module-builder.js";
import { dataSlot, fieldSlot, scoreSlot, storageOf, storageType, type Storage } from "./slots.js";

/** An operand as the generated code reads it. */
type Operand =
  /**
   * A record field, score or event field (`r.f_x`, `r.s_x`, `d.e1_x`): `code` reads it with its
   * declared type (`Text` is `string | undefined` …), `value` once it is known to be set. Every
   * read is a type assertion, so TypeScript does not carry narrowing from one test into the next
   * (`x in ["a"] and x = "b"` is a legal, if impossible, condition, not a type error).
   */
  | {
      kind: "slot";
      code: Code;
      value: Code;
      storage: Storage;
      datetime: boolean;
      canBeUnset: boolean;
    }
  /** A literal: its code (a datetime is a constant parsed once at load) and its IR value. */
  | {
      kind: "literal";
      code: Code;
      value: ScalarValue;
      type: "number" | "text" | "boolean" | "date" | "datetime";
    }
  /** An event field that can never hold a value (`event.x` on the built-in `update`). */
  | { kind: "unset" };

/** Where a condition is judged: which event's data `event.x` reads (null: none). */
export interface ConditionScope {
  module: ModuleBuilder;
  on: string | null;
  /** Set when the condition reads `d` (so the generated function keeps its `d` parameter). */
  usesData: { value: boolean };
  /** What holds the record's slots and the event's data slots: `r` and `d` unless given. */
  record?: Code;
  data?: Code;
}

function slot(
  module: ModuleBuilder,
  reference: Code,
  storage: Storage,
  datetime: boolean,
  canBeUnset: boolean,
): Operand {
  const value = code`(${reference} as ${storageType(storage)})`;
  if (!canBeUnset) return { kind: "slot", code: value, value, storage, datetime, canBeUnset };
  const alias = storage === "number" ? "Num" : storage === "boolean" ? "Bool" : "Text";
  module.helpers.add(alias);
  return {
    kind: "slot",
    code: code`(${reference} as ${name(alias)})`,
    value,
    storage,
    datetime,
    canBeUnset,
  };
}

function fieldOperand(scope: ConditionScope, fieldName: string): Operand {
  const field = scope.module.fieldByName.get(fieldName);
  if (field)
    return slot(
      scope.module,
      code`${scope.record ?? code`r`}.${fieldSlot(fieldName)}`,
      storageOf(field.type),
      field.type.kind === "datetime",
      true,
    );
  if (scope.module.scoreNames.has(fieldName))
    return slot(
      scope.module,
      code`${scope.record ?? code`r`}.${scoreSlot(fieldName)}`,
      "number",
      false,
      false,
    );
  throw new Error(
    `funnelc: condition reads undeclared field ${JSON.stringify(fieldName)} (the IR is invalid)`,
  );
}

function operandOf(scope: ConditionScope, operand: OperandIR): Operand {
  if ("field" in operand) return fieldOperand(scope, operand.field);
  if ("event" in operand) {
    // The engine reads event data only for the rule's own `on` event; the built-in `update`
    // accepts no data, so there `event.x` is always unset.
    const on = scope.on === null ? undefined : scope.module.dataEvent(scope.on);
    const field = on?.event.fields.find((f) => f.name === operand.event);
    if (!on || !field) return { kind: "unset" };
    scope.usesData.value = true;
    return slot(
      scope.module,
      code`${scope.data ?? code`d`}.${dataSlot(field.name, on.number)}`,
      storageOf(field.type),
      field.type.kind === "datetime",
      true,
    );
  }
  return {
    kind: "literal",
    code: literalCode(scope.module, operand.value, operand.type),
    value: operand.value,
    type: operand.type,
  };
}

/** A literal's runtime value: datetimes become epoch ms (parsed once, when the module loads). */
function literalCode(module: ModuleBuilder, value: ScalarValue, type: string): Code {
  if (type === "datetime") return module.constant(code`parseInstant(${literal(String(value))})`);
  return literal(value);
}

/** `null` when the operand is always set, else the test that it is set. */
function setTest(operand: Operand): Code | null {
  return operand.kind === "slot" && operand.canBeUnset ? code`${operand.code} !== undefined` : null;
}

/** Whether a literal counts as unset (spec §6: "" is unset). */
function literalIsUnset(operand: Operand): boolean {
  return operand.kind === "literal" && operand.value === "";
}

/**
 * The conjunction of the tests present, parenthesised (every condition is a self-contained
 * operand).
 * @param parts tests, null where none is needed
 * @returns `true` when there is none
 */
export function all(parts: (Code | null)[]): Code {
  const present = parts.filter((p): p is Code => p !== null);
  return present.length === 0 ? code`true` : code`(${join(present, " && ")})`;
}

/**
 * Compiles a condition to an expression with exactly the engine's meaning (runtime/conditions.ts):
 * a test on an unset value is false, `not` negates the result, `contains` ignores case, a bare
 * boolean means `= true`.
 * @param expr the IR condition
 * @param scope where it is judged (whose event data `event.x` reads)
 * @returns a boolean expression over `r` and `d`
 */
export function conditionCode(expr: ExprIR, scope: ConditionScope): Code {
  switch (expr.op) {
    case "and":
    case "or":
      return code`(${join(
        expr.args.map((a) => conditionCode(a, scope)),
        expr.op === "and" ? " && " : " || ",
      )})`;
    case "not":
      return code`!(${conditionCode(expr.arg, scope)})`;
    case "const":
      return literal(expr.value);
    case "truthy": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "literal") return literal(operand.value === true);
      if (operand.kind === "unset" || operand.storage !== "boolean") return code`false`;
      return code`(${operand.code} === true)`;
    }
    case "is_set": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "unset") return literal(expr.negated);
      if (operand.kind === "literal") return literal(literalIsUnset(operand) === expr.negated);
      if (!operand.canBeUnset) return literal(!expr.negated);
      return code`(${operand.code} ${expr.negated ? code`===` : code`!==`} undefined)`;
    }
    case "compare": {
      const left = operandOf(scope, expr.left);
      const right = operandOf(scope, expr.right);
      if (
        left.kind === "unset" ||
        right.kind === "unset" ||
        literalIsUnset(left) ||
        literalIsUnset(right)
      )
        return code`false`;
      if (left.kind === "literal" && right.kind === "literal") {
        scope.module.helpers.add("compareValues");
        return code`compareValues(${literal(expr.cmp)}, ${left.code}, ${right.code})`;
      }
      // `x = "a"` needs no test that x is set: an unset value equals no literal (and none is "").
      if (expr.cmp === "=" && left.kind === "slot" && right.kind === "literal")
        return code`(${left.code} === ${right.code})`;
      const value = (operand: Operand) =>
        operand.kind === "slot" ? operand.value : (operand as { code: Code }).code;
      return all([
        setTest(left),
        setTest(right),
        code`${value(left)} ${operatorCode(expr.cmp)} ${value(right)}`,
      ]);
    }
    case "in": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "unset") return code`false`;
      if (operand.kind === "literal") {
        scope.module.helpers.add("inValues");
        const values = scope.module.constant(
          code`new Set<Value>([${join(
            expr.values.map((v) => literal(v)),
            ", ",
          )}])`,
        );
        return code`inValues(${operand.code}, ${values}, ${literal(expr.negated)})`;
      }
      // As the engine: a datetime field's list is compared as instants, anything else as written.
      const values = expr.values.map((v) =>
        operand.datetime
          ? scope.module.constant(code`parseInstant(${literal(String(v))})`)
          : literal(v),
      );
      const member = values.length
        ? join(
            values.map((v) => code`${operand.code} === ${v}`),
            " || ",
          )
        : code`false`;
      // Unset is in no list; `not in` is false on unset too (a test like `!=`,
      // docs/language-notes.md).
      return expr.negated ? all([setTest(operand), code`!(${member})`]) : code`(${member})`;
    }
    case "contains": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "unset") return code`false`;
      const needle = scope.module.constant(code`${literal(expr.value)}.toLowerCase()`);
      if (operand.kind === "literal") {
        scope.module.helpers.add("containsText");
        return code`containsText(${operand.code}, ${needle})`;
      }
      if (operand.storage !== "string") return code`false`;
      // A stored value is never "" (input "" means unset), so a set value is non-empty text.
      return all([setTest(operand), code`${operand.value}.toLowerCase().includes(${needle})`]);
    }
  }
}

/** The JavaScript operator of a comparison (`=` is `===`: values are never coerced). */
function operatorCode(cmp: CompareOpIR): Code {
  switch (cmp) {
    case "=":
      return code`===`;
    case "!=":
      return code`!==`;
    case "<":
      return code`<`;
    case "<=":
      return code`<=`;
    case ">":
      return code`>`;
    case ">=":
      return code`>=`;
  }
}
