// Report benchmark (`npm run bench:report`, after `npm run build`): `funnel report` over a
// generated event log of examples/lead-to-revenue.funnel, next to DuckDB computing the same volume,
// conversion and median velocity with SQL from the same stage-history CSV, in the same run. Sizes:
// --events 1000000 (default; comma-separated for several, e.g. 1000000,10000000);
// --repeat 3 (default): runs of report-hist and DuckDB, taking turns; the median counts. For each
// size, every contender runs in its own process under /usr/bin/time (wall seconds and peak RSS),
// one after the other:
//   generate     funnel generate (not a contender: makes events.csv)
//   run          funnel run --history-format csv (engine, writes history.csv; events/s)
//   report-data  funnel report --data events.csv (engine + report; events/s)
//   report-hist  funnel report --history history.csv (report alone; moves/s)
//   duckdb-csv   DuckDB: the same figures straight from history.csv (read_csv + query)
//   duckdb-table DuckDB: the query alone on the table already loaded (reported by the same process)
// Goal (issue 7): report-hist at least as fast as duckdb-csv (ratio ≥ 1). Writes
// bench/report-results.json. The SQL (reportSql) is also what test/report/duckdb.test.ts checks the
// report's figures against.
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Spec §7 volume, conversion and velocity (median, mean, p90) per stage, and SLA breaches and
 * inventory, from a stage history in table `h` (record, src, stage, t epoch ms, cause, seq in file
 * order).
 * @param {{ successPath: string[], measured: string[], from?: number, to?: number }} funnel stages
 *   on the success path in order, those conversion is measured for (non-terminal, with a next
 *   stage), window in ms
 * @returns {string} one SELECT with columns stage, volume, converted, median, mean, p90
 */
export function reportSql({ successPath, measured, from = -8.64e15, to = 8.64e15 }) {
  const positions = successPath.map((s, i) => `('${s.replaceAll("'", "''")}', ${i})`).join(", ");
  const measuredList = measured.map((s) => `'${s.replaceAll("'", "''")}'`).join(", ") || "NULL";
  return `
WITH path(stage, pos) AS (VALUES ${positions}),
hp AS (SELECT h.record, h.stage, h.t, h.seq, coalesce(path.pos, -1) AS pos FROM h LEFT JOIN path USING (stage)),
firsts AS (
  SELECT record, stage, arg_min(t, seq) AS t0, min(seq) AS s0, any_value(pos) AS pos
  FROM hp WHERE t >= ${from} AND t < ${to} GROUP BY record, stage),
conv AS (
  SELECT f.stage, f.record, any_value(f.t0) AS t0, arg_min(n.t, n.seq) AS t1
  FROM firsts f LEFT JOIN hp n ON n.record = f.record AND n.seq > f.s0 AND n.pos > f.pos
  WHERE f.stage IN (${measuredList}) GROUP BY f.stage, f.record),
days AS (SELECT stage, (t1 - t0) / 86400000.0 AS d, t1 FROM conv),
agg AS (
  SELECT stage, count(t1)::INTEGER AS converted, quantile_cont(d, 0.5)::DOUBLE AS median, avg(d)::DOUBLE AS mean, quantile_cont(d, 0.9)::DOUBLE AS p90
  FROM days GROUP BY stage),
vol AS (SELECT stage, count(*)::INTEGER AS volume FROM firsts GROUP BY stage)
SELECT vol.stage, vol.volume, agg.converted, agg.median, agg.mean, agg.p90 FROM vol LEFT JOIN agg USING (stage) ORDER BY vol.stage`;
}

/** SQL that loads a history CSV into table `h` (file order kept in `seq`). */
export function loadHistorySql(csv) {
  return `CREATE OR REPLACE TABLE h AS
SELECT row_number() OVER () AS seq, record, "from" AS src, "to" AS stage, epoch_ms(CAST("at" AS TIMESTAMPTZ)) AS t, cause
FROM read_csv('${csv.replaceAll("'", "''")}', header = true, all_varchar = true, delim = ',', quote = '"')`;
}

/** Breaches by stage and inventory at the end, from table `h`. */
export const extraSql = {
  // A breach is a move caused by an SLA that does not follow another one at the same time (those
  // are the cascade the breach started, which the engine also marks as caused by the SLA).
  breaches: (from = -8.64e15, to = 8.64e15) => `SELECT src AS stage, count(*)::INTEGER AS n FROM (
    SELECT src, t, cause, lag(cause) OVER w AS prev_cause, lag(t) OVER w AS prev_t FROM h WINDOW w AS (PARTITION BY record ORDER BY seq))
  WHERE cause = 'sla' AND NOT (prev_cause IS NOT DISTINCT FROM 'sla' AND prev_t = t) AND t >= ${from} AND t < ${to} GROUP BY src ORDER BY src`,
  inventory:
    `SELECT stage, count(*)::INTEGER AS n FROM (SELECT arg_max(stage, seq) AS stage FROM h ` +
    `GROUP BY record) GROUP BY stage ORDER BY stage`,
};

/** Child process entry: DuckDB over a CSV; prints JSON timings. */
async function duckdbChild(csv, funnelJson) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const funnel = JSON.parse(funnelJson);
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const connection = await instance.connect();
  const t0 = performance.now();
  await connection.run(loadHistorySql(csv));
  const rows = (await connection.runAndReadAll(reportSql(funnel))).getRowObjectsJS();
  const csvSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await connection.runAndReadAll(reportSql(funnel));
  const tableSeconds = (performance.now() - t1) / 1000;
  process.stdout.write(JSON.stringify({ csvSeconds, tableSeconds, stages: rows.length }) + "\n");
}

/** Line breaks in a file, counted in chunks (the files are larger than a string may be). */
function countLines(file) {
  const buffer = Buffer.alloc(1 << 24);
  const fd = openSync(file, "r");
  let lines = 0;
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      for (let i = buffer.indexOf(10, 0); i >= 0 && i < n; i = buffer.indexOf(10, i + 1)) lines++;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (MB). */
function timed(label, command, args, options = {}) {
  const useTime = existsSync("/usr/bin/time");
  const child = useTime
    ? spawnSync("/usr/bin/time", ["-f", "__TIME__ %e %M", command, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
        ...options,
      })
    : spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 28, ...options });
  if (child.status !== 0) throw new Error(`${label} failed (${child.status}): ${child.stderr}`);
  const m = /__TIME__ ([\d.]+) (\d+)/.exec(child.stderr ?? "");
  return {
    wall: m ? Number(m[1]) : NaN,
    rssMb: m ? Math.round(Number(m[2]) / 1024) : NaN,
    stdout: child.stdout,
  };
}

async function main() {
  const sizeArg =
    process.argv.find((a) => a.startsWith("--events="))?.slice(9) ??
    process.argv[process.argv.indexOf("--events") + 1];
  const sizes = (process.argv.includes("--events") || sizeArg ? sizeArg : "1000000")
    .split(",")
    .map(Number);
  const repeatAt = process.argv.indexOf("--repeat");
  const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 3;
  const funnelFile = path.join(ROOT, "examples/lead-to-revenue.funnel");
  const cli = path.join(ROOT, "bin/funnel.js");
  // The compiled funnel, from the json target (the stages and success path the SQL needs).
  const irDir = mkdtempSync(path.join(os.tmpdir(), "funnel-ir-"));
  timed("build", process.execPath, [cli, "build", funnelFile, "-t", "json", "-o", irDir]);
  const irOf = () =>
    JSON.parse(
      readFileSync(
        path.join(
          irDir,
          readdirSync(irDir).find((f) => f.endsWith(".json")),
        ),
        "utf8",
      ),
    );
  const funnelIr = irOf();
  const index = new Map(funnelIr.stages.map((s) => [s.name, s]));
  const successPath = funnelIr.successPath;
  const measured = successPath.filter(
    (s, i) => index.get(s).kind !== "terminal" && i + 1 < successPath.length,
  );
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    loadAverageAtStart: os.loadavg()[0],
    sizes: [],
  };
  for (const events of sizes) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "funnel-report-bench-"));
    try {
      // The generated lead funnel averages about 10 events a record with these rates.
      const records = Math.max(1, Math.round(events / 10));
      const eventsCsv = path.join(dir, "events.csv");
      const gen = timed("generate", process.execPath, [
        cli,
        "generate",
        funnelFile,
        "-n",
        String(records),
        "--seed",
        "7",
        "--conversion",
        "0.9",
        "-o",
        eventsCsv,
        "--no-progress",
      ]);
      const lines = countLines(eventsCsv) - 1;
      const runDir = path.join(dir, "run");
      const runT = timed("run", process.execPath, [
        cli,
        "run",
        funnelFile,
        "--data",
        eventsCsv,
        "--out",
        runDir,
        "--history-format",
        "csv",
        "--no-progress",
      ]);
      const historyCsv = path.join(runDir, "history.csv");
      const moves = countLines(historyCsv) - 1;
      const reportData = timed("report-data", process.execPath, [
        cli,
        "report",
        funnelFile,
        "--data",
        eventsCsv,
        "--format",
        "json",
        "--no-progress",
      ]);
      // The two contenders of the goal take turns, `repeat` times each (a change in the machine's
      // load falls on both); the median run of each counts.
      const hists = [];
      const ducks = [];
      for (let i = 0; i < repeat; i++) {
        hists.push(
          timed("report-hist", process.execPath, [
            cli,
            "report",
            funnelFile,
            "--history",
            historyCsv,
            "--format",
            "json",
            "--no-progress",
          ]),
        );
        const d = timed(
          "duckdb",
          process.execPath,
          [
            fileURLToPath(import.meta.url),
            "--duckdb-child",
            historyCsv,
            JSON.stringify({ successPath, measured }),
          ],
          { cwd: ROOT },
        );
        ducks.push({ ...d, times: JSON.parse(d.stdout.trim().split("\n").pop()) });
      }
      const median = (runs) =>
        [...runs].sort((a, b) => a.wall - b.wall)[Math.floor(runs.length / 2)];
      const reportHist = median(hists);
      const duck = median(ducks);
      const duckTimes = duck.times;
      const row = {
        records,
        events: lines,
        moves,
        historyCsvMb: Math.round(statSync(historyCsv).size / 1e5) / 10,
        generate: {
          seconds: gen.wall,
          eventsPerSecond: Math.round(lines / gen.wall),
          rssMb: gen.rssMb,
        },
        run: {
          seconds: runT.wall,
          eventsPerSecond: Math.round(lines / runT.wall),
          rssMb: runT.rssMb,
        },
        reportData: {
          seconds: reportData.wall,
          eventsPerSecond: Math.round(lines / reportData.wall),
          rssMb: reportData.rssMb,
        },
        reportHistory: {
          seconds: reportHist.wall,
          movesPerSecond: Math.round(moves / reportHist.wall),
          rssMb: reportHist.rssMb,
        },
        duckdbCsv: {
          seconds: duck.wall,
          querySeconds: Math.round(duckTimes.csvSeconds * 1000) / 1000,
          rssMb: duck.rssMb,
        },
        duckdbTable: { querySeconds: Math.round(duckTimes.tableSeconds * 1000) / 1000 },
        // > 1: funnel report --history is faster than DuckDB reading the same CSV (process wall
        // time, start-up included in both).
        ratioHistoryVsDuckdbCsv: Math.round((duck.wall / reportHist.wall) * 100) / 100,
        ratioHistoryVsDuckdbCsvQueryOnly:
          Math.round((duckTimes.csvSeconds / reportHist.wall) * 100) / 100,
        repeat,
      };
      results.sizes.push(row);
      console.log(JSON.stringify(row, null, 2));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // Sizes measured in an earlier run stay (each with the date of its run) unless measured again.
  const file = path.join(ROOT, "bench/report-results.json");
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { sizes: [] };
  const kept = (previous.sizes ?? [])
    .filter((old) => !results.sizes.some((row) => row.records === old.records))
    .map((old) => ({ measured: previous.date, ...old }));
  results.sizes = [
    ...kept,
    ...results.sizes.map((row) => ({ measured: results.date, ...row })),
  ].sort((a, b) => a.records - b.records);
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
}

if (process.argv[2] === "--duckdb-child") await duckdbChild(process.argv[3], process.argv[4]);
else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
