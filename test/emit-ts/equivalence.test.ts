// Differential test: random funnels (written as .funnel source that compiles without errors) and
// random event streams, run through the engine and through the funnel's generated TypeScript
// module. Every `apply` and `advanceTo` result, every record's state, the counters and the
// snapshots must be identical (JSON text, key order included); midway each side also resumes
// from the other's snapshot. Afterwards every generated module must pass `tsc --strict`.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { genFunnel, genSteps } from "../helpers/random-funnels.js";
import { emitModule, irOfSource, loadModule, Pair, removeScratch, typeCheck } from "./helpers.js";

const RUNS = 80;
const SEED = 20280229;

afterAll(removeScratch);

// ---------------------------------------------------------------------------------- the property

const sources: string[] = [];

describe("the generated module is the engine", () => {
  it(`gives identical results on ${RUNS} random funnels and event streams`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const spec = genFunnel(g);
        const { ir, errors } = irOfSource(spec.source, "random.funnel");
        if (!ir)
          throw new Error(
            `the generator wrote a funnel that does not compile:\n${errors.join("\n")}\n${spec.source}`,
          );
        const source = await emitModule(ir);
        sources.push(source);
        const pair = new Pair(ir, await loadModule(source));
        const steps = genSteps(g, spec);
        try {
          for (const step of steps) {
            if ("apply" in step) pair.apply(step.apply);
            else if ("advanceTo" in step) pair.advanceTo(step.advanceTo);
            else {
              pair.expectSameState();
              pair.swapSnapshots();
            }
          }
          pair.expectSameState();
        } catch (error) {
          // The drawn values alone say little: show the funnel and the steps.
          (error as Error).message +=
            `\n--- funnel\n${spec.source}--- steps\n${steps.map((s) => JSON.stringify(s)).join("\n")}`;
          throw error;
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it("agrees on time arithmetic across years 0000-9999, with century-long SLAs, and in fractions of a millisecond", async () => {
    const { ir, errors } = irOfSource(`funnel edge {
      team t
      fields { seen: datetime?  day: date? }
      stage a { definition "A." owner t -> b when seen >= 2028-02-29T00:00:00Z sla 1 month -> b warn 0.00001 minutes }
      stage b { definition "B." owner t sla 1.5 days -> c warn 1 day }
      stage c { definition "C." owner t -> e when day >= 5000-01-01 sla 100 years -> d }
      stage d { definition "D." owner t -> a when day < 0100-01-01 sla 1 year -> a }
      stage e { definition "E." owner t sla 99 years -> a }
    }`);
    expect(errors).toEqual([]);
    const module = await loadModule(await emitModule(ir!));
    const FIRST = Date.UTC(0, 0, 1) - 1900 * 365.2425 * 86_400_000; // about 0000-01-01
    const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    // Random instants, and days that Date.UTC reads differently (0000 is a leap year, 1900 is not).
    const instantArbitrary = fc.oneof(
      {
        weight: 9,
        arbitrary: fc
          .integer({ min: Math.ceil(FIRST), max: LAST })
          .map((ms) => new Date(ms).toISOString()),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "0000-02-29T12:00:00Z",
          "0000-02-28T12:00:00Z",
          "0099-12-31T23:59:59.999Z",
          "0100-02-29T00:00:00Z",
          "1900-02-29T00:00:00Z",
          "2000-02-29T00:00:00+01:00",
          "9999-12-31T23:59:59.999Z",
        ),
      },
    );
    const inRange = (text: string) => /^\d{4}-/.test(text);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            instantArbitrary,
            fc.constantFrom("r1", "r2"),
            fc.option(instantArbitrary),
            fc.boolean(),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        async (inputs) => {
          const pair = new Pair(ir!, module);
          const sorted = inputs
            .filter(([at]) => inRange(at))
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          for (const [at, record, seen, advance] of sorted) {
            if (advance) pair.advanceTo(at);
            const set = seen && inRange(seen) ? { seen, day: seen.slice(0, 10) } : {};
            pair.apply({ record, at, type: "update", set });
          }
          pair.expectSameState();
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  it("type-checks every generated module with tsc --strict", () => {
    expect(sources.length).toBe(RUNS);
    expect(typeCheck(Object.fromEntries(sources.map((s, i) => [`random${i}.ts`, s])))).toBe("");
  });
});
