// `funnel generate`: deterministic (same seed, byte-identical output), in time order, and made of
// events the engine applies (none rejected) for any funnel: the examples and the mini funnel; the
// rates of the profile steer the journeys; bad profiles and options are reported (FN6032).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../report/types.js";
import { project, run } from "../helpers/cli.js";
import { HERE, MINI_FUNNEL } from "./helpers.js";

const example = (name: string) => readFileSync(path.join(HERE, "../../examples", name), "utf8");
const LEAD = example("lead-to-revenue.funnel");

async function reportOf(dir: string, funnel: string, data: string): Promise<Report> {
  const result = await run(dir, "report", funnel, "--data", data, "--format", "json");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe("funnel generate", () => {
  it("writes byte-identical output for the same seed, and other output for another seed", async () => {
    const dir = project({ "lead.funnel": LEAD });
    for (const [out, seed] of [
      ["a.jsonl", "5"],
      ["b.jsonl", "5"],
      ["c.jsonl", "6"],
      ["a.csv", "5"],
      ["b.csv", "5"],
    ]) {
      expect(
        (await run(dir, "generate", "lead.funnel", "-n", "300", "--seed", seed, "-o", out)).code,
      ).toBe(0);
    }
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    expect(read("a.jsonl")).toBe(read("b.jsonl"));
    expect(read("a.csv")).toBe(read("b.csv"));
    expect(read("a.jsonl")).not.toBe(read("c.jsonl"));
    // stdout gets the same bytes as a file.
    expect((await run(dir, "generate", "lead.funnel", "-n", "300", "--seed", "5")).stdout).toBe(
      read("a.jsonl"),
    );
  });

  it("writes events in time order that the engine applies, the same from JSONL and CSV", async () => {
    const dir = project({ "lead.funnel": LEAD });
    await run(dir, "generate", "lead.funnel", "-n", "500", "--seed", "3", "-o", "e.jsonl", "--ids");
    await run(dir, "generate", "lead.funnel", "-n", "500", "--seed", "3", "-o", "e.csv", "--ids");
    const events = readFileSync(path.join(dir, "e.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { at: string; id: string });
    for (let i = 1; i < events.length; i++) expect(events[i - 1].at <= events[i].at).toBe(true);
    expect(events[0].id).toBe("e1");
    expect(readFileSync(path.join(dir, "e.csv"), "utf8").split("\n")[0]).toBe(
      "id,record,at,type,data.url,data.form,data.at,set.email,set.job_title,set.country,set.unsubscribed,set.meeting_booked,set.qualified,set.budget,set.authority,set.need,set.timeline,set.outcome,set.owner",
    );
    const fromJsonl = await reportOf(dir, "lead.funnel", "e.jsonl");
    const fromCsv = await reportOf(dir, "lead.funnel", "e.csv");
    expect(fromJsonl.input).toMatchObject({ rejected: 0, duplicate: 0, accepted: events.length });
    expect(fromCsv.input.rejected).toBe(0);
    expect(fromCsv.figures).toEqual(fromJsonl.figures);
    // Every success-path stage is reached, SLAs breach and warn, and some records detour.
    const stages = Object.fromEntries(fromJsonl.figures.stages.map((s) => [s.stage, s]));
    for (const name of fromJsonl.figures.overall.to.concat([
      "anonymous",
      "known",
      "responded",
      "mql",
      "sal",
      "sql",
      "opportunity",
    ]))
      expect(stages[name].volume, name).toBeGreaterThan(0);
    expect(stages.mql.slaBreaches + stages.sal.slaBreaches).toBeGreaterThan(0);
    expect(stages.sal.slaWarnings).toBeGreaterThan(0);
    expect(stages.recycled.volume).toBeGreaterThan(0);
  });

  it.each(["definitions.funnel", "revenue-cycle.funnel"])(
    "makes events the engine applies for %s",
    async (name) => {
      const files: Record<string, string> = { [name]: example(name) };
      files["common.funnel"] = example("common.funnel");
      const dir = project(files);
      const gen = await run(
        dir,
        "generate",
        name,
        "-n",
        "300",
        "--seed",
        "2",
        "-o",
        "e.jsonl",
        "--conversion",
        "0.8",
      );
      expect(gen.code, gen.stdout).toBe(0);
      const r = await reportOf(dir, name, "e.jsonl");
      expect(r.input.rejected).toBe(0);
      // Records get past the initial stage, and some are won.
      expect(r.figures.stages[1].volume).toBeGreaterThan(0);
      expect(r.figures.overall.won).toBeGreaterThan(0);
    },
  );

  it("follows the profile's conversion per stage", async () => {
    const dir = project({
      "mini.funnel": MINI_FUNNEL,
      "p.yaml":
        "conversion: 0.9\ndelay: 2 days\nstall: 0\nstages:\n  mql: { conversion: 0, detour: 0 }\n  lead: { conversion: 1 }\n",
    });
    expect(
      (
        await run(
          dir,
          "generate",
          "mini.funnel",
          "-n",
          "200",
          "--seed",
          "1",
          "--profile",
          "p.yaml",
          "-o",
          "e.jsonl",
        )
      ).code,
    ).toBe(0);
    const r = await reportOf(dir, "mini.funnel", "e.jsonl");
    const stages = Object.fromEntries(r.figures.stages.map((s) => [s.stage, s]));
    expect(stages.lead.conversion).toBe(1);
    expect(stages.mql.converted).toBe(0);
  });

  const bad: [string, string[], string][] = [
    [
      "a share out of range",
      ["--conversion", "2"],
      'error FN6032: --conversion must be a share between 0 and 1, like 0.4, not "2".\n',
    ],
    [
      "a delay without a unit",
      ["--delay", "3"],
      'error FN6032: --delay must be a duration like "3 days" or "12 hours", not "3".\n',
    ],
    [
      "an unknown stage in the profile",
      ["--profile", "unknown.yaml"],
      "unknown.yaml - error FN6032: The generator profile unknown.yaml is not valid: `stages` names `mqll`, which the funnel does not have; its stages are lead, mql, sal, won, lost, recycled.\n",
    ],
    [
      "an unknown key in the profile",
      ["--profile", "key.yaml"],
      "key.yaml - error FN6032: The generator profile key.yaml is not valid: unknown key `rate`; keys are conversion, delay, stall, detour, start, span, stages.\n",
    ],
    [
      "a bad value in the profile",
      ["--profile", "value.yaml"],
      'value.yaml - error FN6032: The generator profile value.yaml is not valid: stages.mql.delay must be a duration like "3 days" or "12 hours", not "soon".\n',
    ],
    [
      "a missing profile",
      ["--profile", "none.yaml"],
      "none.yaml - error FN6013: Cannot read none.yaml: no such file.\n",
    ],
  ];
  it.each(bad)("reports %s", async (_what, args, message) => {
    const dir = project({
      "mini.funnel": MINI_FUNNEL,
      "unknown.yaml": "stages:\n  mqll: { conversion: 0.5 }\n",
      "key.yaml": "rate: 0.5\n",
      "value.yaml": "stages:\n  mql: { delay: soon }\n",
    });
    const { code, stdout } = await run(dir, "generate", "mini.funnel", "-n", "10", ...args);
    expect(code).toBe(2);
    expect(stdout).toBe(message);
  });
});
