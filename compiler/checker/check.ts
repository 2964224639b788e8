// The checker's per-declaration rules (spec §5), as one step per kind of node: declared types,
// the funnel header, scores, `from any` rules, stages, their maps. Graph and condition analyses are in
// graph.ts and conditions.ts.
import { spanOf } from "../../grammar/ast.js";
import { createDiagnostic, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { SymbolTable } from "../binder.js";
import {
  createCheckContext,
  type CheckContext,
  type CheckFacts,
  type CheckOptions,
} from "./check-context.js";
import { checkDeclaredTypes } from "./check-declared-types.js";
import { checkMaps } from "./check-maps.js";
import { checkScores } from "./check-scores.js";
import { checkStage, checkTransition } from "./check-stages.js";

/**
 * Checks every declaration of one funnel.
 * @param symbols the bound funnel
 * @param report receives each diagnostic
 * @param options names that may be declared out of the checker's sight
 * @returns facts for the graph analyses and for lowering
 */
export function checkDeclarations(
  symbols: SymbolTable,
  report: (d: Diagnostic) => void,
  options: CheckOptions = {},
): CheckFacts {
  const ctx = createCheckContext(symbols, report, options);
  // Types first: conditions are checked against them.
  checkDeclaredTypes(ctx);
  checkFunnelHeader(ctx);
  checkScores(ctx);
  for (const { node, file } of symbols.fromAny) checkTransition(ctx, node, file);
  for (const stage of symbols.stageList) checkStage(ctx, stage);
  checkMaps(ctx, symbols.stageList);
  checkInitialStage(ctx);
  return ctx.facts;
}

/** `version` and `description` are given at most once. */
function checkFunnelHeader(ctx: CheckContext): void {
  const funnel = ctx.symbols.funnel;
  if (!funnel) return;
  for (const kind of ["Version", "Description"] as const) {
    const clauses = funnel.items.filter((item) => item.kind === kind);
    for (const extra of clauses.slice(1)) {
      ctx.report(
        createDiagnostic("duplicate-clause", {
          format: { clause: kind.toLowerCase(), owner: `funnel \`${funnel.name.name}\`` },
          file: ctx.symbols.entry,
          span: spanOf(extra),
        }),
      );
    }
  }
}

/** A funnel with any stage or `from any` rule is not a declarations module, so it needs a start. */
function checkInitialStage(ctx: CheckContext): void {
  const { funnel, stageList, entry } = ctx.symbols;
  const hasFlow = funnel?.items.some((item) => item.kind === "Stage" || item.kind === "FromAny");
  if (funnel && hasFlow && !stageList.some((stage) => stage.node.stageKind === "stage")) {
    ctx.report(
      createDiagnostic("no-initial-stage", {
        format: { name: funnel.name.name },
        file: entry,
        span: spanOf(funnel.name),
      }),
    );
  }
}
