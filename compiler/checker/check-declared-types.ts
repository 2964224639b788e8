// Declared types (spec §5): the type of every field, score and event field, learned before any
// condition is checked; unknown type names, enum values listed twice, defaults that do not fit.
import type * as A from "../../grammar/ast.js";
import { spanOf } from "../../grammar/ast.js";
import { createDiagnostic, relatedLocation } from "../../core/diagnostics/diagnostic.js";
import type { EventSymbol } from "../binder.js";
import type { CheckContext } from "./check-context.js";
import { checkLiteralAgainst } from "./mismatches.js";
import { reportUnknown } from "./resolve-names.js";
import { BUILTIN_TYPES, typeOfDecl, type ValueType } from "./types.js";

/**
 * Learns the types of the record's fields, its scores (numbers) and each event's fields.
 * @param ctx the check of this funnel; its facts receive the types
 */
export function checkDeclaredTypes(ctx: CheckContext): void {
  const { symbols, facts } = ctx;
  for (const field of symbols.fields.values()) {
    const type = checkFieldDecl(ctx, field.node, field.file);
    if (type) facts.fieldTypes.set(field.name, type);
  }
  for (const score of symbols.scores.values()) facts.fieldTypes.set(score.name, { kind: "number" });
  for (const event of symbols.events.values())
    facts.eventFieldTypes.set(event.name, checkEventFields(ctx, event));
}

/** The types of one event's fields; a field declared twice is reported, its second one left out. */
function checkEventFields(ctx: CheckContext, event: EventSymbol): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  const seen = new Map<string, A.FieldDeclNode>();
  for (const field of event.node.fields) {
    const first = seen.get(field.name.name);
    if (first) {
      ctx.report(
        createDiagnostic("duplicate-name", {
          format: { kind: "Event field", name: field.name.name },
          file: event.file,
          span: spanOf(field.name),
          related: [
            relatedLocation(
              "firstDeclared",
              { name: field.name.name },
              event.file,
              spanOf(first.name),
            ),
          ],
        }),
      );
      continue;
    }
    seen.set(field.name.name, field);
    const type = checkFieldDecl(ctx, field, event.file);
    if (type) types.set(field.name.name, type);
  }
  return types;
}

/** The type of one declared field (undefined for an unknown type name, which is reported). */
function checkFieldDecl(
  ctx: CheckContext,
  field: A.FieldDeclNode,
  file: string,
): ValueType | undefined {
  const type = typeOfDecl(field.type);
  if (field.type.kind === "NamedType" && !type && !field.type.name.missing) {
    const format = { name: field.type.name.name };
    reportUnknown(ctx, "unknown-type", format, BUILTIN_TYPES, file, spanOf(field.type));
  }
  if (field.type.kind === "EnumType") {
    const seen = new Set<string>();
    for (const value of field.type.values) {
      if (seen.has(value.value))
        ctx.report(
          createDiagnostic("duplicate-enum-value", {
            format: { value: JSON.stringify(value.value) },
            file,
            span: spanOf(value),
          }),
        );
      seen.add(value.value);
    }
  }
  if (type && field.default)
    checkLiteralAgainst(ctx, field.default, type, field.name.name, file, "defaultValue");
  return type;
}
