// Small pieces of English the commands' messages share: counted nouns and lists.

/** `1 file`, `2 files` (or the given plural: `2 matches`). */
export function plural(n: number, word: string, words = word + "s"): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listOf(items: string[]): string {
  return items.length < 2
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
