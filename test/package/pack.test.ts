// The published package as a user installs it: `npm pack`, install the tarball into an empty
// project, then the CLI, the `funnelc` and `funnelc/runtime` imports and their types must work.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const REPO = path.resolve(".");
const TSC = path.join(REPO, "node_modules/typescript/bin/tsc");

const FUNNEL = `funnel f {
  team t
  fields { flag: boolean = false }
  stage a { definition "A." owner t -> won when flag }
  terminal won { outcome won }
}
`;

// Compiles the funnel with `funnelc` and applies one event with `funnelc/runtime`.
const USE_MJS = `import { readFileSync } from "node:fs";
import { compile, createMemoryHost } from "funnelc";
import { createEngine } from "funnelc/runtime";

const host = createMemoryHost({ "f.funnel": readFileSync("f.funnel", "utf8") });
const ir = compile(host, ["f.funnel"]).programs[0].ir;
const engine = createEngine(ir);
engine.apply({ record: "r", at: "2026-01-01T00:00:00Z", type: "update", set: { flag: true } });
console.log(engine.state("r").stage);
`;

// Type-checked, not run: the imports must resolve to declarations (no TS7016) and type the API.
const USE_TS = `import { compile, createMemoryHost, type FunnelIR } from "funnelc";
import { createEngine } from "funnelc/runtime";

const result = compile(createMemoryHost({ "f.funnel": "" }), ["f.funnel"]);
const ir: FunnelIR | undefined = result.programs[0]?.ir;
if (ir) {
  const stage: string | undefined = createEngine(ir).state("r")?.stage;
  console.log(stage);
}
// @ts-expect-error -- fails as "unused" if the declarations typed createEngine as any.
createEngine("not an IR");
`;

/** Runs a program in `cwd`; returns its output, or throws with it when it fails. */
async function sh(cwd: string, file: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd, maxBuffer: 16 << 20 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`, {
      cause: error,
    });
  }
}

describe("the packed package", () => {
  it("installs into an empty project: CLI, library imports and their types work", async () => {
    expect(existsSync("dist/index.js"), "run `npm run build` before this test").toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), "funnelc-pack-"));
    try {
      await sh(REPO, "npm", ["pack", "--silent", "--pack-destination", dir]);
      const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
      expect(tarball).toBeDefined();

      writeFileSync(path.join(dir, "package.json"), '{ "name": "user", "type": "module" }\n');
      writeFileSync(path.join(dir, "f.funnel"), FUNNEL);
      writeFileSync(path.join(dir, "use.mjs"), USE_MJS);
      writeFileSync(path.join(dir, "use.ts"), USE_TS);
      await sh(dir, "npm", ["install", "--no-audit", "--no-fund", `./${tarball}`]);

      expect(await sh(dir, "npx", ["--no-install", "funnel", "check", "f.funnel"])).toBe(
        "No problems found in 1 file.\n",
      );
      expect((await sh(dir, process.execPath, ["use.mjs"])).trim()).toBe("won");
      const tsc = [TSC, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution"];
      await sh(dir, process.execPath, [...tsc, "nodenext", "--ignoreConfig", "use.ts"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
