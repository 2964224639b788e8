// Counting how the lines of an input ended (report/types.ts LineTotals): one tally for the events
// runner and the history reader, keeping the first rejected lines with their messages.
import type { LineTotals } from "./types.js";

/**
 * Counts a rejected line; keeps it with its diagnostic while fewer than `keep` are kept.
 * @param totals the totals to count in
 * @param keep how many rejected lines to keep with their messages
 * @param line the line's number
 * @param reason the rejection's reason (a key of rejectedByReason)
 * @param diagnose makes the diagnostic (only for a line that is kept)
 * @param column where in the line it went wrong, when known
 */
export function countRejectedLine(
  totals: LineTotals,
  keep: number,
  line: number,
  reason: string,
  diagnose: () => { code: string; message: string },
  column?: number,
): void {
  totals.rejected++;
  totals.rejectedByReason[reason] = (totals.rejectedByReason[reason] ?? 0) + 1;
  if (totals.rejectedLines.length >= keep) return;
  const { code, message } = diagnose();
  totals.rejectedLines.push(
    column === undefined
      ? { line, reason, code, message }
      : { line, column, reason, code, message },
  );
}
