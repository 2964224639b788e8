// The "did you mean" suggestion, shared by the compiler's checker, the CLI and the engine's
// rejection messages (an unknown event key or field). The generated TypeScript module carries a copy of
// the same rules (compiler/emit/typescript.ts, helper `suggest`), and the differential test
// (test/emit-ts/equivalence.test.ts) checks that both give the same messages.
import { closest, distance } from "fastest-levenshtein";

/**
 * The known name closest to `name`, if it is close enough to be a likely typo.
 * @param name the unknown name as written
 * @param candidates names that would be valid here (the first of equally close ones wins)
 */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== "");
  if (list.length === 0 || name === "") return undefined;
  const lower = name.toLowerCase();
  const caseOnly = list.find((c) => c.toLowerCase() === lower);
  if (caseOnly) return caseOnly;
  // Two neighbouring letters swapped (`emial` → `email`) is the commonest typo of all.
  const swapped = list.find((c) => isAdjacentSwap(name, c));
  if (swapped) return swapped;
  const best = closest(name, list);
  // About a third of the name may differ; one- and two-letter names only match exactly, or
  // every short name would "suggest" every other.
  const allowed = Math.floor(name.length / 3);
  return allowed > 0 && distance(name, best) <= allowed ? best : undefined;
}

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
