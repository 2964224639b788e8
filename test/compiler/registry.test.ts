// The diagnostics registry: codes, names and messages follow the conventions; every documented
// example really shows its diagnostic; docs/diagnostics.md is generated from the current registry.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DIAGNOSTIC_PHASES,
  renderDiagnosticsDoc,
  renderTemplate,
} from "../../core/diagnostics/docs.js";
import {
  diagnosticRegistry,
  type DiagnosticDefinition,
  type DiagnosticPhase,
} from "../../core/diagnostics/registry.js";
import { compileText } from "../helpers/compile.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const entries = Object.entries(diagnosticRegistry) as [string, DiagnosticDefinition][];
const withExamples = entries.filter(
  ([, def]) => def.docs.wrong !== undefined || def.docs.fixed !== undefined,
);
const codesOf = (source: string) => compileText(source).diagnostics.map((d) => d.code);
const listOf = (source: string) =>
  compileText(source).diagnostics.map((d) => `${d.code} ${d.message}`);

/** Codes whose wrong example necessarily reports other codes too. */
const COMPANIONS: Record<string, string[]> = {
  // Over 100 errors are needed to reach the cap; those are the unexpected characters themselves.
  FN1010: ["FN1002", "FN1009"],
};
/**
 * Only codes of these phases (FN1-FN4) are about a single `.funnel` source, so only they have
 * wrong/fixed examples; project (FN5: several files, the config, the CLI), data (FN6: scenario and
 * events files) and internal (FN9) codes have none.
 */
const SOURCE_PHASES: readonly DiagnosticPhase[] = ["syntax", "names", "types", "flow"];

describe("diagnostics registry", () => {
  it("has unique codes that match their phase", () => {
    const codes = entries.map(([, def]) => def.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^FN[1-69]\d{3}$/);
    const digitOf = new Map(DIAGNOSTIC_PHASES.map((phase) => [phase.phase, phase.digit]));
    for (const [name, def] of entries)
      expect(`FN${digitOf.get(def.phase)}`, `${def.code} ${name} (${def.phase})`).toBe(
        def.code.slice(0, 3),
      );
  });

  it("has kebab-case names", () => {
    for (const [name] of entries) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it("ends every message with `.` or `?`", () => {
    for (const [name, def] of entries) {
      for (const [id, template] of Object.entries(def.messages)) {
        expect(renderTemplate(template), `${name}.${id}`).toMatch(/[.?]$/);
      }
    }
  });

  it("documents every code with a summary and a fix", () => {
    for (const [name, def] of entries) {
      expect(def.docs.summary.trim(), name).not.toBe("");
      expect(def.docs.fix.trim(), name).not.toBe("");
    }
  });

  it("has wrong and fixed examples for every .funnel-source code", () => {
    for (const [name, def] of entries) {
      const expected = SOURCE_PHASES.includes(def.phase);
      expect(def.docs.wrong !== undefined, `${def.code} ${name}: wrong`).toBe(expected);
      expect(def.docs.fixed !== undefined, `${def.code} ${name}: fixed`).toBe(expected);
    }
  });

  describe.each(withExamples.map(([name, def]) => ({ label: `${def.code} ${name}`, def })))(
    "$label",
    ({ def }) => {
      it("wrong example reports the code", () => {
        expect(codesOf(def.docs.wrong!), listOf(def.docs.wrong!).join("\n")).toContain(def.code);
      });

      it("wrong example reports nothing else", () => {
        const allowed = [def.code, ...(COMPANIONS[def.code] ?? [])];
        const others = listOf(def.docs.wrong!).filter(
          (line) => !allowed.includes(line.slice(0, 6)),
        );
        expect(others).toEqual([]);
      });

      it("fixed example does not report the code", () => {
        expect(codesOf(def.docs.fixed!), listOf(def.docs.fixed!).join("\n")).not.toContain(
          def.code,
        );
      });

      it("fixed example compiles without any diagnostic", () => {
        expect(listOf(def.docs.fixed!)).toEqual([]);
      });
    },
  );

  it("docs/diagnostics.md is up to date", () => {
    let onDisk = "";
    try {
      onDisk = readFileSync(path.join(root, "docs", "diagnostics.md"), "utf8");
    } catch {
      // a missing file is stale too
    }
    expect(onDisk === renderDiagnosticsDoc(), "docs/diagnostics.md is stale: run npm run gen").toBe(
      true,
    );
  });

  it("gives every code an explicit anchor and a heading", () => {
    const doc = renderDiagnosticsDoc();
    for (const [name, def] of entries) {
      expect(doc).toContain(`<a id="${def.code.toLowerCase()}"></a>\n\n## ${def.code} ${name}\n`);
      expect(doc).toContain(`(#${def.code.toLowerCase()}-${name})`);
    }
  });
});
