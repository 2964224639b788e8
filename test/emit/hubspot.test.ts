// The `hubspot` target: golden folders of the examples (reviewed by hand), what goes into the
// pipelines and the lifecycle list, and that user text stays text in JSON and Markdown.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createNodeHost } from "../../compiler/host.js";
import { compile } from "../../compiler/program.js";
import { hubspotEmitter } from "../../compiler/emit/hubspot/hubspot.js";
import type { FunnelIR } from "../../core/ir/types.js";
import { compareOrUpdate } from "./golden-file.js";
import { hostileIr } from "./hostile.js";

const examples = readdirSync("examples")
  .filter((f) => f.endsWith(".funnel") && f !== "common.funnel")
  .sort();

function irOf(entry: string): FunnelIR {
  const program = compile(createNodeHost("."), [entry]).programs[0];
  expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program.ir!;
}

describe("hubspot goldens", () => {
  for (const example of examples) {
    const base = example.replace(/\.funnel$/, "");
    it(`examples/${example} → ${base}.hubspot/`, () => {
      const files = hubspotEmitter.emit(irOf(`examples/${example}`), { baseName: base });
      for (const file of files) compareOrUpdate(`hubspot/${file.path}`, file.contents);
    });
  }

  it("writes a deal pipeline only for a funnel with deal maps", () => {
    const paths = (entry: string) =>
      hubspotEmitter.emit(irOf(entry), { baseName: "x" }).map((f) => f.path);
    expect(paths("examples/revenue-cycle.funnel")).toEqual([
      "x.hubspot/pipelines/deal.json",
      "x.hubspot/lifecycle.json",
      "x.hubspot/README.md",
    ]);
    expect(paths("examples/lead-to-revenue.funnel")).toEqual([
      "x.hubspot/lifecycle.json",
      "x.hubspot/README.md",
    ]);
  });
});

describe("hubspot escaping", () => {
  it("keeps hostile titles as text: JSON parses back to them, Markdown has no HTML", () => {
    const ir = hostileIr();
    const files = hubspotEmitter.emit(ir, { baseName: "h" });
    const lifecycle = JSON.parse(files.find((f) => f.path.endsWith("lifecycle.json"))!.contents);
    expect(lifecycle.stages.map((s: { label: string }) => s.label)).toEqual(
      ir.stages.map((s) => s.title),
    );
    const readme = files.find((f) => f.path.endsWith("README.md"))!.contents;
    expect(readme).not.toMatch(/<script|<b>|<i>|<img/i);
  });
});
