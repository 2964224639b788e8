// Engine benchmark: the funnelc runtime and the module `funnel build --target ts` generates,
// against a hand-written evaluator and an XState machine of the same funnel
// (examples/lead-to-revenue.funnel), on one deterministic stream of 1,000,000
// events over 100,000 records (bench/lead-events.mjs). Run by `npm run bench` after the
// parse/check benchmark, or alone with `npm run build && node --expose-gc bench/engine.mjs`.
// Writes bench/engine-results.json.
//
// The stream is fed in chunks of 10,000 events: each chunk's events are made first (new objects and
// strings, as a parser would make them), then applied, timed (wall and process CPU time), then
// dropped, as a service would see it. For each contender, in one process:
//  1. one full pass (also the warm-up); then `gc()`, and the heap used minus the heap before the
//     contender was created, divided by the number of live records: retained bytes per live
//     record. The final stage (and entered time and score) of every record is checked against
//     the engine's, and the counts of outcomes and event statuses too;
//  2. throughput: events/s of the median of 3 runs, a fresh instance each run, the contenders
//     taking turns (so a change in the machine's load falls on all of them); CPU time alongside
//     (a busy machine distorts it less). XState is too slow for three more full runs within the
//     bench's time budget (half a minute or more each), so its full-size figure is its pass of
//     step 1; every contender is also timed (median of 3) on a sample, the events of every 10th
//     record (10,000 records, ~100,000 events, same mix), where the XState ratio is like for like.
// A "floor" runs alongside (not a contender): only the Map lookup and Date.parse every contender
// must do per event, to show how much of each contender's time the harness's fixed work is. Goals
// (from the issue): interpreter throughput ≥ 20× XState's; the generated module within 1.5× of the
// hand-written evaluator's throughput and ≥ 50× XState's; retained memory per live record within 2×
// of the hand-written evaluator's (both engine and generated module).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { machineInfo } from "./common.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (typeof globalThis.gc !== "function") {
  // Memory figures need gc(): run again with --expose-gc.
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit", cwd: process.cwd() },
  );
  process.exit(child.status ?? 1);
}
process.chdir(ROOT);

const { compile, createNodeHost, TARGETS } = await import("../dist/index.js");
const { createEngine } = await import("../dist/runtime.js");
const { createHandwrittenLead } = await import("./handwritten-lead.mjs");
const { createXStateLead } = await import("./xstate-lead.mjs");
const { planLeadEvents, eventAt, describePlan, recordId } = await import("./lead-events.mjs");

const RECORDS = 100_000;
const EVENTS = 1_000_000;
const SEED = 7;
const SAMPLE_EVERY = 10; // the timing sample: records 0, 10, 20, …
const RUNS = 3;
const CHUNK = 10_000;
const GOAL_VS_XSTATE = 20;
const GOAL_MEMORY_VS_HANDWRITTEN = 2;
const GOAL_GENERATED_VS_XSTATE = 50;
/** The generated module's throughput at least 1/1.5 of the hand-written evaluator's. */
const GOAL_GENERATED_VS_HANDWRITTEN = 1.5;
const gc = globalThis.gc;

const started = performance.now();
const LOAD = os.loadavg();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 0) => Number(x.toFixed(digits));
const fullGc = () => {
  gc();
  gc();
};

// ---------------------------------------------------------------- the funnel and the stream
const compiled = compile(createNodeHost("."), ["examples/lead-to-revenue.funnel"]);
const ir = compiled.programs[0]?.ir;
if (!ir) throw new Error("examples/lead-to-revenue.funnel does not compile");
const plan = planLeadEvents(RECORDS, EVENTS, SEED);
// The generated module of the same funnel: `funnel build --target ts` (the same emitter), made
// JavaScript by esbuild as a project's build would, and imported from a temporary file.
const generated = await (async () => {
  const [file] = await TARGETS.get("ts").emit(ir, { baseName: "lead-to-revenue" });
  const { code } = await transform(file.contents, {
    loader: "ts",
    format: "esm",
    target: "node20",
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), "funnelc-bench-"));
  const js = path.join(dir, "lead-to-revenue.mjs");
  writeFileSync(js, code);
  try {
    return await import(pathToFileURL(js).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

// ---------------------------------------------------------------- contenders
// Each: create() → an object with apply(event); peek(instance, recordId) → { stage, entered (ms),
// score } for the agreement check; size(instance) → live records.
const contenders = [
  {
    key: "engine",
    name: "funnelc engine (interpreter over the IR)",
    create: () => createEngine(ir),
    peek: (engine, id) => {
      const s = engine.state(id);
      return s && { stage: s.stage, entered: Date.parse(s.enteredAt), score: s.scores.lead_score };
    },
    size: (engine) => [...engine.recordIds()].length,
    fullRuns: true,
  },
  {
    key: "generated",
    name: "generated TypeScript module (funnel build --target ts, transpiled by esbuild)",
    create: () => generated.createFunnel(),
    peek: (funnel, id) => {
      const s = funnel.state(id);
      return s && { stage: s.stage, entered: Date.parse(s.enteredAt), score: s.scores.lead_score };
    },
    size: (funnel) => [...funnel.recordIds()].length,
    fullRuns: true,
  },
  {
    key: "handwritten",
    name: "hand-written evaluator (bench/handwritten-lead.mjs)",
    create: createHandwrittenLead,
    peek: (x, id) => x.peek(id),
    size: (x) => x.size(),
    fullRuns: true,
  },
  {
    key: "floor",
    name:
      "floor: no funnel, only the per-event work every contender must do (Map lookup of the " +
      "record by its id, Date.parse of the time)",
    create: createFloor,
    peek: () => undefined,
    size: (x) => x.size(),
    fullRuns: true,
    reference: true, // not a contender: no agreement check, no goals
  },
  {
    key: "xstate",
    name: "XState v5, one actor per record (bench/xstate-lead.mjs)",
    create: createXStateLead,
    peek: (x, id) => x.peek(id),
    size: (x) => x.size(),
    fullRuns: false, // half a minute or more per full run: its full-size figure is its step-1 pass
  },
];

const STAGES = ir.stages.map((s) => s.name);

/**
 * The least any evaluator of these events does: find the record by its string id and read the
 * event's time. Its rate bounds what the harness can show for any contender (the same fresh
 * objects and strings, the same record count, the same garbage collector).
 */
function createFloor() {
  const records = new Map();
  const applied = Object.freeze({ status: "applied", outcomes: Object.freeze([]) });
  return {
    apply(event) {
      const at = Date.parse(event.at);
      const record = records.get(event.record);
      if (record === undefined) records.set(event.record, { last: at });
      else record.last = at;
      return applied;
    },
    size: () => records.size,
  };
}

const ALL = Int32Array.from({ length: EVENTS }, (_, i) => i);
const SAMPLE = ALL.filter((i) => plan.rec[i] % SAMPLE_EVERY === 0);

/**
 * Feeds the events `indices` of the plan to `instance` in chunks: each chunk's events are made
 * first (untimed), then applied (timed: wall and CPU), then dropped, as a service would see a
 * stream. `onResult` (untimed) sees every apply() result.
 */
function feed(instance, indices, onResult) {
  const chunk = new Array(CHUNK);
  const returned = onResult ? new Array(CHUNK) : null;
  let wall = 0;
  let cpu = 0;
  for (let start = 0; start < indices.length; start += CHUNK) {
    const n = Math.min(CHUNK, indices.length - start);
    for (let i = 0; i < n; i++) chunk[i] = eventAt(plan, indices[start + i]);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (returned) for (let i = 0; i < n; i++) returned[i] = instance.apply(chunk[i]);
    else for (let i = 0; i < n; i++) instance.apply(chunk[i]);
    wall += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    if (returned) for (let i = 0; i < n; i++) onResult(returned[i]);
  }
  chunk.fill(undefined);
  returned?.fill(undefined);
  return [wall, cpu];
}

/** Step 1: one full pass; retained heap; final states; outcome and status counts. */
function fullPass(contender) {
  fullGc();
  const heapBefore = process.memoryUsage().heapUsed;
  let instance = contender.create();
  const outcomes = { moved: 0, sla_warning: 0, sla_breached: 0 };
  const statuses = {};
  const [wall, cpu] = feed(instance, ALL, (r) => {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    for (const o of r.outcomes) outcomes[o.type]++;
  });
  fullGc();
  const heapAfter = process.memoryUsage().heapUsed;
  // (Reading `instance` after the measurement keeps it alive through it.)
  const live = contender.size(instance);
  const stage = new Uint8Array(RECORDS);
  const entered = new Float64Array(RECORDS);
  const score = new Float64Array(RECORDS);
  for (let r = 0; r < RECORDS; r++) {
    const p = contender.peek(instance, recordId(r));
    stage[r] = p ? STAGES.indexOf(p.stage) : 255;
    entered[r] = p ? p.entered : NaN;
    score[r] = p ? p.score : NaN;
  }
  instance = null;
  return {
    singleRun: { wallMs: wall, cpuMs: cpu },
    retainedBytes: heapAfter - heapBefore,
    liveRecords: live,
    statuses,
    outcomes,
    final: { stage, entered, score },
  };
}

/** One timed run over the events `indices` with a fresh instance: [wall ms, CPU ms]. */
function timeOnce(contender, indices) {
  let instance = contender.create();
  fullGc();
  const times = feed(instance, indices);
  instance = null;
  return times;
}
const summary = (events, wall, cpu) => ({
  events,
  runs: wall.length,
  medianMs: median(wall),
  cpuMs: median(cpu),
  eventsPerSecond: events / (median(wall) / 1000),
  cpuEventsPerSecond: events / (median(cpu) / 1000),
  samplesMs: wall.map((x) => round(x, 1)),
});

// ---------------------------------------------------------------- run
const passes = new Map();
for (const contender of contenders) {
  const t0 = performance.now();
  passes.set(contender.key, fullPass(contender));
  process.stderr.write(
    `  ${contender.key}: full pass ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
// ---------------------------------------------------------------- agreement (step 1's passes)
const reference = passes.get("engine").final;
const agreement = {};
for (const contender of contenders) {
  if (contender.reference) continue;
  const { final, outcomes, statuses } = passes.get(contender.key);
  let stage = 0;
  let all = 0;
  for (let r = 0; r < RECORDS; r++) {
    if (final.stage[r] === reference.stage[r]) {
      stage++;
      if (final.entered[r] === reference.entered[r] && final.score[r] === reference.score[r]) all++;
    }
  }
  const ref = passes.get("engine");
  agreement[contender.key] = {
    finalStage: stage,
    finalStageEnteredAndScore: all,
    outcomesEqual: JSON.stringify(outcomes) === JSON.stringify(ref.outcomes),
    statusesEqual: JSON.stringify(statuses) === JSON.stringify(ref.statuses),
  };
}
const disagreements = Object.entries(agreement).filter(
  ([, a]) =>
    a.finalStage !== RECORDS ||
    a.finalStageEnteredAndScore !== RECORDS ||
    !a.outcomesEqual ||
    !a.statusesEqual,
);

// Printed before any timing: the figures below compare the same behaviour.
const finalStages = {};
for (let r = 0; r < RECORDS; r++)
  finalStages[STAGES[reference.stage[r]]] = (finalStages[STAGES[reference.stage[r]]] ?? 0) + 1;
const engineOutcomes = passes.get("engine").outcomes;

console.log(
  `\nfunnelc engine benchmark — node ${process.version}, ` +
    `${os.cpus()[0]?.model ?? "unknown CPU"} (${os.cpus().length} cpus), load average at start ` +
    `${LOAD.map((x) => x.toFixed(2)).join(" ")}`,
);
console.log(
  `examples/lead-to-revenue.funnel; ${EVENTS.toLocaleString("en")} events over ` +
    `${RECORDS.toLocaleString("en")} records (seed ${SEED}): ${Object.entries(describePlan(plan))
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
);
console.log(
  `outcomes: ${engineOutcomes.moved} moves, ${engineOutcomes.sla_warning} SLA warnings, ` +
    `${engineOutcomes.sla_breached} SLA breaches; final stages: ${Object.entries(finalStages)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
);
for (const contender of contenders) {
  const a = agreement[contender.key];
  if (contender.key === "engine" || contender.reference) continue;
  console.log(
    `agreement with the engine, ${contender.key}: final stage of ` +
      `${a.finalStage.toLocaleString("en")} / ${RECORDS.toLocaleString("en")} records (stage, ` +
      `entered time and score: ${a.finalStageEnteredAndScore.toLocaleString("en")}); ` +
      `outcome counts ${a.outcomesEqual ? "equal" : "DIFFER"}; event statuses ` +
      `${a.statusesEqual ? "equal" : "DIFFER"}`,
  );
}

if (disagreements.length) {
  console.log(
    `DISAGREEMENT with the engine: ${disagreements.map(([k]) => k).join(", ")}; no timing`,
  );
  process.exit(1);
}

// Step 2, round robin (contenders take turns, in rotating order), so that a change in the
// machine's load during the bench falls on all of them.
const times = new Map(
  contenders.map((c) => [c.key, { fullWall: [], fullCpu: [], sampleWall: [], sampleCpu: [] }]),
);
const t2 = performance.now();
for (let k = 0; k < RUNS; k++) {
  for (let j = 0; j < contenders.length; j++) {
    const contender = contenders[(j + k) % contenders.length];
    const t = times.get(contender.key);
    if (contender.fullRuns) {
      const [wall, cpu] = timeOnce(contender, ALL);
      t.fullWall.push(wall);
      t.fullCpu.push(cpu);
    }
    const [wall, cpu] = timeOnce(contender, SAMPLE);
    t.sampleWall.push(wall);
    t.sampleCpu.push(cpu);
  }
}
process.stderr.write(`  timed runs: ${((performance.now() - t2) / 1000).toFixed(1)} s\n`);
const results = {};
for (const contender of contenders) {
  const t = times.get(contender.key);
  const pass = passes.get(contender.key);
  results[contender.key] = {
    name: contender.name,
    pass,
    full: contender.fullRuns
      ? summary(EVENTS, t.fullWall, t.fullCpu)
      : summary(EVENTS, [pass.singleRun.wallMs], [pass.singleRun.cpuMs]),
    sample: summary(SAMPLE.length, t.sampleWall, t.sampleCpu),
  };
}

// ---------------------------------------------------------------- report
const rateFull = (key) => results[key].full.eventsPerSecond;
const cpuRateFull = (key) => results[key].full.cpuEventsPerSecond;
const rateSample = (key) => results[key].sample.eventsPerSecond;
const cpuRateSample = (key) => results[key].sample.cpuEventsPerSecond;
const perRecord = (key) => results[key].pass.retainedBytes / results[key].pass.liveRecords;
const fmtRate = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`);
const fmtRatio = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)) + "×";

const header = [
  "",
  "events/s",
  "×hand-written",
  "×XState",
  `sample events/s`,
  "×XState (sample)",
  "bytes/live record",
  "×hand-written",
];
const rows = contenders.map((c) => [
  c.key,
  `${fmtRate(rateFull(c.key))}${c.fullRuns ? "" : " (1 run)"}`,
  fmtRatio(rateFull(c.key) / rateFull("handwritten")),
  fmtRatio(rateFull(c.key) / rateFull("xstate")),
  fmtRate(rateSample(c.key)),
  fmtRatio(rateSample(c.key) / rateSample("xstate")),
  `${perRecord(c.key).toFixed(0)}`,
  fmtRatio(perRecord(c.key) / perRecord("handwritten")),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
console.log("");
console.log(
  header.map((h, i) => (i === 0 ? h.padEnd(widths[i]) : h.padStart(widths[i]))).join("  "),
);
for (const row of rows)
  console.log(
    row.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  "),
  );
console.log(
  `events/s: median of ${RUNS} runs after a warm-up pass, 1M events over 100k records, ` +
    `apply() time only (XState: its one full pass); sample: the events of every ` +
    `${SAMPLE_EVERY}th record (${results.engine.sample.events.toLocaleString("en")} events over ` +
    `${(RECORDS / SAMPLE_EVERY).toLocaleString("en")} records), median of ${RUNS}`,
);
console.log(
  `by CPU time (less sensitive to a busy machine): ` +
    `${contenders.map((c) => `${c.key} ${fmtRate(cpuRateFull(c.key))}`).join(", ")} events/s; ` +
    `engine ${fmtRatio(cpuRateFull("engine") / cpuRateFull("handwritten"))} hand-written, ` +
    `${fmtRatio(cpuRateFull("engine") / cpuRateFull("xstate"))} XState; sample ${contenders
      .map((c) => `${c.key} ${fmtRate(results[c.key].sample.cpuEventsPerSecond)}`)
      .join(", ")}`,
);

const vsXState = Math.min(
  rateFull("engine") / rateFull("xstate"),
  rateSample("engine") / rateSample("xstate"),
);
const memoryRatio = perRecord("engine") / perRecord("handwritten");
const generatedVsXState = Math.min(
  rateFull("generated") / rateFull("xstate"),
  rateSample("generated") / rateSample("xstate"),
);
const handwrittenVsGenerated = rateFull("handwritten") / rateFull("generated");
const generatedMemoryRatio = perRecord("generated") / perRecord("handwritten");
const goals = {
  throughputVsXState: {
    goal: GOAL_VS_XSTATE,
    full: rateFull("engine") / rateFull("xstate"),
    sample: rateSample("engine") / rateSample("xstate"),
    cpuFull: cpuRateFull("engine") / cpuRateFull("xstate"),
    cpuSample: cpuRateSample("engine") / cpuRateSample("xstate"),
    met: vsXState >= GOAL_VS_XSTATE,
  },
  memoryVsHandwritten: {
    goal: GOAL_MEMORY_VS_HANDWRITTEN,
    ratio: memoryRatio,
    met: memoryRatio <= GOAL_MEMORY_VS_HANDWRITTEN,
  },
  generatedVsXState: {
    goal: GOAL_GENERATED_VS_XSTATE,
    full: rateFull("generated") / rateFull("xstate"),
    sample: rateSample("generated") / rateSample("xstate"),
    met: generatedVsXState >= GOAL_GENERATED_VS_XSTATE,
  },
  generatedVsHandwritten: {
    goal: GOAL_GENERATED_VS_HANDWRITTEN,
    slower: handwrittenVsGenerated,
    cpuSlower: cpuRateFull("handwritten") / cpuRateFull("generated"),
    met: handwrittenVsGenerated <= GOAL_GENERATED_VS_HANDWRITTEN,
  },
  generatedMemoryVsHandwritten: {
    goal: GOAL_MEMORY_VS_HANDWRITTEN,
    ratio: generatedMemoryRatio,
    met: generatedMemoryRatio <= GOAL_MEMORY_VS_HANDWRITTEN,
  },
};
console.log("");
console.log(
  `goal: interpreter ≥ ${GOAL_VS_XSTATE}× XState throughput: ` +
    `${fmtRatio(goals.throughputVsXState.full)} at full size, ` +
    `${fmtRatio(goals.throughputVsXState.sample)} on the sample: ` +
    `${goals.throughputVsXState.met ? "MET" : "MISSED"} (the hand-written ` +
    `evaluator: ${fmtRatio(rateFull("handwritten") / rateFull("xstate"))} and ` +
    `${fmtRatio(rateSample("handwritten") / rateSample("xstate"))}); ` +
    `by CPU time ${fmtRatio(goals.throughputVsXState.cpuFull)} and ` +
    `${fmtRatio(goals.throughputVsXState.cpuSample)} (hand-written ` +
    `${fmtRatio(cpuRateFull("handwritten") / cpuRateFull("xstate"))} and ` +
    `${fmtRatio(cpuRateSample("handwritten") / cpuRateSample("xstate"))})`,
);
console.log(
  `goal: retained memory per live record ≤ ${GOAL_MEMORY_VS_HANDWRITTEN}× hand-written: ` +
    `${perRecord("engine").toFixed(0)} vs ${perRecord("handwritten").toFixed(0)} bytes = ` +
    `${fmtRatio(memoryRatio)}: ${goals.memoryVsHandwritten.met ? "MET" : "MISSED"}`,
);
console.log(
  `goal: generated module ≥ ${GOAL_GENERATED_VS_XSTATE}× XState throughput: ` +
    `${fmtRatio(goals.generatedVsXState.full)} at full size, ` +
    `${fmtRatio(goals.generatedVsXState.sample)} on the sample: ` +
    `${goals.generatedVsXState.met ? "MET" : "MISSED"}`,
);
console.log(
  `goal: generated module within ${GOAL_GENERATED_VS_HANDWRITTEN}× of ` +
    `hand-written: hand-written is ${fmtRatio(handwrittenVsGenerated)} faster ` +
    `(by CPU time ${fmtRatio(goals.generatedVsHandwritten.cpuSlower)}): ` +
    `${goals.generatedVsHandwritten.met ? "MET" : "MISSED"}`,
);
console.log(
  `goal: generated module's memory per live record ≤ ` +
    `${GOAL_MEMORY_VS_HANDWRITTEN}× hand-written: ` +
    `${perRecord("generated").toFixed(0)} bytes = ${fmtRatio(generatedMemoryRatio)}: ` +
    `${goals.generatedMemoryVsHandwritten.met ? "MET" : "MISSED"}`,
);
const totalSeconds = (performance.now() - started) / 1000;
console.log(`\n(total engine bench time ${totalSeconds.toFixed(1)} s)`);

const json = {
  ...machineInfo(LOAD),
  funnel: "examples/lead-to-revenue.funnel",
  input: {
    records: RECORDS,
    events: EVENTS,
    seed: SEED,
    byKind: describePlan(plan),
    sampleEvery: SAMPLE_EVERY,
    sampleEvents: results.engine.sample.events,
  },
  outcomes: engineOutcomes,
  finalStages,
  agreement,
  contenders: Object.fromEntries(
    contenders.map((c) => {
      const r = results[c.key];
      return [
        c.key,
        {
          name: r.name,
          eventsPerSecond: round(rateFull(c.key)),
          full: {
            ...r.full,
            eventsPerSecond: round(r.full.eventsPerSecond),
            cpuEventsPerSecond: round(r.full.cpuEventsPerSecond),
            medianMs: round(r.full.medianMs, 1),
            cpuMs: round(r.full.cpuMs, 1),
          },
          firstPass: {
            eventsPerSecond: round(EVENTS / (r.pass.singleRun.wallMs / 1000)),
            wallMs: round(r.pass.singleRun.wallMs, 1),
            cpuMs: round(r.pass.singleRun.cpuMs, 1),
          },
          sample: {
            ...r.sample,
            eventsPerSecond: round(r.sample.eventsPerSecond),
            cpuEventsPerSecond: round(r.sample.cpuEventsPerSecond),
            medianMs: round(r.sample.medianMs, 1),
            cpuMs: round(r.sample.cpuMs, 1),
          },
          retainedBytes: r.pass.retainedBytes,
          liveRecords: r.pass.liveRecords,
          retainedBytesPerLiveRecord: round(perRecord(c.key)),
          ratios: {
            throughputVsHandwritten: round(rateFull(c.key) / rateFull("handwritten"), 3),
            throughputVsXState: round(rateFull(c.key) / rateFull("xstate"), 2),
            sampleThroughputVsXState: round(rateSample(c.key) / rateSample("xstate"), 2),
            memoryVsHandwritten: round(perRecord(c.key) / perRecord("handwritten"), 2),
          },
        },
      ];
    }),
  ),
  goals: {
    throughputVsXState: {
      goal: GOAL_VS_XSTATE,
      full: round(goals.throughputVsXState.full, 2),
      sample: round(goals.throughputVsXState.sample, 2),
      cpuFull: round(goals.throughputVsXState.cpuFull, 2),
      cpuSample: round(goals.throughputVsXState.cpuSample, 2),
      met: goals.throughputVsXState.met,
      handwrittenFull: round(rateFull("handwritten") / rateFull("xstate"), 2),
      handwrittenSample: round(rateSample("handwritten") / rateSample("xstate"), 2),
    },
    memoryVsHandwritten: {
      goal: GOAL_MEMORY_VS_HANDWRITTEN,
      ratio: round(memoryRatio, 2),
      met: goals.memoryVsHandwritten.met,
    },
    generatedVsXState: {
      goal: GOAL_GENERATED_VS_XSTATE,
      full: round(goals.generatedVsXState.full, 2),
      sample: round(goals.generatedVsXState.sample, 2),
      met: goals.generatedVsXState.met,
    },
    generatedVsHandwritten: {
      goal: GOAL_GENERATED_VS_HANDWRITTEN,
      handwrittenFaster: round(handwrittenVsGenerated, 2),
      handwrittenFasterByCpu: round(goals.generatedVsHandwritten.cpuSlower, 2),
      met: goals.generatedVsHandwritten.met,
    },
    generatedMemoryVsHandwritten: {
      goal: GOAL_MEMORY_VS_HANDWRITTEN,
      ratio: round(generatedMemoryRatio, 2),
      met: goals.generatedMemoryVsHandwritten.met,
    },
  },
  totalSeconds: round(totalSeconds, 1),
};
writeFileSync(
  path.join(ROOT, "bench", "engine-results.json"),
  JSON.stringify(json, null, 2) + "\n",
);
console.log("wrote bench/engine-results.json");
