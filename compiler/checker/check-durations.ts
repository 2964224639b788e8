// Durations of SLAs, warnings and velocity targets (spec §5): a known unit, more than zero, at
// most a century, and whole months and years.
import type * as A from "../../grammar/ast.js";
import { spanOf } from "../../grammar/ast.js";
import { DURATION_UNITS } from "../../grammar/tokens.js";
import { createDiagnostic } from "../../core/diagnostics/diagnostic.js";
import type { CheckContext } from "./check-context.js";
import { reportUnknown } from "./resolve-names.js";
import type { DurationUnit } from "../../core/durations.js";
import { durationRange, normalizeUnit } from "./durations.js";

const LONGEST_DURATION_MS = 100 * 366 * 24 * 3_600_000;

/**
 * Checks one duration.
 * @param ctx the check of this funnel
 * @param duration the duration as written
 * @param file the file it is written in
 */
export function checkDuration(ctx: CheckContext, duration: A.DurationNode, file: string): void {
  if (duration.missing) return;
  if (!duration.unit) {
    ctx.report(
      createDiagnostic("unknown-duration-unit", {
        messageId: "missing",
        format: { amount: duration.amount },
        file,
        span: spanOf(duration),
      }),
    );
    return;
  }
  if (duration.unit.missing) return;
  const unit = normalizeUnit(duration.unit.name);
  if (!unit) {
    // Prefer the plural for amounts other than 1 (`3 dayz` → `days`).
    const candidates = DURATION_UNITS.flatMap((known) =>
      duration.amount === 1 ? [known, known + "s"] : [known + "s", known],
    );
    const format = { name: duration.unit.name };
    reportUnknown(ctx, "unknown-duration-unit", format, candidates, file, spanOf(duration.unit));
    return;
  }
  const problem = lengthProblem(duration, unit);
  if (problem)
    ctx.report(
      createDiagnostic("zero-duration", {
        messageId: problem,
        format: { text: `${duration.amount} ${duration.unit.name}` },
        file,
        span: spanOf(duration),
      }),
    );
}

/** What is wrong with the length of a duration of a known unit, if anything. */
function lengthProblem(
  duration: A.DurationNode,
  unit: DurationUnit,
): "default" | "tooLong" | "fractional" | undefined {
  if (!(duration.amount > 0)) return "default";
  const range = durationRange(duration);
  if (range && range.max > LONGEST_DURATION_MS) return "tooLong";
  if ((unit === "month" || unit === "year") && !Number.isInteger(duration.amount))
    return "fractional";
  return undefined;
}

/** A duration as a message shows it: `30 days`. */
export function durationText(duration: A.DurationNode): string {
  return `${duration.amount} ${duration.unit?.name ?? ""}`.trim();
}
