// Name resolution helpers: looking names up and the "did you mean" suggestion.
import { closest, distance } from "fastest-levenshtein";

/**
 * The known name closest to `name`, if it is close enough to be a likely typo.
 * @param name the unknown name as written
 * @param candidates names that would be valid here
 */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates].filter((c) => c !== "");
  if (list.length === 0 || name === "") return undefined;
  const lower = name.toLowerCase();
  const caseOnly = list.find((c) => c.toLowerCase() === lower);
  if (caseOnly) return caseOnly;
  const best = closest(name, list);
  // About a third of the name may differ (TypeScript uses the same bound for its spelling fixes).
  const allowed = Math.max(1, Math.floor(name.length / 3));
  return distance(name, best) <= allowed ? best : undefined;
}
