// After a run: did the events file give the engine anything at all (FN6017, an error: a run that
// applied nothing exits 1), and could most of its lines not be read (FN6018, a warning with the
// start of the file: usually a file whose name announces another format, like CSV in a .jsonl)?
import { closeSync, openSync, readSync } from "node:fs";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { DataFile } from "./open-events.js";
import { problem } from "./funnel.js";
import type { RunTotals } from "./runner.js";

/** How much of a line the hint shows. */
const EXCERPT = 40;

/**
 * The problems of a run's input as a whole.
 * @param totals the run's counts
 * @param data the events file (read again, only its first 4 KB, when a hint needs its first lines)
 */
export function inputProblems(
  totals: RunTotals,
  data: Pick<DataFile, "file" | "shown" | "format">,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const csv = data.format === "csv";
  const filled = totals.lines - totals.blank;
  const byReason = totals.rejectedByReason;
  const malformed = csv
    ? (byReason.malformed_csv ?? 0) + (byReason.wrong_column_count ?? 0)
    : (byReason.malformed_json ?? 0);
  if (filled > 0 && malformed * 2 > filled) {
    const line = firstLine(data.file, csv ? 1 : 0);
    const start = JSON.stringify(line.slice(0, EXCERPT)) + (line.length > EXCERPT ? "…" : "");
    // The header's columns, as the reader counted them (a quoted header cell may hold a comma:
    // rare).
    const columns = csv ? firstLine(data.file, 0).split(",").length : 0;
    problems.push(
      csv
        ? problem("mostly-malformed", {
            messageId: "csv",
            format: { malformed, total: filled, path: data.shown, columns, start },
          })
        : problem("mostly-malformed", {
            format: { malformed, total: filled, path: data.shown, start },
          }),
    );
  }
  if (totals.applied === 0 && totals.rejected > 0) {
    problems.push(
      problem("no-event-applied", {
        format: { path: data.shown, rejected: totals.rejected, unit: csv ? "rows" : "lines" },
      }),
    );
  }
  return problems;
}

/** The `skip`+1-th non-blank line among the file's first 4 KB ("" when there is none). */
function firstLine(file: string, skip: number): string {
  const buffer = Buffer.alloc(4096);
  let read = 0;
  try {
    const fd = openSync(file, "r");
    try {
      read = readSync(fd, buffer, 0, buffer.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
  const lines = buffer
    .toString("utf8", 0, read)
    .replace(/^\ufeff/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  return lines[skip] ?? "";
}
