// The built prettier plugin (dist/prettier.js, package entry `funnelc/prettier`) works with the
// prettier CLI, by --plugin path and by name from a .prettierrc; and the CLI bundle does not load
// prettier until `funnel fmt` runs. Needs `npm run build` first (`npm test` runs it).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { project } from "../helpers/cli.js";

const REPO = path.resolve(".");
const PLUGIN = path.join(REPO, "dist/prettier.js");
const PRETTIER = path.join(REPO, "node_modules/prettier/bin/prettier.cjs");
const MESSY = `funnel f{team ops\nstage a{owner ops ->b when  true}\nterminal b{outcome won}}\n`;
const TIDY = `funnel f {\n  team ops\n\n  stage a {\n    owner ops\n    -> b when true\n  }\n\n  terminal b { outcome won }\n}\n`;

function prettier(cwd: string, ...args: string[]) {
  try {
    return {
      code: 0,
      output: execFileSync(process.execPath, [PRETTIER, ...args], {
        cwd,
        encoding: "utf8",
        stdio: "pipe",
      }),
    };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: failed.stdout + failed.stderr };
  }
}

describe("the prettier plugin", () => {
  beforeAll(() => {
    expect(existsSync(PLUGIN), "dist/prettier.js is missing: run npm run build").toBe(true);
  });

  it("formats .funnel files with --plugin pointing at dist/prettier.js", () => {
    const dir = project({ "a.funnel": MESSY, "sub/b.funnel": MESSY });
    expect(prettier(dir, "--plugin", PLUGIN, "--check", "**/*.funnel").code).toBe(1);
    expect(prettier(dir, "--plugin", PLUGIN, "--write", "**/*.funnel").code).toBe(0);
    expect(readFileSync(path.join(dir, "a.funnel"), "utf8")).toBe(TIDY);
    expect(readFileSync(path.join(dir, "sub/b.funnel"), "utf8")).toBe(TIDY);
    expect(prettier(dir, "--plugin", PLUGIN, "--check", "**/*.funnel").code).toBe(0);
  });

  it("is found by its package name, from a .prettierrc, with prettier's options", () => {
    const dir = project({
      ".prettierrc": JSON.stringify({ plugins: ["funnelc/prettier"], useTabs: true }),
      "a.funnel": MESSY,
    });
    mkdirSync(path.join(dir, "node_modules"));
    symlinkSync(REPO, path.join(dir, "node_modules/funnelc"), "dir");
    expect(prettier(dir, "--write", "a.funnel").code).toBe(0);
    expect(readFileSync(path.join(dir, "a.funnel"), "utf8")).toBe(
      TIDY.replace(/^( {2})+/gm, (spaces) => "\t".repeat(spaces.length / 2)),
    );
  });

  it("reports a syntax error with its position and leaves the file alone", () => {
    const broken = `funnel f {\n  stage a {\n    -> \n  }\n}\n`;
    const dir = project({ "broken.funnel": broken });
    const { code, output } = prettier(dir, "--plugin", PLUGIN, "--write", "broken.funnel");
    expect(code).toBe(2);
    expect(output).toContain(
      "SyntaxError: FN1001: Expected a name after `->` but found `}`. (4:3)",
    );
    expect(readFileSync(path.join(dir, "broken.funnel"), "utf8")).toBe(broken);
  });

  it("is what the bundled `funnel fmt` runs", () => {
    const dir = project({ "a.funnel": MESSY });
    const output = execFileSync(process.execPath, [path.join(REPO, "bin/funnel.js"), "fmt"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(output).toBe("formatted a.funnel\nFormatted 1 of 1 file.\n");
    expect(readFileSync(path.join(dir, "a.funnel"), "utf8")).toBe(TIDY);
  });

  it("stays out of the CLI bundle: cli.js imports the formatter (and so prettier) only when fmt runs", () => {
    // The CLI is split into chunks that load when their command runs; none may import prettier
    // statically, and the fmt chunk loads the plugin bundle on use.
    const files = readdirSync(path.join(REPO, "dist")).filter(
      (f) => f.endsWith(".js") && f !== "prettier.js",
    );
    for (const file of files) {
      const text = readFileSync(path.join(REPO, "dist", file), "utf8");
      expect(
        text,
        `dist/${file} imports prettier statically: import it lazily (await import) where it is used`,
      ).not.toMatch(/^import .* from "prettier/m);
    }
    const fmtChunk = files.find(
      (f) =>
        f.startsWith("chunk-fmt-") ||
        readFileSync(path.join(REPO, "dist", f), "utf8").includes("function runFmt"),
    );
    expect(fmtChunk).toBeDefined();
    expect(readFileSync(path.join(REPO, "dist", fmtChunk!), "utf8")).toContain(
      'await import("./prettier.js")',
    );
  });
});
