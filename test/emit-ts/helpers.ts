// Helpers for the TypeScript target's tests: compile a funnel, emit its module, load the module in
// plain Node (esbuild's TS → JS transform, a temporary .mjs, `import()`), type-check modules with
// the project's `tsc`, and run the same inputs through the engine and a module side by side.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { expect } from "vitest";
import { createMemoryHost, createNodeHost } from "../../compiler/host.js";
import type { FunnelIR } from "../../core/ir/types.js";
import { compile } from "../../compiler/program.js";
import { typescriptEmitter } from "../../compiler/emit/typescript.js";
import { createEngine, type Engine, type EngineSnapshot } from "../../runtime/engine.js";

/** The generated module's runtime API, as plain JS sees it (inputs deliberately untyped). */
export interface FunnelModule {
  FUNNEL_NAME: string;
  STAGES: {
    name: string;
    title: string | null;
    definition: string | null;
    labels: Record<string, string>;
    maps: Record<string, string>;
  }[];
  createFunnel(snapshot?: unknown): Runner;
}
export interface Runner {
  apply(event: unknown): unknown;
  advanceTo(time: string): unknown[];
  state(recordId: string): unknown;
  recordIds(): IterableIterator<string>;
  counters(): unknown;
  snapshot(): EngineSnapshot;
}

/** The IR of a funnel on disk (project-relative path); fails the test on compile errors. */
export function irOfFile(file: string): FunnelIR {
  const program = compile(createNodeHost(process.cwd()), [file]).programs[0];
  expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program.ir!;
}

/** The IR of an in-memory funnel, or the error diagnostics when it does not compile. */
export function irOfSource(
  source: string,
  file = "main.funnel",
): { ir?: FunnelIR; errors: string[] } {
  const program = compile(createMemoryHost({ [file]: source }), [file]).programs[0];
  const errors = program.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.message}`);
  return { ir: errors.length ? undefined : program.ir, errors };
}

/** The generated TypeScript of a funnel, through the emitter the CLI uses. */
export async function emitModule(ir: FunnelIR, baseName = "funnel"): Promise<string> {
  const files = await typescriptEmitter.emit(ir, { baseName });
  expect(files.map((f) => f.path)).toEqual([`${baseName}.ts`]);
  return files[0].contents;
}

let scratch: string | undefined;
let loaded = 0;
/** A temporary folder for this test file, removed by `removeScratch`. */
export function scratchDir(): string {
  scratch ??= mkdtempSync(path.join(tmpdir(), "funnelc-ts-"));
  return scratch;
}
export function removeScratch(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/**
 * Compiles generated TypeScript to JavaScript (esbuild, in-process) and imports it in plain Node.
 */
export async function loadModule(typescript: string): Promise<FunnelModule> {
  const { code } = await transform(typescript, { loader: "ts", format: "esm", target: "node20" });
  const file = path.join(scratchDir(), `module-${loaded++}.mjs`);
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as FunnelModule;
}

/**
 * Strict compiler options, plus the stricter flags projects often add: the module must pass them
 * all.
 */
export const STRICT_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    noEmit: true,
    skipLibCheck: true,
    types: [],
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    exactOptionalPropertyTypes: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    // Only type syntax that erases: Node's type stripping and other strip-only tools can run it.
    erasableSyntaxOnly: true,
  },
  include: ["**/*.ts"],
};

/**
 * Type-checks TypeScript files with the project's `tsc` (one run for all of them).
 * @param files file name → source, written to a fresh folder with `STRICT_TSCONFIG`
 * @returns tsc's output: empty when there are no errors
 */
export function typeCheck(files: Record<string, string>): string {
  const dir = path.join(scratchDir(), `tsc-${loaded++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(STRICT_TSCONFIG, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return runTsc(dir);
}

/**
 * Runs the project's `tsc` on a folder with a tsconfig.json.
 * @param dir the folder
 * @returns tsc's output: empty when there are no errors
 */
export function runTsc(dir: string): string {
  const tsc = path.resolve("node_modules/.bin/tsc");
  try {
    execFileSync(tsc, ["-p", dir, "--pretty", "false"], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (error) {
    const { stdout, stderr, message } = error as {
      stdout?: string;
      stderr?: string;
      message: string;
    };
    return `${stdout ?? ""}${stderr ?? ""}` || message;
  }
}

/** Result of a call, as JSON text (key order included), or the error it threw. */
export function outcomeOf(call: () => unknown): string {
  try {
    return JSON.stringify(call() ?? null);
  } catch (error) {
    return `threw ${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** The engine and a generated module, fed the same inputs; every answer must be identical. */
export class Pair {
  engine: Engine;
  runner: Runner;

  constructor(
    readonly ir: FunnelIR,
    readonly module: FunnelModule,
  ) {
    this.engine = createEngine(ir);
    this.runner = module.createFunnel();
  }

  apply(event: unknown): string {
    return this.same(
      `apply ${JSON.stringify(event)}`,
      () => this.engine.apply(event),
      () => this.runner.apply(event),
    );
  }

  advanceTo(time: string): string {
    return this.same(
      `advanceTo ${time}`,
      () => this.engine.advanceTo(time),
      () => this.runner.advanceTo(time),
    );
  }

  /** Same record ids in the same order, same state of each, same counters, same snapshot. */
  expectSameState(): void {
    const ids = [...this.engine.recordIds()];
    expect([...this.runner.recordIds()]).toEqual(ids);
    for (const id of ids)
      this.same(
        `state ${id}`,
        () => this.engine.state(id),
        () => this.runner.state(id),
      );
    this.same(
      "state of an unknown record",
      () => this.engine.state("no such record"),
      () => this.runner.state("no such record"),
    );
    this.same(
      "counters",
      () => this.engine.counters(),
      () => this.runner.counters(),
    );
    this.same(
      "snapshot",
      () => this.engine.snapshot(),
      () => this.runner.snapshot(),
    );
  }

  /** Each side resumes from the other's snapshot (the two formats are one). */
  swapSnapshots(): void {
    const engineSnapshot = JSON.parse(JSON.stringify(this.engine.snapshot()));
    const moduleSnapshot = JSON.parse(JSON.stringify(this.runner.snapshot()));
    this.engine = createEngine(this.ir, moduleSnapshot);
    this.runner = this.module.createFunnel(engineSnapshot);
  }

  private same(what: string, engine: () => unknown, generated: () => unknown): string {
    const expected = outcomeOf(engine);
    expect(outcomeOf(generated), what).toBe(expected);
    return expected;
  }
}
