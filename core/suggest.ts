// The "did you mean" suggestion, shared by the compiler's checker, the CLI and the engine's
// rejection messages (an unknown event key or field). The `ts` target's modules carry a copy of
// these declarations (scripts/gen-module-runtime.ts), so both give the same messages.

/**
 * The known name closest to `name`, if it is close enough to be a likely typo.
 * @param name the unknown name as written
 * @param candidates names that would be valid here (the first of equally close ones wins)
 * @returns a candidate, or undefined when none is close enough
 */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== "");
  if (list.length === 0 || name === "") return undefined;
  const lower = name.toLowerCase();
  const caseOnly = list.find((c) => c.toLowerCase() === lower);
  if (caseOnly !== undefined) return caseOnly;
  // Two neighbouring letters swapped (`emial` → `email`) is the commonest typo of all.
  const swapped = list.find((c) => isAdjacentSwap(name, c));
  if (swapped !== undefined) return swapped;
  let best: string | undefined;
  let least = Infinity;
  for (const candidate of list) {
    const distance = editDistance(name, candidate);
    if (distance < least) {
      least = distance;
      best = candidate;
    }
  }
  // About a third of the name may differ; one- and two-letter names only match exactly, or
  // every short name would "suggest" every other.
  const allowed = Math.floor(name.length / 3);
  return allowed > 0 && least <= allowed ? best : undefined;
}

/** Whether `b` is `a` with two neighbouring letters swapped. */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Levenshtein distance: the fewest insertions, deletions and substitutions of UTF-16 code units
 * that turn `a` into `b` (one row of the table at a time).
 * @param a one text
 * @param b the other
 * @returns the distance, 0 when equal
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[b.length]!;
}
