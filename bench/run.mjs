// Benchmark: parse-only and full check+lower throughput on a generated 10,000-stage funnel,
// JSON.parse of its IR as the reference, heap after compile, and CLI start-up times.
// Run with `npm run bench` (builds dist/ first). Writes bench/results.json.
// MB = 1,000,000 bytes of UTF-8 input. Each figure is the median of several runs after warm-up.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { compile, createMemoryHost, parseFile } from "../dist/index.js";
import { generateFunnel } from "./generate.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAGES = 10_000;
const SEED = 42;
const GOAL_CHECK_SECONDS_PER_MB = 1;
const GOAL_PARSE_VS_JSON = 5;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Runs fn `warmup` times, then `runs` timed times; returns the median ms and all samples. */
function measure(fn, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { medianMs: median(samples), samplesMs: samples };
}
const mb = (bytes) => bytes / 1e6;
const round = (x, digits = 2) => Number(x.toFixed(digits));

function compileText(text) {
  const result = compile(createMemoryHost({ "big.funnel": text }), ["big.funnel"]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || !result.programs[0].ir) {
    throw new Error(`generated funnel does not compile: ${errors.length} errors, first: ${errors[0]?.message}`);
  }
  return result;
}

// ---------------------------------------------------------------- input
const started = performance.now();
const text = generateFunnel(STAGES, SEED);
const textBytes = Buffer.byteLength(text, "utf8");
const lines = text.split("\n").length;

// ---------------------------------------------------------------- (a) parse only
let parseDiagnostics = 0;
const parse = measure(() => (parseDiagnostics = parseFile(text, "big.funnel").diagnostics.length), { warmup: 2, runs: 7 });
if (parseDiagnostics) throw new Error(`parse reported ${parseDiagnostics} diagnostics`);

// ---------------------------------------------------------------- (b) full check + lower, heap
let result;
const full = measure(() => (result = compileText(text)), { warmup: 1, runs: 5 });
const bySeverity = {};
for (const d of result.diagnostics) bySeverity[d.severity] = (bySeverity[d.severity] ?? 0) + 1;
result = undefined;
gc();
const heapBefore = process.memoryUsage().heapUsed;
result = compileText(text);
const heapAfterCompile = process.memoryUsage().heapUsed;
const irJson = JSON.stringify(result.programs[0].ir);
result = undefined;
gc();
const heapAfterGc = process.memoryUsage().heapUsed;

// ---------------------------------------------------------------- (c) JSON.parse of the IR
const jsonBytes = Buffer.byteLength(irJson, "utf8");
const jsonParse = measure(() => JSON.parse(irJson), { warmup: 2, runs: 7 });

// ---------------------------------------------------------------- CLI start-up
function timeCommand(args, runs = 10) {
  const samples = [];
  let status;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    const ms = performance.now() - t0;
    status = child.status;
    if (child.error) throw child.error;
    if (i > 0) samples.push(ms); // the first run warms the OS file cache
  }
  return { command: `node ${args.join(" ")}`, medianMs: median(samples), exitCode: status, samplesMs: samples };
}
const cli = {
  reference: timeCommand(["-e", "0"]),
  version: timeCommand(["bin/funnel.js", "--version"]),
  check: timeCommand(["bin/funnel.js", "check", "examples/lead-to-revenue.funnel"]),
};

// ---------------------------------------------------------------- report
const parseMBs = mb(textBytes) / (parse.medianMs / 1000);
const fullMBs = mb(textBytes) / (full.medianMs / 1000);
const jsonMBs = mb(jsonBytes) / (jsonParse.medianMs / 1000);
const parseSlowdown = jsonMBs / parseMBs;
const checkSecondsPerMB = 1 / fullMBs;

const rows = [
  ["input", `${STAGES} stages, ${lines} lines, ${mb(textBytes).toFixed(3)} MB (.funnel); IR JSON ${mb(jsonBytes).toFixed(3)} MB`],
  ["(a) parse only (parseFile)", `${parse.medianMs.toFixed(1)} ms  ${parseMBs.toFixed(2)} MB/s`],
  ["(b) full check+lower (compile)", `${full.medianMs.toFixed(1)} ms  ${fullMBs.toFixed(2)} MB/s  (${Object.entries(bySeverity).map(([k, v]) => `${v} ${k}`).join(", ") || "no diagnostics"})`],
  ["(c) JSON.parse(IR JSON)", `${jsonParse.medianMs.toFixed(1)} ms  ${jsonMBs.toFixed(2)} MB/s`],
  ["parse vs JSON.parse", `parse-only is ${parseSlowdown.toFixed(1)}× slower than JSON.parse (MB/s; goal ≤ ${GOAL_PARSE_VS_JSON}×): ${parseSlowdown <= GOAL_PARSE_VS_JSON ? "MET" : "MISSED"}`],
  ["full check vs 1 s goal", `${(full.medianMs / 1000).toFixed(3)} s for ${mb(textBytes).toFixed(2)} MB = ${checkSecondsPerMB.toFixed(3)} s per MB (goal ≤ ${GOAL_CHECK_SECONDS_PER_MB} s per MB): ${checkSecondsPerMB <= GOAL_CHECK_SECONDS_PER_MB ? "MET" : `MISSED (${checkSecondsPerMB.toFixed(1)}× the goal)`}`],
  ["heap used after compile", `${mb(heapAfterCompile).toFixed(1)} MB (before ${mb(heapBefore).toFixed(1)} MB, after dropping the result + GC ${mb(heapAfterGc).toFixed(1)} MB)`],
  ...Object.values(cli).map((c) => [`CLI: ${c.command}`, `${c.medianMs.toFixed(1)} ms median of ${c.samplesMs.length} (exit ${c.exitCode})${c === cli.reference ? "" : `, +${(c.medianMs - cli.reference.medianMs).toFixed(1)} ms over node -e 0`}`]),
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\nfunnelc benchmark — node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} (${os.cpus().length} cpus), ${process.platform}/${process.arch}`);
console.log("medians after warm-up; MB = 10^6 bytes\n");
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
const totalSeconds = (performance.now() - started) / 1000;
console.log(`\n(total bench time ${totalSeconds.toFixed(1)} s)`);

const results = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  cpu: os.cpus()[0]?.model,
  input: { stages: STAGES, seed: SEED, lines, bytes: textBytes, irJsonBytes: jsonBytes },
  parse: { medianMs: round(parse.medianMs), mbPerSecond: round(parseMBs), samplesMs: parse.samplesMs.map((x) => round(x)) },
  compile: { medianMs: round(full.medianMs), mbPerSecond: round(fullMBs), secondsPerMB: round(checkSecondsPerMB, 3), diagnostics: bySeverity, samplesMs: full.samplesMs.map((x) => round(x)) },
  jsonParse: { medianMs: round(jsonParse.medianMs), mbPerSecond: round(jsonMBs), samplesMs: jsonParse.samplesMs.map((x) => round(x)) },
  ratios: {
    parseSlowerThanJsonParse: round(parseSlowdown),
    parseGoalMet: parseSlowdown <= GOAL_PARSE_VS_JSON,
    checkSecondsPerMBVsGoal: round(checkSecondsPerMB / GOAL_CHECK_SECONDS_PER_MB),
    checkGoalMet: checkSecondsPerMB <= GOAL_CHECK_SECONDS_PER_MB,
  },
  heap: { beforeCompileBytes: heapBefore, afterCompileBytes: heapAfterCompile, afterReleaseAndGcBytes: heapAfterGc },
  cli: Object.fromEntries(Object.entries(cli).map(([k, c]) => [k, { command: c.command, medianMs: round(c.medianMs), exitCode: c.exitCode, samplesMs: c.samplesMs.map((x) => round(x)) }])),
  totalSeconds: round(totalSeconds, 1),
};
writeFileSync(path.join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
console.log("wrote bench/results.json");
