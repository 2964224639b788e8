// The stage graph the flow analyses search: every transition whose target resolved, as a rule
// with its condition in normal form, and per stage the rules tried there and its SLA.
import type * as A from "../../grammar/ast.js";
import type { StageSymbol, SymbolTable } from "../binder.js";
import type { CheckFacts } from "./check-context.js";
import { neverTrue, type Dnf } from "./conditions.js";
import type { CycleEdge } from "./cycle-starts.js";

/** A rule, with what the graph searches read of it resolved once (it is an edge of their graph). */
export interface Rule extends CycleEdge {
  node: A.TransitionNode;
  file: string;
  fromAny: boolean;
  dnf: Dnf;
}

export interface FlowGraph {
  symbols: SymbolTable;
  /** Every rule, `from any` first, then each stage's own (terminal stages' too), as written. */
  rules: Rule[];
  /** The `from any` rules. */
  fromAny: Rule[];
  /** The rules tried in a stage, in order: `from any` first, except those into the stage itself. */
  rulesOf(stage: StageSymbol): Rule[];
  /** The SLA of a non-terminal stage, when its target resolved. */
  slaOf(stage: StageSymbol): A.SlaNode | undefined;
}

/**
 * Builds the stage graph of one funnel.
 * @param symbols the bound funnel
 * @param facts what the checker resolved (which transitions have a known target)
 * @param dnfOf a condition in normal form
 * @returns the rules, and per stage what leads out of it
 */
export function buildFlowGraph(
  symbols: SymbolTable,
  facts: CheckFacts,
  dnfOf: (expr: A.ExprNode | undefined) => Dnf,
): FlowGraph {
  const order = new Map(symbols.stageList.map((stage, index) => [stage, index]));
  const toRule = (node: A.TransitionNode, file: string, fromAny: boolean): Rule => {
    const dnf = dnfOf(node.when);
    // A rule with a syntax error stays an edge of the graph (its target is reachable), but what
    // is left of its condition says nothing: no never-true, shadowing or cycle claims about it.
    const incomplete = node.incomplete === true;
    return {
      node,
      file,
      fromAny,
      dnf,
      target: order.get(symbols.stages.get(node.target.name)!)!,
      on: node.on?.name,
      never: !incomplete && neverTrue(dnf),
    };
  };
  const fromAny = symbols.fromAny
    .filter((rule) => facts.validTransitions.has(rule.node))
    .map((rule) => toRule(rule.node, rule.file, true));
  const rules = [...fromAny];
  const own = new Map<StageSymbol, Rule[]>();
  for (const stage of symbols.stageList) {
    const stageRules: Rule[] = [];
    for (const item of stage.node.items) {
      if (item.kind === "Transition" && facts.validTransitions.has(item))
        stageRules.push(toRule(item, stage.file, false));
    }
    rules.push(...stageRules);
    own.set(stage, stage.node.stageKind === "terminal" ? [] : stageRules);
  }
  const tried = new Map<StageSymbol, Rule[]>();
  const rulesOf = (stage: StageSymbol): Rule[] => {
    let stageRules = tried.get(stage);
    if (!stageRules) {
      stageRules =
        stage.node.stageKind === "terminal"
          ? []
          : [...fromAny.filter((r) => r.node.target.name !== stage.name), ...own.get(stage)!];
      tried.set(stage, stageRules);
    }
    return stageRules;
  };
  const slaOf = (stage: StageSymbol) => {
    if (stage.node.stageKind === "terminal") return undefined;
    const sla = stage.node.items.find((item): item is A.SlaNode => item.kind === "Sla");
    return sla && symbols.stages.has(sla.target.name) ? sla : undefined;
  };
  return { symbols, rules, fromAny, rulesOf, slaOf };
}
