// Output paths that cannot be written: every command that writes (build, test -o, generate, run,
// report, fmt) says which path and why in words, with exit 2, never as an internal error (FN9001)
// or with an errno code; and a folder on /proc fails at once instead of hanging.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolders } from "../../compiler/emit/write.js";
import { describeWriteError } from "../../cli/output-path.js";
import { project, run } from "../helpers/cli.js";

const GOOD = readFileSync("examples/lead-to-revenue.funnel", "utf8");
const SCENARIOS = readFileSync("examples/lead-to-revenue.scenarios.yaml", "utf8");
const EVENTS =
  '{"record":"r1","at":"2026-01-01T09:00:00Z","type":"update","set":{"email":"a@b.nl"}}\n';
const onLinux = process.platform === "linux";

describe("an output path that cannot be written", () => {
  it("build -o <a file>: exit 2, the file in the way named, nothing internal", async () => {
    const dir = project({ "lead.funnel": GOOD, afile: "x" });
    const { code, stdout, stderr } = await run(dir, "build", "lead.funnel", "-o", "afile");
    expect(code).toBe(2);
    expect(
      stdout.endsWith(
        "Found 2 warnings in 1 file. (3 hints hidden; --verbose shows them)\nerror FN6016: Cannot write afile/lead.json: `afile` is a file, not a folder.\n",
      ),
    ).toBe(true);
    expect(stderr).toBe("");
  });

  it("build -o <below a file>: the same sentence", async () => {
    const dir = project({ "lead.funnel": GOOD, afile: "x" });
    const { code, stdout } = await run(dir, "build", "lead.funnel", "-o", "afile/deeper/out");
    expect(code).toBe(2);
    expect(stdout).toContain(
      "error FN6016: Cannot write afile/deeper/out/lead.json: `afile` is a file, not a folder.\n",
    );
  });

  it.skipIf(!onLinux)(
    "build -o /proc/nope fails at once (Node's recursive mkdir would never return there)",
    async () => {
      const dir = project({ "lead.funnel": GOOD });
      const { code, stdout } = await run(dir, "build", "lead.funnel", "-o", "/proc/nope/x");
      expect(code).toBe(2);
      expect(stdout).toContain(
        "error FN6016: Cannot write /proc/nope/x/lead.json: `/proc` does not allow new folders.\n",
      );
    },
  );

  it("test --reporter junit -o <below a file>: the results are printed, then exit 2", async () => {
    const dir = project({
      "lead-to-revenue.funnel": GOOD,
      "lead-to-revenue.scenarios.yaml": SCENARIOS,
      afile2: "x",
    });
    const { code, stdout, stderr } = await run(
      dir,
      "test",
      "lead-to-revenue.funnel",
      "--reporter",
      "junit",
      "-o",
      "afile2/j.xml",
    );
    expect(code).toBe(2);
    expect(stdout).toContain("Scenarios: ");
    expect(
      stdout.endsWith(
        "error FN6016: Cannot write afile2/j.xml: `afile2` is a file, not a folder.\n",
      ),
    ).toBe(true);
    expect(stderr).toBe("");
  });

  it("generate -o <below a file>: exit 2", async () => {
    const dir = project({ "lead.funnel": GOOD, afile: "x" });
    const { code, stdout } = await run(
      dir,
      "generate",
      "lead.funnel",
      "-n",
      "3",
      "-o",
      "afile/e.jsonl",
    );
    expect({ code, stdout }).toEqual({
      code: 2,
      stdout: "error FN6016: Cannot write afile/e.jsonl: `afile` is a file, not a folder.\n",
    });
  });

  it("run --out <a file>: exit 2, before any event is read", async () => {
    const dir = project({ "lead.funnel": GOOD, "e.jsonl": EVENTS, afile: "x" });
    const { code, stdout } = await run(
      dir,
      "run",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "--out",
      "afile",
    );
    expect({ code, stdout }).toEqual({
      code: 2,
      stdout: "error FN6016: Cannot write afile: `afile` is a file, not a folder.\n",
    });
  });

  it.skipIf(!onLinux)("run --out /proc/nope fails at once and leaves nothing behind", async () => {
    const dir = project({ "lead.funnel": GOOD, "e.jsonl": EVENTS });
    const { code, stdout } = await run(
      dir,
      "run",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "--out",
      "/proc/nope",
    );
    expect({ code, stdout }).toEqual({
      code: 2,
      stdout: "error FN6016: Cannot write /proc/nope: `/proc` does not allow new folders.\n",
    });
  });

  it("report -o into a missing folder, or onto a folder: exit 2 before the events are read", async () => {
    const dir = project({ "lead.funnel": GOOD, "e.jsonl": EVENTS });
    mkdirSync(path.join(dir, "taken"));
    const missing = await run(
      dir,
      "report",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "-f",
      "csv",
      "-o",
      "nofolder/r.csv",
    );
    expect(missing).toMatchObject({
      code: 2,
      stdout: "error FN6016: Cannot write nofolder/r.csv: no such folder `nofolder`.\n",
    });
    const folder = await run(
      dir,
      "report",
      "lead.funnel",
      "--data",
      "e.jsonl",
      "-f",
      "csv",
      "-o",
      "taken",
    );
    expect(folder).toMatchObject({
      code: 2,
      stdout: "error FN6016: Cannot write taken: it is a folder.\n",
    });
  });
});

describe("describeWriteError", () => {
  const cwd = "/work/project";
  const error = (code: string, message = `${code}: something, open '/work/project/out/x.json'`) =>
    Object.assign(new Error(message), { code, path: "/work/project/out/x.json", syscall: "open" });

  it.each([
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["EROFS", "the file system is read-only"],
    ["ENOSPC", "the disk is full"],
    ["ENAMETOOLONG", "the name is too long"],
  ])("words %s without its code", (code, words) => {
    expect(describeWriteError(error(code), "/work/project/out/x.json", cwd)).toBe(words);
  });

  it("drops the code and the syscall from a message it has no words of its own for", () => {
    expect(
      describeWriteError(error("EIO", "EIO: i/o error, write"), "/work/project/out/x.json", cwd),
    ).toBe("i/o error");
  });
});

describe("makeFolders", () => {
  it("make every missing level, and name the file in the way", () => {
    const dir = project({ afile: "x" });
    makeFolders(path.join(dir, "a/b/c"));
    expect(existsSync(path.join(dir, "a/b/c"))).toBe(true);
    expect(() => makeFolders(path.join(dir, "afile/b"))).toThrow(
      expect.objectContaining({ code: "ENOTDIR", path: path.join(dir, "afile") }),
    );
  });
});
