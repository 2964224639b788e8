// The flow analyses as they were before the cycle search was pruned by strongly connected
// components (test reference only): test/compiler/flow-equivalence.test.ts checks that
// compiler/checker/graph.ts reports exactly what this does, on random stage graphs.
import type * as A from "../../grammar/ast.js";
import { printExpr } from "../../grammar/print-expr.js";
import type { StageSymbol, SymbolTable } from "../../compiler/binder.js";
import {
  createDiagnostic,
  relatedLocation,
  type Diagnostic,
} from "../../core/diagnostics/diagnostic.js";
import { offsetToLineColumn, type SourceFile } from "../../core/source-file.js";
import type { CheckFacts } from "../../compiler/checker/check-context.js";
import {
  conjoin,
  contradictingVariable,
  implies,
  neverTrue,
  toDnf,
  type Dnf,
} from "../../compiler/checker/conditions.js";
import { spanOf } from "../../grammar/ast.js";

interface FlowOptions {
  /**
   * False when syntax errors dropped clauses or transitions point at unknown stages: the graph
   * is then missing edges, and unreachable / dead-end / no-won-path warnings would be noise on
   * top of the errors that explain them.
   */
  graphComplete: boolean;
}

interface Rule {
  node: A.TransitionNode;
  file: string;
  fromAny: boolean;
  dnf: Dnf;
}

/** Bound on the cycle search from each start stage, so a 10,000-stage funnel stays fast. */
const MAX_CYCLE_STEPS_PER_START = 2_000;

/**
 * Runs the flow analyses of one funnel.
 * @param symbols the bound funnel
 * @param facts what the checker resolved
 * @param sources the files, to name lines in messages
 * @param report receives each diagnostic
 * @param options whether the stage graph is complete enough for whole-graph warnings
 */
export function checkFlowReference(
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
      if (rule.when) reportNeverTrue(rule.when, dnfOf(rule.when), score.file);
  }

  const toRule = (node: A.TransitionNode, file: string, fromAny: boolean): Rule => {
    const rule = { node, file, fromAny, dnf: dnfOf(node.when) };
    if (node.when) reportNeverTrue(node.when, rule.dnf, file);
    return rule;
  };
  const fromAny = symbols.fromAny
    .filter((r) => facts.validTransitions.has(r.node))
    .map((r) => toRule(r.node, r.file, true));
  const own = new Map<StageSymbol, Rule[]>();
  for (const stage of symbols.stageList) {
    const rules = stage.node.items
      .filter((i): i is A.TransitionNode => i.kind === "Transition")
      .filter((t) => facts.validTransitions.has(t))
      .map((t) => toRule(t, stage.file, false));
    own.set(stage, stage.node.stageKind === "terminal" ? [] : rules);
  }
  /** The rules tried in a stage, in order: `from any` first, except those into the stage itself. */
  const ruleCache = new Map<StageSymbol, Rule[]>();
  const rulesOf = (stage: StageSymbol): Rule[] => {
    let rules = ruleCache.get(stage);
    if (!rules) {
      rules =
        stage.node.stageKind === "terminal"
          ? []
          : [...fromAny.filter((r) => r.node.target.name !== stage.name), ...own.get(stage)!];
      ruleCache.set(stage, rules);
    }
    return rules;
  };
  const order = new Map(symbols.stageList.map((s, i) => [s, i]));
  const slaOf = (stage: StageSymbol) => {
    if (stage.node.stageKind === "terminal") return undefined;
    const sla = stage.node.items.find((i): i is A.SlaNode => i.kind === "Sla");
    return sla && symbols.stages.has(sla.target.name) ? sla : undefined;
  };

  // ---------------------------------------------------------------- shadowed transitions
  const lineOf = (file: string, offset: number) =>
    sources.has(file) ? offsetToLineColumn(sources.get(file)!, offset).line : 0;
  const checkShadowing = (rules: Rule[], onlyReportOwn: boolean) => {
    rules.forEach((later, j) => {
      if (onlyReportOwn && later.fromAny) return;
      if (neverTrue(later.dnf)) return;
      for (const earlier of rules.slice(0, j)) {
        const coversEvent = !earlier.node.on || earlier.node.on.name === later.node.on?.name;
        if (!coversEvent || !implies(later.dnf, earlier.dnf)) continue;
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
        return;
      }
    });
  };
  checkShadowing(fromAny, false);
  for (const stage of symbols.stageList) checkShadowing(rulesOf(stage), true);

  // ---------------------------------------------------------------- reachability
  const initial = symbols.stageList.find((s) => s.node.stageKind === "stage");
  if (!initial) return;
  if (options.graphComplete) checkReachability(initial);
  findEventCycles();

  function checkReachability(initial: StageSymbol) {
    const successors = (stage: StageSymbol): StageSymbol[] => {
      const next = rulesOf(stage)
        .filter((r) => !neverTrue(r.dnf))
        .map((r) => symbols.stages.get(r.node.target.name)!);
      const sla = slaOf(stage);
      if (sla) next.push(symbols.stages.get(sla.target.name)!);
      return next;
    };
    const reached = new Set<StageSymbol>([initial]);
    const queue = [initial];
    while (queue.length) {
      for (const next of successors(queue.shift()!)) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
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
        (i) => i.kind === "Transition" || i.kind === "Sla",
      );
      if (stage.node.stageKind !== "terminal" && rulesOf(stage).length === 0 && !writtenWayOut) {
        report(
          createDiagnostic("dead-end-stage", {
            format: { name: stage.name },
            file: stage.file,
            span: spanOf(stage.node.name),
          }),
        );
      }
    }
    const isWon = (s: StageSymbol) =>
      s.node.stageKind === "terminal" &&
      s.node.items.some((i) => i.kind === "Outcome" && i.value.name === "won");
    const funnelName = symbols.funnel!.name;
    if (!symbols.stageList.some(isWon)) {
      report(
        createDiagnostic("no-won-path", {
          messageId: "noWonStage",
          format: {},
          file: symbols.entry,
          span: spanOf(funnelName),
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

  // ---------------------------------------------------------------- cycles one event can run round
  function findEventCycles() {
    const reportedCycles = new Set<string>();
    const findCycles = (event: string | undefined) => {
      const enabled = (rule: Rule) => !rule.node.on || rule.node.on.name === event;
      for (const start of symbols.stageList) {
        let steps = 0;
        const path: { stage: StageSymbol; rule?: Rule }[] = [{ stage: start }];
        const onPath = new Set<StageSymbol>([start]);
        const dfs = (stage: StageSymbol, condition: Dnf, usesEvent: boolean): boolean => {
          for (const rule of rulesOf(stage)) {
            if (++steps > MAX_CYCLE_STEPS_PER_START) return true;
            if (!enabled(rule)) continue;
            const target = symbols.stages.get(rule.node.target.name)!;
            const joint = conjoin(condition, rule.dnf);
            if (joint !== undefined && joint.length === 0) continue;
            const withEvent = usesEvent || rule.node.on !== undefined;
            if (target === start) {
              // Without a rule on this event, the cycle is one any event runs: reported as that.
              if (event !== undefined && !withEvent) continue;
              const stages = path.map((p) => p.stage);
              const key = [...stages.map((s) => s.name)].sort().join(",") + "|" + (event ?? "");
              const anyKey = [...stages.map((s) => s.name)].sort().join(",") + "|";
              if (reportedCycles.has(key) || reportedCycles.has(anyKey)) continue;
              reportedCycles.add(key);
              const steps = [...path.slice(1), { stage: start, rule }];
              const chain = [...stages, start].map((s) => `\`${s.name}\``).join(" → ");
              const first = steps[0].rule!;
              report(
                createDiagnostic("event-cycle", {
                  format: { event: event ? `\`${event}\` event` : "event of any kind", chain },
                  file: first.file,
                  span: spanOf(first.node),
                  related: steps
                    .slice(1)
                    .map((s, i) =>
                      relatedLocation(
                        "cycleStep",
                        { from: steps[i].stage.name, to: s.stage.name },
                        s.rule!.file,
                        spanOf(s.rule!.node),
                      ),
                    ),
                }),
              );
              continue;
            }
            // Each cycle is found from its earliest stage only.
            if (onPath.has(target) || order.get(target)! < order.get(start)!) continue;
            onPath.add(target);
            path.push({ stage: target, rule });
            const stop = dfs(target, joint, withEvent);
            path.pop();
            onPath.delete(target);
            if (stop) return true;
          }
          return false;
        };
        dfs(start, [new Map()], false);
      }
    };
    findCycles(undefined);
    for (const event of symbols.events.keys()) findCycles(event);
  }
}
