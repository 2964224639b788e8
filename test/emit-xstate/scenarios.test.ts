// The xstate target run for real: every example's machine, loaded with the installed `xstate`,
// runs the example's scenario files (spec §8) and the spec's cases next to the engine: the same
// outcomes for every applied event (moves, SLA warnings and breaches, calendar months included),
// the same stage, entered time and path for every record. Also: the machines pass `tsc --strict`.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FunnelIR } from "../../core/ir/types.js";
import { parseScenarioFile } from "../../cli/data/scenario-file.js";
import { irOfFile, irOfSource } from "../emit-ts/helpers.js";
import {
  emitMachine,
  loadMachine,
  MachinePair,
  removeScratch,
  typeCheckMachines,
  type MachineModule,
} from "./helpers.js";

const EXAMPLES = ["examples/lead-to-revenue.funnel", "examples/revenue-cycle.funnel"];
const machines = new Map<string, { ir: FunnelIR; files: { json: string; ts: string } }>();

beforeAll(async () => {
  for (const file of EXAMPLES) {
    const ir = irOfFile(file);
    machines.set(file, { ir, files: await emitMachine(ir) });
  }
});
afterAll(removeScratch);

async function pairFor(file: string): Promise<MachinePair> {
  const { ir, files } = machines.get(file)!;
  return new MachinePair(ir, await loadMachine(files));
}

describe("the machines of the examples", () => {
  it("pass tsc --strict against the installed xstate types", () => {
    const all = Object.fromEntries(
      [...machines].map(([file, { files }], i) => [`m${i}-${file.replace(/\W/g, "_")}`, files]),
    );
    expect(typeCheckMachines(all)).toBe("");
  });

  const scenarioFiles = readdirSync("examples")
    .filter((f) => f.endsWith(".scenarios.yaml"))
    .map((f) => `examples/${f}`);
  for (const path of scenarioFiles) {
    it(`run ${path} with the engine's outcomes, stages and paths`, async () => {
      const file = parseScenarioFile(path, path, readFileSync(path, "utf8"));
      expect(file.diagnostics).toEqual([]);
      const funnel = `examples/${file.funnel!.value}`;
      const compiled = machines.get(funnel) ?? {
        ir: irOfFile(funnel),
        files: await emitMachine(irOfFile(funnel)),
      };
      const module: MachineModule = await loadMachine(compiled.files);
      let moves = 0;
      for (const scenario of file.scenarios) {
        const pair = new MachinePair(compiled.ir, module);
        for (const event of scenario.events) {
          const result = pair.apply(event.value);
          moves += result.outcomes.length;
        }
        if (scenario.asOf) moves += pair.advanceTo(scenario.asOf.value).length;
        pair.expectSameRecords();
        if (scenario.expect.stage) expect(module.createFunnelActors, scenario.name).toBeDefined();
      }
      expect(moves).toBeGreaterThan(file.scenarios.length);
    });
  }
});

describe("spec cases", () => {
  it("spec §8: a demo request after email capture makes a responder", async () => {
    const pair = await pairFor("examples/lead-to-revenue.funnel");
    pair.apply({ record: "l", at: "2026-01-01T09:00:00Z", type: "web_visit", data: { url: "/p" } });
    pair.apply({
      record: "l",
      at: "2026-01-02T09:00:00Z",
      type: "update",
      set: { email: "a@b.nl", job_title: "Director" },
    });
    pair.apply({
      record: "l",
      at: "2026-01-03T09:00:00Z",
      type: "form_submitted",
      data: { form: "Demo request" },
    });
    pair.expectSameRecords();
    expect(pair.actors.state("l")!.stage).toBe("responded");
  });

  it("recycles a stale SAL at its deadline after warning at 25 days (as_of)", async () => {
    const pair = await pairFor("examples/lead-to-revenue.funnel");
    pair.apply({
      record: "s",
      at: "2026-01-01T09:00:00Z",
      type: "update",
      set: { email: "c@a.nl" },
    });
    for (const day of ["02", "03", "04"])
      pair.apply({
        record: "s",
        at: `2026-01-${day}T09:00:00Z`,
        type: "form_submitted",
        data: { form: "Demo request" },
      });
    pair.apply({
      record: "s",
      at: "2026-01-10T09:00:00Z",
      type: "meeting_scheduled",
      data: { at: "2026-01-12T10:00:00Z" },
    });
    const outcomes = pair.advanceTo("2026-03-01T00:00:00Z");
    expect(outcomes.map((o) => `${o.type} ${o.at}`)).toEqual([
      "sla_warning 2026-02-04T09:00:00.000Z",
      "sla_breached 2026-02-09T09:00:00.000Z",
      "moved 2026-02-09T09:00:00.000Z",
    ]);
    pair.expectSameRecords();
  });

  it("breaches a 6-month SLA on the calendar (Aug 31 + 6 months = Feb 28), chained SLAs from the deadline", async () => {
    const { ir, errors } = irOfSource(`funnel months {
      team t
      fields { go: boolean = false }
      stage a { definition "A." owner t -> b when go }
      stage b { definition "B." owner t sla 6 months -> c }
      stage c { definition "C." owner t sla 1 month -> d warn 3 weeks }
      stage d { definition "D." owner t sla 1 year -> a }
    }`);
    expect(errors).toEqual([]);
    const pair = new MachinePair(ir!, await loadMachine(await emitMachine(ir!)));
    pair.apply({ record: "m", at: "2027-08-31T12:00:00Z", type: "update", set: { go: true } });
    const outcomes = pair.advanceTo("2029-06-01T00:00:00Z");
    expect(outcomes.filter((o) => o.type === "sla_breached").map((o) => o.at)).toEqual([
      "2028-02-29T12:00:00.000Z",
      "2028-03-29T12:00:00.000Z",
      "2029-03-29T12:00:00.000Z",
    ]);
    pair.expectSameRecords();
  });
});
