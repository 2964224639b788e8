// Golden files for the documentation targets: the Markdown, Mermaid and DOT of every example
// (reviewed by hand once: they are what people read), the SFDX folder of the salesforce target,
// plus determinism of every target.
// `npm run test:update` (UPDATE_BASELINES=1) rewrites them; review the diff.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createNodeHost } from "../../compiler/host.js";
import type { FunnelIR } from "../../core/ir/types.js";
import { compile } from "../../compiler/program.js";
import { TARGETS } from "../../compiler/emit/targets.js";
import { compareOrUpdate } from "./golden-file.js";

const examples = readdirSync("examples")
  .filter((f) => f.endsWith(".funnel"))
  .sort()
  .map((f) => `examples/${f}`);

function irOf(entry: string): FunnelIR | undefined {
  const program = compile(createNodeHost("."), [entry]).programs[0];
  expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program.ir;
}

async function emitOne(
  target: string,
  ir: FunnelIR,
  baseName: string,
  targetOptions?: Record<string, unknown>,
) {
  const files = await TARGETS.get(target)!.emit(ir, { baseName, targetOptions });
  expect(files).toHaveLength(1);
  return files[0];
}

const GOLDEN_TARGETS: [target: string, extension: string][] = [
  ["markdown", "md"],
  ["mermaid", "mmd"],
  ["dot", "dot"],
];

describe("documentation goldens", () => {
  for (const entry of examples) {
    const base = entry.replace(/^examples\//, "").replace(/\.funnel$/, "");
    for (const [target, extension] of GOLDEN_TARGETS) {
      it(`${entry} → ${base}.${extension} (${target})`, async () => {
        const ir = irOf(entry);
        if (!ir) return; // a declarations module (common.funnel) has no IR and is not built
        const file = await emitOne(target, ir, base);
        expect(file.path).toBe(`${base}.${extension}`);
        compareOrUpdate(file.path, file.contents);
      });
    }
  }

  it("uses the labels of --lang as stage terms and lists the stages without one", async () => {
    const ir = irOf("examples/lead-to-revenue.funnel")!;
    const file = await emitOne("markdown", ir, "lead-to-revenue", { lang: "de" });
    compareOrUpdate("lead-to-revenue.de.md", file.contents);
    expect(file.contents).toContain(
      "**Marketingqualifizierter Lead** (`mql`)<br>Marketing Qualified Lead",
    );
    expect(file.contents).toContain(
      "> Stages without a `de` label (shown with their title): Anonymous, Known, Responded, Sales Accepted Lead,",
    );
    const dot = await emitOne("dot", ir, "lead-to-revenue", { lang: "de" });
    expect(dot.contents).toContain(`"mql" [label="Marketingqualifizierter\\nLead"`);
  });

  it("ignores a language no stage has a label in, except to list every stage as lacking one", async () => {
    const ir = irOf("examples/revenue-cycle.funnel")!;
    const plain = (await emitOne("markdown", ir, "x")).contents;
    const klingon = (await emitOne("markdown", ir, "x", { lang: "tlh" })).contents;
    expect(klingon).toContain(
      "> Stages without a `tlh` label (shown with their title): Inquiry, Marketing Qualified Lead,",
    );
    expect(klingon.replace(/\nStage terms are the [^\n]*\n\n> Stages without [^\n]*\n/, "")).toBe(
      plain,
    );
  });
});

describe("salesforce goldens", () => {
  for (const entry of examples) {
    const base = entry.replace(/^examples\//, "").replace(/\.funnel$/, "");
    it(`${entry} → ${base}.salesforce/ (salesforce)`, async () => {
      const ir = irOf(entry);
      if (!ir) return;
      const files = await TARGETS.get("salesforce")!.emit(ir, { baseName: base });
      for (const file of files) {
        expect(file.path.startsWith(`${base}.salesforce/`), file.path).toBe(true);
        compareOrUpdate(file.path, file.contents);
      }
    });
  }
});

describe("xstate goldens", () => {
  // The machine of the flagship example, and of a funnel whose strings try to break out of JSON,
  // TypeScript strings and comments (reviewed by hand; run for real in test/emit-xstate).
  for (const entry of ["examples/lead-to-revenue.funnel", "test/emit/fixtures/hostile.funnel"]) {
    it(`${entry} → .xstate.json and .xstate.ts`, async () => {
      const ir = irOf(entry)!;
      const base = entry.replace(/^.*\//, "").replace(/\.funnel$/, "");
      const files = await TARGETS.get("xstate")!.emit(ir, { baseName: base });
      expect(files.map((f) => f.path)).toEqual([`${base}.xstate.json`, `${base}.xstate.ts`]);
      for (const file of files) compareOrUpdate(file.path, file.contents);
    });
  }
});

describe("determinism", () => {
  it("gives byte-identical output for the same input, for every target, whatever ran before", async () => {
    const irs = examples
      .map((e) => [e, irOf(e)] as const)
      .filter((x): x is readonly [string, FunnelIR] => x[1] !== undefined);
    const round = async (order: (readonly [string, FunnelIR])[]) => {
      const out = new Map<string, string>();
      for (const [entry, ir] of order) {
        for (const [target, emitter] of TARGETS) {
          // Folder targets (xstate, hubspot) write several files: all of them, by path.
          const files = await emitter.emit(ir, { baseName: entry });
          for (const file of files) out.set(`${entry} ${target} ${file.path}`, file.contents);
        }
      }
      return out;
    };
    const first = await round(irs);
    const second = await round([...irs].reverse());
    expect(second.size).toBe(first.size);
    for (const [key, contents] of first) expect(second.get(key), key).toBe(contents);
    // A fresh IR object (compiled again) gives the same bytes too: nothing depends on identity.
    const again = await emitOne(
      "html",
      irOf("examples/revenue-cycle.funnel")!,
      "examples/revenue-cycle.funnel",
    );
    expect(again.contents).toBe(
      first.get("examples/revenue-cycle.funnel html examples/revenue-cycle.funnel.html"),
    );
  });
});
