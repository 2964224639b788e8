// The runtime the `ts` target's modules carry is the engine's own code: the table copied from the
// sources (compiler/emit/typescript/module-runtime.generated.ts) must be what the generator makes
// of them now, and the generator must read declarations and their uses correctly.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODULE_RUNTIME } from "../../compiler/emit/typescript/module-runtime.generated.js";
import {
  identifiersIn,
  renderModuleRuntime,
  RUNTIME_ROOTS,
  RUNTIME_TABLE,
  splitDeclarations,
} from "../../scripts/gen-module-runtime.js";
import { editDistance, suggestName } from "../../core/suggest.js";

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
    const f = [
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
    ];
    const t = [
      "type T<K> =",
      "  | { k: K }",
      "  | Record<",
      "      string,",
      "      number",
      "    >;",
    ];
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
      ...f.map((line) => line.replace(/^function/, "export function")),
      ...t.map((line) => line.replace(/^type/, "export type")),
    ].join("\n");
    const { declarations, imported } = splitDeclarations("x.ts", source);
    expect([...imported]).toEqual(["a", "C"]);
    expect(declarations.map((d) => [d.name, d.lines])).toEqual([
      ["ONE", ["/** One. */", "const ONE = 1;"]],
      ["TWO", ["const TWO = ONE + 1;"]],
      ["f", f],
      ["T", t],
    ]);
    expect(declarations.map((d) => [...d.names].filter((n) => /^[A-Z]+$/.test(n)))).toEqual([
      ["ONE"],
      ["TWO", "ONE"],
      ["TWO"],
      ["T", "K"],
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

describe("the runtime's edit distance", () => {
  /** Levenshtein distance by its definition (memoised recursion): the reference. */
  const reference = (a: string, b: string): number => {
    const memo = new Map<string, number>();
    const distance = (i: number, j: number): number => {
      if (i === 0 || j === 0) return i + j;
      const key = `${i},${j}`;
      let d = memo.get(key);
      if (d === undefined) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d = Math.min(distance(i - 1, j) + 1, distance(i, j - 1) + 1, distance(i - 1, j - 1) + cost);
        memo.set(key, d);
      }
      return d;
    };
    return distance(a.length, b.length);
  };

  it("is the Levenshtein distance of UTF-16 code units", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "b", "c", "A", "_", "\u00e9", "\ud83d"),
      maxLength: 9,
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(editDistance(a, b)).toBe(reference(a, b));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it("ranks candidates for suggestName: case, swapped neighbours, then the closest within a third", () => {
    expect(suggestName("EMAIL", ["mail", "email"])).toBe("email");
    expect(suggestName("emial", ["emails", "email"])).toBe("email");
    expect(suggestName("emaill", ["e_mail", "email"])).toBe("email");
    expect(suggestName("ab", ["abc"])).toBeUndefined();
    expect(suggestName("x", [])).toBeUndefined();
  });
});
