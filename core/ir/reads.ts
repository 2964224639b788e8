// What compiled conditions read, and the order scores are computed in: facts about a funnel that
// the engine (runtime/) and the TypeScript target (compiler/emit/) both need, computed one way.
import { orderByDependencies } from "../dependency-order.js";
import type { ExprIR, FunnelIR, OperandIR, ScoreIR } from "./types.js";

/**
 * Calls `read` with the name of each record field or score that a condition reads, in written
 * order (a name read twice is passed twice). Event fields (`event.x`) and literals are not reads
 * of the record.
 * @param expr a compiled condition, or null (no condition: reads nothing)
 * @param read called once per `{ field }` operand
 */
export function forEachRecordRead(expr: ExprIR | null, read: (name: string) => void): void {
  if (expr === null) return;
  const operand = (o: OperandIR) => {
    if ("field" in o) read(o.field);
  };
  switch (expr.op) {
    case "and":
    case "or":
      for (const arg of expr.args) forEachRecordRead(arg, read);
      return;
    case "not":
      return forEachRecordRead(expr.arg, read);
    case "compare":
      operand(expr.left);
      return operand(expr.right);
    case "is_set":
    case "in":
    case "contains":
    case "truthy":
      return operand(expr.operand);
    case "const":
      return;
  }
}

/**
 * The names a score's rules read, each once, in the order first read.
 * @param score the compiled score
 * @param which `"when-only"` reads only the rules without `on` (re-judged on every change), `"all"`
 * every rule
 */
export function namesReadByScore(score: ScoreIR, which: "all" | "when-only"): string[] {
  const names = new Set<string>();
  for (const rule of score.rules)
    if (which === "all" || rule.on === null)
      forEachRecordRead(rule.when, (name) => names.add(name));
  return [...names];
}

/**
 * Score indexes in the order the engine computes them: each after the scores its conditions read
 * (a compiled funnel has no cycles among them: the checker reports those as FN4008).
 * @param ir the compiled funnel
 * @returns every index of `ir.scores` once
 */
export function scoreOrder(ir: FunnelIR): number[] {
  const index = new Map(ir.scores.map((score, i) => [score.name, i]));
  const reads = ir.scores.map((score) =>
    namesReadByScore(score, "all").flatMap((name) => (index.has(name) ? [index.get(name)!] : [])),
  );
  return orderByDependencies(
    ir.scores.map((_, i) => i),
    (i) => reads[i]!,
    (i) => i,
  ).order;
}
