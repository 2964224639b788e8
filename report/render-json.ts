// `funnel report --format json`: the Report as JSON (schema/funnel-report.schema.json), two-space
// indented, keys in a fixed order, so the same input gives byte-identical output.
// Layer: runtime/ -> report/ -> cli/.
import type { Report } from "./types.js";

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}
