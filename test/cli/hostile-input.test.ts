// Input that is binary or hostile: human output shows control characters as `\uXXXX` (with the
// carets still under the right character), machine output keeps the exact text, and the summary
// counts the errors FN1010 did not show.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatCodeFrame } from "../../cli/reporters/code-frame.js";
import { visibleText } from "../../cli/reporters/visible.js";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");
// ESC, BEL and the C1 CSI: none may reach a terminal raw.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("control characters in human output", () => {
  it("code frames show them escaped, and the carets stay under the character", async () => {
    const dir = project({ "esc.funnel": "funnel x {\n  stage \u001b[31mred\u0007 {\n}\n" });
    const { code, stdout } = await run(dir, "check", "esc.funnel");
    expect(code).toBe(1);
    expect(stdout).not.toMatch(RAW);
    expect(stdout).toContain(
      "esc.funnel:2:9 - error FN1002: Unexpected character `U+001B`; it is not part of the Funnel language.\n\n  > 2 |   stage \\u001b[31mred\\u0007 {\n      |         ^^^^^^\n",
    );
    expect(stdout).toContain(
      "esc.funnel:2:17 - error FN1002: Unexpected character `U+0007`; it is not part of the Funnel language.\n\n  > 2 |   stage \\u001b[31mred\\u0007 {\n      |                      ^^^^^^\n",
    );
    expect(stdout).toContain(
      "esc.funnel:2:10 - error FN1001: Expected a name after `stage` but found `[`.\n\n  > 2 |   stage \\u001b[31mred\\u0007 {\n      |               ^\n",
    );
  });

  it("visibleText leaves tabs and line feeds, escapes the rest", () => {
    expect(visibleText("a\tb\nc\u001bd\u009be\r")).toBe("a\tb\nc\\u001bd\\u009be\\u000d");
    expect(
      formatCodeFrame("ok\n\u0007x\n", { line: 2, column: 2 }, { line: 2, column: 3 }, ""),
    ).toBe("> 2 | \\u0007x\n    |       ^");
  });

  it("run prints rejected lines escaped, and keeps the exact text in summary.json", async () => {
    const dir = project({
      "lead.funnel": GOOD,
      // (One good event: a run that applies nothing exits 1.)
      "e.jsonl":
        '{"record":"r1","at":"2026-01-01T00:00:00Z","type":"update","set":{"em\\u001bail":"a@b"}}\n\u001b[2J{bad json\u0007\n{"record":"r2","at":"2026-01-01T00:00:00Z","type":"update"}\n',
    });
    const { code, stdout } = await run(
      dir,
      "run",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "--out",
      "o",
    );
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW);
    expect(stdout).toContain(
      "  e.jsonl:1 - warning FN6010: Rejected (unknown_field): the record has no field `em\\u001bail`; did you mean `email`?\n",
    );
    const summary = JSON.parse(readFileSync(path.join(dir, "o/summary.json"), "utf8"));
    expect(summary.rejectedLines[0].message).toBe(
      "Rejected (unknown_field): the record has no field `em\u001bail`; did you mean `email`?",
    );
  });

  it("explain shows a record id from the command line escaped", async () => {
    const dir = project({
      "lead.funnel": GOOD,
      "e.jsonl":
        '{"record":"r\\u001bx","at":"2026-01-01T00:00:00Z","type":"update","set":{"email":"a@b.nl"}}\n',
    });
    const { code, stdout } = await run(
      dir,
      "explain",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "--record",
      "r\u001bx",
    );
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW);
    expect(stdout).toContain("Record r\\u001bx in lead_to_revenue");
  });
});

describe("a binary file", () => {
  it("the summary counts the errors FN1010 cut off, and says how many were not shown", async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const dir = project({});
    writeFileSync(path.join(dir, "bin.funnel"), bytes);
    const { code, stdout } = await run(dir, "check", "bin.funnel");
    expect(code).toBe(1);
    expect(stdout).not.toMatch(RAW);
    const more = Number(
      /FN1010: Too many errors in this file; (\d+) more were not shown/.exec(stdout)![1],
    );
    expect(
      stdout.endsWith(`Found ${100 + more} errors in 1 file (${more} of the errors not shown).\n`),
    ).toBe(true);
  });

  it("JSON output keeps the messages exact", async () => {
    const dir = project({ "esc.funnel": "funnel x {\n  stage \u001b {\n}\n" });
    const report = JSON.parse((await run(dir, "check", "esc.funnel", "-f", "json")).stdout);
    expect(report.diagnostics.map((d: { message: string }) => d.message)).toContain(
      "Unexpected character `U+001B`; it is not part of the Funnel language.",
    );
  });
});
