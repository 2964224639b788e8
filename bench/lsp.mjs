// Language server benchmark: a real JSON-RPC client over stdio against the built server
// (`node dist/cli.js lsp --stdio`) on a generated 2,000-stage funnel. Measures, per edit, the
// time from didChange to the first publishDiagnostics (errors; whole-graph warnings carried over)
// and to the complete one (flow analyses run), and the latency of completion and hover.
// References measured in the same run: a no-op request's round trip (the transport's floor) and
// an in-process full check of the same file; the phases of that check are profiled too.
// Run with `npm run bench:lsp` (builds dist/ first). Writes bench/lsp-results.json.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { compileEntry, createMemoryHost, parseFile } from "../dist/index.js";
import { machineInfo } from "./common.mjs";
import { generateFunnel } from "./generate.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAGES = 2_000;
const SEED = 42;
const EDITS = Number(process.env.LSP_BENCH_EDITS ?? 60);
const REQUESTS = Number(process.env.LSP_BENCH_REQUESTS ?? 200);
const GOALS = { diagnosticsP95: 100, completionP95: 30, hoverP95: 30 };
const LOAD = os.loadavg();
// LSP_BENCH_FLOW_DELAY=<ms> sets the server's diagnostics.flowDelay (default: the server's, 200
// ms); with 0 the server publishes once per edit, complete, and first and complete publish
// coincide.
const FLOW_DELAY =
  process.env.LSP_BENCH_FLOW_DELAY === undefined
    ? undefined
    : Number(process.env.LSP_BENCH_FLOW_DELAY);
const serverSettings = FLOW_DELAY === undefined ? null : { diagnostics: { flowDelay: FLOW_DELAY } };
const FLOW_DELAY_MS = FLOW_DELAY ?? 200;

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const summary = (xs) => ({
  medianMs: round(percentile(xs, 50)),
  p95Ms: round(percentile(xs, 95)),
  maxMs: round(Math.max(...xs)),
  n: xs.length,
});
const round = (x) => Math.round(x * 10) / 10;

const text = generateFunnel(STAGES, SEED);
const dir = mkdtempSync(path.join(os.tmpdir(), "funnel-lsp-bench-"));
const file = path.join(dir, "synthetic.funnel");
writeFileSync(file, text);
const uri = pathToFileURL(file).href;
const lines = text.split("\n");
const positionOf = (needle, offset = 0) => {
  const at = text.indexOf(needle) + offset;
  const before = text.slice(0, at).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
};

// ---------------------------------------------------------------- in-process reference and profile
// The four measurements alternate in each round, so a busy machine slows them alike; each phase
// is the median of its per-round difference.
const host = createMemoryHost({ "synthetic.funnel": text });
const rounds = { parse: [], noFlow: [], noLower: [], full: [] };
for (let round = 0; round < 9; round++) {
  // CPU time of this process: less disturbed by other work on the machine than wall time.
  const time = (fn) => {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const parse = time(() => parseFile(text, "synthetic.funnel"));
  const noFlow = time(() =>
    compileEntry(host, "synthetic.funnel", new Map(), { lower: false, flow: false }),
  );
  const noLower = time(() => compileEntry(host, "synthetic.funnel", new Map(), { lower: false }));
  const full = time(() => compileEntry(host, "synthetic.funnel"));
  if (round < 2) continue; // warm-up
  rounds.parse.push(parse);
  rounds.noFlow.push(noFlow);
  rounds.noLower.push(noLower);
  rounds.full.push(full);
}
const diff = (a, b) =>
  percentile(
    a.map((x, i) => x - b[i]),
    50,
  );
const parseMs = percentile(rounds.parse, 50);
const checkNoFlowMs = parseMs + diff(rounds.noFlow, rounds.parse);
const checkMs = checkNoFlowMs + diff(rounds.noLower, rounds.noFlow);
const fullCompileMs = percentile(rounds.full, 50);

// ---------------------------------------------------------------- the server
// LSP_BENCH_PROFILE=<dir> writes a CPU profile of the server there (node --cpu-prof).
const profile = process.env.LSP_BENCH_PROFILE
  ? ["--cpu-prof", "--cpu-prof-dir", process.env.LSP_BENCH_PROFILE]
  : [];
// LSP_BENCH_NODE_FLAGS="--max-semi-space-size=32" runs the server with other V8 settings.
const nodeFlags = (process.env.LSP_BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const child = spawn(
  process.execPath,
  [...nodeFlags, ...profile, path.join(ROOT, "dist/cli.js"), "lsp", "--stdio"],
  { stdio: ["pipe", "pipe", "inherit"] },
);
const connection = createProtocolConnection(
  new StreamMessageReader(child.stdout),
  new StreamMessageWriter(child.stdin),
);
const waiting = [];
connection.onNotification("textDocument/publishDiagnostics", (params) => {
  const at = performance.now();
  const i = waiting.findIndex((w) => w.version === params.version);
  if (i >= 0) waiting.splice(i, 1)[0].resolve({ at, params });
});
connection.onRequest("client/registerCapability", () => null);
connection.onRequest("workspace/configuration", (p) => p.items.map(() => serverSettings));
connection.listen();
const published = (version) => new Promise((resolve) => waiting.push({ version, resolve }));

await connection.sendRequest("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(dir).href,
  capabilities: { workspace: { configuration: true } },
  initializationOptions: serverSettings ? { funnel: serverSettings } : undefined,
});
await connection.sendNotification("initialized", {});
let version = 1;
// With flowDelay 0 the first publish is the complete one.
const completeAfter = (first, version) =>
  FLOW_DELAY_MS === 0 ? first : first.then(() => published(version));
let first = published(1);
let complete = completeAfter(first, 1);
await connection.sendNotification("textDocument/didOpen", {
  textDocument: { uri, languageId: "funnel", version, text },
});
const opened = await complete;
const baselineCodes = opened.params.diagnostics.map((d) => d.code);

// Edits alternate between breaking and fixing a transition in the middle of the funnel, and
// retyping a definition elsewhere: each is one incremental change, as an editor sends them.
const target = positionOf("-> s1001 on form_submitted", 3);
const definition = positionOf('definition "Legal is reviewing terms."', 12);
const firstMs = [];
const completeMs = [];
for (let i = 0; i < EDITS; i++) {
  version++;
  const kind = i % 4;
  const change =
    kind === 0
      ? {
          range: { start: target, end: { line: target.line, character: target.character + 5 } },
          text: "s10x1",
        }
      : kind === 1
        ? {
            range: { start: target, end: { line: target.line, character: target.character + 5 } },
            text: "s1001",
          }
        : kind === 2
          ? {
              range: {
                start: definition,
                end: { line: definition.line, character: definition.character + 5 },
              },
              text: "LEGAL",
            }
          : {
              range: {
                start: definition,
                end: { line: definition.line, character: definition.character + 5 },
              },
              text: "Legal",
            };
  first = published(version);
  complete = completeAfter(first, version);
  const t0 = performance.now();
  await connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version },
    contentChanges: [change],
  });
  const a = await first;
  const b = await complete;
  firstMs.push(a.at - t0);
  completeMs.push(b.at - t0);
  const codes = b.params.diagnostics.map((d) => d.code);
  const expected = kind === 0 ? ["FN2002"] : [];
  if (!expected.every((c) => codes.includes(c)) || (kind !== 0 && codes.includes("FN2002")))
    throw new Error(`edit ${i}: unexpected diagnostics ${codes.join(", ")}`);
}

async function timeRequests(method, params) {
  const samples = [];
  let result;
  for (let i = 0; i < 10; i++) await connection.sendRequest(method, params);
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    result = await connection.sendRequest(method, params);
    samples.push(performance.now() - t0);
  }
  return { samples, result };
}
const arrow = positionOf("-> s1501", 3);
const completion = await timeRequests("textDocument/completion", {
  textDocument: { uri },
  position: arrow,
});
if (
  !Array.isArray(completion.result) ||
  completion.result.length !== STAGES + lines.filter((l) => /^\s+(detour|terminal) /.test(l)).length
) {
  throw new Error(`completion after -> returned ${completion.result?.length} items`);
}
const hover = await timeRequests("textDocument/hover", {
  textDocument: { uri },
  position: { line: arrow.line, character: arrow.character + 2 },
});
if (!hover.result?.contents?.value?.includes("s1501"))
  throw new Error("hover did not describe s1501");
const noop = await timeRequests("funnel/stats", {});
// The server's own record of each pass (parse + bind + check, and the flow analyses).
const serverTimings = noop.result;

await connection.sendRequest("shutdown");
const exited = new Promise((resolve) => child.once("exit", resolve));
await connection.sendNotification("exit");
await exited;
connection.dispose();
rmSync(dir, { recursive: true, force: true });

const results = {
  machine: machineInfo(LOAD),
  input: {
    stages: STAGES,
    seed: SEED,
    bytes: Buffer.byteLength(text),
    lines: lines.length,
    baselineDiagnostics: baselineCodes.length,
  },
  nodeFlags,
  settings:
    `diagnostics.delay 10 ms (server default; debounce: an edit after a ` +
    `quiet period is checked at once), diagnostics.flowDelay ${FLOW_DELAY_MS} ` +
    `ms${FLOW_DELAY === undefined ? " (server default)" : ""}`,
  diagnosticsFirstPublish: summary(firstMs),
  diagnosticsComplete: summary(completeMs),
  completion: summary(completion.samples),
  completionItems: completion.result.length,
  hover: summary(hover.samples),
  reference: {
    noopRoundTrip: summary(noop.samples),
    serverCompilePass: summary(serverTimings.recentCompileMs.slice(-EDITS)),
    serverFlowPass: summary(serverTimings.recentFlowMs.slice(-EDITS)),
    serverCompilePassCpu: summary(serverTimings.recentCompileCpuMs.slice(-EDITS)),
    serverFlowPassCpu: summary(serverTimings.recentFlowCpuMs.slice(-EDITS)),
    inProcessFullCompileMs: round(fullCompileMs),
    profileMs: {
      parse: round(parseMs),
      bindAndCheck: round(checkNoFlowMs - parseMs),
      flowAnalyses: round(checkMs - checkNoFlowMs),
    },
  },
  goals: {
    diagnosticsP95Ms: GOALS.diagnosticsP95,
    completionP95Ms: GOALS.completionP95,
    hoverP95Ms: GOALS.hoverP95,
    firstPublishMet: percentile(firstMs, 95) < GOALS.diagnosticsP95,
    completePublishMet: percentile(completeMs, 95) < GOALS.diagnosticsP95,
    completionMet: percentile(completion.samples, 95) < GOALS.completionP95,
    hoverMet: percentile(hover.samples, 95) < GOALS.hoverP95,
  },
};
writeFileSync(path.join(ROOT, "bench/lsp-results.json"), JSON.stringify(results, null, 2) + "\n");

const row = (name, s, extra = "") =>
  console.log(
    `${name.padEnd(44)} median ${String(s.medianMs).padStart(7)} ms   p95 ` +
      `${String(s.p95Ms).padStart(7)} ms${extra}`,
  );
console.log(
  `Language server, ${STAGES} stages (${(results.input.bytes / 1e6).toFixed(2)} MB), ${EDITS} ` +
    `edits, ${REQUESTS} requests each; load average ${LOAD.map((l) => l.toFixed(1)).join(" ")}`,
);
row(
  "didChange → first publishDiagnostics",
  results.diagnosticsFirstPublish,
  `   goal p95 < ${GOALS.diagnosticsP95} ms: ${results.goals.firstPublishMet ? "met" : "MISSED"}`,
);
row(
  "didChange → complete publishDiagnostics",
  results.diagnosticsComplete,
  FLOW_DELAY_MS
    ? `   (includes the ${FLOW_DELAY_MS} ms flowDelay)`
    : `   flowDelay 0: one publish; goal p95 < ${GOALS.diagnosticsP95} ms: ` +
        `${results.goals.completePublishMet ? "met" : "MISSED"}`,
);
row(
  "completion after -> (all stages)",
  results.completion,
  `   goal p95 < ${GOALS.completionP95} ms: ${results.goals.completionMet ? "met" : "MISSED"}`,
);
row(
  "hover on a stage",
  results.hover,
  `   goal p95 < ${GOALS.hoverP95} ms: ${results.goals.hoverMet ? "met" : "MISSED"}`,
);
row("reference: no-op request round trip", results.reference.noopRoundTrip);
row("  in the server: parse + bind + check (wall)", results.reference.serverCompilePass);
row("  in the server: parse + bind + check (CPU)", results.reference.serverCompilePassCpu);
row("  in the server: flow analyses (wall)", results.reference.serverFlowPass);
row("  in the server: flow analyses (CPU)", results.reference.serverFlowPassCpu);
console.log(
  `reference: in-process full compile of the same file ` +
    `${results.reference.inProcessFullCompileMs} ms CPU; profile (ms CPU): ` +
    `${JSON.stringify(results.reference.profileMs)}`,
);
