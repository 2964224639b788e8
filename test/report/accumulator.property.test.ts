// Properties of the report accumulator (fast-check): on any stream of moves it never throws and
// never yields NaN (volumes add up, conversions are shares, inventory counts every record once);
// and on generated logs of the mini and lead funnels the SLA warnings it derives from moves (the
// history has no warnings) and the breaches it counts equal the engine's own sla_warning and
// sla_breached outcomes in any window.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FunnelIR } from "../../core/ir/types.js";
import { createReportAccumulator } from "../../report/accumulator.js";
import { DEFAULT_STAGE_PROFILE, generateEventLines } from "../../report/generate.js";
import { createEngine } from "../../runtime/engine.js";
import { parseInstant } from "../../core/time.js";
import { compileText } from "../helpers/compile.js";
import { HERE, MINI_FUNNEL } from "./helpers.js";

function irOf(source: string): FunnelIR {
  const ir = compileText(source).programs[0]?.ir;
  if (!ir) throw new Error("the test funnel does not compile");
  return ir;
}

const MINI = irOf(MINI_FUNNEL);
const LEAD = irOf(readFileSync(path.join(HERE, "../../examples/lead-to-revenue.funnel"), "utf8"));
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

describe("report accumulator properties", () => {
  it("never throws or yields NaN, and its counts are consistent, on any moves", () => {
    const move = fc.record({
      record: fc.integer({ min: 0, max: 6 }),
      stage: fc.integer({ min: 0, max: MINI.stages.length - 1 }),
      day: fc.double({ min: 0, max: 120, noNaN: true }),
      sla: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(move, { maxLength: 60 }),
        fc.option(fc.integer({ min: 0, max: 100 })),
        fc.option(fc.integer({ min: 1, max: 100 })),
        (moves, fromDay, span) => {
          const from = fromDay === null ? undefined : T0 + fromDay * DAY;
          const to = from !== undefined && span !== null ? from + span * DAY : undefined;
          const acc = createReportAccumulator(MINI, { from, to, by: "month" });
          // Each record's moves in time order, as a history holds them.
          const sorted = [...moves].sort((a, b) => a.day - b.day);
          for (const m of sorted) acc.move(`r${m.record}`, m.stage, T0 + m.day * DAY, m.sla);
          const f = acc.finish();
          const text = JSON.stringify(f);
          expect(text).not.toMatch(/NaN|null,"mean":null/);
          expect(f.stages.reduce((n, s) => n + s.inventory, 0)).toBe(f.records);
          expect(f.records).toBe(new Set(moves.map((m) => m.record)).size);
          for (const s of f.stages) {
            expect(s.volume).toBeLessThanOrEqual(f.records);
            if (s.converted !== null) expect(s.converted).toBeLessThanOrEqual(s.volume);
            if (s.conversion !== null) expect(s.conversion).toBeGreaterThanOrEqual(0);
            if (s.conversion !== null) expect(s.conversion).toBeLessThanOrEqual(1);
            if (s.velocity) expect(s.velocity.count).toBe(s.converted);
            if (s.velocity) expect(s.velocity.median).toBeGreaterThanOrEqual(0);
          }
          // Cohorts split each stage's volume by month of entry.
          f.stages.forEach((s, i) =>
            expect(f.cohorts!.periods.reduce((n, p) => n + p.stages[i].volume, 0)).toBe(s.volume),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("derives the engine's SLA warnings and counts its breaches, in any window", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(MINI, LEAD),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 400 }),
        (ir, seed, fromDay, span) => {
          const from = Date.UTC(2025, 0, 1) + fromDay * DAY;
          const to = from + span * DAY;
          const lines = generateEventLines(ir, {
            records: 60,
            seed,
            defaults: { ...DEFAULT_STAGE_PROFILE, stall: 0.4 },
            stages: {},
            start: Date.UTC(2025, 0, 1),
            span: 200 * DAY,
            ids: false,
            format: "jsonl",
          });
          const engine = createEngine(ir);
          const acc = createReportAccumulator(ir, { from, to });
          const index = new Map(ir.stages.map((s, i) => [s.name, i]));
          const expected = {
            warnings: new Map<string, number>(),
            breaches: new Map<string, number>(),
          };
          const take = (outcomes: ReturnType<typeof engine.advanceTo>) => {
            for (const o of outcomes) {
              const at = parseInstant(o.at);
              if (o.type === "moved")
                acc.move(o.record, index.get(o.to)!, at, o.cause.kind === "sla");
              else if (at >= from && at < to) {
                const map = o.type === "sla_warning" ? expected.warnings : expected.breaches;
                map.set(o.stage, (map.get(o.stage) ?? 0) + 1);
              }
            }
          };
          let latest = "";
          for (const line of lines) {
            const event = JSON.parse(line) as { at: string };
            const result = engine.apply(event);
            expect(result.status).toBe("applied");
            take(result.outcomes);
            if (event.at > latest) latest = event.at;
          }
          take(engine.advanceTo(latest));
          const f = acc.finish(parseInstant(latest));
          for (const s of f.stages) {
            expect(s.slaWarnings, `${s.stage} warnings`).toBe(expected.warnings.get(s.stage) ?? 0);
            expect(s.slaBreaches, `${s.stage} breaches`).toBe(expected.breaches.get(s.stage) ?? 0);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("reading the engine's time format", () => {
  it("engineInstant agrees with parseInstant on any instant, and declines what it does not know", async () => {
    const { engineInstant } = await import("../../report/instant.js");
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1000-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString();
          expect(engineInstant(text)).toBe(parseInstant(text));
        },
      ),
      { numRuns: 2000 },
    );
    for (const text of [
      "2026-02-30T00:00:00.000Z",
      "2026-01-01T00:00:00Z",
      "2026-01-01T00:00:00.000+01:00",
      "2026-01-01T24:00:00.000Z",
      "2026-1a-01T00:00:00.000Z",
    ])
      expect(engineInstant(text)).toBeNaN();
    expect(engineInstant("2024-02-29T12:30:45.678Z")).toBe(Date.UTC(2024, 1, 29, 12, 30, 45, 678));
  });
});
