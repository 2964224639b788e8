// Benchmark: parse-only and full check+lower throughput on a generated 10,000-stage funnel,
// JSON.parse of its IR as the reference, heap after compile, and CLI start-up times. Run with `npm
// run bench` (builds dist/ first). Writes bench/results.json; then runs the engine benchmark
// (bench/engine.mjs, bench/engine-results.json), the report benchmark (bench/report.mjs) and the
// language-server benchmark (bench/lsp.mjs), each in its own process. `node bench/run.mjs --parse`
// (after `npm run build`; or `npm run bench:parse`) runs only the parser figures: parse vs
// JSON.parse, and the full check of 1 MB; it updates those fields of bench/results.json. Both runs
// time parse-only against JSON.parse in children of this script (`--parse-pair`): one as is (the
// goal's figure), one with GC out of the way. MB = 1,000,000 bytes of UTF-8 input. Each figure is
// the median of several runs after warm-up.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { compile, createMemoryHost, parseFile } from "../dist/index.js";
import { generateFunnel } from "./generate.mjs";
import { machineInfo } from "./common.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAGES = 10_000;
const SEED = 42;
const GOAL_CHECK_SECONDS_PER_MB = 1;
const GOAL_PARSE_VS_JSON = 5;
const PARSE_ONLY = process.argv.includes("--parse");

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/**
 * Runs fn `warmup` times, then `runs` timed times; returns the median wall ms, the median CPU ms
 * of the whole process (all threads, GC helpers included: less sensitive to a busy machine) and
 * all wall samples.
 */
function measure(fn, { warmup, runs, beforeEach = () => {} }) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    beforeEach();
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { medianMs: median(samples), cpuMs: median(cpu), samplesMs: samples };
}
/**
 * Measures functions in alternation (a, b, c, a, b, c…), so that all see the same state of a
 * shared machine: their ratios are then far steadier than those of separate series.
 */
function measureAlternating(fns, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const samples = fns.map(() => []);
  for (let i = 0; i < runs; i++)
    fns.forEach((fn, j) => samples[j].push(measure(fn, { warmup: 0, runs: 1 })));
  return samples.map((xs) => ({
    medianMs: median(xs.map((x) => x.medianMs)),
    cpuMs: median(xs.map((x) => x.cpuMs)),
    samplesMs: xs.map((x) => x.medianMs),
  }));
}
/** CPU time (ms) used by waited-for children so far, from /proc (Linux); undefined elsewhere. */
function childCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // cutime + cstime, in USER_HZ (100)
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
const mb = (bytes) => bytes / 1e6;
const round = (x, digits = 2) => Number(x.toFixed(digits));

function compileText(text) {
  const result = compile(createMemoryHost({ "big.funnel": text }), ["big.funnel"]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || !result.programs[0].ir) {
    throw new Error(
      `generated funnel does not compile: ${errors.length} errors, first: ${errors[0]?.message}`,
    );
  }
  return result;
}

// ---------------------------------------------------------------- parse-only, in a process of its
// own `--parse-pair <funnel file> <IR JSON file>`: parse and JSON.parse timed in alternation, a
// full GC before every run (warm-ups included), in a process that does nothing else. Parse-only is
// measured apart from the compiles this script also times because V8 decides per allocation site
// whether to allocate in the old generation: once a process has compiled a big funnel (the AST
// survives the check), the parser's nodes are allocated there from then on, and 13 MB of
// old-generation growth per parse starts V8's incremental marking while the parser runs: up to 2-3×
// the time on 2 cores (not so under `node --no-incremental-marking`, measured). That state is shown
// on its own line, (a''), measured in this process after the compiles. Started twice: as is (the
// goal's figure) and with a semi-space the AST fits in (`node --max-semi-space-size=32`), where no
// scavenge or marking happens during a parse: the parser's own work, without GC.
const SEMI_SPACE_MB = 32;
const pairAt = process.argv.indexOf("--parse-pair");
if (pairAt >= 0) {
  const text = readFileSync(process.argv[pairAt + 1], "utf8");
  const irJson = readFileSync(process.argv[pairAt + 2], "utf8");
  let diagnostics = 0;
  const fns = [
    () => (diagnostics += parseFile(text, "big.funnel").diagnostics.length),
    () => JSON.parse(irJson),
  ];
  for (let i = 0; i < 3; i++) for (const fn of fns) measure(fn, { warmup: 0, runs: 1 });
  const [parse, jsonParse] = measureAlternating(fns, { warmup: 0, runs: 9 });
  if (diagnostics) throw new Error(`parse reported ${diagnostics} diagnostics`);
  process.stdout.write(JSON.stringify({ parse, jsonParse }));
  process.exit(0);
}

// ---------------------------------------------------------------- input
const started = performance.now();
const LOAD = os.loadavg();
const text = generateFunnel(STAGES, SEED);
const textBytes = Buffer.byteLength(text, "utf8");
const lines = text.split("\n").length;

// ---------------------------------------------------------------- (a) parse only, (c) JSON.parse
// of the IR The reference: the IR of the same funnel as JSON. Parse and JSON.parse are timed in
// alternation.
const irJson = JSON.stringify(compileText(text).programs[0].ir);
const jsonBytes = Buffer.byteLength(irJson, "utf8");
// A second reference: the parser's own AST as JSON. JSON.parse builds the same objects from it
// (without the `undefined` fields), so it shows what building this AST costs at native speed.
const astJson = JSON.stringify(parseFile(text, "big.funnel").ast);
const astJsonBytes = Buffer.byteLength(astJson, "utf8");
const pairDir = mkdtempSync(path.join(os.tmpdir(), "funnelc-bench-"));
writeFileSync(path.join(pairDir, "big.funnel"), text);
writeFileSync(path.join(pairDir, "ir.json"), irJson);
function parsePair(nodeFlags) {
  const child = spawnSync(
    process.execPath,
    [
      ...nodeFlags,
      fileURLToPath(import.meta.url),
      "--parse-pair",
      path.join(pairDir, "big.funnel"),
      path.join(pairDir, "ir.json"),
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`the --parse-pair run failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}
const { parse, jsonParse } = parsePair([]);
const bigYoung = parsePair([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
rmSync(pairDir, { recursive: true, force: true });
// (a'') the same in this process, which has compiled the file (see the comment at --parse-pair).
let parseDiagnostics = 0;
const [parseAfterCompile, jsonParseAfterCompile] = measureAlternating(
  [
    () => (parseDiagnostics = parseFile(text, "big.funnel").diagnostics.length),
    () => JSON.parse(irJson),
  ],
  { warmup: 3, runs: 9 },
);
if (parseDiagnostics) throw new Error(`parse reported ${parseDiagnostics} diagnostics`);
// The same file with one syntax error near its end: the fast path gives up there and the
// recovering chevrotain parser reads the whole file (what an editor sees mid-keystroke).
const broken = text.replace(/-> won when/, "-> won when when");
let brokenDiagnostics = 0;
const parseBroken = measure(
  () => (brokenDiagnostics = parseFile(broken, "big.funnel").diagnostics.length),
  { warmup: 1, runs: 3 },
);
if (brokenDiagnostics !== 1)
  throw new Error(`the broken file gave ${brokenDiagnostics} diagnostics, not 1`);

// ---------------------------------------------------------------- (b) full check + lower, heap
let result;
let heapBefore = 0;
let heapAfterCompile = 0;
let full;
const bySeverity = {};
let heapAfterGc = 0;
if (!PARSE_ONLY) {
  full = measure(
    () => {
      heapBefore = process.memoryUsage().heapUsed;
      result = compileText(text);
      heapAfterCompile = process.memoryUsage().heapUsed; // the last run's figure is kept
    },
    { warmup: 1, runs: 5, beforeEach: () => (result = undefined) },
  );
  for (const d of result.diagnostics) bySeverity[d.severity] = (bySeverity[d.severity] ?? 0) + 1;
  result = undefined;
  gc();
  heapAfterGc = process.memoryUsage().heapUsed;
}

// The goal is stated for 1 MB; the 10,000-stage file is larger, so also time a file of ~1 MB
// (one warm-up run: a new input shape otherwise pays for re-optimisation).
const stages1MB = Math.round((STAGES * 1e6) / textBytes);
const text1MB = generateFunnel(stages1MB, SEED);
const bytes1MB = Buffer.byteLength(text1MB, "utf8");
const full1MB = measure(() => compileText(text1MB), { warmup: 1, runs: 5 });

// ---------------------------------------------------------------- (d) JSON.parse of the AST
// Timed last, on its own: JSON.parse builds objects with the AST nodes' keys in the same order,
// so V8 gives them the same hidden classes as the parser's nodes and generalises those classes
// as it meets other value types; the parser's optimised code, which depends on them, is then
// thrown away again and again, and interleaved with this reference the parser ran 2–2.5× slower.
// No funnelc process JSON.parses an AST, so that would measure the benchmark, not the parser.
const astJsonParse = measure(() => JSON.parse(astJson), { warmup: 1, runs: 5 });

// ---------------------------------------------------------------- CLI start-up
function timeCommand(args, runs = 10) {
  // One untimed run first warms the OS file cache.
  const samples = [];
  const cpu = [];
  let status;
  for (let i = 0; i < runs + 1; i++) {
    const c0 = childCpuMs();
    const t0 = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    const ms = performance.now() - t0;
    const c1 = childCpuMs();
    status = child.status;
    if (child.error) throw child.error;
    if (i === 0) continue;
    samples.push(ms);
    if (c0 !== undefined && c1 !== undefined) cpu.push(c1 - c0);
  }
  return {
    command: `node ${args.join(" ")}`,
    medianMs: median(samples),
    cpuMs: cpu.length ? median(cpu) : undefined,
    exitCode: status,
    samplesMs: samples,
  };
}
const cli = PARSE_ONLY
  ? {}
  : {
      reference: timeCommand(["-e", "0"]),
      version: timeCommand(["bin/funnel.js", "--version"]),
      check: timeCommand(["bin/funnel.js", "check", "examples/lead-to-revenue.funnel"]),
    };

// ---------------------------------------------------------------- report
const parseMBs = mb(textBytes) / (parse.medianMs / 1000);
const jsonMBs = mb(jsonBytes) / (jsonParse.medianMs / 1000);
const parseSlowdown = jsonMBs / parseMBs;
// The same ratio from CPU time, which a busy machine distorts less than wall time.
const parseSlowdownCpu =
  mb(jsonBytes) / (jsonParse.cpuMs / 1000) / (mb(textBytes) / (parse.cpuMs / 1000));
/** How many times slower than JSON.parse (by MB/s) a parse is, from one pair of timings. */
const slowdown = (p, j) =>
  mb(jsonBytes) / (j.medianMs / 1000) / (mb(textBytes) / (p.medianMs / 1000));
const fullMBs = full && mb(textBytes) / (full.medianMs / 1000);
const checkSecondsPerMB = full && 1 / fullMBs;
const checkCpuSecondsPerMB = full && full.cpuMs / 1000 / mb(textBytes);
const check1MBGoalMet = full1MB.medianMs / 1000 <= GOAL_CHECK_SECONDS_PER_MB * mb(bytes1MB);

const rows = [
  [
    "input",
    `${STAGES} stages, ${lines} lines, ${mb(textBytes).toFixed(3)} MB (.funnel); IR JSON ` +
      `${mb(jsonBytes).toFixed(3)} MB`,
  ],
  [
    "(a) parse only (parseFile)",
    `${parse.medianMs.toFixed(1)} ms  ${parseMBs.toFixed(2)} MB/s  (CPU ` +
      `${parse.cpuMs.toFixed(0)} ms; a process that only parses)`,
  ],
  [
    "(a'') parse after compiles",
    `${parseAfterCompile.medianMs.toFixed(1)} ms  ` +
      `${(mb(textBytes) / (parseAfterCompile.medianMs / 1000)).toFixed(2)} MB/s, ` +
      `JSON.parse ${jsonParseAfterCompile.medianMs.toFixed(1)} ms: ` +
      `${slowdown(parseAfterCompile, jsonParseAfterCompile).toFixed(1)}× slower by MB/s (this ` +
      `process, after compiling the file: V8 now allocates the AST in the old generation)`,
  ],
  [
    "(a') parse, one syntax error",
    `${parseBroken.medianMs.toFixed(1)} ms  ` +
      `${(mb(textBytes) / (parseBroken.medianMs / 1000)).toFixed(2)} MB/s  (recovering ` +
      `chevrotain parser; CPU ${parseBroken.cpuMs.toFixed(0)} ms)`,
  ],
  ...(full
    ? [
        [
          "(b) full check+lower (compile)",
          `${full.medianMs.toFixed(1)} ms  ${fullMBs.toFixed(2)} MB/s  (CPU ` +
            `${full.cpuMs.toFixed(0)} ms; ${
              Object.entries(bySeverity)
                .map(([k, v]) => `${v} ${k}`)
                .join(", ") || "no diagnostics"
            })`,
        ],
      ]
    : []),
  [
    "(c) JSON.parse(IR JSON)",
    `${jsonParse.medianMs.toFixed(1)} ms  ${jsonMBs.toFixed(2)} MB/s  (CPU ` +
      `${jsonParse.cpuMs.toFixed(0)} ms; alternating with (a), same process)`,
  ],
  [
    "(d) JSON.parse(AST JSON)",
    `${astJsonParse.medianMs.toFixed(1)} ms for ${mb(astJsonBytes).toFixed(3)} MB  (the parser's ` +
      `AST from JSON; parse-only takes ${(parse.medianMs / astJsonParse.medianMs).toFixed(2)}× ` +
      `as long; CPU ${astJsonParse.cpuMs.toFixed(0)} ms)`,
  ],
  [
    "(e) parse, GC out of the way",
    `parse ${bigYoung.parse.medianMs.toFixed(1)} ms ` +
      `(${(mb(textBytes) / (bigYoung.parse.medianMs / 1000)).toFixed(2)} MB/s), ` +
      `JSON.parse ${bigYoung.jsonParse.medianMs.toFixed(1)} ms: by MB/s parse-only ` +
      `${slowdown(bigYoung.parse, bigYoung.jsonParse).toFixed(1)}× slower (CPU ` +
      `${bigYoung.parse.cpuMs.toFixed(0)} and ${bigYoung.jsonParse.cpuMs.toFixed(0)} ms; ` +
      `node --max-semi-space-size=${SEMI_SPACE_MB} and a GC before every run: the parser's ` +
      `own work, no GC during a parse)`,
  ],
  [
    "parse vs JSON.parse",
    `parse-only is ${parseSlowdown.toFixed(1)}× slower than JSON.parse (MB/s; goal ≤ ` +
      `${GOAL_PARSE_VS_JSON}×): ${parseSlowdown <= GOAL_PARSE_VS_JSON ? "MET" : "MISSED"}; ` +
      `by CPU time ${parseSlowdownCpu.toFixed(1)}×`,
  ],
  ...(full
    ? [
        [
          "full check vs 1 s goal",
          `${(full.medianMs / 1000).toFixed(3)} s for ${mb(textBytes).toFixed(2)} MB = ` +
            `${checkSecondsPerMB.toFixed(3)} s per MB (goal ≤ ${GOAL_CHECK_SECONDS_PER_MB} s ` +
            `per MB): ${
              checkSecondsPerMB <= GOAL_CHECK_SECONDS_PER_MB
                ? "MET"
                : `MISSED (${checkSecondsPerMB.toFixed(1)}× the goal)`
            }; by CPU time ${checkCpuSecondsPerMB.toFixed(3)} s per MB`,
        ],
      ]
    : []),
  [
    "full check of a ~1 MB file",
    `${stages1MB} stages, ${mb(bytes1MB).toFixed(3)} MB: ${(full1MB.medianMs / 1000).toFixed(3)} ` +
      `s, CPU ${(full1MB.cpuMs / 1000).toFixed(3)} s (goal ≤ ${GOAL_CHECK_SECONDS_PER_MB} s): ${
        check1MBGoalMet
          ? "MET"
          : `MISSED (${(full1MB.medianMs / 1000 / mb(bytes1MB)).toFixed(1)}× the goal)`
      }`,
  ],
  ...(full
    ? [
        [
          "heap used after compile",
          `${mb(heapAfterCompile).toFixed(1)} MB (before ${mb(heapBefore).toFixed(1)} MB, ` +
            `after dropping the result + GC ${mb(heapAfterGc).toFixed(1)} MB)`,
        ],
      ]
    : []),
  ...Object.values(cli).map((c) => [
    `CLI: ${c.command}`,
    `${c.medianMs.toFixed(1)} ms median of ${c.samplesMs.length}` +
      `${c.cpuMs === undefined ? "" : `, CPU ${c.cpuMs.toFixed(0)} ms`} (exit ${c.exitCode})${
        c === cli.reference
          ? ""
          : `, +${(c.medianMs - cli.reference.medianMs).toFixed(1)} ms over node -e 0`
      }`,
  ]),
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(
  `\nfunnelc benchmark${PARSE_ONLY ? " (parser figures only)" : ""} — node ` +
    `${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} (${os.cpus().length} cpus), ` +
    `${process.platform}/${process.arch}`,
);
console.log(
  `medians after warm-up; MB = 10^6 bytes; load average at start ` +
    `${LOAD.map((x) => x.toFixed(2)).join(" ")} (CPU ms = process CPU time, all threads)\n`,
);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
const totalSeconds = (performance.now() - started) / 1000;
console.log(`\n(total bench time ${totalSeconds.toFixed(1)} s)`);

const resultsFile = path.join(ROOT, "bench", "results.json");
const parserFigures = {
  input: { stages: STAGES, seed: SEED, lines, bytes: textBytes, irJsonBytes: jsonBytes },
  parse: {
    medianMs: round(parse.medianMs),
    cpuMs: round(parse.cpuMs),
    mbPerSecond: round(parseMBs),
    samplesMs: parse.samplesMs.map((x) => round(x)),
  },
  parseWithOneError: {
    medianMs: round(parseBroken.medianMs),
    cpuMs: round(parseBroken.cpuMs),
    mbPerSecond: round(mb(textBytes) / (parseBroken.medianMs / 1000)),
    samplesMs: parseBroken.samplesMs.map((x) => round(x)),
  },
  compile1MB: {
    stages: stages1MB,
    bytes: bytes1MB,
    medianMs: round(full1MB.medianMs),
    cpuMs: round(full1MB.cpuMs),
    mbPerSecond: round(mb(bytes1MB) / (full1MB.medianMs / 1000)),
    samplesMs: full1MB.samplesMs.map((x) => round(x)),
  },
  jsonParse: {
    medianMs: round(jsonParse.medianMs),
    cpuMs: round(jsonParse.cpuMs),
    mbPerSecond: round(jsonMBs),
    samplesMs: jsonParse.samplesMs.map((x) => round(x)),
  },
  withLargeSemiSpace: {
    nodeFlag: `--max-semi-space-size=${SEMI_SPACE_MB}`,
    parse: {
      medianMs: round(bigYoung.parse.medianMs),
      cpuMs: round(bigYoung.parse.cpuMs),
      samplesMs: bigYoung.parse.samplesMs.map((x) => round(x)),
    },
    jsonParse: {
      medianMs: round(bigYoung.jsonParse.medianMs),
      cpuMs: round(bigYoung.jsonParse.cpuMs),
      samplesMs: bigYoung.jsonParse.samplesMs.map((x) => round(x)),
    },
    parseSlowerThanJsonParse: round(slowdown(bigYoung.parse, bigYoung.jsonParse)),
  },
  afterCompiles: {
    parse: {
      medianMs: round(parseAfterCompile.medianMs),
      cpuMs: round(parseAfterCompile.cpuMs),
      samplesMs: parseAfterCompile.samplesMs.map((x) => round(x)),
    },
    jsonParse: {
      medianMs: round(jsonParseAfterCompile.medianMs),
      cpuMs: round(jsonParseAfterCompile.cpuMs),
      samplesMs: jsonParseAfterCompile.samplesMs.map((x) => round(x)),
    },
    parseSlowerThanJsonParse: round(slowdown(parseAfterCompile, jsonParseAfterCompile)),
  },
  astJsonParse: {
    bytes: astJsonBytes,
    medianMs: round(astJsonParse.medianMs),
    cpuMs: round(astJsonParse.cpuMs),
    samplesMs: astJsonParse.samplesMs.map((x) => round(x)),
  },
};
const parserRatios = {
  parseSlowerThanJsonParse: round(parseSlowdown),
  parseGoalMet: parseSlowdown <= GOAL_PARSE_VS_JSON,
  parseSlowerThanJsonParseByCpu: round(parseSlowdownCpu),
  parseTimeVsJsonParseOfAst: round(parse.medianMs / astJsonParse.medianMs),
  check1MBGoalMet,
};
let results;
if (PARSE_ONLY) {
  // Only the parser figures were measured: keep the rest of the last full run, and say when.
  const previous = JSON.parse(readFileSync(resultsFile, "utf8"));
  results = {
    ...previous,
    ...parserFigures,
    ratios: { ...previous.ratios, ...parserRatios },
    parserFiguresFrom: { ...machineInfo(LOAD), totalSeconds: round(totalSeconds, 1) },
  };
} else {
  results = {
    ...machineInfo(LOAD),
    ...parserFigures,
    compile: {
      medianMs: round(full.medianMs),
      cpuMs: round(full.cpuMs),
      mbPerSecond: round(fullMBs),
      secondsPerMB: round(checkSecondsPerMB, 3),
      diagnostics: bySeverity,
      samplesMs: full.samplesMs.map((x) => round(x)),
    },
    ratios: {
      ...parserRatios,
      checkCpuSecondsPerMB: round(checkCpuSecondsPerMB, 3),
      checkSecondsPerMBVsGoal: round(checkSecondsPerMB / GOAL_CHECK_SECONDS_PER_MB),
      checkGoalMet: checkSecondsPerMB <= GOAL_CHECK_SECONDS_PER_MB,
    },
    heap: {
      beforeCompileBytes: heapBefore,
      afterCompileBytes: heapAfterCompile,
      afterReleaseAndGcBytes: heapAfterGc,
    },
    cli: Object.fromEntries(
      Object.entries(cli).map(([k, c]) => [
        k,
        {
          command: c.command,
          medianMs: round(c.medianMs),
          cpuMs: c.cpuMs,
          exitCode: c.exitCode,
          samplesMs: c.samplesMs.map((x) => round(x)),
        },
      ]),
    ),
    totalSeconds: round(totalSeconds, 1),
  };
}
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
console.log("wrote bench/results.json");
if (PARSE_ONLY) process.exit(process.exitCode ?? 0);

// ---------------------------------------------------------------- engine benchmark
// The runtime against a hand-written evaluator and XState (bench/engine.mjs), in its own process:
// it needs --expose-gc and a heap of its own for the retained-memory figures.
const engineBench = spawnSync(
  process.execPath,
  ["--expose-gc", path.join(ROOT, "bench", "engine.mjs")],
  { cwd: ROOT, stdio: "inherit" },
);
if (engineBench.status !== 0) process.exitCode = engineBench.status ?? 1;

// ---------------------------------------------------------------- report benchmark `funnel report
// --history` from a stage-history CSV next to DuckDB reading the same CSV (bench/report.mjs,
// bench/report-results.json); `npm run bench:report -- --events 1000000,10000000` for 10M.
const reportBench = spawnSync(
  process.execPath,
  [path.join(ROOT, "bench", "report.mjs"), "--events", "1000000"],
  { cwd: ROOT, stdio: "inherit" },
);
if (reportBench.status !== 0) process.exitCode = reportBench.status ?? 1;

// ---------------------------------------------------------------- language server benchmark
// didChange → publishDiagnostics, completion and hover latency over stdio (bench/lsp.mjs,
// bench/lsp-results.json).
const lspBench = spawnSync(process.execPath, [path.join(ROOT, "bench", "lsp.mjs")], {
  cwd: ROOT,
  stdio: "inherit",
});
if (lspBench.status !== 0) process.exitCode = lspBench.status ?? 1;
