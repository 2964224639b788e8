// Scores (spec §5): each rule's event and condition, and scores that read themselves through a
// chain of scores (found by the dependency walk the engine also orders scores with).
import { spanOf } from "../../grammar/ast.js";
import { createDiagnostic, relatedLocation, type Span } from "../../core/diagnostics/diagnostic.js";
import { orderByDependencies } from "../../core/dependency-order.js";
import type { ScoreSymbol } from "../binder.js";
import type { CheckContext } from "./check-context.js";
import { checkExpr } from "./check-conditions.js";
import { resolveEvent } from "./resolve-names.js";

/** A score read in a score's rule. */
interface ScoreRead {
  name: string;
  span: Span;
  file: string;
}

/**
 * Checks every score's rules, then that no score depends on itself.
 * @param ctx the check of this funnel
 */
export function checkScores(ctx: CheckContext): void {
  const reads = new Map<string, ScoreRead[]>();
  for (const score of ctx.symbols.scores.values()) reads.set(score.name, checkScore(ctx, score));
  checkScoreCycles(ctx, reads);
}

/** Checks one score's rules; returns the scores they read. */
function checkScore(ctx: CheckContext, score: ScoreSymbol): ScoreRead[] {
  const reads: { name: string; span: Span }[] = [];
  for (const rule of score.node.rules) {
    const event = rule.on && !rule.on.missing ? resolveEvent(ctx, rule.on, score.file) : undefined;
    if (rule.when) {
      const ruleContext = {
        file: score.file,
        event,
        hasOn: rule.on !== undefined,
        onName: rule.on?.name,
        scoreReads: reads,
      };
      checkExpr(ctx, rule.when, ruleContext, true);
    }
  }
  return reads.map((read) => ({ ...read, file: score.file }));
}

/** Reports each score that reads itself, directly or through other scores, once, with the chain. */
function checkScoreCycles(ctx: CheckContext, reads: Map<string, ScoreRead[]>): void {
  const { cycles } = orderByDependencies(
    reads.keys(),
    (name) => reads.get(name) ?? [],
    (read) => read.name,
  );
  const reported = new Set<string>();
  for (const { chain, from, edge: read } of cycles) {
    if (reported.has(read.name)) continue;
    reported.add(read.name);
    const symbol = ctx.symbols.scores.get(read.name)!;
    ctx.report(
      createDiagnostic("score-depends-on-itself", {
        format: { name: read.name, chain: chain.join(" → ") },
        file: symbol.file,
        span: spanOf(symbol.node.name),
        related: [
          relatedLocation("scoreStep", { name: from, uses: read.name }, read.file, read.span),
        ],
      }),
    );
  }
}
