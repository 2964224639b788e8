// The house's plan, checked: every import points down the layers (core → grammar → compiler,
// runtime → report, format → lsp, cli at the edge) and no files import each other in a circle.
// A new folder must be given its place in LAYERS before its files may import or be imported.
import { readFileSync } from "node:fs";
import path from "node:path";
import { globSync } from "tinyglobby";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "../..");

/** What each top-level folder may import from this repository (besides itself). */
const LAYERS: Record<string, readonly string[]> = {
  core: [],
  grammar: ["core"],
  compiler: ["core", "grammar"],
  runtime: ["core"],
  report: ["core", "runtime"],
  format: ["core", "grammar"],
  lsp: ["core", "grammar", "compiler", "format", "runtime"],
  cli: ["core", "grammar", "compiler", "runtime", "report", "format", "lsp"],
  editors: ["grammar", "lsp"],
  // Data files the code reads (schemas, the package manifest for the version).
  schema: [],
};
/** Files outside the layers that may import them: data, not code. */
const DATA_ROOTS = new Set(["schema", "package.json"]);

const SOURCE_GLOBS = Object.keys(LAYERS)
  .filter((folder) => !DATA_ROOTS.has(folder))
  .map((folder) => `${folder}/**/*.{ts,mts}`);

/** Relative import specifiers of a file: static imports, re-exports and `import()` calls. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
  for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The repository file an import names (`.js` in an import is the `.ts` source). */
function resolveImport(fromFile: string, specifier: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  return target.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts");
}

const topFolder = (file: string) => file.split("/")[0]!;

function readGraph(): Map<string, string[]> {
  const files = globSync(SOURCE_GLOBS, {
    cwd: REPO,
    ignore: ["**/node_modules/**", "**/dist/**"],
  }).sort();
  return new Map(
    files.map((file) => [
      file,
      importsOf(readFileSync(path.join(REPO, file), "utf8")).map((s) => resolveImport(file, s)),
    ]),
  );
}

/**
 * Strongly connected components with more than one file (or a file importing itself): Tarjan's
 * algorithm.
 */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file))
        found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe("the layers of the house", () => {
  const graph = readGraph();

  it("reads the source folders (a sanity check on the globs)", () => {
    const folders = new Set([...graph.keys()].map(topFolder));
    expect([...folders].sort()).toEqual([
      "cli",
      "compiler",
      "core",
      "editors",
      "format",
      "grammar",
      "lsp",
      "report",
      "runtime",
    ]);
  });

  it("has no import that runs up a layer or sideways into a folder it may not use", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = topFolder(file);
      for (const target of targets) {
        const to = topFolder(target);
        if (
          to === from ||
          DATA_ROOTS.has(to) ||
          (to === "package.json" && target === "package.json")
        )
          continue;
        if (!LAYERS[from]!.includes(to)) wrong.push(`${file} -> ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no files that import each other in a circle", () => {
    expect(circles(graph)).toEqual([]);
  });

  it("finds a circle and an upward import when there is one (the checks can fail)", () => {
    const made = new Map([
      ["core/a.ts", ["grammar/b.ts"]],
      ["grammar/b.ts", ["core/a.ts"]],
    ]);
    expect(circles(made)).toEqual([["core/a.ts", "grammar/b.ts"]]);
    expect(LAYERS.core!.includes("grammar")).toBe(false);
    expect(
      importsOf(
        `import x from "./a.js";\nexport { y } from "../b.js";\nconst z = await import("../c.js");`,
      ),
    ).toEqual(["./a.js", "../b.js", "../c.js"]);
  });
});
