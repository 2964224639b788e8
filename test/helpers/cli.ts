// Test helpers for the CLI: temporary project folders and `funnel …` run in-process.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { CliIo } from "../../cli/io.js";
import { main } from "../../cli/main.js";

/** A new temporary folder holding the given files (paths relative to it). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "funnelc-test-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A CliIo that collects what a command prints. */
export function captureIo(cwd: string): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: "", stderr: "" };
  return {
    io: { stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s), cwd, color: false },
    out,
  };
}

/** Runs `funnel <argv>` in `cwd` in this process; returns the exit code and the output. */
export async function run(cwd: string, ...argv: string[]) {
  const { io, out } = captureIo(cwd);
  const code = await main(argv, io);
  return { code, ...out };
}
