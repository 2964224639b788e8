// The emitter interface every target implements: pure functions from IR to output files.
// Only write.ts touches the disk, so every target is testable and deterministic.
import {
  createDiagnostic,
  type Diagnostic,
  type MessageId,
  type ReportOptions,
} from "../../core/diagnostics/diagnostic.js";
import type { DiagnosticName } from "../../core/diagnostics/registry.js";
import type { FunnelIR, SourceLocation } from "../../core/ir/types.js";

export interface OutputFile {
  /** Path relative to the output directory, `/` separators. */
  path: string;
  contents: string;
}

export interface EmitOptions {
  /** Output file name without extension (usually the source file's base name). */
  baseName: string;
  /**
   * Per-target options from funnel.config.yaml (`targets: { markdown: { … } }`), with the CLI's
   * `--lang` merged over them as `lang` (read by markdown, html, mermaid, dot and svg).
   */
  targetOptions?: Record<string, unknown>;
}

export interface Emitter {
  /** Name used by `--target` and in funnel.config.yaml. */
  readonly target: string;
  /** One line for `--help` and docs. */
  readonly description: string;
  /**
   * Emits the files of one funnel. Asynchronous targets (svg and html, which lay the graph out with
   * Graphviz compiled to WebAssembly) return a promise; callers always `await` the result.
   */
  emit(ir: FunnelIR, options: EmitOptions): OutputFile[] | Promise<OutputFile[]>;
  /**
   * What the target's system cannot hold (limits, labels) and what it filled in, found before
   * emitting. `funnel build` prints them and emits nothing for a target with an error among them.
   */
  diagnose?(ir: FunnelIR, options: EmitOptions): TargetDiagnostic[];
  /**
   * The `map` system whose values this target writes: the language server shows the target's
   * `diagnose` results for every funnel with a `map` of that system, built or not.
   */
  readonly mapsSystem?: "hubspot" | "salesforce";
}

/** A diagnostic a target reports at build time, placed by the IR's location of its cause. */
export interface TargetDiagnostic {
  /** Its span is empty: placeTargetDiagnostic sets it from `loc` with the source text. */
  diagnostic: Diagnostic;
  loc: SourceLocation;
  /** The places of the diagnostic's related locations, in their order. */
  relatedLocs?: SourceLocation[];
}

/**
 * Makes a target's diagnostic from its registry entry.
 * @param name registry name of the diagnostic
 * @param loc where its cause was written (a stage, a map, the funnel header)
 * @param options message variant and parameters
 */
export function targetDiagnostic<N extends DiagnosticName, M extends MessageId<N> = "default">(
  name: N,
  loc: SourceLocation,
  options: Omit<ReportOptions<N, M>, "file" | "span">,
): TargetDiagnostic {
  const report = { ...options, file: loc.file, span: { start: 0, end: 0 } } as ReportOptions<N, M>;
  return { diagnostic: createDiagnostic(name, report), loc };
}

/** An emitter whose result is ready at once (json, yaml, markdown, mermaid, dot). */
export interface SyncEmitter extends Emitter {
  emit(ir: FunnelIR, options: EmitOptions): OutputFile[];
}
