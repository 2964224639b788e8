// The server's one shared program per workspace: open buffers over the disk, a parse cache that
// outlives compilations (a file is re-parsed only when its text changes), one compiled funnel per
// .funnel file, and the import graph that says which funnels an edit touches.
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { globSync } from "tinyglobby";
import type { Diagnostic, Span } from "../core/diagnostics/diagnostic.js";
import { createNodeHost, toProjectPath, type CompilerHost } from "../compiler/host.js";
import type { FileCache, LoadedFile } from "../compiler/imports.js";
import {
  checkProgramFlow,
  compileEntry,
  lowerProgram,
  mergeDiagnostics,
  type FunnelProgram,
} from "../compiler/program.js";
import { vendorDiagnostics, vendorTargets } from "../compiler/emit/target-diagnostics.js";
import { lineStarts, offsetToLineColumn, type SourceFile } from "../core/source-file.js";
import { buildOccurrences, type OccurrenceIndex } from "./occurrences.js";

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Workspaces with more .funnel files than this are indexed only as files are opened. */
const MAX_SCANNED_FILES = 5_000;
const SCAN_IGNORE = ["**/node_modules/**", "**/.git/**", "**/dist/**", "**/out/**"];

interface Compiled {
  program: FunnelProgram;
  index?: OccurrenceIndex;
  /** The flow analyses' and the vendor targets' diagnostics for this program, once run. */
  flow?: Diagnostic[];
  /**
   * Until they run again: the last flow diagnostics, moved along with the edits since (those the
   * edits touched are dropped), so warnings do not flicker off and on while typing.
   */
  carried?: Diagnostic[];
}

/** One text edit in offsets of the text before it: [start, end) replaced by `length` characters. */
export interface TextChange {
  start: number;
  end: number;
  length: number;
}

export interface OpenDocument {
  uri: string;
  version: number;
  text: string;
}

export class Workspace {
  readonly root: string;
  readonly host: CompilerHost;
  private readonly disk: CompilerHost;
  /** Open buffers by project path; they win over the disk. */
  private readonly open = new Map<string, OpenDocument>();
  /** Parsed files, kept across compilations; undefined = the file does not exist. */
  private readonly cache: FileCache = new Map();
  /** Project paths of the .funnel files found on disk. */
  private readonly known = new Set<string>();
  private readonly compiled = new Map<string, Compiled>();
  /** Entries whose program is out of date. */
  private readonly stale = new Set<string>();
  /** Counts compilations (for tests and the benchmark's profile). */
  compilations = 0;
  /** Recent durations (ms) of compilations and of flow analyses, newest last (bounded). */
  private readonly timings = {
    compile: [] as number[],
    flow: [] as number[],
    compileCpu: [] as number[],
    flowCpu: [] as number[],
  };

  private record(kind: "compile" | "flow" | "compileCpu" | "flowCpu", ms: number) {
    const list = this.timings[kind];
    list.push(Math.round(ms * 10) / 10);
    if (list.length > 200) list.shift();
  }

  constructor(root: string | undefined) {
    this.root = path.resolve(root ?? path.parse(process.cwd()).root);
    this.disk = createNodeHost(this.root);
    this.host = {
      root: this.root,
      readFile: (file) => {
        const doc = this.open.get(file);
        // An open buffer is analysed as the editor holds it, a BOM included (the lexer skips it as
        // blank), so positions are the editor's columns.
        return doc ? doc.text : this.disk.readFile(file);
      },
    };
  }

  /** Finds the workspace's .funnel files, so references and renames reach files not open. */
  scan(): number {
    if (this.root === path.parse(this.root).root) return 0;
    let files: string[] = [];
    try {
      files = globSync("**/*.funnel", { cwd: this.root, ignore: SCAN_IGNORE, absolute: true });
    } catch {
      return 0;
    }
    for (const file of files.slice(0, MAX_SCANNED_FILES))
      this.addKnown(toProjectPath(this.root, file));
    return files.length;
  }

  private addKnown(file: string) {
    if (this.known.has(file)) return;
    this.known.add(file);
    this.stale.add(file);
  }

  // ---------------------------------------------------------------- paths and positions
  pathOf(uri: string): string {
    if (uri.startsWith("file:")) {
      try {
        return toProjectPath(this.root, fileURLToPath(uri));
      } catch {
        // fall through: a malformed file URI is kept as an opaque name
      }
    }
    return "untitled:/" + encodeURIComponent(uri);
  }

  uriOf(file: string): string {
    const doc = this.open.get(file);
    if (doc) return doc.uri;
    if (file.startsWith("untitled:/")) return decodeURIComponent(file.slice("untitled:/".length));
    return pathToFileURL(path.resolve(this.root, file)).href;
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  openDocuments(): string[] {
    return [...this.open.keys()];
  }

  document(file: string): OpenDocument | undefined {
    return this.open.get(file);
  }

  /** The source the compiler saw for a file (its current text once its program is fresh). */
  source(file: string): SourceFile | undefined {
    const loaded = this.cache.get(file);
    if (loaded) return loaded.source;
    const text = this.safeRead(file);
    return text === undefined ? undefined : { path: file, text };
  }

  loaded(file: string): LoadedFile | undefined {
    return this.cache.get(file);
  }

  private safeRead(file: string): string | undefined {
    try {
      return this.host.readFile(file);
    } catch {
      return undefined;
    }
  }

  rangeOf(file: string, span: Span): Range {
    const source = this.source(file);
    if (!source) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: positionAt(source, span.start), end: positionAt(source, span.end) };
  }

  offsetOf(file: string, position: Position): number {
    const source = this.source(file);
    return source ? offsetAt(source, position) : 0;
  }

  // ---------------------------------------------------------------- documents
  openDocument(uri: string, version: number, text: string): string {
    const file = this.pathOf(uri);
    this.open.set(file, { uri, version, text });
    this.changed(file);
    return file;
  }

  /**
   * @param changes the edits in order, when known (incremental sync); without them the text is
   * taken as new and no old flow diagnostic of the file is carried over
   */
  changeDocument(uri: string, version: number, text: string, changes?: TextChange[]): string {
    const file = this.pathOf(uri);
    const doc = this.open.get(file);
    if (doc) {
      doc.version = version;
      doc.text = text;
    } else this.open.set(file, { uri, version, text });
    this.changed(file, changes);
    return file;
  }

  closeDocument(uri: string): string {
    const file = this.pathOf(uri);
    this.open.delete(file);
    this.changed(file);
    if (!this.known.has(file)) {
      // Not a workspace file: forget it entirely, so a long session does not accumulate closed
      // buffers.
      this.compiled.delete(file);
      this.stale.delete(file);
      this.cache.delete(file);
    }
    return file;
  }

  /** A file changed on disk, was created or was deleted (workspace/didChangeWatchedFiles). */
  fileChangedOnDisk(uri: string, deleted: boolean): string {
    const file = this.pathOf(uri);
    if (deleted) {
      this.known.delete(file);
      if (!this.open.has(file)) {
        this.compiled.delete(file);
        this.stale.delete(file);
      }
    } else if (file.endsWith(".funnel") && !file.startsWith("..")) this.addKnown(file);
    if (!this.open.has(file)) this.changed(file);
    // A created or deleted file can fix or break any import: recheck everything.
    for (const entry of this.compiled.keys()) this.stale.add(entry);
    return file;
  }

  /** Marks a file's text as changed: it is re-parsed, and every funnel that reads it rechecked. */
  private changed(file: string, changes?: TextChange[]) {
    // Re-parsed in full: the parser's fast path reads a 2,000-stage file in about 20 ms, as fast
    // as re-parsing only the edited declarations and moving the rest (measured; see docs/lsp.md).
    this.cache.delete(file);
    if (this.open.has(file) || this.known.has(file)) this.stale.add(file);
    for (const [entry, compiled] of this.compiled) {
      const { program } = compiled;
      const reads = entry === file || program.imported.some((f) => f.source.path === file);
      if (reads || program.file?.imports.some((i) => i.resolved === undefined)) {
        this.stale.add(entry);
        compiled.carried = carryOver(compiled.flow ?? compiled.carried ?? [], file, changes);
        compiled.flow = undefined;
      }
    }
  }

  // ---------------------------------------------------------------- programs
  /** Entries a diagnostics pass should bring up to date: the open documents that are stale. */
  staleOpenDocuments(): string[] {
    return [...this.open.keys()].filter((file) => this.stale.has(file) || !this.compiled.has(file));
  }

  /** The up-to-date program of a file (compiled now when stale). */
  program(file: string): FunnelProgram {
    let entry = this.compiled.get(file);
    if (!entry || this.stale.has(file)) {
      // Files that were missing may exist now; forget that they were missing.
      for (const [cached, loaded] of this.cache)
        if (loaded === undefined) this.cache.delete(cached);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const program = compileEntry(this.host, file, this.cache, { lower: false, flow: false });
      this.record("compile", performance.now() - started);
      this.record("compileCpu", cpuMs(cpu));
      this.compilations++;
      const previous = this.compiled.get(file);
      entry = { program, carried: previous?.flow ?? previous?.carried };
      this.stale.delete(file);
      if (this.open.has(file) || this.known.has(file)) this.compiled.set(file, entry);
    }
    return entry.program;
  }

  /** Runs the flow analyses of a file's program, if they have not run since it was compiled. */
  runFlow(file: string): void {
    this.program(file);
    const entry = this.compiled.get(file);
    if (entry && !entry.flow) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      entry.flow = laterDiagnostics(entry.program);
      this.record("flow", performance.now() - started);
      this.record("flowCpu", cpuMs(cpu));
      entry.carried = undefined;
    }
  }

  /** Open documents whose flow analyses have not run on their current program. */
  flowPending(): string[] {
    return [...this.open.keys()].filter(
      (file) => this.stale.has(file) || !this.compiled.get(file)?.flow,
    );
  }

  /**
   * A program's diagnostics: its own, and the flow analyses' (or, until they have run, the
   * last ones carried over the edits since).
   */
  diagnostics(file: string): Diagnostic[] {
    const program = this.program(file);
    const entry = this.compiled.get(file);
    const flow = entry ? (entry.flow ?? entry.carried ?? []) : laterDiagnostics(program);
    return flow.length ? mergeDiagnostics([program.diagnostics, flow]) : program.diagnostics;
  }

  /** The occurrence index of a file's program. */
  index(file: string): OccurrenceIndex {
    const program = this.program(file);
    const entry = this.compiled.get(file);
    if (!entry) return buildOccurrences(program);
    entry.index ??= buildOccurrences(program);
    return entry.index;
  }

  /**
   * Every workspace and open file, each compiled. Yields to the event loop between files, so a
   * cancellation or a new edit can arrive; undefined when `shouldStop` says to give up.
   */
  async allFiles(shouldStop: () => boolean = () => false): Promise<string[] | undefined> {
    const files = [...new Set([...this.known, ...this.open.keys()])].sort();
    for (const file of files) {
      if (shouldStop()) return undefined;
      if (this.stale.has(file) || !this.compiled.has(file)) {
        this.program(file);
        await yieldToEventLoop();
      }
    }
    return shouldStop() ? undefined : files;
  }

  /** Sizes of what the workspace holds, for the `funnel/stats` request (leak checks). */
  stats() {
    return {
      openDocuments: this.open.size,
      cachedFiles: this.cache.size,
      programs: this.compiled.size,
      knownFiles: this.known.size,
      compilations: this.compilations,
      recentCompileMs: [...this.timings.compile],
      recentFlowMs: [...this.timings.flow],
      recentCompileCpuMs: [...this.timings.compileCpu],
      recentFlowCpuMs: [...this.timings.flowCpu],
    };
  }

  /** Whether a file exists: open, or readable on disk. */
  exists(file: string): boolean {
    return this.open.has(file) || this.safeRead(file) !== undefined;
  }
}

/**
 * What the second, slower pass adds to a program's diagnostics: the flow analyses', and then, when
 * the funnel has no error, those of the vendor targets whose system it maps (a Salesforce value
 * too long, two stages on one HubSpot label), as `funnel build --target …` would report them.
 */
function laterDiagnostics(program: FunnelProgram): Diagnostic[] {
  const flow = checkProgramFlow(program);
  // Lowering costs about half the flow analyses on a large funnel: only for a vendor's map.
  if (!vendorTargets(program).length) return flow;
  const lowered = lowerProgram(program, flow);
  if (!lowered.ir) return mergeDiagnostics([flow, lowered.diagnostics]);
  return mergeDiagnostics([flow, vendorDiagnostics(program, lowered.ir)]);
}

/** Moves diagnostics in `file` along with edits; those an edit touches are dropped. */
function carryOver(
  diagnostics: Diagnostic[],
  file: string,
  changes: TextChange[] | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.file !== file) {
      out.push(d);
      continue;
    }
    if (!changes) continue;
    let span: Span | undefined = d.span;
    let related = d.related;
    for (const change of changes) {
      span = moveSpan(span, change);
      if (!span) break;
      related = related?.map((r) =>
        r.file === file
          ? {
              ...r,
              span: moveSpan(r.span, change) ?? {
                start: change.start,
                end: change.start + change.length,
              },
            }
          : r,
      );
    }
    if (span) out.push({ ...d, span, ...(related ? { related } : {}) });
  }
  return out;
}

function moveSpan(span: Span, change: TextChange): Span | undefined {
  if (span.end < change.start) return span;
  if (span.start > change.end) {
    const delta = change.length - (change.end - change.start);
    return { start: span.start + delta, end: span.end + delta };
  }
  return undefined;
}

/** CPU milliseconds of this process since `since` (all threads: GC helpers count). */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * LSP position (0-based) of an offset, clamped into the file: the compiler's line/column, shifted.
 */
export function positionAt(source: SourceFile, offset: number): Position {
  const { line, column } = offsetToLineColumn(source, offset);
  return { line: line - 1, character: column - 1 };
}

/** Offset of an LSP position; lines and characters past the end are clamped to it. */
export function offsetAt(source: SourceFile, position: Position): number {
  const starts = lineStarts(source);
  const line = Math.max(0, Math.floor(Number(position?.line) || 0));
  if (line >= starts.length) return source.text.length;
  const lineStart = starts[line];
  const next = line + 1 < starts.length ? starts[line + 1] : source.text.length;
  let lineEnd = next;
  // The end of the line is before its break.
  while (
    lineEnd > lineStart &&
    (source.text.charCodeAt(lineEnd - 1) === 10 || source.text.charCodeAt(lineEnd - 1) === 13)
  )
    lineEnd--;
  const character = Math.max(0, Math.floor(Number(position?.character) || 0));
  return Math.min(lineStart + character, lineEnd);
}
