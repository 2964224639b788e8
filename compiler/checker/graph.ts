// Flow analyses over the stage graph (spec §5 warnings): unreachable stages, dead ends, no path
// to a won outcome, shadowed transitions, conditions that can never be true, one-event cycles.
import type * as A from "../../grammar/ast.js";
import { printExpr } from "../../grammar/print-expr.js";
import type { StageSymbol, SymbolTable } from "../binder.js";
import {
  createDiagnostic,
  relatedLocation,
  type Diagnostic,
} from "../../core/diagnostics/diagnostic.js";
import { offsetToLineColumn, type SourceFile } from "../../core/source-file.js";
import type { CheckFacts } from "./check-context.js";
import {
  conjoin,
  contradictingVariable,
  implies,
  neverTrue,
  toDnf,
  type Dnf,
} from "./conditions.js";
import { CycleStartFinder, type CycleEdge } from "./cycle-starts.js";
import { spanOf } from "../../grammar/ast.js";

export interface FlowOptions {
  /**
   * False when syntax errors dropped clauses or transitions point at unknown stages: the graph
   * is then missing edges, and unreachable / dead-end / no-won-path warnings would be noise on
   * top of the errors that explain them.
   */
  graphComplete: boolean;
}

/** A rule, with what the graph searches read of it resolved once (it is an edge of their graph). */
interface Rule extends CycleEdge {
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

  const order = new Map(symbols.stageList.map((s, i) => [s, i]));
  const toRule = (node: A.TransitionNode, file: string, fromAny: boolean): Rule => {
    const dnf = dnfOf(node.when);
    const target = order.get(symbols.stages.get(node.target.name)!)!;
    // A rule with a syntax error stays an edge of the graph (its target is reachable), but what
    // is left of its condition says nothing: no never-true, shadowing or cycle claims about it.
    const incomplete = node.incomplete === true;
    const rule = {
      node,
      file,
      fromAny,
      dnf,
      target,
      on: node.on?.name,
      never: !incomplete && neverTrue(dnf),
    };
    if (node.when && !incomplete) reportNeverTrue(node.when, rule.dnf, file);
    return rule;
  };
  const fromAny = symbols.fromAny
    .filter((r) => facts.validTransitions.has(r.node))
    .map((r) => toRule(r.node, r.file, true));
  const own = new Map<StageSymbol, Rule[]>();
  for (const stage of symbols.stageList) {
    const rules: Rule[] = [];
    for (const item of stage.node.items) {
      if (item.kind === "Transition" && facts.validTransitions.has(item))
        rules.push(toRule(item, stage.file, false));
    }
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
      if (later.node.incomplete || neverTrue(later.dnf)) return;
      for (let i = 0; i < j; i++) {
        const earlier = rules[i];
        if (earlier.node.incomplete) continue;
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
    const reached = new Set<StageSymbol>([initial]);
    const queue = [initial];
    const visit = (next: StageSymbol) => {
      if (reached.has(next)) return;
      reached.add(next);
      queue.push(next);
    };
    for (let head = 0; head < queue.length; head++) {
      const stage = queue[head];
      for (const rule of rulesOf(stage)) if (!rule.never) visit(symbols.stageList[rule.target]);
      const sla = slaOf(stage);
      if (sla) visit(symbols.stages.get(sla.target.name)!);
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
    const stages = symbols.stageList;
    const edges = stages.map(rulesOf);
    // A search from a stage on no cycle of its event's rules (through later stages) finds
    // nothing, and searches from different stages never share steps: starting only from the
    // others reports exactly what starting from every stage did.
    const finder = new CycleStartFinder(edges);
    const reportedCycles = new Set<string>();
    const onPath = new Uint8Array(stages.length);
    const findCycles = (event: string | undefined) => {
      const enabled = (on: string | undefined) => on === undefined || on === event;
      const starts = finder.starts(event);
      for (let startIndex = 0; startIndex < stages.length; startIndex++) {
        if (!starts[startIndex]) continue;
        const start = stages[startIndex];
        let steps = 0;
        const path: { stage: StageSymbol; rule?: Rule }[] = [{ stage: start }];
        onPath[startIndex] = 1;
        const dfs = (from: number, condition: Dnf, usesEvent: boolean): boolean => {
          for (const edge of edges[from]) {
            if (++steps > MAX_CYCLE_STEPS_PER_START) return true;
            if (!enabled(edge.on) || edge.node.incomplete) continue;
            const target = edge.target;
            // Each cycle is found from its earliest stage only. (Tested before the conditions are
            // joined, which is the costly part; the search skips such a rule either way.)
            if (target !== startIndex && (onPath[target] === 1 || target < startIndex)) continue;
            const rule = edge;
            const joint = joinConditions(condition, rule.dnf);
            if (joint !== undefined && joint.length === 0) continue;
            const withEvent = usesEvent || edge.on !== undefined;
            if (target === startIndex) {
              if (event !== undefined && !withEvent) continue; // already reported as an any-event cycle
              const cycle = path.map((p) => p.stage);
              const sortedNames = cycle
                .map((s) => s.name)
                .sort()
                .join(",");
              const key = sortedNames + "|" + (event ?? "");
              const anyKey = sortedNames + "|";
              if (reportedCycles.has(key) || reportedCycles.has(anyKey)) continue;
              reportedCycles.add(key);
              reportCycle(event, [...cycle, start], [...path.slice(1), { stage: start, rule }]);
              continue;
            }
            onPath[target] = 1;
            path.push({ stage: stages[target], rule });
            const stop = dfs(target, joint, withEvent);
            path.pop();
            onPath[target] = 0;
            if (stop) return true;
          }
          return false;
        };
        dfs(startIndex, [new Map()], false);
        onPath[startIndex] = 0;
      }
    };
    findCycles(undefined);
    for (const event of symbols.events.keys()) findCycles(event);
  }

  function reportCycle(
    event: string | undefined,
    stages: StageSymbol[],
    steps: { stage: StageSymbol; rule?: Rule }[],
  ) {
    const chain = stages.map((s) => `\`${s.name}\``).join(" → ");
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
  }
}

/**
 * `a and b`, as conjoin, without copying when one side is "always": the search joins every rule's
 * condition onto its path's, and most of either side are "always" in a typical funnel. Boxes are
 * never changed once built, so sharing them is safe.
 */
function joinConditions(a: Dnf, b: Dnf): Dnf {
  if (!a || !b) return undefined;
  if (b.length === 1 && b[0].size === 0) return a;
  if (a.length === 1 && a[0].size === 0) return b;
  return conjoin(a, b);
}
