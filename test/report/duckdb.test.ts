// Cross-check: the report's figures equal the same figures computed with SQL in DuckDB from the
// stage history `funnel run --history-format csv` wrote, on a generated log of the lead-to-revenue
// funnel (spec §2): volume, conversion, velocity (median, mean, p90) per stage, SLA breaches and
// inventory, for the whole history and for a window. The SQL is bench/report.mjs's reportSql, the
// query the benchmark times.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import type { FunnelIR } from "../../core/ir/types.js";
import type { Report } from "../../report/types.js";
import { project, run } from "../helpers/cli.js";
import { HERE } from "./helpers.js";

interface Sql {
  reportSql(funnel: {
    successPath: string[];
    measured: string[];
    from?: number;
    to?: number;
  }): string;
  loadHistorySql(csv: string): string;
  extraSql: { breaches(from?: number, to?: number): string; inventory: string };
}

const LEAD = readFileSync(path.join(HERE, "../../examples/lead-to-revenue.funnel"), "utf8");
let dir: string;
let ir: FunnelIR;
let sql: Sql;
let query: (text: string) => Promise<Record<string, unknown>[]>;

beforeAll(async () => {
  const module = "../../bench/report.mjs";
  sql = (await import(/* @vite-ignore */ module)) as Sql;
  dir = project({ "lead.funnel": LEAD });
  expect(
    (await run(dir, "generate", "lead.funnel", "-n", "3000", "--seed", "11", "-o", "events.csv"))
      .code,
  ).toBe(0);
  expect(
    (
      await run(
        dir,
        "run",
        "lead.funnel",
        "--data",
        "events.csv",
        "--out",
        "run",
        "--history-format",
        "csv",
      )
    ).code,
  ).toBe(0);
  expect((await run(dir, "build", "lead.funnel", "-t", "json", "-o", "ir")).code).toBe(0);
  ir = JSON.parse(readFileSync(path.join(dir, "ir/lead.json"), "utf8"));
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await instance.connect();
  await connection.run(sql.loadHistorySql(path.join(dir, "run/history.csv")));
  query = async (text) =>
    (await connection.runAndReadAll(text)).getRowObjectsJS() as Record<string, unknown>[];
});

async function compare(window: { from?: string; to?: string }) {
  const args = [
    ...(window.from ? ["--from", window.from] : []),
    ...(window.to ? ["--to", window.to] : []),
  ];
  const result = await run(
    dir,
    "report",
    "lead.funnel",
    "--history",
    "run/history.csv",
    "--format",
    "json",
    ...args,
  );
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as Report;
  const from = window.from ? Date.parse(`${window.from}T00:00:00Z`) : undefined;
  const to = window.to ? Date.parse(`${window.to}T00:00:00Z`) + 86_400_000 : undefined;
  const stages = new Map(ir.stages.map((s) => [s.name, s]));
  const measured = ir.successPath.filter(
    (s, i) => stages.get(s)!.kind !== "terminal" && i + 1 < ir.successPath.length,
  );
  const rows = await query(sql.reportSql({ successPath: ir.successPath, measured, from, to }));
  const bySql = new Map(rows.map((r) => [r.stage as string, r]));
  let checked = 0;
  for (const s of report.figures.stages) {
    const r = bySql.get(s.stage);
    expect(s.volume, s.stage).toBe(r ? Number(r.volume) : 0);
    if (!measured.includes(s.stage) || !r) continue;
    expect(s.converted, s.stage).toBe(Number(r.converted));
    if (s.velocity === null) {
      expect(r.median).toBeNull();
      continue;
    }
    expect(s.velocity.median).toBeCloseTo(Number(r.median), 9);
    expect(s.velocity.mean).toBeCloseTo(Number(r.mean), 9);
    expect(s.velocity.p90).toBeCloseTo(Number(r.p90), 9);
    checked++;
  }
  const breaches = new Map(
    (await query(sql.extraSql.breaches(from, to))).map((r) => [r.stage as string, Number(r.n)]),
  );
  for (const s of report.figures.stages)
    expect(s.slaBreaches, s.stage).toBe(breaches.get(s.stage) ?? 0);
  return { report, checked };
}

describe("report figures against DuckDB SQL over the same stage history", () => {
  it("agree over the whole history, inventory included", async () => {
    const { report, checked } = await compare({});
    // The generated log exercises every success-path conversion, and SLAs.
    expect(checked).toBe(7);
    expect(report.figures.stages.some((s) => s.slaBreaches > 0)).toBe(true);
    const inventory = new Map(
      (await query(sql.extraSql.inventory)).map((r) => [r.stage as string, Number(r.n)]),
    );
    for (const s of report.figures.stages)
      expect(s.inventory, s.stage).toBe(inventory.get(s.stage) ?? 0);
  });

  it("agree over a window (entries before it do not count; conversions after it do)", async () => {
    const { report } = await compare({ from: "2025-04-01", to: "2025-06-30" });
    expect(report.figures.stages[0].volume).toBeGreaterThan(0);
    expect(report.figures.stages[0].volume).toBeLessThan(3000);
  });
});
