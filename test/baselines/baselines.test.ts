// Golden files: the IR of every example (reviewed by hand once: they state the meaning) and a
// TypeScript-style .errors.txt for every example and error file. `npm run test:update` rewrites
// them; review the diff.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/program.js";
import { createNodeHost } from "../../compiler/host.js";
import { offsetToLineColumn, lineText } from "../../core/source-file.js";
import { jsonEmitter } from "../../compiler/emit/json.js";

const UPDATE = process.env.UPDATE_BASELINES === "1";
const REFERENCE = "test/baselines/reference";

function files(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".funnel"))
    .sort()
    .map((f) => `${dir}/${f}`);
}

function compareOrUpdate(name: string, actual: string) {
  const path = `${REFERENCE}/${name}`;
  if (UPDATE || !existsSync(path)) {
    mkdirSync(REFERENCE, { recursive: true });
    writeFileSync(path, actual);
    if (!UPDATE)
      throw new Error(`New baseline ${path} written; review it and run the tests again.`);
  }
  expect(actual, `${path} differs: run npm run test:update and review the diff`).toBe(
    readFileSync(path, "utf8"),
  );
}

/** file(line,col): severity CODE: message, then each source line with squiggles under the range. */
function errorsText(entry: string): string {
  const result = compile(createNodeHost("."), [entry]);
  const lines = [`${result.diagnostics.length} diagnostic(s) in ${entry}`, ""];
  for (const d of result.diagnostics) {
    const source = { path: d.file, text: result.files.get(d.file)?.source.text ?? "" };
    const start = offsetToLineColumn(source, d.span.start);
    const end = offsetToLineColumn(source, d.span.end);
    lines.push(`${d.file}(${start.line},${start.column}): ${d.severity} ${d.code}: ${d.message}`);
    for (const r of d.related ?? []) {
      const at = offsetToLineColumn(
        { path: r.file, text: result.files.get(r.file)?.source.text ?? "" },
        r.span.start,
      );
      lines.push(`    note ${r.file}(${at.line},${at.column}): ${r.message}`);
    }
    const text = lineText(source, start.line);
    const width =
      end.line === start.line
        ? Math.max(1, end.column - start.column)
        : Math.max(1, text.length - start.column + 1);
    lines.push(`    ${text}`, `    ${" ".repeat(start.column - 1)}${"~".repeat(width)}`, "");
  }
  return lines.join("\n") + "\n";
}

describe("baselines", () => {
  for (const entry of [...files("examples"), ...files("examples/errors")]) {
    const base = entry
      .replace(/^examples\//, "")
      .replace(/\//g, "__")
      .replace(/\.funnel$/, "");
    it(`${entry} diagnostics match ${base}.errors.txt`, () => {
      compareOrUpdate(`${base}.errors.txt`, errorsText(entry));
    });
  }
  for (const entry of files("examples")) {
    const base = entry.replace(/^examples\//, "").replace(/\.funnel$/, "");
    it(`${entry} compiles to ${base}.ir.json`, () => {
      const program = compile(createNodeHost("."), [entry]).programs[0];
      if (program.declarationsModule) {
        expect(program.ir).toBeUndefined();
        return;
      }
      expect(program.ir).toBeDefined();
      compareOrUpdate(
        `${base}.ir.json`,
        jsonEmitter.emit(program.ir!, { baseName: base })[0].contents,
      );
    });
  }
});
