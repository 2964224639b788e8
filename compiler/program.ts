// compile(host, entries): load → parse → bind → check → lower, per entry file. Never throws on
// bad input; a bug in a phase becomes an FN9001 diagnostic naming the file.
import * as posix from "node:path/posix";
import { bindFunnel, type SymbolTable } from "./binder.js";
import { checkDeclarations } from "./checker/check.js";
import type { CheckFacts } from "./checker/check-context.js";
import { checkFlow } from "./checker/graph.js";
import {
  compareDiagnostics,
  createDiagnostic,
  phaseOf,
  type Diagnostic,
} from "../core/diagnostics/diagnostic.js";
import type { CompilerHost } from "./host.js";
import { loadFile, loadImports, type FileCache, type LoadedFile } from "./imports.js";
import type { FunnelIR } from "../core/ir/types.js";
import { lowerFunnel } from "./lower.js";
import type { SourceFile } from "../core/source-file.js";
import { spanOf } from "../grammar/ast.js";

export interface FunnelProgram {
  /** Project path of the entry file. */
  entry: string;
  file?: LoadedFile;
  imported: LoadedFile[];
  symbols?: SymbolTable;
  facts?: CheckFacts;
  /** Every diagnostic of this funnel, its imported files included; sorted. */
  diagnostics: Diagnostic[];
  /** The compiled funnel: present when there are no errors and the file has stages. */
  ir?: FunnelIR;
  /** A file with a funnel header but no stages: shared declarations, meant to be imported. */
  declarationsModule: boolean;
}

export interface CompileResult {
  programs: FunnelProgram[];
  /** All diagnostics, each reported once even when several funnels import its file; sorted. */
  diagnostics: Diagnostic[];
  files: FileCache;
}

/**
 * Compiles entry files.
 * @param host reads files (project-relative paths)
 * @param entries project-relative paths of the `.funnel` files to compile
 * @returns one program per entry, and all diagnostics
 */
export function compile(host: CompilerHost, entries: string[]): CompileResult {
  const files: FileCache = new Map();
  // `./a.funnel` and `a.funnel` are one file: normalise, or a self-import would be two files.
  const programs = entries.map((entry) => compileEntry(host, posix.normalize(entry), files));
  return { programs, diagnostics: mergeDiagnostics(programs.map((p) => p.diagnostics)), files };
}

export interface CompileEntryOptions {
  /**
   * Lower to IR when the funnel has no errors (default true). The language server skips it: it
   * needs only diagnostics and symbols.
   */
  lower?: boolean;
  /**
   * Run the flow analyses over the stage graph (default true). The language server runs them
   * later with checkProgramFlow, so errors show while a large funnel's graph is still analysed.
   */
  flow?: boolean;
}

/** Compiles one entry file, sharing parsed files through `cache`. */
export function compileEntry(
  host: CompilerHost,
  entry: string,
  cache: FileCache = new Map(),
  options: CompileEntryOptions = {},
): FunnelProgram {
  const program: FunnelProgram = {
    entry,
    imported: [],
    diagnostics: [],
    declarationsModule: false,
  };
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  try {
    let file: LoadedFile | undefined;
    try {
      file = loadFile(host, entry, cache);
    } catch (error) {
      report(
        createDiagnostic("file-not-readable", {
          format: { path: entry, reason: (error as Error).message },
          file: entry,
          span: { start: 0, end: 0 },
        }),
      );
    }
    if (!file) {
      if (!diagnostics.length)
        report(
          createDiagnostic("file-not-readable", {
            format: { path: entry, reason: "no such file" },
            file: entry,
            span: { start: 0, end: 0 },
          }),
        );
      program.diagnostics = diagnostics;
      return program;
    }
    program.file = file;
    diagnostics.push(...file.diagnostics);
    const graph = loadImports(host, file, cache);
    program.imported = graph.imported;
    diagnostics.push(...graph.diagnostics);
    for (const imported of graph.imported) diagnostics.push(...imported.diagnostics);

    const funnel = file.ast.funnel;
    if (!funnel) {
      program.diagnostics = mergeDiagnostics([diagnostics]);
      return program;
    }
    program.declarationsModule = !funnel.items.some(
      (i) => i.kind === "Stage" || i.kind === "FromAny",
    );
    const { symbols, diagnostics: bindDiagnostics } = bindFunnel(file, graph.imported);
    program.symbols = symbols;
    diagnostics.push(...bindDiagnostics);
    const importLost = graph.diagnostics.some((d) => IMPORT_LOST.has(d.name));
    const facts = checkDeclarations(symbols, report, {
      isDeclaredOutOfSight: outOfSight([file, ...graph.imported], importLost),
    });
    program.facts = facts;
    const sources = sourcesOf(file, graph.imported);
    if (options.flow !== false)
      checkFlow(symbols, facts, sources, report, flowOptions(file, diagnostics));
    // A use may sit in the part of a broken file the parser could not read: no "unused" hints then.
    if (!program.declarationsModule && !file.partial) reportUnused(symbols, report);
    const hasErrors = diagnostics.some((d) => d.severity === "error");
    if (!hasErrors && !program.declarationsModule && options.lower !== false)
      program.ir = lowerFunnel(symbols, sources, importedPaths(program));
  } catch (error) {
    // With syntax errors the AST is partial, and the analyses are best-effort: the syntax errors
    // already explain the problem. Without them, a throw is a bug and is reported as one.
    if (hasSyntaxErrors(diagnostics)) {
      program.diagnostics = mergeDiagnostics([diagnostics]);
      return program;
    }
    report(
      createDiagnostic("internal-error", {
        format: { message: error instanceof Error ? error.message : String(error) },
        file: entry,
        span: { start: 0, end: 0 },
        // Where in the file the compiler failed is unknown: name the file, print no position.
        unlocated: true,
      }),
    );
  }
  program.diagnostics = mergeDiagnostics([diagnostics]);
  return program;
}

function sourcesOf(file: LoadedFile, imported: LoadedFile[]): Map<string, SourceFile> {
  return new Map<string, SourceFile>([file, ...imported].map((f) => [f.source.path, f.source]));
}

/** Import errors after which the file was not read: it may declare any name. */
const IMPORT_LOST = new Set(["import-not-found", "file-not-readable", "import-outside-root"]);

/**
 * Which names may be declared where the checker cannot see them: any name when an import could
 * not be loaded, else the names a broken file declares in the part its parser could not read.
 * @param files the funnel's file and its imported files
 * @param importLost whether an import could not be loaded
 * @returns the test the checker asks before calling a name unknown
 */
function outOfSight(files: LoadedFile[], importLost: boolean): (name: string) => boolean {
  if (importLost) return () => true;
  const lost = files.flatMap((f) => (f.declaredInText ? [f.declaredInText] : []));
  return (name) => lost.some((names) => names.has(name));
}

/** With syntax errors the AST is partial, and a failing analysis is explained by them. */
function hasSyntaxErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => phaseOf(d) === "syntax" && d.severity === "error");
}

function flowOptions(file: LoadedFile, diagnostics: Diagnostic[]) {
  const unknownStages = diagnostics.some((d) => d.name === "unknown-stage");
  return { graphComplete: !file.partial && !unknownStages };
}

/**
 * The flow analyses of a program compiled with `flow: false`: the diagnostics compileEntry
 * would have added, sorted. Never throws (a failure is FN9001 unless syntax errors explain it).
 */
export function checkProgramFlow(program: FunnelProgram): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { file, symbols, facts } = program;
  if (!file || !symbols || !facts) return out;
  try {
    checkFlow(
      symbols,
      facts,
      sourcesOf(file, program.imported),
      (d) => out.push(d),
      flowOptions(file, program.diagnostics),
    );
  } catch (error) {
    if (hasSyntaxErrors(program.diagnostics)) return [];
    out.push(internalError(program, error));
  }
  return mergeDiagnostics([out]);
}

/** FN9001 for a throw in an analysis of the program: where in the file it failed is unknown. */
function internalError(program: FunnelProgram, error: unknown): Diagnostic {
  return createDiagnostic("internal-error", {
    format: { message: error instanceof Error ? error.message : String(error) },
    file: program.entry,
    span: { start: 0, end: 0 },
    unlocated: true,
  });
}

function importedPaths(program: FunnelProgram): string[] {
  return program.imported.map((f) => f.source.path);
}

/**
 * The IR of a program compiled with `lower: false`, as compileEntry would have made it: only
 * when neither its diagnostics nor its flow analyses' hold an error and it has stages.
 * @param program the compiled funnel
 * @param flow its flow analyses' diagnostics (checkProgramFlow)
 * @returns the IR if any, and FN9001 when lowering threw (a bug: the checks found nothing wrong)
 */
export function lowerProgram(
  program: FunnelProgram,
  flow: Diagnostic[],
): { ir?: FunnelIR; diagnostics: Diagnostic[] } {
  if (program.ir) return { ir: program.ir, diagnostics: [] };
  const { file, symbols } = program;
  if (!file || !symbols || program.declarationsModule) return { diagnostics: [] };
  if ([...program.diagnostics, ...flow].some((d) => d.severity === "error"))
    return { diagnostics: [] };
  try {
    const ir = lowerFunnel(symbols, sourcesOf(file, program.imported), importedPaths(program));
    return { ir, diagnostics: [] };
  } catch (error) {
    return { diagnostics: [internalError(program, error)] };
  }
}

/** Hints for fields, events and teams of the entry file that nothing uses (spec §5). */
function reportUnused(symbols: SymbolTable, report: (d: Diagnostic) => void) {
  const tables = [
    ["Field", symbols.fields],
    ["Event", symbols.events],
    ["Team", symbols.teams],
  ] as const;
  for (const [kind, table] of tables) {
    for (const symbol of table.values()) {
      if (symbol.imported || symbol.references.length > 0) continue;
      report(
        createDiagnostic("unused-declaration", {
          format: { kind, name: symbol.name },
          file: symbol.file,
          span: spanOf(symbol.node.name),
        }),
      );
    }
  }
}

/** Sorts and de-duplicates diagnostics (a shared imported file is checked once per funnel). */
export function mergeDiagnostics(lists: Diagnostic[][]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of lists.flat().sort(compareDiagnostics)) {
    const key = `${d.file}\0${d.span.start}\0${d.span.end}\0${d.code}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
