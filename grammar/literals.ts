// Turns literal token text into values: string escapes, triple-quote dedent, numbers, dates.
// Problems (bad escapes, impossible dates) are returned as data for the parser to report.
import type { Span } from "../core/diagnostics/diagnostic.js";
import type { DiagnosticName } from "../core/diagnostics/registry.js";
import type { LiteralType } from "./ast.js";

export interface LiteralProblem {
  name: DiagnosticName;
  messageId?: string;
  format: Record<string, string | number>;
  span: Span;
}

/**
 * Decodes a string token (with its quotes).
 * @param image the token text, quotes included
 * @param start offset of the token in the file, for problem spans
 * @param triple whether the token is a `"""…"""` string
 * @returns the decoded value and any bad escapes
 */
export function decodeString(
  image: string,
  start: number,
  triple: boolean,
): { value: string; problems: LiteralProblem[] } {
  const quote = triple ? 3 : 1;
  const body = image.slice(quote, image.length - quote);
  const problems: LiteralProblem[] = [];
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    const at = start + quote + i;
    if (next === '"' || next === "\\") out += next;
    else if (next === "n") out += "\n";
    else if (next === "t") out += "\t";
    else if (next === "u" && body[i + 2] === "{") {
      const close = body.indexOf("}", i + 3);
      const hex = close < 0 ? "" : body.slice(i + 3, close);
      const code = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (Number.isFinite(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i = close;
        continue;
      }
      const end = close < 0 ? i + 3 : close + 1;
      problems.push({
        name: "invalid-escape",
        format: { text: "`" + body.slice(i, end) + "`" },
        span: { start: at, end: start + quote + end },
      });
      i = end - 1;
      continue;
    } else {
      const shown = next === undefined ? "\\" : "\\" + next;
      problems.push({
        name: "invalid-escape",
        format: { text: "`" + shown + "`" },
        span: { start: at, end: at + shown.length },
      });
      if (next !== undefined) out += next;
    }
    i++;
  }
  return { value: triple ? dedent(out) : out, problems };
}

/** Removes the first and last line breaks of a triple-quoted string and its common indentation. */
function dedent(text: string): string {
  let lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[0].trim() === "") lines = lines.slice(1);
  if (lines.length > 1 && lines[lines.length - 1].trim() === "") lines = lines.slice(0, -1);
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length))).join("\n");
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `YYYY-MM-DD` names a real day. */
export function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Whether an ISO datetime with a zone (`Z` or `±hh:mm`) names a real instant. */
export function isValidDateTime(text: string): boolean {
  const m =
    /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(
      text,
    );
  if (!m || !isValidDate(m[1])) return false;
  const [h, mi, s, oh, om] = [m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number);
  return h < 24 && mi < 60 && s < 60 && oh < 24 && om < 60;
}

/**
 * The value of a number, percent, date, datetime or boolean token.
 * @returns the value (ISO text for dates) and a problem for an impossible date
 */
export function literalFromToken(
  image: string,
  type: LiteralType,
  span: Span,
): { value: number | string | boolean; problem?: LiteralProblem } {
  switch (type) {
    case "number":
      return { value: image === "" ? 0 : Number(image) };
    case "percent":
      return { value: image === "" ? 0 : Number(image.slice(0, -1)) };
    case "boolean":
      return { value: image === "true" };
    case "date":
    case "datetime": {
      const valid = image === "" || (type === "date" ? isValidDate(image) : isValidDateTime(image));
      return valid
        ? { value: image }
        : {
            value: image,
            problem: { name: "invalid-date", format: { text: "`" + image + "`" }, span },
          };
    }
    default:
      return { value: image };
  }
}
