// String literals as the formatter writes them: re-encoded from the decoded value (spec §3), so
// `"\u{41}"` prints as `"A"` and every string has one spelling.

/**
 * Whether a character is written as `\u{…}`: control characters (C0, DEL, C1), the line and
 * paragraph separators (editors show them as line breaks) and unpaired surrogates (they cannot be
 * saved as UTF-8, so writing them raw would change the value).
 */
function needsUnicodeEscape(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029)
    return true;
  return ch.length === 1 && code >= 0xd800 && code <= 0xdfff;
}

function unicodeEscape(ch: string): string {
  return "\\u{" + ch.codePointAt(0)!.toString(16).toUpperCase() + "}";
}

/**
 * The canonical `"…"` spelling of a string value: double quotes and the fewest escapes
 * (`\"`, `\\`, `\n`, `\t`, and `\u{…}` for other control characters).
 * @param value the decoded string
 * @returns the literal, quotes included
 */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (needsUnicodeEscape(ch)) out += unicodeEscape(ch);
    else out += ch;
  }
  return out + '"';
}

/**
 * Encodes one line of a triple-quoted string's value. Quotes are escaped only where three in a row
 * would end the string early (the lexer ends a triple string at the first `"""` that no backslash
 * escapes, so the run is broken with a backslash); tabs stay raw, as they were typed.
 * @param line the decoded line (no line break)
 * @returns the line as it goes between the triple quotes
 */
export function encodeTripleLine(line: string): string {
  let out = "";
  for (const ch of line) {
    if (ch === '"') out += out.endsWith('""') ? '\\"' : '"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\t") out += ch;
    else if (needsUnicodeEscape(ch)) out += unicodeEscape(ch);
    else out += ch;
  }
  return out;
}

/**
 * How a triple-quoted value is laid out: on one line, as an indented block, or (no text at all) as
 * a plain string.
 */
export type TripleLayout = "inline" | "block" | "plain";

/**
 * Picks the layout for a triple-quoted string's value.
 * - `plain`: a value of only whitespace over several lines has no line to measure the indentation
 *   against, so it cannot be re-indented; it is written as an ordinary string instead.
 * - `inline` (`"""…"""`): a one-line value written on one line (or of blanks only), unless it ends
 *   with `"` (a final quote would run into the closing `"""`).
 * - `block`: the value's lines between a `"""` line and a closing `"""` line; the decoder removes
 *   the first and last line breaks and the common indentation, so the value comes back unchanged.
 * @param value the decoded value
 * @param writtenOnSeveralLines whether the source token spans lines (a block stays a block)
 */
export function tripleLayout(value: string, writtenOnSeveralLines: boolean): TripleLayout {
  if (value.trim() === "") return value.includes("\n") ? "plain" : "inline";
  if (value.includes("\n") || writtenOnSeveralLines || value.endsWith('"')) return "block";
  return "inline";
}
