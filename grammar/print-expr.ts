// Prints a condition back as canonical Funnel text (messages, opaque-test keys, docs targets).
import type { ExprNode, LiteralNode, OperandNode } from "./ast.js";

function printLiteral(literal: LiteralNode): string {
  if (literal.type === "string") return JSON.stringify(literal.value);
  return literal.raw || String(literal.value);
}

function printOperand(operand: OperandNode): string {
  if (operand.kind === "Literal") return printLiteral(operand);
  return (operand.event ? "event." : "") + operand.name.name;
}

/** Canonical text of a condition: single spaces, double-quoted strings, parentheses as written. */
export function printExpr(expr: ExprNode): string {
  switch (expr.kind) {
    case "And":
      return expr.operands.map(printExpr).join(" and ");
    case "Or":
      return expr.operands.map(printExpr).join(" or ");
    case "Not":
      return "not " + printExpr(expr.operand);
    case "Paren":
      return "(" + printExpr(expr.expr) + ")";
    case "Compare":
      return `${printOperand(expr.left)} ${expr.op} ${printOperand(expr.right)}`;
    case "IsSet":
      return `${printOperand(expr.operand)} is ${expr.negated ? "not " : ""}set`;
    case "In":
      return (
        `${printOperand(expr.operand)} ${expr.negated ? "not " : ""}in ` +
        `[${expr.values.map(printLiteral).join(", ")}]`
      );
    case "Contains":
      return `${printOperand(expr.operand)} contains ${JSON.stringify(expr.value.value)}`;
    default:
      return printOperand(expr);
  }
}
