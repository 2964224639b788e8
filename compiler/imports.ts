// Loads an entry file and everything it imports: resolves paths, keeps them inside the project
// root, and reports missing files and import cycles (with the chain).
import * as posix from "node:path/posix";
import { parseFile } from "../grammar/parse.js";
import type { Comment, FileNode, ImportNode } from "../grammar/ast.js";
import { createDiagnostic, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import type { CompilerHost } from "./host.js";
import type { SourceFile } from "../core/source-file.js";
import { spanOf } from "../grammar/ast.js";

export interface LoadedFile {
  source: SourceFile;
  ast: FileNode;
  comments: Comment[];
  /** Syntax diagnostics of this file. */
  diagnostics: Diagnostic[];
  /** Whether the AST lacks part of the file (syntax errors: see ParseResult.partial). */
  partial: boolean;
  /** In a partial file: names its text declares (see ParseResult.declaredInText). */
  declaredInText?: Set<string>;
  /** Each import with the project path it resolved to (undefined when it could not be loaded). */
  imports: { node: ImportNode; resolved?: string }[];
}

/** Parsed files shared by every program of one compilation: each file is parsed once. */
export type FileCache = Map<string, LoadedFile | undefined>;

/** Reads and parses a file once per compilation. Undefined when it does not exist. */
export function loadFile(
  host: CompilerHost,
  path: string,
  cache: FileCache,
): LoadedFile | undefined {
  if (cache.has(path)) return cache.get(path);
  const text = host.readFile(path);
  if (text === undefined) {
    cache.set(path, undefined);
    return undefined;
  }
  const parsed = parseFile(text, path);
  const loaded: LoadedFile = {
    source: { path, text },
    ast: parsed.ast,
    comments: parsed.comments,
    diagnostics: parsed.diagnostics,
    partial: parsed.partial,
    declaredInText: parsed.declaredInText,
    imports: parsed.ast.imports.map((node) => ({ node })),
  };
  cache.set(path, loaded);
  return loaded;
}

/** Resolves an import specifier against the importing file; adds `.funnel` when it is left out. */
export function resolveImportPath(importer: string, specifier: string): string {
  const joined = posix.normalize(posix.join(posix.dirname(importer), specifier));
  return posix.extname(joined) === "" ? joined + ".funnel" : joined;
}

export interface ImportGraph {
  /** Imported files in dependency order (a file after everything it imports), entry excluded. */
  imported: LoadedFile[];
  diagnostics: Diagnostic[];
}

/**
 * Follows the imports of an entry file, depth first.
 * @param host reads files
 * @param entry the entry file, already loaded
 * @param cache parsed files of this compilation
 */
export function loadImports(host: CompilerHost, entry: LoadedFile, cache: FileCache): ImportGraph {
  const imported: LoadedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const done = new Set<string>([entry.source.path]);
  const stack: string[] = [entry.source.path];

  const visit = (file: LoadedFile) => {
    for (const entryImport of file.imports) {
      const { node } = entryImport;
      const spec = node.path.value;
      const target = resolveImportPath(file.source.path, spec);
      const span = spanOf(node.path);
      if (posix.isAbsolute(spec) || target === ".." || target.startsWith("../")) {
        diagnostics.push(
          createDiagnostic("import-outside-root", {
            format: { path: JSON.stringify(spec) },
            file: file.source.path,
            span,
          }),
        );
        continue;
      }
      const cycleStart = stack.indexOf(target);
      if (cycleStart >= 0) {
        const chain = [...stack.slice(cycleStart), target].join(" → ");
        diagnostics.push(
          createDiagnostic("import-cycle", { format: { chain }, file: file.source.path, span }),
        );
        continue;
      }
      if (done.has(target)) {
        entryImport.resolved = target;
        continue;
      }
      let loaded: LoadedFile | undefined;
      try {
        loaded = loadFile(host, target, cache);
      } catch (error) {
        diagnostics.push(
          createDiagnostic("file-not-readable", {
            format: { path: target, reason: (error as Error).message },
            file: file.source.path,
            span,
          }),
        );
        continue;
      }
      if (!loaded) {
        diagnostics.push(
          createDiagnostic("import-not-found", {
            format: { path: JSON.stringify(spec) },
            file: file.source.path,
            span,
          }),
        );
        continue;
      }
      entryImport.resolved = target;
      done.add(target);
      stack.push(target);
      visit(loaded);
      stack.pop();
      const funnel = loaded.ast.funnel;
      if (funnel?.items.some((item) => item.kind === "Stage" || item.kind === "FromAny")) {
        diagnostics.push(
          createDiagnostic("import-has-stages", {
            format: { path: JSON.stringify(spec) },
            file: file.source.path,
            span,
          }),
        );
      }
      imported.push(loaded);
    }
  };
  visit(entry);
  return { imported, diagnostics };
}
