// The stage history as CSV (`funnel run --history-format csv`, read by `funnel report --history`):
// one row per move, spec §6 `{record, from, to, at, cause}` flattened to cells. Layer: runtime/ ->
// report/ -> cli/; pure text in and out, so the writer and the fast reader agree on one format.
import type { Cause } from "../runtime/engine.js";

export const HISTORY_CSV_COLUMNS = [
  "record",
  "from",
  "to",
  "at",
  "cause",
  "event",
  "event_type",
  "line",
  "rule",
] as const;
export const HISTORY_CSV_HEADER = HISTORY_CSV_COLUMNS.join(",");

/** A CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One history row (with its line break). `rule` is `file:line:column` of the rule that fired.
 * @param line the input line of the event that caused the move, or null (SLA, as-of)
 */
export function historyCsvRow(
  record: string,
  from: string | null,
  to: string,
  at: string,
  cause: Cause,
  line: number | null,
): string {
  const event = cause.kind === "sla" ? "" : (cause.event ?? "");
  const type = cause.kind === "sla" ? "" : cause.eventType;
  const rule =
    cause.kind === "created" ? "" : `${cause.rule.file}:${cause.rule.line}:${cause.rule.column}`;
  return (
    `${csvCell(record)},${from ?? ""},${to},${at},${cause.kind},${csvCell(event)},${type},` +
    `${line ?? ""},${csvCell(rule)}\n`
  );
}
