// The target registry and its two mirrors: the config schema's `targetName` enum, and what
// `funnel build` does with the documentation targets and `--lang`.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import schema from "../../schema/funnel-config.schema.json" with { type: "json" };
import { TARGETS, targetNames } from "../../compiler/emit/targets.js";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");

describe("target registry", () => {
  it("lists exactly the targets of the config schema's targetName enum, in the same order", () => {
    expect(schema.$defs.targetName.enum).toEqual(targetNames());
  });

  it("has the documentation and diagram targets, each with a one-line description", () => {
    expect(targetNames()).toEqual([
      "json",
      "yaml",
      "ts",
      "markdown",
      "html",
      "mermaid",
      "dot",
      "svg",
      "xstate",
      "hubspot",
      "salesforce",
    ]);
    for (const emitter of TARGETS.values()) expect(emitter.description).toMatch(/^[^\n]{10,}$/);
  });
});

describe("funnel build with documentation targets", () => {
  it("writes markdown, html, mermaid, dot and svg files for each funnel", async () => {
    const dir = project({ "funnels/lead.funnel": GOOD });
    const { code, stdout } = await run(
      dir,
      "build",
      "funnels",
      "-t",
      "markdown,html,mermaid,dot,svg",
      "-o",
      "site",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Built 1 funnel → 5 files");
    for (const file of ["lead.md", "lead.html", "lead.mmd", "lead.dot", "lead.svg"])
      expect(readFileSync(path.join(dir, "site", file), "utf8").length).toBeGreaterThan(500);
    expect(readFileSync(path.join(dir, "site/lead.svg"), "utf8")).toMatch(
      /^<\?xml[^]*<svg[^]*<\/svg>\n?$/,
    );
  });

  it("passes --lang to every target, over the config's per-target options", async () => {
    const dir = project({
      "funnel.config.yaml":
        "inputs: [lead.funnel]\noutDir: out\ntargets:\n  markdown: { lang: nl }\n  dot: {}\n  json: {}\n",
      "lead.funnel": GOOD,
    });
    expect((await run(dir, "build")).code).toBe(0);
    expect(readFileSync(path.join(dir, "out/lead.md"), "utf8")).toContain(
      "**Marketing gekwalificeerde lead** (`mql`)",
    );
    expect(readFileSync(path.join(dir, "out/lead.dot"), "utf8")).toContain(
      `"mql" [label="Marketing\\nQualified Lead"`,
    );

    expect((await run(dir, "build", "--lang", "de")).code).toBe(0);
    expect(readFileSync(path.join(dir, "out/lead.md"), "utf8")).toContain(
      "**Marketingqualifizierter Lead** (`mql`)",
    );
    expect(readFileSync(path.join(dir, "out/lead.dot"), "utf8")).toContain(
      `"mql" [label="Marketingqualifizierter\\nLead"`,
    );
    // json ignores the option: the IR is the same whatever the language.
    expect(JSON.parse(readFileSync(path.join(dir, "out/lead.json"), "utf8")).stages[3].title).toBe(
      "Marketing Qualified Lead",
    );
  });

  it("rejects a --lang that cannot be a label language, with exit 2", async () => {
    const dir = project({ "lead.funnel": GOOD });
    const { code, stderr } = await run(
      dir,
      "build",
      "lead.funnel",
      "-t",
      "markdown",
      "--lang",
      "de-AT",
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      "option '--lang <code>' argument 'de-AT' is not a label language such as de or pt_BR.",
    );
  });

  it("reports a config lang that is not a name at its key, with exit 2", async () => {
    const dir = project({
      "funnel.config.yaml": "inputs: [lead.funnel]\ntargets:\n  markdown: { lang: 5 }\n",
      "lead.funnel": GOOD,
    });
    const { code, stdout } = await run(dir, "build");
    expect(code).toBe(2);
    expect(stdout).toContain(
      "error FN5005: funnel.config.yaml: `targets.markdown.lang` must be a string.",
    );
  });
});
