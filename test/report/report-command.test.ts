// `funnel report` end to end on the mini funnel's hand-made log (fixtures/mini-events.jsonl):
// the figures computed by hand (a record that skips mql, one recycled and re-entering it after an
// SLA breach across the end of February, one that entered before the window), the four output
// formats against reviewed goldens, --history from JSONL and CSV giving the same figures as
// --data, comparisons, and bad input (counted by reason with line numbers; empty, never NaN).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020, { type Options, type ValidateFunction } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { Report } from "../../report/types.js";
import { run } from "../helpers/cli.js";
import { expectGolden, HERE, miniProject, stable } from "./helpers.js";

const WINDOW = ["--from", "2026-01-01", "--to", "2026-03-31", "--as-of", "2026-04-01T00:00:00Z"];
const schema = JSON.parse(
  readFileSync(path.join(HERE, "../../schema/funnel-report.schema.json"), "utf8"),
);
// ajv is CommonJS: the default import is the class or its module object, depending on the loader.
const AjvClass = ((Ajv2020 as unknown as { default?: unknown }).default ??
  Ajv2020) as unknown as new (options: Options) => { compile(schema: object): ValidateFunction };
const validate = new AjvClass({ allErrors: true, strict: true }).compile(schema);

async function jsonReport(dir: string, ...args: string[]): Promise<Report> {
  const result = await run(dir, "report", "mini.funnel", "--format", "json", ...args);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

const byStage = (r: Report) => Object.fromEntries(r.figures.stages.map((s) => [s.stage, s]));

describe("funnel report: figures of spec §7 on a hand-made log", () => {
  it("computes volume, conversion, velocity, SLA breaches and warnings, inventory and targets as worked out by hand", async () => {
    const r = await jsonReport(miniProject(), "--data", "events.jsonl", ...WINDOW);
    const s = byStage(r);
    expect(r.figures.window).toEqual({
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
    });
    expect(r.figures.asOf).toBe("2026-04-01T00:00:00.000Z");
    expect([r.figures.records, r.figures.moves]).toEqual([5, 15]);
    // lead: r1, r2, r3, r5 entered in the window (r4 in December); r1 (1 day), r2 (skipping mql
    // straight to sal, 1 day) and r3 (email on creation, 0 days) moved on.
    expect(s.lead).toMatchObject({
      volume: 4,
      converted: 3,
      conversion: 0.75,
      next: "mql",
      inventory: 1,
    });
    expect(s.lead.velocity!.median).toBe(1);
    expect(s.lead.velocity!.mean).toBeCloseTo(2 / 3, 12);
    expect(s.lead.velocity!.p90).toBe(1);
    // mql: r1 (3 days) and r3, whose first entry on Jan 31 counts though it was recycled at the
    // clamped deadline Feb 28 and came back on Mar 5 (34 days to sal); r4 entered in December.
    expect(s.mql).toMatchObject({
      volume: 2,
      converted: 2,
      conversion: 1,
      slaBreaches: 1,
      slaWarnings: 2,
      inventory: 0,
    });
    expect(s.mql.velocity).toEqual({ count: 2, median: 18.5, mean: 18.5, p90: 3 + 31 * 0.9 });
    expect(s.mql.targets).toEqual({
      conversion: { target: 0.5, actual: 1, pass: true },
      velocity: { target: 10, actual: 18.5, pass: false },
    });
    // sal: r1, r2, r3 and r4 (entered in the window, though its lead and mql were before); only r1
    // won.
    expect(s.sal).toMatchObject({
      volume: 4,
      converted: 1,
      conversion: 0.25,
      next: "won",
      inventory: 3,
    });
    expect(s.sal.velocity).toEqual({ count: 1, median: 5, mean: 5, p90: 5 });
    expect(s.sal.targets.conversion).toEqual({ target: 0.4, actual: 0.25, pass: false });
    expect(s.won).toMatchObject({
      volume: 1,
      converted: null,
      conversion: null,
      velocity: null,
      next: null,
      inventory: 1,
    });
    expect(s.recycled).toMatchObject({
      volume: 1,
      pathIndex: null,
      conversion: null,
      inventory: 0,
    });
    expect(s.lost).toMatchObject({ volume: 0, inventory: 0 });
    expect(r.figures.overall).toEqual({
      from: "lead",
      to: ["won"],
      volume: 4,
      won: 1,
      conversion: 0.25,
      velocity: { count: 1, median: 9, mean: 9, p90: 9 },
    });
    expect(r.figures.stages.map((x) => x.stage)).toEqual([
      "lead",
      "mql",
      "sal",
      "won",
      "recycled",
      "lost",
    ]);
  });

  it("counts every input line: applied, duplicate, blank and rejected by reason with line numbers", async () => {
    const r = await jsonReport(miniProject(), "--data", "events.jsonl", ...WINDOW);
    expect(r.input).toMatchObject({
      file: "events.jsonl",
      kind: "events",
      format: "jsonl",
      lines: 18,
      blank: 1,
      accepted: 13,
      duplicate: 1,
      rejected: 3,
    });
    expect(r.input.rejectedByReason).toEqual({ malformed_json: 1, out_of_order: 1, wrong_type: 1 });
    expect(r.input.rejectedLines.map((l) => [l.line, l.reason, l.code])).toEqual([
      [12, "malformed_json", "FN6011"],
      [15, "out_of_order", "FN6010"],
      [18, "wrong_type", "FN6010"],
    ]);
  });

  it("groups entries into cohorts by month and by quarter", async () => {
    const month = await jsonReport(
      miniProject(),
      "--data",
      "events.jsonl",
      ...WINDOW,
      "--by",
      "month",
    );
    const cohort = (period: string, stage: string) =>
      month.figures
        .cohorts!.periods.find((p) => p.period === period)!
        .stages.find((s) => s.stage === stage)!;
    expect(month.figures.cohorts!.periods.map((p) => p.period)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
    expect(cohort("2026-01", "lead")).toMatchObject({ volume: 3, converted: 3 });
    expect(cohort("2026-02", "lead")).toMatchObject({
      volume: 1,
      converted: 0,
      conversion: 0,
      velocity: null,
    });
    // r4's warning fell due on Jan 10, r3's on Feb 20; r3's breach on Feb 28 (Jan 31 + 1 month).
    expect(cohort("2026-01", "mql")).toMatchObject({ volume: 2, slaWarnings: 1, slaBreaches: 0 });
    expect(cohort("2026-02", "mql")).toMatchObject({ volume: 0, slaWarnings: 1, slaBreaches: 1 });
    expect(cohort("2026-03", "sal")).toMatchObject({ volume: 1, converted: 0 });
    const quarter = await jsonReport(
      miniProject(),
      "--data",
      "events.jsonl",
      ...WINDOW,
      "--by",
      "quarter",
    );
    expect(quarter.figures.cohorts!.periods.map((p) => p.period)).toEqual(["2026-Q1"]);
    expect(quarter.figures.cohorts!.periods[0].stages.find((s) => s.stage === "sal")).toMatchObject(
      { volume: 4, converted: 1 },
    );
  });

  it("counts only what happened by the as-of time", async () => {
    const r = await jsonReport(
      miniProject(),
      "--data",
      "events.jsonl",
      "--as-of",
      "2026-01-20T00:00:00Z",
    );
    const s = byStage(r);
    // By Jan 20: r4 (lead, mql in December, sal on Jan 15), r1 won, r2 in sal; r3 and r5 do not
    // exist yet.
    expect(r.figures.records).toBe(3);
    expect(s.mql).toMatchObject({ volume: 2, converted: 2, slaWarnings: 1, slaBreaches: 0 });
    expect(s.sal).toMatchObject({ volume: 3, inventory: 2 });
    expect(s.lead.inventory + s.mql.inventory + s.sal.inventory + s.won.inventory).toBe(3);
  });

  it("gives an empty report with a message, not NaN, for a window nothing entered", async () => {
    const r = await jsonReport(
      miniProject(),
      "--data",
      "events.jsonl",
      "--from",
      "2030-01-01",
      "--to",
      "2030-12-31",
    );
    expect(r.empty).toBe(
      "No record entered a stage between 2030-01-01T00:00:00.000Z and 2031-01-01T00:00:00.000Z; volumes, conversions and velocities are empty (inventory is as of 2026-03-06T12:00:00.000Z).",
    );
    expect(
      r.figures.stages.every((s) => s.volume === 0 && s.conversion === null && s.velocity === null),
    ).toBe(true);
    expect(r.figures.overall.conversion).toBeNull();
    const table = await run(
      miniProject(),
      "report",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--from",
      "2030-01-01",
    );
    expect(table.stdout).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("reports an events file with no events as empty", async () => {
    const dir = miniProject({ "none.jsonl": "\n" });
    const r = await jsonReport(dir, "--data", "none.jsonl");
    expect(r.empty).toBe(
      "No moves to report: the input holds no applied event (or none at or before the as-of time).",
    );
    expect(r.figures.asOf).toBeNull();
    const table = await run(dir, "report", "mini.funnel", "--data", "none.jsonl");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("No moves to report");
    expect(table.stdout).not.toMatch(/NaN|Infinity/);
  });
});

describe("funnel report: outputs", () => {
  it("prints the table (golden)", async () => {
    const { code, stdout } = await run(
      miniProject(),
      "report",
      "mini.funnel",
      "--data",
      "events.jsonl",
      ...WINDOW,
      "--by",
      "month",
    );
    expect(code).toBe(0);
    expectGolden("mini.table.txt", stable(stdout));
  });

  it("writes JSON valid against schema/funnel-report.schema.json (golden)", async () => {
    const { stdout, stderr } = await run(
      miniProject(),
      "report",
      "mini.funnel",
      "--data",
      "events.jsonl",
      ...WINDOW,
      "--by",
      "month",
      "--format",
      "json",
    );
    expectGolden("mini.report.json", stable(stdout));
    // The data goes to stdout; the rejected lines to stderr.
    expect(stable(stderr).split("\n")[0]).toBe(
      "3 lines of events.jsonl rejected: malformed_json 1, out_of_order 1, wrong_type 1.",
    );
  });

  it("writes CSV (golden)", async () => {
    const { stdout } = await run(
      miniProject(),
      "report",
      "mini.funnel",
      "--data",
      "events.jsonl",
      ...WINDOW,
      "--by",
      "month",
      "--format",
      "csv",
      "--compare-to",
      "2025-12-01..2025-12-31",
    );
    expectGolden("mini.report.csv", stdout);
  });

  it("writes a self-contained HTML page with every user string escaped (golden)", async () => {
    const dir = miniProject();
    const { code, stdout } = await run(
      dir,
      "report",
      "mini.funnel",
      "--data",
      "events.jsonl",
      ...WINDOW,
      "--by",
      "month",
      "--format",
      "html",
      "-o",
      "report.html",
    );
    expect(code).toBe(0);
    expect(stable(stdout)).toContain("Wrote the html report of mini to report.html.");
    const html = readFileSync(path.join(dir, "report.html"), "utf8");
    expect(html).toContain("Funnel report: Mini &lt;Funnel&gt; &amp; Co");
    expect(html).not.toContain("<Funnel>");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).not.toMatch(/NaN|undefined/);
    expectGolden("mini.report.html", stable(html));
  });
});

describe("funnel report --history", () => {
  it("gives the same figures from history.jsonl and history.csv as from the events", async () => {
    const dir = miniProject();
    expect(
      (await run(dir, "run", "mini.funnel", "--data", "events.jsonl", "--out", "j")).code,
    ).toBe(0);
    expect(
      (
        await run(
          dir,
          "run",
          "mini.funnel",
          "--data",
          "events.jsonl",
          "--out",
          "c",
          "--history-format",
          "csv",
        )
      ).code,
    ).toBe(0);
    const fromData = await jsonReport(
      dir,
      "--data",
      "events.jsonl",
      "--from",
      "2026-01-01",
      "--by",
      "month",
    );
    const fromJsonl = await jsonReport(
      dir,
      "--history",
      "j/history.jsonl",
      "--from",
      "2026-01-01",
      "--by",
      "month",
    );
    const fromCsv = await jsonReport(
      dir,
      "--history",
      "c/history.csv",
      "--from",
      "2026-01-01",
      "--by",
      "month",
    );
    expect(fromJsonl.figures).toEqual(fromData.figures);
    expect(fromCsv.figures).toEqual(fromData.figures);
    expect(fromCsv.input).toMatchObject({
      kind: "history",
      format: "csv",
      lines: 16,
      accepted: 15,
      rejected: 0,
    });
    expect(readFileSync(path.join(dir, "c/history.csv"), "utf8").split("\n").slice(0, 3)).toEqual([
      "record,from,to,at,cause,event,event_type,line,rule",
      "r4,,lead,2025-12-20T09:00:00.000Z,created,e1,visit,1,",
      "r4,lead,mql,2025-12-21T09:00:00.000Z,event,e2,update,2,mini.funnel:21:5",
    ]);
  });

  it("takes the as-of time of the run from summary.json beside the history", async () => {
    const dir = miniProject();
    await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--out",
      "c",
      "--history-format",
      "csv",
      "--as-of",
      "2026-06-01T00:00:00Z",
    );
    const r = await jsonReport(dir, "--history", "c/history.csv");
    expect(r.figures.asOf).toBe("2026-06-01T00:00:00.000Z");
    // r3 sits in sal, which has no SLA; r5's lead neither: nothing more breached by June.
    expect(byStage(r).mql.slaBreaches).toBe(1);
  });

  it("skips and reports malformed history lines by reason with line numbers", async () => {
    const history = [
      "record,from,to,at,cause,event,event_type,line,rule",
      "a,,lead,2026-01-01T00:00:00Z,created,,visit,1,",
      "a,lead,nowhere,2026-01-02T00:00:00Z,event,,visit,2,x",
      "a,lead,mql,yesterday,event,,visit,3,x",
      "a,lead",
      ",,lead,2026-01-01T00:00:00Z,created,,visit,1,",
      '"b, with comma",,lead,2026-01-03T00:00:00Z,created,,visit,4,',
      '"c ""quoted""',
      'id",,lead,2026-01-04T00:00:00Z,created,,visit,5,',
      "",
    ].join("\n");
    const dir = miniProject({
      "h.csv": history,
      "h.jsonl":
        '{"record":"a","from":null,"to":"lead","at":"2026-01-01T00:00:00Z","cause":{"kind":"created"}}\n{"record":\n',
    });
    const r = await jsonReport(dir, "--history", "h.csv");
    expect(r.input).toMatchObject({
      lines: 9,
      accepted: 3,
      rejected: 4,
      rejectedByReason: { invalid_move: 2, unknown_stage: 1, wrong_column_count: 1 },
    });
    expect(r.input.rejectedLines.map((l) => `${l.line} ${l.code} ${l.message}`)).toEqual([
      "3 FN6031 Skipped (unknown_stage): the funnel has no stage `nowhere`; was the history written by another version of the funnel?",
      "4 FN6031 Skipped (invalid_move): this history line needs an `at` datetime with a zone.",
      "5 FN6031 Skipped (wrong_column_count): this row has 2 cells but the header has 9.",
      "6 FN6031 Skipped (invalid_move): this history line needs a `record` (text).",
    ]);
    expect(r.figures.records).toBe(3);
    const j = await jsonReport(dir, "--history", "h.jsonl");
    expect(j.input.rejectedLines.map((l) => [l.line, l.reason])).toEqual([[2, "malformed_json"]]);
  });

  it("skips a move dated before the record's previous move (out_of_order), so no velocity is negative", async () => {
    const move = (record: string, from: string | null, to: string, at: string) =>
      JSON.stringify({ record, from, to, at, cause: { kind: from ? "event" : "created" } });
    const history = [
      move("a", null, "lead", "2026-03-01T00:00:00Z"),
      move("a", "lead", "mql", "2025-03-01T00:00:00Z"),
      move("a", "lead", "mql", "2026-03-05T00:00:00Z"),
      move("b", null, "lead", "2026-03-02T00:00:00Z"),
      // The same time as the previous move is in order (a cascade stamps its moves alike).
      move("b", "lead", "mql", "2026-03-02T00:00:00Z"),
    ].join("\n");
    const dir = miniProject({
      "h.jsonl": history + "\n",
      "h.csv": [
        "record,from,to,at,cause,event,event_type,line,rule",
        "a,,lead,2026-03-01T00:00:00Z,created,,,,",
        "a,lead,mql,2025-03-01T00:00:00Z,event,,,,",
      ].join("\n"),
    });
    const r = await jsonReport(dir, "--history", "h.jsonl");
    expect(r.input).toMatchObject({
      lines: 5,
      accepted: 4,
      rejected: 1,
      rejectedByReason: { out_of_order: 1 },
    });
    expect(r.input.rejectedLines).toEqual([
      {
        line: 2,
        reason: "out_of_order",
        code: "FN6031",
        message:
          'Skipped (out_of_order): this move of record "a" at 2025-03-01T00:00:00Z is older than its previous move, at 2026-03-01T00:00:00.000Z on line 1; a history lists each record\'s moves in time order.',
      },
    ]);
    expect(byStage(r).lead.velocity).toMatchObject({ count: 2, median: 2, mean: 2 });
    const table = await run(dir, "report", "mini.funnel", "--history", "h.csv");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      'h.csv:3 - warning FN6031: Skipped (out_of_order): this move of record "a" at 2025-03-01T00:00:00Z is older than its previous move, at 2026-03-01T00:00:00.000Z on line 2;',
    );
  });

  it("skips only the row of a quote that is never closed, and reads every row after it", async () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) => `r${i},,lead,2026-01-0${1 + (i % 9)}T00:00:00Z,created,,visit,${i + 3},`,
    );
    const history =
      [
        "record,from,to,at,cause,event,event_type,line,rule",
        'a,,lead,2026-01-01T00:00:00Z,created,"e1,visit,1,',
        ...rows,
      ].join("\n") + "\n";
    const r = await jsonReport(miniProject({ "h.csv": history }), "--history", "h.csv");
    expect(r.input).toMatchObject({
      lines: 22,
      accepted: 20,
      rejected: 1,
      rejectedByReason: { malformed_csv: 1 },
    });
    expect(r.input.rejectedLines).toEqual([
      {
        line: 2,
        column: 38,
        reason: "malformed_csv",
        code: "FN6011",
        message:
          "Rejected (malformed_csv): this row cannot be read as CSV (the quoted cell `event` starting at column 38 is not closed on this line, nor anywhere before the end of the file; the lines after it are read as rows of their own).",
      },
    ]);
  });

  it("refuses a CSV that is not a stage history", async () => {
    const dir = miniProject({ "h.csv": "record,at,type\na,2026-01-01T00:00:00Z,visit\n" });
    const { code, stdout } = await run(dir, "report", "mini.funnel", "--history", "h.csv");
    expect(code).toBe(2);
    expect(stdout).toBe(
      "h.csv:1 - error FN6033: The history CSV header must be record,from,to,at,cause,event,event_type,line,rule, not record,at,type.\n",
    );
  });
});

describe("funnel report --compare-to", () => {
  it("compares with another window: both windows' figures and the differences", async () => {
    const r = await jsonReport(
      miniProject(),
      "--data",
      "events.jsonl",
      "--from",
      "2026-01-01",
      "--compare-to",
      "2025-12-01..2025-12-31",
    );
    expect(r.comparison!.label).toBe("2025-12-01..2025-12-31");
    expect(r.comparison!.figures.window).toEqual({
      from: "2025-12-01T00:00:00.000Z",
      to: "2026-01-01T00:00:00.000Z",
    });
    const base = byStage({ ...r, figures: r.comparison!.figures });
    // December: r4 entered lead and mql, and both converted later (to sal on Jan 15).
    expect(base.lead).toMatchObject({ volume: 1, converted: 1 });
    expect(base.mql).toMatchObject({ volume: 1, converted: 1 });
    expect(r.comparison!.deltas.find((d) => d.stage === "lead")).toEqual({
      stage: "lead",
      volume: 3,
      conversionPoints: -25,
      medianVelocityDays: 0,
      slaBreaches: 0,
    });
  });

  it("compares with another version of the funnel over the same events", async () => {
    const v2 = readFileSync(path.join(HERE, "fixtures/mini.funnel"), "utf8")
      .replace('version "1"', 'version "2"')
      .replace("    -> sal on meeting\n  }\n\n  stage mql", "  }\n\n  stage mql");
    const dir = miniProject({ "mini-v2.funnel": v2 });
    const result = await run(
      dir,
      "report",
      "mini-v2.funnel",
      "--data",
      "events.jsonl",
      "--compare-to",
      "mini.funnel",
      "--format",
      "json",
    );
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout) as Report;
    expect(r.funnel.version).toBe("2");
    expect(r.comparison!.funnel.version).toBe("1");
    // In version 2 a meeting no longer moves a lead to sal, so r2 stays a lead.
    expect(byStage(r).lead.converted).toBe(3);
    expect(byStage({ ...r, figures: r.comparison!.figures }).lead.converted).toBe(4);
  });
});

describe("funnel report: usage errors", () => {
  const cases: [string[], string][] = [
    [
      [],
      "error FN6030: Give the events with --data or a stage history with --history (one of them).\n",
    ],
    [
      ["--data", "events.jsonl", "--from", "2026-13-01"],
      'error FN6030: --from must be a date like 2026-01-31 or a datetime with a zone like 2026-01-31T09:00:00Z, not "2026-13-01".\n',
    ],
    [
      ["--data", "events.jsonl", "--from", "2026-02-01", "--to", "2026-01-01"],
      "error FN6030: --from 2026-02-01 is not before --to 2026-01-01; the window would hold nothing.\n",
    ],
    [
      ["--data", "events.jsonl", "--compare-to", "last year"],
      'error FN6030: --compare-to must be a window FROM..TO (dates like 2025-01-01..2025-03-31) or a .funnel file, not "last year".\n',
    ],
    [
      ["--history", "h.csv", "--compare-to", "old.funnel"],
      "error FN6030: --compare-to old.funnel runs the events through another funnel, so it needs --data (a stage history belongs to one funnel).\n",
    ],
    [
      ["--data", "events.jsonl", "--as-of", "soon"],
      'error FN6015: --as-of must be a date like 2026-03-01 (the end of that day) or a datetime with a zone like 2026-03-01T09:00:00Z, not "soon".\n',
    ],
    [
      ["--data", "missing.jsonl"],
      "missing.jsonl - error FN6013: Cannot read missing.jsonl: no such file.\n",
    ],
    [
      ["--history", "events.txt"],
      "events.txt - error FN6013: Cannot tell the format of events.txt; use a .jsonl (or .ndjson) or a .csv file.\n",
    ],
  ];
  it.each(cases)("funnel report mini.funnel %j", async (args, message) => {
    const { code, stdout } = await run(miniProject(), "report", "mini.funnel", ...args);
    expect(code).toBe(2);
    expect(stdout).toBe(message);
  });
});

describe("funnel report: CSV events", () => {
  it("reads CSV events with the same machinery as funnel run: bad rows by reason with their line numbers", async () => {
    const csv = [
      "id,record,at,type,data.url,set.email,set.qualified",
      "1,a,2026-01-01T00:00:00Z,visit,/,,",
      "2,a,2026-01-02T00:00:00Z,update,,a@b.nl,",
      "3,a,2026-01-03T00:00:00Z,update,,,maybe",
      "4,b,2026-01-03T00:00:00Z,visit,/",
      "5,b,2026-01-04T00:00:00Z,meeting,,,",
      "",
    ].join("\n");
    const r = await jsonReport(miniProject({ "events.csv": csv }), "--data", "events.csv");
    expect(r.input).toMatchObject({
      format: "csv",
      lines: 5,
      accepted: 3,
      rejected: 2,
      rejectedByReason: { wrong_column_count: 1, wrong_type: 1 },
    });
    expect(r.input.rejectedLines.map((l) => [l.line, l.reason])).toEqual([
      [4, "wrong_type"],
      [5, "wrong_column_count"],
    ]);
    expect(byStage(r).mql).toMatchObject({ volume: 1, inventory: 1 });
    // b's only applied event (the meeting) created it in lead and moved it to sal.
    expect(byStage(r).sal).toMatchObject({ volume: 1, inventory: 1 });
  });
});

describe("funnel --help", () => {
  it("lists report and generate, each with examples in its own help", async () => {
    const dir = miniProject();
    expect((await run(dir, "--help")).stdout).toMatch(
      /report \[options\] <funnel>[\s\S]*generate \[options\] <funnel>/,
    );
    const report = await run(dir, "report", "--help");
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(
      "funnel report examples/lead-to-revenue.funnel --data events.jsonl --format html -o report.html",
    );
    expect((await run(dir, "generate", "--help")).stdout).toContain(
      "funnel generate examples/lead-to-revenue.funnel --records 1000 --seed 7 -o events.jsonl",
    );
  });
});

describe("funnel report: wording", () => {
  it("says `1 record, 1 move` for one record with one move, and plurals otherwise", async () => {
    const one = await run(
      miniProject({
        "one.jsonl":
          '{"id":"e1","record":"r1","at":"2026-01-02T09:00:00Z","type":"visit","data":{"url":"/"}}\n',
      }),
      "report",
      "mini.funnel",
      "--data",
      "one.jsonl",
    );
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("; 1 record, 1 move.\n");
    const many = await run(
      miniProject(),
      "report",
      "mini.funnel",
      "--data",
      "events.jsonl",
      ...WINDOW,
    );
    expect(many.stdout).toContain("; 5 records, 15 moves.\n");
  });
});
