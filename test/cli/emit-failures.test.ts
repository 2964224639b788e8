// When a target cannot be emitted: a funnel too large for Graphviz gets FN5009 at its name (not a
// stack overflow reported as FN9001), and a target that fails is FN9001 naming the file; either
// way the failure comes before the summary, and nothing is written.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TARGETS } from "../../compiler/emit/targets.js";
import { MAX_DRAWN_STAGES } from "../../compiler/emit/svg.js";
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { generateFunnel } from "../../bench/generate.mjs";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");

describe("a funnel too large to draw", () => {
  it("svg: FN5009 at the funnel's name (20,000 stages), exit 1, nothing written", async () => {
    const dir = project({
      "big.funnel": (generateFunnel as (n: number, seed: number) => string)(20_000, 1),
    });
    const { code, stdout } = await run(dir, "build", "big.funnel", "-t", "json,svg", "-o", "out");
    expect(code).toBe(1);
    expect(stdout).toBe(
      "big.funnel:2:8 - error FN5009: Funnel `synthetic` is too large to draw: 20,005 stages; the svg target draws up to 200. Build the dot or mermaid target for its diagram instead.\n\n" +
        '  > 2 | funnel synthetic "Synthetic 20000-stage funnel" {\n      |        ^^^^^^^^^\n\n' +
        "Found 1 error in 1 file.\nNothing was written.\n",
    );
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("html: the same limit; dot and mermaid still build", async () => {
    const stages = MAX_DRAWN_STAGES + 1;
    const text = (generateFunnel as (n: number, seed: number) => string)(stages, 1);
    const dir = project({ "big.funnel": text });
    const html = await run(dir, "build", "big.funnel", "-t", "html", "-o", "out");
    expect(html.code).toBe(1);
    expect(html.stdout).toMatch(
      /^big\.funnel:2:8 - error FN5009: Funnel `synthetic` is too large to draw: \d+ stages; the html target draws up to 200\./,
    );
    const dot = await run(dir, "build", "big.funnel", "-t", "dot,mermaid", "-o", "out");
    expect(dot.code).toBe(0);
  });
});

describe("a target that fails", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is FN9001 naming the file and the target, exit 3, before the summary", async () => {
    vi.spyOn(TARGETS.get("yaml")!, "emit").mockImplementation(() => {
      throw new Error("boom");
    });
    const dir = project({ "lead.funnel": GOOD });
    const { code, stdout } = await run(dir, "build", "lead.funnel", "-t", "json,yaml", "-o", "out");
    expect(code).toBe(3);
    expect(stdout).toContain(
      "lead.funnel - error FN9001: Internal compiler error while compiling this file: yaml target: boom. This is a bug in funnelc; please report it with the file.\n",
    );
    expect(stdout).not.toContain("No problems found");
    expect(
      stdout.endsWith(
        "Found 1 error and 2 warnings in 1 file. (3 hints hidden; --verbose shows them)\nNothing was written.\n",
      ),
    ).toBe(true);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });
});
