// Dates and file names on the command line: impossible dates are refused, --as-of takes a plain
// date (the end of that day) in run, explain and report, generate's output name must name the
// format it writes, and help texts tell the truth about exit codes.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { asOfValue } from "../../cli/commands/option-values.js";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");
const EVENTS =
  '{"record":"r1","at":"2025-01-01T09:00:00Z","type":"update","set":{"email":"a@b.nl"}}\n';

describe("generate --start", () => {
  it("refuses a day the month does not have (it was taken as 2 March)", async () => {
    const dir = project({ "lead.funnel": GOOD });
    const { code, stdout } = await run(
      dir,
      "generate",
      "lead.funnel",
      "-n",
      "3",
      "--start",
      "2025-02-30",
    );
    expect({ code, stdout }).toEqual({
      code: 2,
      stdout: 'error FN6032: --start must be a date like 2025-01-01, not "2025-02-30".\n',
    });
  });
});

describe("generate -o", () => {
  it("refuses a name that names no format, and writes nothing", async () => {
    const dir = project({ "lead.funnel": GOOD });
    const { code, stdout } = await run(dir, "generate", "lead.funnel", "-n", "3", "-o", "ev.txt");
    expect({ code, stdout }).toEqual({
      code: 2,
      stdout:
        "error FN6032: Cannot tell which format to write to ev.txt; name it .jsonl (or .ndjson) or .csv, so that `funnel run` can read it back, or give --format jsonl or --format csv.\n",
    });
    expect(existsSync(path.join(dir, "ev.txt"))).toBe(false);
  });

  it("refuses a --format the name contradicts", async () => {
    const dir = project({ "lead.funnel": GOOD });
    const { code, stdout } = await run(
      dir,
      "generate",
      "lead.funnel",
      "-n",
      "3",
      "-f",
      "csv",
      "-o",
      "x.jsonl",
    );
    expect({ code, stdout }).toEqual({
      code: 2,
      stdout:
        "error FN6032: --format csv writes CSV, but the name x.jsonl says JSON lines; name it x.csv, or leave out --format.\n",
    });
    expect(existsSync(path.join(dir, "x.jsonl"))).toBe(false);
  });

  it("takes any name with --format, and the format from .csv and .ndjson names", async () => {
    const dir = project({ "lead.funnel": GOOD });
    expect(
      (await run(dir, "generate", "lead.funnel", "-n", "3", "-f", "csv", "-o", "ev.txt")).code,
    ).toBe(0);
    expect(readFileSync(path.join(dir, "ev.txt"), "utf8")).toMatch(/^record,at,type|^id,record/);
    expect((await run(dir, "generate", "lead.funnel", "-n", "3", "-o", "ev.ndjson")).code).toBe(0);
    expect(readFileSync(path.join(dir, "ev.ndjson"), "utf8")).toMatch(/^\{/);
  });
});

describe("--as-of with a plain date", () => {
  it("means the end of that day", () => {
    expect(asOfValue("2025-01-31")).toBe("2025-02-01T00:00:00Z");
    expect(asOfValue("2024-12-31")).toBe("2025-01-01T00:00:00Z");
    expect(asOfValue("2025-01-31T10:00:00+01:00")).toBe("2025-01-31T10:00:00+01:00");
    expect(asOfValue("2025-02-30")).toBe("2025-02-30");
  });

  it("run and explain accept it", async () => {
    const dir = project({ "lead.funnel": GOOD, "e.jsonl": EVENTS });
    const ran = await run(
      dir,
      "run",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "--out",
      "o",
      "--as-of",
      "2025-01-01",
    );
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      "Ran e.jsonl through lead_to_revenue (lead.funnel), as of 2025-01-02T00:00:00.000Z.\n",
    );
    const explained = await run(
      dir,
      "explain",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "--record",
      "r1",
      "--as-of",
      "2025-01-01",
    );
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain(", as of 2025-01-02T00:00:00.000Z:");
  });

  it("report accepts it; an impossible date is still refused", async () => {
    const dir = project({ "lead.funnel": GOOD, "e.jsonl": EVENTS });
    expect(
      (
        await run(
          dir,
          "report",
          "lead.funnel",
          "--data",
          "e.jsonl",
          "--as-of",
          "2025-01-01",
          "-f",
          "json",
        )
      ).code,
    ).toBe(0);
    const bad = await run(
      dir,
      "report",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "--as-of",
      "2025-02-30",
    );
    expect(bad).toMatchObject({
      code: 2,
      stdout:
        'error FN6015: --as-of must be a date like 2026-03-01 (the end of that day) or a datetime with a zone like 2026-03-01T09:00:00Z, not "2025-02-30".\n',
    });
  });

  it("is documented in --help", async () => {
    const help = (await run(project({}), "run", "--help")).stdout.replace(/\s+/g, " ");
    expect(help).toContain("a datetime with a zone, or a date for the end of that day");
  });
});

describe("report --help", () => {
  it("says what exit codes 1 and 2 mean, as the command does them", async () => {
    const help = (await run(project({}), "report", "--help")).stdout;
    expect(help).toContain(
      "Exit codes: 0 report written (rejected lines are listed in it), 1 the funnel has errors or reading the input\nfailed part-way, 2 wrong usage (a bad option, a missing file, an output file that cannot be written).",
    );
    const dir = project({ "lead.funnel": GOOD });
    expect((await run(dir, "report", "lead.funnel", "--data", "missing.jsonl")).code).toBe(2);
  });
});
