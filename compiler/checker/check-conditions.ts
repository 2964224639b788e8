// Conditions (spec §5): each reference resolves to a field, a score or the rule's event data, and
// each comparison, `contains`, `in` and bare value is checked against the types it meets.
import type * as A from "../../grammar/ast.js";
import { spanOf } from "../../grammar/ast.js";
import { createDiagnostic, type Span } from "../../core/diagnostics/diagnostic.js";
import type { EventSymbol } from "../binder.js";
import type { CheckContext, ResolvedRef } from "./check-context.js";
import { checkLiteralAgainst, reportMismatch } from "./mismatches.js";
import { recordUse, reportUnknown, reportUnknownName } from "./resolve-names.js";
import {
  describeLiteral,
  describeType,
  isOrdered,
  typeOfLiteral,
  type ValueType,
} from "./types.js";

/** Where a condition stands: the rule around it. */
export interface RuleContext {
  file: string;
  /** The event of the rule's `on` clause, when it has one that resolved. */
  event?: EventSymbol;
  hasOn: boolean;
  /** The name in the rule's `on` clause, resolved or not. */
  onName?: string;
  /** Score names this rule reads (for the self-dependency check). */
  scoreReads?: { name: string; span: Span }[];
  /** The rule was cut short by a syntax error: a name left alone may be half a comparison. */
  incomplete?: boolean;
}

/** An operand's type, how a message shows it, and its name when it is a reference. */
interface OperandType {
  type: ValueType;
  text: string;
  name?: string;
}

/**
 * Checks a condition or a part of one.
 * @param ctx the check of this funnel; its facts receive the resolved references
 * @param expr the condition
 * @param rule the rule it belongs to
 * @param asCondition whether its value is used as yes/no (a bare value must then be a boolean)
 */
export function checkExpr(
  ctx: CheckContext,
  expr: A.ExprNode,
  rule: RuleContext,
  asCondition: boolean,
): void {
  switch (expr.kind) {
    case "And":
    case "Or":
      expr.operands.forEach((operand) => checkExpr(ctx, operand, rule, true));
      return;
    case "Not":
      checkExpr(ctx, expr.operand, rule, true);
      return;
    case "Paren":
      checkExpr(ctx, expr.expr, rule, true);
      return;
    case "Compare":
      checkCompare(ctx, expr, rule);
      return;
    case "IsSet":
      if (expr.operand.kind === "Ref") resolveRef(ctx, expr.operand, rule);
      return;
    case "Contains":
      checkContains(ctx, expr, rule);
      return;
    case "In":
      checkIn(ctx, expr, rule);
      return;
    case "Ref":
    case "Literal":
      checkBareOperand(ctx, expr, rule, asCondition);
      return;
  }
}

function checkContains(ctx: CheckContext, expr: A.ContainsNode, rule: RuleContext): void {
  const operand = operandType(ctx, expr.operand, rule);
  if (operand && operand.type.kind !== "text") {
    ctx.report(
      createDiagnostic("contains-not-text", {
        format: { name: operand.name ?? operand.text, type: describeType(operand.type) },
        file: rule.file,
        span: spanOf(expr.operand),
      }),
    );
  }
}

function checkIn(ctx: CheckContext, expr: A.InNode, rule: RuleContext): void {
  const operand = operandType(ctx, expr.operand, rule);
  if (!operand) return;
  const name = operand.name ?? operand.text;
  for (const value of expr.values)
    checkLiteralAgainst(ctx, value, operand.type, name, rule.file, "default");
}

/** A field, score or literal standing alone: as a condition it must be a yes/no value. */
function checkBareOperand(
  ctx: CheckContext,
  expr: A.RefNode | A.LiteralNode,
  rule: RuleContext,
  asCondition: boolean,
): void {
  const operand = operandType(ctx, expr, rule);
  if (!asCondition || rule.incomplete || !operand || operand.type.kind === "boolean") return;
  if (expr.kind === "Literal") {
    ctx.report(
      createDiagnostic("condition-not-boolean", {
        messageId: "literal",
        format: { name: expr.raw || JSON.stringify(expr.value) },
        file: rule.file,
        span: spanOf(expr),
      }),
    );
  } else {
    ctx.report(
      createDiagnostic("condition-not-boolean", {
        messageId: operand.type.kind === "number" ? "number" : "default",
        format: { name: operand.name ?? operand.text, type: describeType(operand.type) },
        file: rule.file,
        span: spanOf(expr),
      }),
    );
  }
}

function checkCompare(ctx: CheckContext, node: A.CompareNode, rule: RuleContext): void {
  const left = operandType(ctx, node.left, rule);
  const right = operandType(ctx, node.right, rule);
  if (!left || !right) return;
  const named = left.name !== undefined ? left : right.name !== undefined ? right : undefined;
  const [refSide, otherSide, otherNode] =
    named === right ? [right, left, node.left] : [left, right, node.right];
  const ordering = node.op !== "=" && node.op !== "!=";
  if (ordering) {
    for (const [side, operand] of [
      [left, node.left],
      [right, node.right],
    ] as const) {
      if (!isOrdered(side.type)) {
        ctx.report(
          createDiagnostic("ordering-not-comparable", {
            format: { op: node.op, name: shownName(side, operand), type: describeType(side.type) },
            file: rule.file,
            span: spanOf(node),
          }),
        );
        return;
      }
    }
  }
  const refName = refSide.name ?? "value";
  if (refSide.type.kind === "enum" && otherNode.kind === "Literal") {
    checkLiteralAgainst(ctx, otherNode, refSide.type, refName, rule.file, "default");
    return;
  }
  if (!sameKind(refSide.type, otherSide.type)) {
    const expected = { name: refSide.name ?? refSide.text, type: refSide.type };
    reportMismatch(ctx, expected, otherSide, rule.file, spanOf(otherNode));
  }
}

/** How a message names one side of a comparison: its reference, else the literal as written. */
function shownName(side: OperandType, operand: A.OperandNode): string {
  return (
    side.name ??
    (operand.kind === "Literal" ? operand.raw || JSON.stringify(operand.value) : side.text)
  );
}

function sameKind(a: ValueType, b: ValueType): boolean {
  if (a.kind === "enum" || b.kind === "enum")
    return (a.kind === "enum" || a.kind === "text") && (b.kind === "enum" || b.kind === "text");
  return a.kind === b.kind;
}

function operandType(
  ctx: CheckContext,
  operand: A.OperandNode,
  rule: RuleContext,
): OperandType | undefined {
  if (operand.kind === "Literal")
    return { type: typeOfLiteral(operand), text: describeLiteral(operand) };
  const resolved = resolveRef(ctx, operand, rule);
  if (!resolved) return undefined;
  const shown = operand.event ? `event.${resolved.name}` : resolved.name;
  return { type: resolved.type, text: `\`${shown}\``, name: shown };
}

/** Resolves a reference to a score, a field or (`event.x`) a field of the rule's event. */
function resolveRef(ctx: CheckContext, ref: A.RefNode, rule: RuleContext): ResolvedRef | undefined {
  const name = ref.name.name;
  if (ref.name.missing || name === "") return undefined;
  if (ref.event) return resolveEventRef(ctx, ref, rule);
  const { symbols, facts } = ctx;
  const score = symbols.scores.get(name);
  if (score) {
    recordUse(score, rule.file, spanOf(ref.name));
    rule.scoreReads?.push({ name, span: spanOf(ref.name) });
    const resolved: ResolvedRef = { target: "score", name, type: { kind: "number" } };
    facts.refs.set(ref, resolved);
    return resolved;
  }
  const field = recordUse(symbols.fields.get(name), rule.file, spanOf(ref.name));
  if (!field) {
    const candidates = [...symbols.fields.keys(), ...symbols.scores.keys()];
    reportUnknownName(ctx, "unknown-field", ref.name, rule.file, candidates);
    return undefined;
  }
  const type = facts.fieldTypes.get(name);
  if (!type) return undefined;
  const resolved: ResolvedRef = { target: "field", name, type };
  facts.refs.set(ref, resolved);
  return resolved;
}

function resolveEventRef(
  ctx: CheckContext,
  ref: A.RefNode,
  rule: RuleContext,
): ResolvedRef | undefined {
  const name = ref.name.name;
  if (!rule.hasOn) {
    ctx.report(
      createDiagnostic("event-ref-without-on", {
        format: { name },
        file: rule.file,
        span: spanOf(ref),
      }),
    );
    return undefined;
  }
  if (!rule.event) {
    // `update` is built in and carries no data; any other unknown event is already reported.
    if (rule.onName === "update")
      ctx.report(
        createDiagnostic("unknown-event-field", {
          format: { event: "update", name },
          file: rule.file,
          span: spanOf(ref.name),
        }),
      );
    return undefined;
  }
  const type = ctx.facts.eventFieldTypes.get(rule.event.name)?.get(name);
  if (!type) {
    const fieldNames = rule.event.node.fields.map((field) => field.name.name);
    if (!fieldNames.includes(name)) {
      const format = { event: rule.event.name, name };
      reportUnknown(ctx, "unknown-event-field", format, fieldNames, rule.file, spanOf(ref.name));
    }
    return undefined;
  }
  const resolved: ResolvedRef = { target: "event", name, type };
  ctx.facts.refs.set(ref, resolved);
  return resolved;
}
