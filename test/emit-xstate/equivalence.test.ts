// Differential property: random funnels and random event streams (test/helpers/random-funnels.ts,
// the generators of the ts target's test) through the engine and through the funnel's XState
// machine, loaded with the installed `xstate`. The machine expects validated events, so it gets
// the events the engine applied (rejected ones and duplicates stay with the engine); `advanceTo`
// steps go to both. Every applied event's outcomes (moves with their causes and rules, SLA
// warnings and breaches with their times), every advanceTo's outcomes and each record's stage,
// entered time and path must be the same. Few runs: XState is slow.
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { genFunnel, genSteps } from "../helpers/random-funnels.js";
import { irOfSource } from "../emit-ts/helpers.js";
import { emitMachine, loadMachine, MachinePair, removeScratch } from "./helpers.js";

const RUNS = 40;
const SEED = 20260331;

afterAll(removeScratch);

describe("the XState machine is the engine", () => {
  it(`gives the same outcomes, stages and paths on ${RUNS} random funnels and streams`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const spec = genFunnel(g);
        const { ir, errors } = irOfSource(spec.source, "random.funnel");
        if (!ir) throw new Error(`the generator's funnel does not compile:\n${errors.join("\n")}`);
        const pair = new MachinePair(ir, await loadMachine(await emitMachine(ir)));
        const steps = genSteps(g, spec);
        try {
          for (const step of steps) {
            if ("apply" in step) pair.apply(step.apply);
            else if ("advanceTo" in step) pair.advanceTo(step.advanceTo);
          }
          pair.expectSameRecords();
        } catch (error) {
          (error as Error).message +=
            `\n--- funnel\n${spec.source}--- steps\n` +
            steps.map((s) => JSON.stringify(s)).join("\n");
          throw error;
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
