// The flow analyses (compiler/checker/graph.ts) report exactly what the reference implementation
// they replaced did (test/compiler/flow-reference.ts): same diagnostics, order, messages, ranges
// and related locations, on random funnels with cycles, events, conditions, `from any` and SLAs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFlow } from "../../compiler/checker/graph.js";
import { CycleStartFinder, type CycleEdge } from "../../compiler/checker/cycle-starts.js";
import { createMemoryHost } from "../../compiler/host.js";
import { checkProgramFlow, compileEntry } from "../../compiler/program.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { checkFlowReference } from "./flow-reference.js";

const EVENTS = ["e1", "e2", "e3"];
const CONDITIONS = [
  'k = "a"',
  'k = "b"',
  'k != "a"',
  'k in ["a", "b"]',
  "n > 5",
  "n >= 10",
  "n < 3",
  "n is set",
  "b",
  "not b",
  'n > 5 and k = "a"',
  'n > 5 or k = "c"',
  "n > 5 and n < 3",
  'k = "a" and k = "b"',
  "event.x > 1",
  "event.x < 0",
  'notes contains "x"',
];

interface RuleSpec {
  target: number;
  on?: number;
  when?: number;
}

const rule = (targets: number) =>
  fc.record(
    {
      target: fc.nat({ max: targets - 1 }),
      on: fc.nat({ max: EVENTS.length - 1 }),
      when: fc.nat({ max: CONDITIONS.length - 1 }),
    },
    { requiredKeys: ["target"] },
  );

const funnelSpec = (maxStages: number, maxRules: number) =>
  fc.integer({ min: 1, max: maxStages }).chain((stages) =>
    fc.record({
      stages: fc.array(
        fc.record({
          terminal: fc.boolean(),
          rules: fc.array(rule(stages + 2), { maxLength: maxRules }),
          sla: fc.option(fc.nat({ max: stages + 1 }), { nil: undefined }),
        }),
        { minLength: stages, maxLength: stages },
      ),
      fromAny: fc.array(rule(stages + 2), { maxLength: 2 }),
    }),
  );

function renderRule(r: RuleSpec, names: string[]): string {
  let text = `-> ${names[r.target]}`;
  if (r.on !== undefined) text += ` on ${EVENTS[r.on]}`;
  if (r.when !== undefined) {
    const condition = CONDITIONS[r.when];
    // `event.` needs an `on`; without one it would only be an error, not a flow case.
    if (!condition.startsWith("event.") || r.on !== undefined) text += ` when ${condition}`;
  }
  // A rule needs a trigger.
  return text.includes(" on ") || text.includes(" when ") ? text : `${text} when b`;
}

function render(spec: {
  stages: { terminal: boolean; rules: RuleSpec[]; sla?: number }[];
  fromAny: RuleSpec[];
}): string {
  const names = [...spec.stages.map((_, i) => `s${i}`), "won", "lost"];
  const lines = [
    "funnel f {",
    "  team t",
    '  fields { k: "a" | "b" | "c"  n: number?  b: boolean = false  notes: text? }',
    `  events { ${EVENTS.map((e) => `${e} { x: number }`).join("  ")} }`,
  ];
  if (spec.fromAny.length)
    lines.push("  from any {", ...spec.fromAny.map((r) => `    ${renderRule(r, names)}`), "  }");
  spec.stages.forEach((stage, i) => {
    if (stage.terminal && i > 0) {
      lines.push(`  terminal s${i} { outcome lost }`);
      return;
    }
    lines.push(`  stage s${i} {`, '    definition "D."', "    owner t");
    for (const r of stage.rules) lines.push(`    ${renderRule(r, names)}`);
    if (stage.sla !== undefined)
      lines.push(`    sla 3 days -> ${stage.sla === i ? "won" : names[stage.sla]}`);
    lines.push("  }");
  });
  lines.push("  terminal won { outcome won }", "  terminal lost { outcome lost }", "}", "");
  return lines.join("\n");
}

const plain = (list: Diagnostic[]) => JSON.parse(JSON.stringify(list)) as unknown;

describe("flow analyses against the reference implementation", () => {
  /** Runs both on random funnels; returns how many had an event cycle. */
  function compare(spec: fc.Arbitrary<Parameters<typeof render>[0]>, numRuns: number): number {
    let withCycles = 0;
    fc.assert(
      fc.property(spec, (spec) => {
        const text = render(spec);
        const program = compileEntry(
          createMemoryHost({ "f.funnel": text }),
          "f.funnel",
          new Map(),
          { lower: false, flow: false },
        );
        expect(
          program.diagnostics.filter((d) => d.severity === "error"),
          text,
        ).toEqual([]);
        const { symbols, facts, file } = program;
        const sources = new Map([[file!.source.path, file!.source]]);
        const actual: Diagnostic[] = [];
        const expected: Diagnostic[] = [];
        checkFlow(symbols!, facts!, sources, (d) => actual.push(d));
        checkFlowReference(symbols!, facts!, sources, (d) => expected.push(d));
        expect(plain(actual), text).toEqual(plain(expected));
        expect(checkProgramFlow(program).length).toBe(actual.length);
        if (expected.some((d) => d.name === "event-cycle")) withCycles++;
      }),
      { numRuns, seed: 4 },
    );
    return withCycles;
  }

  it("report the same diagnostics, in the same order, on random small funnels", () => {
    // The generator must reach the case the new search prunes.
    expect(compare(funnelSpec(7, 4), 400)).toBeGreaterThan(20);
  });

  it("agree on larger, denser funnels, where the search's step bound cuts searches short", () => {
    expect(compare(funnelSpec(60, 8), 25)).toBeGreaterThan(5);
  });
});

describe("CycleStartFinder", () => {
  /** Brute force: is there a cycle through `s` over stages at or after `s` (with an event rule)? */
  function reference(
    edges: CycleEdge[][],
    enabled: (on: string | undefined) => boolean,
    needsEvent: boolean,
  ): number[] {
    const out: number[] = [];
    edges.forEach((_, s) => {
      // States: (stage, used an event rule yet).
      const seen = new Set<string>();
      const queue: [number, boolean][] = [[s, false]];
      let found = false;
      while (queue.length && !found) {
        const [v, used] = queue.shift()!;
        for (const e of edges[v]) {
          if (e.never || !enabled(e.on) || e.target < s) continue;
          const u = used || e.on !== undefined;
          if (e.target === s && (u || !needsEvent)) found = true;
          const key = `${e.target},${u}`;
          if (e.target !== s && !seen.has(key)) {
            seen.add(key);
            queue.push([e.target, u]);
          }
        }
      }
      if (found) out.push(s);
    });
    return out;
  }

  it("marks exactly the stages on a cycle through later stages", () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.array(
        fc.array(
          fc.record({
            target: fc.nat({ max: n - 1 }),
            on: fc.constantFrom(undefined, "x", "y"),
            never: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
          }),
          { maxLength: 4 },
        ),
        { minLength: n, maxLength: n },
      ),
    );
    fc.assert(
      fc.property(graph, (edges) => {
        // One finder answers for every event in turn, as graph.ts uses it.
        const finder = new CycleStartFinder(edges);
        for (const event of [undefined, "x", "y", "z"]) {
          const enabled = (on: string | undefined) => on === undefined || on === event;
          const marked = [...finder.starts(event)].flatMap((m, i) => (m ? [i] : []));
          expect(marked).toEqual(reference(edges, enabled, event !== undefined));
        }
      }),
      { numRuns: 1000, seed: 4 },
    );
  });
});
