// Flow analyses over the stage graph (spec §5 warnings): conditions that can never be true,
// shadowed transitions, unreachable stages, dead ends, no path to a won outcome (reachability.ts)
// and one-event cycles (event-cycles.ts).
import type * as A from "../../grammar/ast.js";
import { printExpr } from "../../grammar/print-expr.js";
import type { SymbolTable } from "../binder.js";
import {
  createDiagnostic,
  relatedLocation,
  type Diagnostic,
} from "../../core/diagnostics/diagnostic.js";
import { offsetToLineColumn, type SourceFile } from "../../core/source-file.js";
import type { CheckFacts } from "./check-context.js";
import { contradictingVariable, implies, neverTrue, toDnf, type Dnf } from "./conditions.js";
import { findEventCycles } from "./event-cycles.js";
import { buildFlowGraph, type Rule } from "./flow-graph.js";
import { checkReachability } from "./reachability.js";
import { spanOf } from "../../grammar/ast.js";

export interface FlowOptions {
  /**
   * False when syntax errors dropped clauses or transitions point at unknown stages: the graph
   * is then missing edges, and unreachable / dead-end / no-won-path warnings would be noise on
   * top of the errors that explain them.
   */
  graphComplete: boolean;
}

/**
 * Runs the flow analyses of one funnel.
 * @param symbols the bound funnel
 * @param facts what the checker resolved
 * @param sources the files, to name lines in messages
 * @param report receives each diagnostic
 * @param options whether the stage graph is complete enough for whole-graph warnings
 */
export function checkFlow(
  symbols: SymbolTable,
  facts: CheckFacts,
  sources: Map<string, SourceFile>,
  report: (d: Diagnostic) => void,
  options: FlowOptions = { graphComplete: true },
): void {
  const ctx = { refs: facts.refs };
  const dnfOf = (expr: A.ExprNode | undefined) => toDnf(expr, ctx, printExpr);
  const reportNeverTrue = (expr: A.ExprNode, dnf: Dnf, file: string) => {
    if (!neverTrue(dnf)) return;
    const variable = contradictingVariable(
      expr.kind === "Paren" ? expr.expr : expr,
      ctx,
      printExpr,
    );
    const reason = variable
      ? `no value of \`${variable}\` passes all of its tests`
      : "its parts contradict each other";
    report(
      createDiagnostic("condition-never-true", { format: { reason }, file, span: spanOf(expr) }),
    );
  };

  for (const score of symbols.scores.values()) {
    for (const rule of score.node.rules)
      if (rule.when && !rule.incomplete) reportNeverTrue(rule.when, dnfOf(rule.when), score.file);
  }
  const graph = buildFlowGraph(symbols, facts, dnfOf);
  for (const rule of graph.rules)
    if (rule.node.when && !rule.node.incomplete)
      reportNeverTrue(rule.node.when, rule.dnf, rule.file);

  const lineOf = (file: string, offset: number) =>
    sources.has(file) ? offsetToLineColumn(sources.get(file)!, offset).line : 0;
  checkShadowing(graph.fromAny, false, lineOf, report);
  for (const stage of symbols.stageList) checkShadowing(graph.rulesOf(stage), true, lineOf, report);

  const initial = symbols.stageList.find((stage) => stage.node.stageKind === "stage");
  if (!initial) return;
  if (options.graphComplete) checkReachability(graph, initial, report);
  findEventCycles(graph, report);
}

/**
 * Reports each rule that an earlier rule tried in the same stage always pre-empts: the earlier one
 * covers its event, and its condition implies the earlier one's.
 * @param rules the rules tried in one stage, in order
 * @param onlyReportOwn whether to leave `from any` rules alone (they are checked on their own)
 * @param lineOf the line of an offset in a file, for the message
 * @param report receives each diagnostic
 */
function checkShadowing(
  rules: Rule[],
  onlyReportOwn: boolean,
  lineOf: (file: string, offset: number) => number,
  report: (d: Diagnostic) => void,
): void {
  rules.forEach((later, laterIndex) => {
    if (onlyReportOwn && later.fromAny) return;
    if (later.node.incomplete || neverTrue(later.dnf)) return;
    const earlier = rules.find(
      (rule, index) =>
        index < laterIndex &&
        !rule.node.incomplete &&
        (!rule.node.on || rule.node.on.name === later.node.on?.name) &&
        implies(later.dnf, rule.dnf),
    );
    if (!earlier) return;
    report(
      createDiagnostic("shadowed-transition", {
        format: {
          name: later.node.target.name,
          earlier: earlier.node.target.name,
          line: lineOf(earlier.file, earlier.node.start),
        },
        file: later.file,
        span: spanOf(later.node),
        related: [relatedLocation("earlierRule", {}, earlier.file, spanOf(earlier.node))],
      }),
    );
  });
}
