// Values that do not fit a type (spec §5): a literal of the wrong type or outside an enum, and
// the two sides of a comparison that have different types.
import type * as A from "../../grammar/ast.js";
import { spanOf } from "../../grammar/ast.js";
import { createDiagnostic, type Span } from "../../core/diagnostics/diagnostic.js";
import { suggestName } from "../../core/suggest.js";
import type { CheckContext } from "./check-context.js";
import {
  describeLiteral,
  describeType,
  literalFits,
  typeOfLiteral,
  type ValueType,
} from "./types.js";

/**
 * Reports a literal that does not fit a type (mismatch or not an enum member).
 * @param ctx the check of this funnel
 * @param literal the literal
 * @param type the type it must have
 * @param name what the literal is compared with or the default of, as the message names it
 * @param file the file it is written in
 * @param messageId `defaultValue` for a field's default, `default` for a compared value
 */
export function checkLiteralAgainst(
  ctx: CheckContext,
  literal: A.LiteralNode,
  type: ValueType,
  name: string,
  file: string,
  messageId: "default" | "defaultValue",
): void {
  if (!literalFits(literal, type)) {
    if (messageId === "defaultValue") {
      ctx.report(
        createDiagnostic("type-mismatch", {
          messageId: "defaultValue",
          format: { name, type: describeType(type), other: describeLiteral(literal) },
          file,
          span: spanOf(literal),
        }),
      );
    } else {
      const other = { type: typeOfLiteral(literal), text: describeLiteral(literal) };
      reportMismatch(ctx, { name, type }, other, file, spanOf(literal));
    }
    return;
  }
  if (type.kind === "enum" && !type.values.includes(String(literal.value)))
    reportNotEnumMember(ctx, literal, type.values, name, file);
}

function reportNotEnumMember(
  ctx: CheckContext,
  literal: A.LiteralNode,
  members: string[],
  name: string,
  file: string,
): void {
  const value = JSON.stringify(literal.value);
  const suggestion = suggestName(String(literal.value), members);
  ctx.report(
    suggestion
      ? createDiagnostic("not-enum-member", {
          messageId: "didYouMean",
          format: { value, name, suggestion: JSON.stringify(suggestion) },
          file,
          span: spanOf(literal),
          suggestion: JSON.stringify(suggestion),
        })
      : createDiagnostic("not-enum-member", {
          format: {
            value,
            name,
            members: members.map((member) => JSON.stringify(member)).join(", "),
          },
          file,
          span: spanOf(literal),
        }),
  );
}

/**
 * Reports a value of one type compared with a value of another (dates and datetimes get a hint).
 * @param ctx the check of this funnel
 * @param expected the name and type of the side that sets the type
 * @param other the type of the other side and how a message shows it
 * @param file the file it is written in
 * @param span the other side
 */
export function reportMismatch(
  ctx: CheckContext,
  expected: { name: string; type: ValueType },
  other: { type: ValueType; text: string },
  file: string,
  span: Span,
): void {
  const { name, type } = expected;
  const kinds = new Set([type.kind, other.type.kind]);
  if (kinds.has("date") && kinds.has("datetime")) {
    const hint =
      type.kind === "date"
        ? "a date such as `2026-01-31`"
        : "a datetime such as `2026-01-31T00:00:00Z`";
    ctx.report(
      createDiagnostic("type-mismatch", {
        messageId: "dateVsDatetime",
        format: { name, type: describeType(type), other: other.text, hint },
        file,
        span,
      }),
    );
  } else {
    ctx.report(
      createDiagnostic("type-mismatch", {
        format: { name, type: describeType(type), other: other.text },
        file,
        span,
      }),
    );
  }
}
