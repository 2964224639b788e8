// What a Funnel name is (spec §3: letters, digits and `_`, not starting with a digit): the one
// pattern that the lexer, the checker's outputs, the emitters, the CSV reader and the editor share.

/** A whole Funnel name, anchored. */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Funnel name anywhere in a text (not anchored): the lexer's identifier token. */
export const NAME_UNANCHORED = /[A-Za-z_][A-Za-z0-9_]*/;

/** A Funnel name at the end of a text (the word being typed before the cursor). */
export const NAME_AT_END = /[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether a text is a Funnel name.
 * @param text any text
 * @returns true for `lead_score`, `_x`, `A1`; false for `1a`, `a-b`, ""
 */
export function isName(text: string): boolean {
  return NAME.test(text);
}
