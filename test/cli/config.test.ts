// funnel.config.yaml problems point at the place to fix, in plain words: unknown per-target
// options (with a did-you-mean), YAML syntax errors at the bracket or quote left open, and a
// missing input at its entry of `inputs`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");

async function checkWith(config: string) {
  const dir = project({ "a.funnel": GOOD, "funnel.config.yaml": config });
  return run(dir, "check");
}

describe("per-target options", () => {
  it("refuses a misspelt option, at its key, with a did-you-mean", async () => {
    const { code, stdout } = await checkWith(
      "inputs: [a.funnel]\ntargets:\n  markdown: { lnag: de }\n",
    );
    expect(code).toBe(2);
    expect(stdout).toBe(
      "funnel.config.yaml:3:15 - error FN5005: funnel.config.yaml: unknown option `lnag` of the markdown target; did you mean `lang`?\n\n" +
        "  > 3 |   markdown: { lnag: de }\n      |               ^^^^\n\nFound 1 error in 0 files.\n",
    );
  });

  it("refuses any option of a target that takes none", async () => {
    const { code, stdout } = await checkWith(
      "inputs: [a.funnel]\ntargets:\n  json: { pretty: true }\n",
    );
    expect(code).toBe(2);
    expect(stdout).toContain(
      "funnel.config.yaml:3:11 - error FN5005: funnel.config.yaml: the json target takes no options, so `pretty` means nothing to it; write `json: {}`.\n",
    );
  });

  it("names the options there are when nothing is close", async () => {
    const { stdout } = await checkWith("targets:\n  dot: { colour: red }\n");
    expect(stdout).toContain(
      "funnel.config.yaml:2:10 - error FN5005: funnel.config.yaml: unknown option `colour` of the dot target; its only option is lang.\n",
    );
  });

  it("suggests a target name and a top-level key", async () => {
    expect((await checkWith("targets: { jsn: {} }\n")).stdout).toContain(
      "funnel.config.yaml:1:12 - error FN5005: funnel.config.yaml: unknown target `jsn` in `targets`; did you mean `json`?\n",
    );
    expect((await checkWith("target: [json]\n")).stdout).toContain(
      "funnel.config.yaml:1:1 - error FN5005: funnel.config.yaml: unknown key `target`; did you mean `targets`?\n",
    );
  });

  it("still accepts lang, and empty option maps", async () => {
    const { code } = await checkWith(
      "inputs: [a.funnel]\ntargets:\n  markdown: { lang: de }\n  json: {}\n",
    );
    expect(code).toBe(0);
  });
});

describe("YAML syntax errors", () => {
  it("an unclosed [ is reported where it opens, in plain words", async () => {
    const { code, stdout } = await checkWith("inputs: [a.funnel\noutDir: x\n");
    expect(code).toBe(2);
    expect(stdout).toBe(
      "funnel.config.yaml:1:9 - error FN5005: funnel.config.yaml: this `[` is never closed; end the list with `]` on the same line, or write it as `- item` lines.\n\n" +
        "  > 1 | inputs: [a.funnel\n      |         ^\n\nFound 1 error in 0 files.\n",
    );
  });

  it.each([
    [
      "an unclosed {",
      "targets: { json: {}\nstrict: true\n",
      "1:10",
      "this `{` is never closed; end the map with `}` on the same line, or write it as `key: value` lines.",
    ],
    [
      "an unclosed quote",
      'outDir: "out\nstrict: true\n',
      "1:9",
      'this quoted text is never closed; add the closing `"`.',
    ],
    [
      "a key given twice",
      "strict: true\nstrict: false\n",
      "2:1",
      "`strict` is given twice; keep one of them.",
    ],
    ["a tab", "\tinputs: [a.funnel]\n", "1:1", "YAML cannot indent with tabs; indent with spaces."],
  ])("%s", async (_what, config, at, problem) => {
    const { code, stdout } = await checkWith(config);
    expect(code).toBe(2);
    expect(stdout.split("\n")[0]).toBe(
      `funnel.config.yaml:${at} - error FN5005: funnel.config.yaml: ${problem}`,
    );
  });
});

describe("inputs", () => {
  it("a missing file is reported at its entry of `inputs`, and the others are checked", async () => {
    const { code, stdout } = await checkWith("inputs:\n  - a.funnel\n  - nothere.funnel\n");
    expect(code).toBe(2);
    expect(stdout).toContain(
      "funnel.config.yaml:3:5 - error FN5006: Cannot read nothere.funnel: no such file or folder.\n\n  > 3 |   - nothere.funnel\n      |     ^^^^^^^^^^^^^^\n",
    );
    expect(stdout).toContain("a.funnel:101:10 - warning FN4010:");
    expect(stdout).not.toContain("nothere.funnel:1:1");
  });
});
