// `funnel fmt` and `funnel fmt --check`, run in-process on temporary projects.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { project, run } from "../helpers/cli.js";

const MESSY = `funnel f{team ops\nstage a{owner ops ->b when  true}\nterminal b{outcome won}}\n`;
const TIDY = `funnel f {\n  team ops\n\n  stage a {\n    owner ops\n    -> b when true\n  }\n\n  terminal b { outcome won }\n}\n`;
const BROKEN = `funnel f {\n  stage a {\n    -> \n  }\n}\n`;

const read = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");

describe("funnel fmt", () => {
  it("rewrites unformatted files in place, says which, and leaves formatted ones alone", async () => {
    const dir = project({ "messy.funnel": MESSY, "tidy.funnel": TIDY });
    const { code, stdout } = await run(dir, "fmt");
    expect(code).toBe(0);
    expect(read(dir, "messy.funnel")).toBe(TIDY);
    expect(read(dir, "tidy.funnel")).toBe(TIDY);
    expect(stdout).toBe("formatted messy.funnel\nFormatted 1 of 2 files.\n");
  });

  it("formats the files, folders and globs it is given", async () => {
    const dir = project({ "a/one.funnel": MESSY, "a/b/two.funnel": MESSY, "other.funnel": MESSY });
    const { code } = await run(dir, "fmt", "a");
    expect(code).toBe(0);
    expect(read(dir, "a/one.funnel")).toBe(TIDY);
    expect(read(dir, "a/b/two.funnel")).toBe(TIDY);
    expect(read(dir, "other.funnel")).toBe(MESSY);
  });

  it("uses the config's inputs when given no paths", async () => {
    const dir = project({
      "funnel.config.yaml": "inputs: [src]\n",
      "src/lead.funnel": MESSY,
      "scratch.funnel": MESSY,
    });
    expect((await run(dir, "fmt")).code).toBe(0);
    expect(read(dir, "src/lead.funnel")).toBe(TIDY);
    expect(read(dir, "scratch.funnel")).toBe(MESSY);
  });

  it("leaves a file with syntax errors untouched, reports file:line:col and the message, and exits 1", async () => {
    const dir = project({ "broken.funnel": BROKEN, "messy.funnel": MESSY });
    const { code, stdout, stderr } = await run(dir, "fmt");
    expect(code).toBe(1);
    expect(read(dir, "broken.funnel")).toBe(BROKEN);
    expect(stderr).toBe(
      "broken.funnel:4:3 - error FN1001: Expected a name after `->` but found `}`.\n",
    );
    // The other files are still formatted.
    expect(read(dir, "messy.funnel")).toBe(TIDY);
    expect(stdout).toContain("Formatted 1 of 2 files. 1 file left unchanged (errors above).");
  });

  it("exits 2 for a path that does not exist", async () => {
    const dir = project({ "a.funnel": MESSY });
    const { code, stdout } = await run(dir, "fmt", "nope.funnel");
    expect(code).toBe(2);
    expect(stdout).toContain("Cannot read nope.funnel: no such file or folder.");
    expect(read(dir, "a.funnel")).toBe(MESSY);
  });
});

describe("funnel fmt --check", () => {
  it("lists the unformatted files, writes nothing, and exits 1", async () => {
    const dir = project({ "messy.funnel": MESSY, "tidy.funnel": TIDY, "sub/messy.funnel": MESSY });
    const { code, stdout } = await run(dir, "fmt", "--check");
    expect(code).toBe(1);
    expect(stdout).toBe(
      `messy.funnel\n${path.join("sub", "messy.funnel")}\n2 of 3 files need formatting; run \`funnel fmt\` to fix.\n`,
    );
    expect(read(dir, "messy.funnel")).toBe(MESSY);
  });

  it("exits 0 when every file is formatted", async () => {
    const dir = project({ "tidy.funnel": TIDY });
    const { code, stdout } = await run(dir, "fmt", "--check");
    expect(code).toBe(0);
    expect(stdout).toBe("All formatted (1 file).\n");
  });

  it("exits 1 for a file with syntax errors, even when the rest is formatted", async () => {
    const dir = project({ "tidy.funnel": TIDY, "broken.funnel": BROKEN });
    const { code, stderr } = await run(dir, "fmt", "--check");
    expect(code).toBe(1);
    expect(stderr).toContain("broken.funnel:4:3 - error FN1001:");
    expect(read(dir, "broken.funnel")).toBe(BROKEN);
  });
});
