// Cycles one event can run round (spec §5 warning): rules that, on the same event and with
// conditions that can all hold together, lead from a stage back to it.
import { spanOf } from "../../grammar/ast.js";
import {
  createDiagnostic,
  relatedLocation,
  type Diagnostic,
} from "../../core/diagnostics/diagnostic.js";
import type { StageSymbol } from "../binder.js";
import { conjoin, type Dnf } from "./conditions.js";
import { CycleStartFinder } from "./cycle-starts.js";
import type { FlowGraph, Rule } from "./flow-graph.js";

/** Bound on the cycle search from each start stage, so a 10,000-stage funnel stays fast. */
const MAX_CYCLE_STEPS_PER_START = 2_000;

/** One step of a path: a stage, and the rule that led into it. */
interface PathStep {
  stage: StageSymbol;
  rule?: Rule;
}

/**
 * Reports each cycle one event (or an event of any kind) could move a record round, once.
 * @param graph the stage graph
 * @param report receives each diagnostic
 */
export function findEventCycles(graph: FlowGraph, report: (d: Diagnostic) => void): void {
  const stages = graph.symbols.stageList;
  const edges = stages.map(graph.rulesOf);
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
      const path: PathStep[] = [{ stage: start }];
      onPath[startIndex] = 1;
      const dfs = (from: number, condition: Dnf, usesEvent: boolean): boolean => {
        for (const rule of edges[from]) {
          if (++steps > MAX_CYCLE_STEPS_PER_START) return true;
          if (!enabled(rule.on) || rule.node.incomplete) continue;
          const target = rule.target;
          // Each cycle is found from its earliest stage only. (Tested before the conditions are
          // joined, which is the costly part; the search skips such a rule either way.)
          if (target !== startIndex && (onPath[target] === 1 || target < startIndex)) continue;
          const joint = joinConditions(condition, rule.dnf);
          if (joint !== undefined && joint.length === 0) continue;
          const withEvent = usesEvent || rule.on !== undefined;
          if (target === startIndex) {
            // Without a rule on this event, the cycle is one any event runs: reported as that.
            if (event !== undefined && !withEvent) continue;
            const cycle = path.map((step) => step.stage);
            const sortedNames = cycle
              .map((stage) => stage.name)
              .sort()
              .join(",");
            const key = sortedNames + "|" + (event ?? "");
            const anyKey = sortedNames + "|";
            if (reportedCycles.has(key) || reportedCycles.has(anyKey)) continue;
            reportedCycles.add(key);
            const cycleSteps = [...path.slice(1), { stage: start, rule }];
            reportCycle(event, [...cycle, start], cycleSteps, report);
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
  for (const event of graph.symbols.events.keys()) findCycles(event);
}

function reportCycle(
  event: string | undefined,
  stages: StageSymbol[],
  steps: PathStep[],
  report: (d: Diagnostic) => void,
): void {
  const chain = stages.map((stage) => `\`${stage.name}\``).join(" → ");
  const first = steps[0].rule!;
  report(
    createDiagnostic("event-cycle", {
      format: { event: event ? `\`${event}\` event` : "event of any kind", chain },
      file: first.file,
      span: spanOf(first.node),
      related: steps
        .slice(1)
        .map((step, index) =>
          relatedLocation(
            "cycleStep",
            { from: steps[index].stage.name, to: step.stage.name },
            step.rule!.file,
            spanOf(step.rule!.node),
          ),
        ),
    }),
  );
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
