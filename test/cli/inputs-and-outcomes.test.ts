// What check and build say about their inputs and outcome: a missing input beside the other
// files' diagnostics (and without a made-up position), "the current folder", why nothing was
// written, a declarations-only input, and an unknown --target before anything is compiled.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");
const COMMON = readFileSync("examples/common.funnel", "utf8");
const BROKEN = "funnel b {\n  stage x {\n";

describe("missing inputs", () => {
  it("are reported (exit 2) and the other files are still checked, their diagnostics printed", async () => {
    const dir = project({ "a.funnel": GOOD, "b.funnel": BROKEN });
    const { code, stdout } = await run(dir, "check", "a.funnel", "nonexist.funnel", "b.funnel");
    expect(code).toBe(2);
    expect(stdout).toContain("b.funnel:2:12 - error FN1001: Expected a funnel clause");
    expect(stdout).toContain("a.funnel:101:10 - warning FN4010:");
    expect(stdout).toContain(
      "\nnonexist.funnel - error FN5006: Cannot read nonexist.funnel: no such file or folder.\n",
    );
    expect(stdout).not.toContain("nonexist.funnel:1:1");
    expect(
      stdout.endsWith(
        "Found 3 errors and 4 warnings in 2 files. (3 hints hidden; --verbose shows them)\n",
      ),
    ).toBe(true);
  });

  it("test runs the scenario files it found beside a missing path, then exits 2", async () => {
    const dir = project({
      "lead-to-revenue.funnel": GOOD,
      "lead-to-revenue.scenarios.yaml": readFileSync(
        "examples/lead-to-revenue.scenarios.yaml",
        "utf8",
      ),
    });
    const { code, stdout } = await run(
      dir,
      "test",
      "missing.scenarios.yaml",
      "lead-to-revenue.scenarios.yaml",
    );
    expect(code).toBe(2);
    expect(stdout).toContain(
      "missing.scenarios.yaml - error FN5006: Cannot read missing.scenarios.yaml: no such file or folder.\n",
    );
    expect(stdout).toMatch(/Scenarios: \d+ passed/);
  });

  it("build with a missing input builds nothing, and says so", async () => {
    const dir = project({ "a.funnel": GOOD });
    const { code, stdout } = await run(dir, "build", "a.funnel", "nonexist.funnel", "-o", "out");
    expect(code).toBe(2);
    expect(stdout.endsWith("Nothing was written.\n")).toBe(true);
  });

  it("an empty working folder is 'the current folder', with no position", async () => {
    const dir = project({});
    const dot = await run(dir, "check", ".");
    expect(dot).toMatchObject({
      code: 2,
      stdout:
        "error FN5006: No .funnel files found in the current folder.\n\nFound 1 error in 0 files.\n",
    });
    expect((await run(dir, "check")).stdout).toBe(dot.stdout);
  });

  it("an empty folder given by name keeps its name", async () => {
    const dir = project({ "sub/notes.txt": "x" });
    expect((await run(dir, "check", "sub")).stdout).toBe(
      "sub - error FN5006: No .funnel files found in sub.\n\nFound 1 error in 0 files.\n",
    );
  });
});

describe("build says why nothing was written", () => {
  it("--strict with warnings only", async () => {
    const dir = project({ "a.funnel": GOOD });
    const { code, stdout } = await run(dir, "build", "--strict", "a.funnel", "-o", "out");
    expect(code).toBe(1);
    expect(
      stdout.endsWith(
        "Found 2 warnings in 1 file. (3 hints hidden; --verbose shows them)\n--strict: warnings count as errors; nothing was written.\n",
      ),
    ).toBe(true);
  });

  it("strict: true in the config", async () => {
    const dir = project({
      "a.funnel": GOOD,
      "funnel.config.yaml": "inputs: [a.funnel]\nstrict: true\n",
    });
    const { code, stdout } = await run(dir, "build");
    expect(code).toBe(1);
    expect(
      stdout.endsWith(
        "strict: true in funnel.config.yaml: warnings count as errors; nothing was written.\n",
      ),
    ).toBe(true);
  });

  it("errors", async () => {
    const dir = project({ "b.funnel": BROKEN });
    const { code, stdout } = await run(dir, "build", "b.funnel", "-o", "out");
    expect(code).toBe(1);
    expect(
      stdout.endsWith("Found 2 errors and 2 warnings in 1 file.\nNothing was written.\n"),
    ).toBe(true);
  });

  it("on stderr when stdout holds JSON", async () => {
    const dir = project({ "b.funnel": BROKEN });
    const { stdout, stderr } = await run(dir, "build", "b.funnel", "-o", "out", "-f", "json");
    expect(JSON.parse(stdout).summary.errors).toBe(2);
    expect(stderr).toBe("Nothing was written.\n");
  });

  it("a file of shared declarations only: why there is nothing to build, and what to build instead", async () => {
    const dir = project({ "common.funnel": COMMON });
    const { code, stdout } = await run(dir, "build", "common.funnel", "-o", "out");
    expect(code).toBe(0);
    expect(stdout).toBe(
      "No problems found in 1 file. (1 hint hidden; --verbose shows them)\n" +
        "common.funnel holds only shared declarations (no stages), so there is nothing to build; build the funnels that import it.\n",
    );
  });
});

describe("an unknown --target", () => {
  it("is a usage error before compiling: no fake position, a did-you-mean, no warnings", async () => {
    const dir = project({ "a.funnel": GOOD });
    const { code, stdout } = await run(dir, "build", "a.funnel", "--target", "jsn");
    expect({ code, stdout }).toEqual({
      code: 2,
      stdout:
        "error FN5008: Unknown target `jsn`; did you mean `json`? Available targets: json, yaml, ts, markdown, html, mermaid, dot, svg, xstate, hubspot, salesforce.\n",
    });
  });

  it("in SARIF has no location", async () => {
    const dir = project({ "a.funnel": GOOD });
    const sarif = JSON.parse(
      (await run(dir, "build", "a.funnel", "-t", "pdf", "-f", "sarif")).stdout,
    );
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({ ruleId: "FN5008", locations: [] }),
    ]);
  });
});

describe("--lang", () => {
  it("an empty value is one error line, not two", async () => {
    const dir = project({ "a.funnel": GOOD });
    const { code, stderr } = await run(dir, "build", "a.funnel", "--lang", "");
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr:
        "error: option '--lang <code>' argument '' is not a label language such as de or pt_BR.\n",
    });
  });
});
