// Value types of fields, scores and event data, and how they are described in messages.
import type * as A from "../../grammar/ast.js";

/** A type that is not an enum: what a literal has. */
export type ScalarType = { kind: "number" | "text" | "boolean" | "date" | "datetime" };

export type ValueType = ScalarType | { kind: "enum"; values: string[] };

export const BUILTIN_TYPES = ["number", "text", "boolean", "date", "datetime"] as const;

/** The type a declared field has; undefined for an unknown type name (reported elsewhere). */
export function typeOfDecl(type: A.TypeNode): ValueType | undefined {
  if (type.kind === "EnumType")
    return { kind: "enum", values: [...new Set(type.values.map((v) => v.value))] };
  return (BUILTIN_TYPES as readonly string[]).includes(type.name.name)
    ? { kind: type.name.name as "number" }
    : undefined;
}

/** The type of a literal as written: strings are text until compared with an enum. */
export function typeOfLiteral(literal: A.LiteralNode): ScalarType {
  switch (literal.type) {
    case "percent":
      return { kind: "number" };
    case "string":
      return { kind: "text" };
    default:
      return { kind: literal.type };
  }
}

/** "a number", "text", "one of \"a\", \"b\"" — how a type reads in a message. */
export function describeType(type: ValueType): string {
  switch (type.kind) {
    case "number":
      return "a number";
    case "text":
      return "text";
    case "boolean":
      return "a yes/no value (boolean)";
    case "date":
      return "a date";
    case "datetime":
      return "a datetime";
    case "enum":
      return "one of " + type.values.map((v) => JSON.stringify(v)).join(", ");
  }
}

/** How a literal reads in a message: "the number `5`", "the text \"x\"". */
export function describeLiteral(literal: A.LiteralNode): string {
  if (literal.type === "string") return `the text ${JSON.stringify(literal.value)}`;
  if (literal.type === "boolean") return `\`${literal.raw}\``;
  return `the ${literal.type === "percent" ? "percentage" : literal.type} \`${literal.raw}\``;
}

export function isOrdered(type: ValueType): boolean {
  return type.kind === "number" || type.kind === "date" || type.kind === "datetime";
}

/** Whether a literal fits a type (enum membership is checked separately, for a better message). */
export function literalFits(literal: A.LiteralNode, type: ValueType): boolean {
  const lit = typeOfLiteral(literal).kind;
  if (type.kind === "enum") return lit === "text";
  return lit === type.kind;
}
