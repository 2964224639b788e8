import { readFileSync, writeFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { validateIr } from "../../compiler/ir/validate.js";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");

describe("funnel check", () => {
  it("prints a code frame with a caret under the range and a summary, exit 1", async () => {
    const dir = project({
      "f.funnel": `funnel f {\n  stage a {\n    -> sqll when x\n  }\n  stage sql { }\n}\n`,
    });
    const { code, stdout } = await run(dir, "check", "f.funnel");
    expect(code).toBe(1);
    expect(stdout).toContain(
      "f.funnel:3:8 - error FN2002: Unknown stage `sqll`; did you mean `sql`?",
    );
    expect(stdout).toContain("> 3 |     -> sqll when x\n      |        ^^^^");
    expect(stdout).toMatch(/Found \d+ errors? and \d+ warnings? in 1 file\.\n$/);
  });

  it("takes the git repository as the project root without a config, from any folder in it", async () => {
    const common = readFileSync("examples/common.funnel", "utf8");
    const uses = readFileSync("examples/revenue-cycle.funnel", "utf8").replace(
      'import "./common.funnel"',
      'import "../shared/common.funnel"',
    );
    const files = { "shared/common.funnel": common, "funnels/revenue-cycle.funnel": uses };
    const repo = project({ ...files, ".git/HEAD": "ref: refs/heads/main\n" });
    const checked = await run(path.join(repo, "funnels"), "check", "revenue-cycle.funnel");
    expect(checked.stdout).not.toContain("FN5002");
    expect(checked.code).toBe(0);
    // Outside a repository, the working directory is the root: the import leaves it.
    const plain = project(files);
    const outside = await run(path.join(plain, "funnels"), "check", "revenue-cycle.funnel");
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain(
      'error FN5002: Import "../shared/common.funnel" leaves the project root',
    );
  });

  it("exits 0 with warnings, and 1 with --strict", async () => {
    const dir = project({ "f.funnel": GOOD });
    expect((await run(dir, "check", "f.funnel")).code).toBe(0);
    expect((await run(dir, "check", "--strict", "f.funnel")).code).toBe(1);
  });

  it("prints machine-readable JSON diagnostics", async () => {
    const dir = project({ "f.funnel": "funnel f {\n  stage a { owner nobody }\n}\n" });
    const { code, stdout } = await run(dir, "check", "--format", "json", "f.funnel");
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const unknownTeam = report.diagnostics.find((d: { code: string }) => d.code === "FN2005");
    expect(unknownTeam).toMatchObject({
      name: "unknown-team",
      severity: "error",
      file: "f.funnel",
      range: {
        start: { line: 2, column: 19, offset: 29 },
        end: { line: 2, column: 25, offset: 35 },
      },
    });
    expect(report.summary.errors).toBe(1);
  });

  it("prints SARIF 2.1.0 with rules and regions", async () => {
    const dir = project({ "f.funnel": "funnel f {\n  stage a { owner nobody }\n}\n" });
    const sarif = JSON.parse((await run(dir, "check", "-f", "sarif", "f.funnel")).stdout);
    expect(sarif.version).toBe("2.1.0");
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "FN2005");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "f.funnel" },
      region: { startLine: 2, startColumn: 19, endLine: 2, endColumn: 25 },
    });
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain("FN2005");
  });

  it("checks every .funnel file of a folder", async () => {
    const dir = project({ "a/one.funnel": GOOD, "a/b/two.funnel": GOOD, "a/notes.txt": "x" });
    const { code, stdout } = await run(dir, "check", "a");
    expect(code).toBe(0);
    expect(stdout).toContain("in 2 files.");
  });

  it("exits 2 for an unknown option and for a missing file", async () => {
    const dir = project({});
    expect((await run(dir, "check", "--frobnicate")).code).toBe(2);
    const missing = await run(dir, "check", "nope.funnel");
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("Cannot read nope.funnel: no such file or folder.");
  });

  it("reports binary input as diagnostics, not a crash", async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const dir = project({});
    writeFileSync(path.join(dir, "bin.funnel"), bytes);
    const { code, stdout } = await run(dir, "check", "bin.funnel");
    expect(code).toBe(1);
    expect(stdout).toContain("FN1010");
    expect(stdout).not.toContain("    at ");
  });

  it("prints help and version with exit 0", async () => {
    const dir = project({});
    const help = await run(dir, "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes: 0 ok");
    const version = await run(dir, "--version");
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("funnel build", () => {
  it("writes JSON and YAML for each funnel, and the JSON is valid IR", async () => {
    const dir = project({ "funnels/lead.funnel": GOOD });
    const { code, stdout } = await run(
      dir,
      "build",
      "funnels",
      "--target",
      "json",
      "--target",
      "yaml",
      "--out",
      "dist",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Built 1 funnel → 2 files");
    const ir = JSON.parse(readFileSync(path.join(dir, "dist/lead.json"), "utf8"));
    expect(validateIr(ir).valid).toBe(true);
    const yaml = readFileSync(path.join(dir, "dist/lead.yaml"), "utf8");
    expect(yaml.split("\n")[0]).toMatch(
      /^# Generated by funnelc \d+\.\d+\.\d+ from funnels\/lead\.funnel\. Do not edit/,
    );
  });

  it("is deterministic: two builds give byte-identical files", async () => {
    const dir = project({ "lead.funnel": GOOD });
    await run(dir, "build", "lead.funnel", "-t", "json,yaml", "-o", "one");
    await run(dir, "build", "lead.funnel", "-t", "json,yaml", "-o", "two");
    for (const file of ["lead.json", "lead.yaml"]) {
      expect(readFileSync(path.join(dir, "one", file))).toEqual(
        readFileSync(path.join(dir, "two", file)),
      );
    }
  });

  it("runs from funnel.config.yaml with no arguments and skips declarations modules with a note", async () => {
    const dir = project({
      "funnel.config.yaml": "inputs: [src]\noutDir: build\ntargets:\n  yaml: {}\n",
      "src/lead.funnel":
        `import "./common.funnel"\n` + GOOD.replace(/team marketing "Marketing"\n/, ""),
      "src/common.funnel": `funnel common {\n  team marketing "Marketing"\n}\n`,
    });
    const { code, stdout } = await run(dir, "build", "--verbose");
    expect(code).toBe(0);
    expect(stdout).toContain("FN5007");
    expect(existsSync(path.join(dir, "build/lead.yaml"))).toBe(true);
    expect(existsSync(path.join(dir, "build/common.yaml"))).toBe(false);
  });

  it("writes nothing when any funnel has errors", async () => {
    const dir = project({
      "a.funnel": GOOD,
      "b.funnel": "funnel b { stage x { -> nowhere when y } }",
    });
    const { code } = await run(dir, "build", ".", "--out", "o");
    expect(code).toBe(1);
    expect(existsSync(path.join(dir, "o"))).toBe(false);
  });

  it("reports config errors at the offending key, with exit 2", async () => {
    const dir = project({ "funnel.config.yaml": "inputs: [x]\ntargets: [json, xml]\nbogus: 1\n" });
    const { code, stdout } = await run(dir, "build");
    expect(code).toBe(2);
    expect(stdout).toContain(
      "funnel.config.yaml:2:17 - error FN5005: funnel.config.yaml: `targets.1` must be one of json, yaml, ts, markdown, html, mermaid, dot, svg, xstate, hubspot, salesforce.",
    );
    expect(stdout).toContain(
      "funnel.config.yaml:3:1 - error FN5005: funnel.config.yaml: unknown key `bogus`; allowed keys are inputs, outDir, targets and strict.",
    );
  });

  it("rejects an unknown --target with exit 2", async () => {
    const dir = project({ "a.funnel": GOOD });
    const { code, stdout } = await run(dir, "build", "a.funnel", "--target", "pdf");
    expect(code).toBe(2);
    expect(stdout).toContain(
      "Unknown target `pdf`; available targets: json, yaml, ts, markdown, html, mermaid, dot, svg, xstate, hubspot, salesforce.",
    );
  });
});
