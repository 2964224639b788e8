// Control characters made visible for human-readable output: a binary or hostile file must not
// reach the terminal as raw ESC or BEL bytes (they clear the screen, recolour it, ring the bell).
// Each is shown as its JSON escape (`\u001b`), the form the engine's messages already quote
// values in. Machine-readable output (JSON, SARIF) keeps the exact text; JSON escapes it anyway.

/** C0 controls except tab and line feed, DEL, and the C1 controls (some terminals obey U+009B). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** The text with every control character but tab and line feed written as `\uXXXX`. */
export function visibleText(text: string): string {
  return text.replace(CONTROL, escape);
}

/**
 * One line of source for a code frame, made visible, with a column mapper: an escape is six
 * columns wide, so a caret under a character after one moves five columns right.
 * @param line a line without its line break
 */
export function visibleLine(line: string): { text: string; column(column: number): number } {
  return {
    text: visibleText(line),
    column(column) {
      const before = line.slice(0, Math.max(0, column - 1)).match(CONTROL)?.length ?? 0;
      return column + 5 * before;
    },
  };
}
