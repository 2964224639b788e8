// Two-phase diagnostics: errors are published first, with the last whole-graph (flow) warnings
// moved along with the edits; the flow analyses then run and the complete set is published.
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO } from "./fixtures.js";
import { startServer, type LspClient } from "./client.js";

let client: LspClient;
const FILE = "flow.funnel";
// `orphan` is reachable from nowhere: FN4011 comes from the flow analyses.
const TEXT = DEMO.replace(
  "  terminal won",
  '  detour orphan "Orphan" {\n    definition "Nobody."\n    owner sales\n    -> lead when qualified\n  }\n  terminal won',
);

beforeAll(async () => {
  client = await startServer({
    initializationOptions: { diagnostics: { delay: 5, flowDelay: 20 } },
  });
});
afterAll(() => client.stop());

const summary = (p: { diagnostics: { code?: unknown; range: { start: { line: number } } }[] }) =>
  p.diagnostics.map((d) => `${d.code}@${d.range.start.line}`);

it("publishes errors first and the flow warnings after", async () => {
  await client.open(FILE, TEXT, 1);
  expect(summary(await client.diagnostics(FILE, 1))).toEqual(["FN2008@9"]);
  expect(summary(await client.diagnostics(FILE, 1))).toEqual(["FN2008@9", "FN4011@28"]);
});

it("carries the flow warnings over an edit elsewhere, moved with the text", async () => {
  await client.edit(
    FILE,
    2,
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    "// a new first line\n",
  );
  expect(summary(await client.diagnostics(FILE, 2))).toEqual(["FN2008@10", "FN4011@29"]);
  expect(summary(await client.diagnostics(FILE, 2))).toEqual(["FN2008@10", "FN4011@29"]);
});

it("drops a warning the edit touches until the analyses run again", async () => {
  const line = TEXT.split("\n").findIndex((l) => l.includes("detour orphan")) + 1;
  await client.edit(FILE, 3, { start: { line, character: 15 }, end: { line, character: 15 } }, "2");
  expect(summary(await client.diagnostics(FILE, 3))).toEqual(["FN2008@10"]);
  const complete = await client.diagnostics(FILE, 3);
  expect(complete.diagnostics.map((d) => d.message)).toEqual([
    "Field `unused_field` is declared but nothing uses it.",
    "Stage `orphan2` can never be reached from the initial stage `lead`; no transition or SLA leads to it.",
  ]);
});
