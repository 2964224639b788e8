// Helpers for the xstate target's tests: emit a funnel's machine, load it in plain Node next to
// the installed `xstate` (esbuild's TS → JS transform, in a folder under node_modules/.cache so
// that `import "xstate"` resolves), type-check it with the project's `tsc`, and run applied
// events through the engine and the machine side by side.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { expect } from "vitest";
import type { FunnelIR } from "../../core/ir/types.js";
import { xstateEmitter } from "../../compiler/emit/xstate.js";
import type { ApplyResult, Outcome } from "../../runtime/api-types.js";
import { createEngine, type Engine } from "../../runtime/engine.js";
import { runTsc, STRICT_TSCONFIG } from "../emit-ts/helpers.js";

/** The machine's files for a funnel, through the emitter the CLI uses. */
export async function emitMachine(
  ir: FunnelIR,
  baseName = "funnel",
): Promise<{ json: string; ts: string }> {
  const files = await xstateEmitter.emit(ir, { baseName });
  expect(files.map((f) => f.path)).toEqual([`${baseName}.xstate.json`, `${baseName}.xstate.ts`]);
  return { json: files[0].contents, ts: files[1].contents };
}

/** The driver a generated module exports, as plain JS sees it. */
export interface MachineModule {
  createFunnelActors(): Actors;
}
export interface Actors {
  apply(event: unknown): unknown[];
  advanceTo(time: string): unknown[];
  state(record: string): { stage: string; enteredAt: string; path: unknown[] } | undefined;
}

let scratch: string | undefined;
let loaded = 0;
/** A folder for this test file inside node_modules/.cache (so `xstate` resolves). */
function scratchDir(): string {
  if (!scratch) {
    const cache = path.resolve("node_modules/.cache");
    mkdirSync(cache, { recursive: true });
    scratch = mkdtempSync(path.join(cache, "funnelc-xstate-"));
  }
  return scratch;
}
export function removeScratch(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/** Writes the machine's two files to a fresh folder and imports the module in plain Node. */
export async function loadMachine(files: { json: string; ts: string }): Promise<MachineModule> {
  const dir = path.join(scratchDir(), `m${loaded++}`);
  mkdirSync(dir);
  const { code } = await transform(files.ts, {
    loader: "ts",
    format: "esm",
    target: "node20",
    // Node 20 reads `with { type: "json" }` (esbuild would drop it for node20).
    supported: { "import-attributes": true },
  });
  writeFileSync(path.join(dir, "funnel.xstate.json"), files.json);
  writeFileSync(path.join(dir, "funnel.xstate.mjs"), code);
  return (await import(pathToFileURL(path.join(dir, "funnel.xstate.mjs")).href)) as MachineModule;
}

/**
 * Type-checks generated modules against the installed xstate types, with the `ts` target's
 * strict options (and JSON modules, which the module imports its config as).
 * @param machines folder name → the machine's files
 * @returns tsc's output: empty when there are no errors
 */
export function typeCheckMachines(machines: Record<string, { json: string; ts: string }>): string {
  const dir = path.join(scratchDir(), `tsc-${loaded++}`);
  mkdirSync(dir);
  const config = {
    ...STRICT_TSCONFIG,
    compilerOptions: { ...STRICT_TSCONFIG.compilerOptions, resolveJsonModule: true },
  };
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
  for (const [name, files] of Object.entries(machines)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "funnel.xstate.json"), files.json);
    writeFileSync(path.join(dir, name, "funnel.xstate.ts"), files.ts);
  }
  return runTsc(dir);
}

/**
 * The engine and a machine's actors fed the same events: the engine decides (only the events it
 * applies reach the machine: the target expects validated events), and every applied event's
 * outcomes, every advanceTo's outcomes and each record's stage, entered time and path must be
 * the same.
 */
export class MachinePair {
  readonly engine: Engine;
  readonly actors: Actors;
  readonly records = new Set<string>();

  constructor(ir: FunnelIR, module: MachineModule) {
    this.engine = createEngine(ir);
    this.actors = module.createFunnelActors();
  }

  /** Applies an event to the engine, and to the machine when the engine applied it. */
  apply(event: unknown): ApplyResult {
    const result = this.engine.apply(event);
    if (result.status !== "applied") return result;
    const record = (event as { record: string }).record;
    this.records.add(record);
    expect(this.actors.apply(event), `outcomes of ${JSON.stringify(event)}`).toEqual(
      plain(result.outcomes),
    );
    return result;
  }

  advanceTo(time: string): Outcome[] {
    const outcomes = this.engine.advanceTo(time);
    expect(this.actors.advanceTo(time), `advanceTo ${time}`).toEqual(plain(outcomes));
    return outcomes;
  }

  /** Every record's stage, entered time and path as the engine has them. */
  expectSameRecords(): void {
    for (const record of this.records) {
      const engine = this.engine.state(record)!;
      const machine = this.actors.state(record)!;
      expect(
        { stage: machine.stage, enteredAt: machine.enteredAt, path: machine.path },
        `record ${record}`,
      ).toEqual({ stage: engine.stage, enteredAt: engine.enteredAt, path: engine.path });
    }
  }
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
