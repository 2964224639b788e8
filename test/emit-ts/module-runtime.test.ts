// The runtime the `ts` target's modules carry is the engine's own code: the table copied from the
// sources (compiler/emit/typescript/module-runtime.generated.ts) must be what the generator makes
// of them now, and the generator must read declarations and their uses correctly.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MODULE_RUNTIME } from "../../compiler/emit/typescript/module-runtime.generated.js";
import {
  identifiersIn,
  renderModuleRuntime,
  RUNTIME_ROOTS,
  RUNTIME_TABLE,
  splitDeclarations,
} from "../../scripts/gen-module-runtime.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the module runtime table", () => {
  it("is up to date with the engine's sources", async () => {
    const onDisk = readFileSync(path.join(ROOT, RUNTIME_TABLE), "utf8");
    const fresh = await renderModuleRuntime(ROOT);
    expect(onDisk === fresh, `${RUNTIME_TABLE} is stale: run npm run gen:module-runtime`).toBe(
      true,
    );
  });

  it("holds every root and everything the roots use, each declared in its source", () => {
    for (const root of RUNTIME_ROOTS) expect(MODULE_RUNTIME).toHaveProperty(root);
    for (const [name, declaration] of Object.entries(MODULE_RUNTIME)) {
      for (const used of declaration.uses) expect(MODULE_RUNTIME).toHaveProperty(used);
      const source = readFileSync(path.join(ROOT, declaration.file), "utf8");
      // The copy is the source's text, `export` aside.
      const text = declaration.lines.join("\n");
      expect(source.replace(/^export /gm, ""), name).toContain(text);
    }
  });
});

describe("reading declarations", () => {
  it("splits a file at column-0 declarations, with their JSDoc, without imports or headers", () => {
    const source = [
      "// A file header.",
      "",
      'import { a, type B as C } from "./x.js";',
      "",
      "/** One. */",
      "export const ONE = 1;",
      "const TWO = ONE + 1;",
      "",
      "// A section note.",
      "",
      "/**",
      " * A function.",
      " */",
      "export function f(",
      "  x: number,",
      "): number {",
      "  const y = TWO;",
      "",
      "  return x + y;",
      "}",
      "export type T<K> =",
      "  | { k: K }",
      "  | Record<",
      "      string,",
      "      number",
      "    >;",
    ].join("\n");
    const { declarations, imported } = splitDeclarations("x.ts", source);
    expect([...imported]).toEqual(["a", "C"]);
    expect(declarations.map((d) => [d.name, d.lines])).toEqual([
      ["ONE", ["/** One. */", "const ONE = 1;"]],
      ["TWO", ["const TWO = ONE + 1;"]],
      [
        "f",
        [
          "/**",
          " * A function.",
          " */",
          "function f(",
          "  x: number,",
          "): number {",
          "  const y = TWO;",
          "",
          "  return x + y;",
          "}",
        ],
      ],
      [
        "T",
        ["type T<K> =", "  | { k: K }", "  | Record<", "      string,", "      number", "    >;"],
      ],
    ]);
    expect(() => splitDeclarations("x.ts", "export { a };\n")).toThrow(/unsupported/);
  });

  it("finds the identifiers code names, not in comments, strings, regexes or after a dot", () => {
    const names = identifiersIn(
      [
        "// commented",
        "/* block */ const a = b.c + d?.e + `text ${f + `${g}`} more` + 'h' + \"i\";",
        "const j = /k[/]l/g.test(m) ? 1_000 / n : o;",
      ].join("\n"),
    );
    expect([...names].sort()).toEqual(["a", "b", "const", "d", "f", "g", "j", "m", "n", "o"]);
  });
});
