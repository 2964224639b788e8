// Whole-graph warnings (spec §5): stages no record can reach from the initial stage, stages no
// record can leave, and funnels where no path leads to a won outcome.
import { spanOf } from "../../grammar/ast.js";
import { createDiagnostic, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { StageSymbol } from "../binder.js";
import type { FlowGraph } from "./flow-graph.js";

/**
 * Reports unreachable stages, dead ends and a missing path to a won outcome.
 * @param graph the stage graph (complete: no edge lost to a syntax error or an unknown stage)
 * @param initial the initial stage
 * @param report receives each diagnostic
 */
export function checkReachability(
  graph: FlowGraph,
  initial: StageSymbol,
  report: (d: Diagnostic) => void,
): void {
  const { symbols } = graph;
  const reached = reachableFrom(graph, initial);
  for (const stage of symbols.stageList) {
    if (!reached.has(stage)) {
      report(
        createDiagnostic("unreachable-stage", {
          format: { name: stage.name, initial: initial.name },
          file: stage.file,
          span: spanOf(stage.node.name),
        }),
      );
    }
    // Any written way out counts, even one whose target is misspelt: that error is reported
    // already, and calling the stage a dead end too would only add noise.
    const writtenWayOut = stage.node.items.some(
      (item) => item.kind === "Transition" || item.kind === "Sla",
    );
    if (
      stage.node.stageKind !== "terminal" &&
      graph.rulesOf(stage).length === 0 &&
      !writtenWayOut
    ) {
      report(
        createDiagnostic("dead-end-stage", {
          format: { name: stage.name },
          file: stage.file,
          span: spanOf(stage.node.name),
        }),
      );
    }
  }
  checkWonPath(graph, initial, reached, report);
}

/** The stages a record can reach from `initial` by rules that can fire and by SLAs. */
function reachableFrom(graph: FlowGraph, initial: StageSymbol): Set<StageSymbol> {
  const { stageList, stages } = graph.symbols;
  const reached = new Set<StageSymbol>([initial]);
  const queue = [initial];
  const visit = (next: StageSymbol) => {
    if (reached.has(next)) return;
    reached.add(next);
    queue.push(next);
  };
  for (let index = 0; index < queue.length; index++) {
    const stage = queue[index];
    for (const rule of graph.rulesOf(stage)) if (!rule.never) visit(stageList[rule.target]);
    const sla = graph.slaOf(stage);
    if (sla) visit(stages.get(sla.target.name)!);
  }
  return reached;
}

function checkWonPath(
  graph: FlowGraph,
  initial: StageSymbol,
  reached: Set<StageSymbol>,
  report: (d: Diagnostic) => void,
): void {
  const { symbols } = graph;
  const isWon = (stage: StageSymbol) =>
    stage.node.stageKind === "terminal" &&
    stage.node.items.some((item) => item.kind === "Outcome" && item.value.name === "won");
  if (!symbols.stageList.some(isWon)) {
    report(
      createDiagnostic("no-won-path", {
        messageId: "noWonStage",
        format: {},
        file: symbols.entry,
        span: spanOf(symbols.funnel!.name),
      }),
    );
  } else if (![...reached].some(isWon)) {
    report(
      createDiagnostic("no-won-path", {
        format: { initial: initial.name },
        file: symbols.entry,
        span: spanOf(initial.node.name),
      }),
    );
  }
}
