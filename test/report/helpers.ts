// What the report tests share: the mini funnel and its hand-made events (test/report/fixtures),
// a temporary project holding them, and golden files rewritten with UPDATE_BASELINES=1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { project } from "../helpers/cli.js";

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MINI_FUNNEL = readFileSync(path.join(HERE, "fixtures/mini.funnel"), "utf8");
export const MINI_EVENTS = readFileSync(path.join(HERE, "fixtures/mini-events.jsonl"), "utf8");

/** A temporary project with the mini funnel, its events and any other files. */
export function miniProject(files: Record<string, string> = {}): string {
  return project({ "mini.funnel": MINI_FUNNEL, "events.jsonl": MINI_EVENTS, ...files });
}

/** Node's JSON.parse messages differ between versions. */
export function stable(text: string): string {
  return text.replace(/not valid JSON \([^)]*\)(\)?)/g, "not valid JSON (…)");
}

/** Compares with test/report/goldens/<name>; UPDATE_BASELINES=1 writes it instead. */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(HERE, "goldens", name);
  if (process.env.UPDATE_BASELINES || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (!process.env.UPDATE_BASELINES)
      throw new Error(`wrote the missing golden ${name}; review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}
