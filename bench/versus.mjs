// Before/after in one process: the engine (dist/runtime.js) and the generated module (`-t ts` of
// examples/lead-to-revenue.funnel) of this working tree against those of a git revision, on the
// same 1M events, each run in a fresh worker, alternating so that a busy machine slows both alike.
// For refactors whose goal is "as fast as before".
//   npm run bench:versus -- <rev> [rounds]      (e.g. npm run bench:versus -- main~3 9)
// The revision is built in a temporary git worktree (with its own dependencies when its
// package-lock.json differs).
import { execFileSync } from "node:child_process";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { planLeadEvents, eventAt } from "./lead-events.mjs";

const RECORDS = 100_000;
const EVENTS = 1_000_000;
const CHUNK = 10_000;
const FUNNEL = "examples/lead-to-revenue.funnel";

if (!isMainThread) {
  // A worker: one contender, a warm-up pass, then the timed pass (wall and CPU ms in apply()).
  const { kind, dist, module, funnel, root } = workerData;
  const url = (p) => pathToFileURL(p).href;
  const { compile, createNodeHost } = await import(url(path.join(dist, "index.js")));
  const create =
    kind === "engine"
      ? await (async () => {
          const { createEngine } = await import(url(path.join(dist, "runtime.js")));
          const ir = compile(createNodeHost(root), [funnel]).programs[0].ir;
          return () => createEngine(ir);
        })()
      : (await import(url(module))).createFunnel;
  const plan = planLeadEvents(RECORDS, EVENTS, 7);
  const pass = () => {
    const instance = create();
    globalThis.gc?.();
    const chunk = new Array(CHUNK);
    let wall = 0;
    let cpu = 0;
    for (let start = 0; start < EVENTS; start += CHUNK) {
      for (let i = 0; i < CHUNK; i++) chunk[i] = eventAt(plan, start + i);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < CHUNK; i++) instance.apply(chunk[i]);
      wall += performance.now() - t0;
      const used = process.cpuUsage(cpu0);
      cpu += (used.user + used.system) / 1000;
    }
    return { wall, cpu };
  };
  pass();
  parentPort.postMessage(pass());
  process.exit(0);
}

const [revision, roundsText] = process.argv.slice(2);
if (!revision) {
  console.error("usage: npm run bench:versus -- <git revision> [rounds]");
  process.exit(2);
}
const ROUNDS = Number(roundsText ?? 7);
const here = process.cwd();
const scratch = mkdtempSync(path.join(tmpdir(), "funnelc-versus-"));

/** Builds a tree's dist/ and writes its generated module of the funnel as JavaScript. */
async function loadBuild(root, label) {
  execFileSync("node", ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
  const url = (p) => pathToFileURL(path.join(root, p)).href;
  const { compile, createNodeHost, TARGETS } = await import(url("dist/index.js"));
  const ir = compile(createNodeHost(root), [path.join(root, FUNNEL)]).programs[0].ir;
  const emitter = TARGETS.get("ts");
  const [file] = await emitter.emit(ir, { baseName: "lead" });
  const { code } = await transform(file.contents, {
    loader: "ts",
    format: "esm",
    target: "node20",
  });
  const js = path.join(scratch, `${label}.mjs`);
  writeFileSync(js, code);
  return { module: js };
}

console.error(`building ${revision} in a temporary worktree …`);
const other = path.join(scratch, "tree");
execFileSync("git", ["worktree", "add", "--detach", other, revision], { stdio: "ignore" });
try {
  // Its own dependencies when they differ from this tree's (npm ci), else this tree's.
  const lock = (root) => readFileSync(path.join(root, "package-lock.json"), "utf8");
  if (lock(other) === lock(here))
    symlinkSync(path.join(here, "node_modules"), path.join(other, "node_modules"));
  else execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: other, stdio: "ignore" });
  const before = await loadBuild(other, "before");
  const after = await loadBuild(here, "after");
  // Each run in a fresh worker (its own V8 isolate): builds loaded into one isolate slow each
  // other down unevenly (the same build against itself measured 3-6% apart that way).
  const contenders = {
    "engine before": { kind: "engine", dist: path.join(other, "dist") },
    "engine after": { kind: "engine", dist: path.join(here, "dist") },
    "module before": { kind: "module", module: before.module, dist: path.join(here, "dist") },
    "module after": { kind: "module", module: after.module, dist: path.join(here, "dist") },
  };
  const run = (contender) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { ...contender, funnel: path.join(here, FUNNEL), root: here },
      });
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  const names = Object.keys(contenders);
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? [...names].reverse() : names)
      runs[name].push(await run(contenders[name]));
    console.error(`round ${round + 1}/${ROUNDS}`);
  }
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const rate = (name, key) => EVENTS / (median(runs[name].map((r) => r[key])) / 1000);
  for (const name of names) {
    const wall = (rate(name, "wall") / 1e6).toFixed(3);
    const cpu = (rate(name, "cpu") / 1e6).toFixed(3);
    console.log(`${name.padEnd(14)} ${wall} M events/s wall, ${cpu} M events/s CPU (medians)`);
  }
  for (const what of ["engine", "module"]) {
    const wall = rate(`${what} after`, "wall") / rate(`${what} before`, "wall");
    const cpu = rate(`${what} after`, "cpu") / rate(`${what} before`, "cpu");
    console.log(
      `${what} after / before: ${wall.toFixed(3)} by wall time, ${cpu.toFixed(3)} by CPU`,
    );
  }
} finally {
  execFileSync("git", ["worktree", "remove", "--force", other], { stdio: "ignore" });
  rmSync(scratch, { recursive: true, force: true });
}
