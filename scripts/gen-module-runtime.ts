// npm run gen:module-runtime: copies the runtime that the `ts` target's modules carry (time,
// input values, comparisons, "did you mean", the path log, the API types) from the sources the
// engine runs into compiler/emit/typescript/module-runtime.generated.ts, so that both share one
// implementation. test/emit-ts/module-runtime.test.ts renders it again and fails when it is stale.
//
// The sources are prettier-formatted, so a top-level declaration starts at column 0, with its
// JSDoc, and ends before the next column-0 line that is not a closing bracket. Each declaration
// is stored without `export`, with the declarations it names (found by identifier).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as prettier from "prettier";
import { API_TYPES, RUNTIME_CODE } from "../compiler/emit/typescript/runtime-roots.js";

/** The files the module runtime comes from, in an order in which each may use the ones before. */
export const RUNTIME_SOURCES = [
  "core/time.ts",
  "core/values.ts",
  "core/compare.ts",
  "core/suggest.ts",
  "runtime/path-log.ts",
  "runtime/reject-messages.ts",
  "core/ir/types.ts",
  "runtime/api-types.ts",
] as const;

/** What the emitter may ask for; the table holds these and everything they use. */
export const RUNTIME_ROOTS: readonly string[] = [...RUNTIME_CODE, ...API_TYPES];

/** Where the table is written, from the repository's root. */
export const RUNTIME_TABLE = "compiler/emit/typescript/module-runtime.generated.ts";

/** One top-level declaration of a source file. */
interface Declaration {
  name: string;
  file: string;
  /** Its text with its JSDoc, without `export`. */
  lines: string[];
  /** Every identifier it names, property names excepted. */
  names: Set<string>;
}

/** A source file split into its declarations, and the names it imports. */
interface SplitFile {
  declarations: Declaration[];
  imported: Set<string>;
}

/** The start of a declaration, with its name. */
const DECLARATION =
  /^(?:export\s+)?(?:declare\s+|async\s+)?(?:const|let|function|class|type|interface)\s+([\w$]+)/;

/**
 * Splits a prettier-formatted source file into its top-level declarations. A comment followed by
 * a blank line (the file's header, a section note) belongs to no declaration and is dropped.
 * @param file the file's path, for messages
 * @param text its contents
 * @returns its declarations in order, and the names its imports bring in
 */
export function splitDeclarations(file: string, text: string): SplitFile {
  const chunks: string[][] = [];
  let current: string[] | undefined;
  let commentOnly = false;
  for (const line of text.split("\n")) {
    const topLevel = line !== "" && !/^[\s})\]>`]/.test(line);
    if (topLevel && !(current && commentOnly)) {
      current = [];
      chunks.push(current);
      commentOnly = true;
    } else if (line === "" && commentOnly) {
      current = undefined;
      continue;
    }
    if (!current) continue;
    current.push(line);
    if (topLevel && !/^\/[/*]/.test(line)) commentOnly = false;
  }
  const declarations: Declaration[] = [];
  const imported = new Set<string>();
  for (const chunk of chunks) {
    while (chunk.at(-1) === "") chunk.pop();
    const start = chunk.findIndex((line) => !/^(\/[/*]| \*)/.test(line));
    if (start < 0) continue;
    if (chunk[start]!.startsWith("import ")) {
      for (const name of importedNames(chunk.join("\n"))) imported.add(name);
      continue;
    }
    const name = DECLARATION.exec(chunk[start]!)?.[1];
    if (name === undefined)
      throw new Error(`${file}: unsupported top-level statement: ${chunk[start]}`);
    const lines = [...chunk];
    lines[start] = lines[start]!.replace(/^export\s+/, "");
    declarations.push({ name, file, lines, names: identifiersIn(lines.join("\n")) });
  }
  return { declarations, imported };
}

/** The local names an import statement binds. */
function importedNames(statement: string): string[] {
  const braces = /\{([^}]*)\}/.exec(statement);
  if (!braces) throw new Error(`unsupported import: ${statement}`);
  return braces[1]!
    .split(",")
    .map((part) => part.trim().replace(/^type\s+/, ""))
    .filter((part) => part !== "")
    .map((part) => part.split(/\s+as\s+/).at(-1)!);
}

/** A punctuator or keyword after which `/` starts a regular expression, not a division. */
const BEFORE_REGEX = /^(?:[(,=:[!&|?{};+\-*%<>~^]|return|typeof|case|in|of)$/;

/**
 * The identifiers a piece of code names: comments, strings and regular expressions skipped
 * (template literals' `${…}` read), property names after `.` left out.
 * @param source TypeScript code
 * @returns the identifiers, keywords included
 */
export function identifiersIn(source: string): Set<string> {
  const found = new Set<string>();
  /** For each open `${`, the brace depth at which it closes. */
  const templates: number[] = [];
  let depth = 0;
  let previous = "";
  let i = 0;
  const skipTemplateText = () => {
    while (i < source.length && source[i] !== "`") {
      if (source[i] === "\\") i += 2;
      else if (source.startsWith("${", i)) {
        templates.push(depth++);
        i += 2;
        previous = "{";
        return;
      } else i++;
    }
    i++;
    previous = "`";
  };
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) i++;
    else if (source.startsWith("//", i)) i = lineEnd(source, i);
    else if (source.startsWith("/*", i)) i = source.indexOf("*/", i + 2) + 2;
    else if (c === '"' || c === "'") {
      i = quotedEnd(source, i, c);
      previous = c;
    } else if (c === "`") {
      i++;
      skipTemplateText();
    } else if (c === "/" && (previous === "" || BEFORE_REGEX.test(previous))) {
      i = regexEnd(source, i);
      previous = "/x/";
    } else if (/\d/.test(c)) {
      i += /^[\w.]+/.exec(source.slice(i))![0].length;
      previous = "0";
    } else if (/[A-Za-z_$]/.test(c)) {
      const word = /^[A-Za-z_$][\w$]*/.exec(source.slice(i))![0];
      if (previous !== ".") found.add(word);
      i += word.length;
      previous = word;
    } else {
      if (c === "{") depth++;
      else if (c === "}") {
        depth--;
        if (templates.at(-1) === depth) {
          templates.pop();
          i++;
          skipTemplateText();
          continue;
        }
      }
      i++;
      previous = c;
    }
  }
  return found;
}

const lineEnd = (source: string, from: number) => {
  const end = source.indexOf("\n", from);
  return end < 0 ? source.length : end;
};

function quotedEnd(source: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === "\\" ? 2 : 1;
  return i + 1;
}

function regexEnd(source: string, from: number): number {
  let i = from + 1;
  let inClass = false;
  while (i < source.length && (inClass || source[i] !== "/")) {
    if (source[i] === "\\") i++;
    else if (source[i] === "[") inClass = true;
    else if (source[i] === "]") inClass = false;
    i++;
  }
  i++;
  while (/[a-z]/.test(source[i] ?? "")) i++;
  return i;
}

/**
 * The declarations reachable from RUNTIME_ROOTS, in source order, each with the declarations it
 * uses. A name a declaration imports must be declared in one of the sources.
 * @param readSource reads a repository file
 * @returns name → file, uses and lines
 */
export function collectRuntime(
  readSource: (file: string) => string,
): Map<string, { file: string; uses: string[]; lines: string[] }> {
  const all = new Map<string, Declaration>();
  const importsOf = new Map<string, Set<string>>();
  for (const file of RUNTIME_SOURCES) {
    const split = splitDeclarations(file, readSource(file));
    importsOf.set(file, split.imported);
    for (const declaration of split.declarations) {
      const earlier = all.get(declaration.name);
      if (earlier)
        throw new Error(`${declaration.name} is declared in ${earlier.file} and in ${file}`);
      all.set(declaration.name, declaration);
    }
  }
  const usesOf = (declaration: Declaration) =>
    [...all.keys()].filter((other) => other !== declaration.name && declaration.names.has(other));
  const reached = new Set<string>();
  const reach = (name: string, from: string) => {
    const declaration = all.get(name);
    if (!declaration) throw new Error(`${from} names ${name}, which no runtime source declares`);
    if (reached.has(name)) return;
    reached.add(name);
    for (const imported of importsOf.get(declaration.file)!)
      if (declaration.names.has(imported)) reach(imported, name);
    for (const used of usesOf(declaration)) reach(used, name);
  };
  for (const root of RUNTIME_ROOTS) reach(root, "RUNTIME_ROOTS");
  const table = new Map<string, { file: string; uses: string[]; lines: string[] }>();
  for (const [name, declaration] of all) {
    if (!reached.has(name)) continue;
    table.set(name, {
      file: declaration.file,
      uses: usesOf(declaration),
      lines: declaration.lines,
    });
  }
  return table;
}

/**
 * The text of module-runtime.generated.ts, prettier-formatted with the repository's settings.
 * @param root the repository's root folder
 * @returns the file's contents
 */
export async function renderModuleRuntime(root: string): Promise<string> {
  const table = collectRuntime((file) => readFileSync(path.join(root, file), "utf8"));
  const names = [...table.keys()];
  const entries = [...table].map(([name, { file, uses, lines }]) => {
    const fields = [file, uses, lines].map((value) => JSON.stringify(value));
    return `${name}: { file: ${fields[0]}, uses: ${fields[1]}, lines: ${fields[2]} },`;
  });
  const text = [
    "// Generated by `npm run gen:module-runtime` (scripts/gen-module-runtime.ts): do not edit.",
    "// The declarations of funnelc's runtime sources that the `ts` target's modules carry, in",
    "// source order: each with its file, the declarations it uses and its lines (no `export`).",
    "",
    "/** A declaration of the runtime that a generated module may carry. */",
    "export type RuntimeName =",
    names.map((name) => `  | ${JSON.stringify(name)}`).join("\n") + ";",
    "",
    "/** One declaration: where it comes from, what it uses, its code. */",
    "export interface RuntimeDeclaration {",
    "  readonly file: string;",
    "  readonly uses: readonly RuntimeName[];",
    "  readonly lines: readonly string[];",
    "}",
    "",
    "export const MODULE_RUNTIME: Readonly<Record<RuntimeName, RuntimeDeclaration>> = {",
    ...entries,
    "};",
    "",
  ].join("\n");
  const target = path.join(root, RUNTIME_TABLE);
  const options = (await prettier.resolveConfig(target)) ?? {};
  return prettier.format(text, { ...options, filepath: target });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  writeFileSync(path.join(root, RUNTIME_TABLE), await renderModuleRuntime(root));
  console.log(`wrote ${RUNTIME_TABLE}`);
}
