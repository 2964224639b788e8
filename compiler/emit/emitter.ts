// The emitter interface every target implements: pure functions from IR to output files.
// Only write.ts touches the disk, so every target is testable and deterministic.
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
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
   * What the target's system cannot hold (too long, two stages to one value) and what it decided
   * for the user (derived values): `funnel build` reports these before emitting, and emits
   * nothing of a funnel with an error among them. Pure, like `emit`.
   */
  diagnose?(ir: FunnelIR, options: EmitOptions): TargetDiagnostic[];
}

/**
 * A diagnostic of a target, at a place in the IR: the caller turns `loc` into the diagnostic's
 * file and span (the IR has lines and columns, diagnostics offsets).
 */
export interface TargetDiagnostic {
  /** Made by createDiagnostic; its file and span are replaced from `loc`. */
  diagnostic: Diagnostic;
  loc: SourceLocation;
  /** The places of the diagnostic's related locations, in their order. */
  relatedLocs?: SourceLocation[];
}

/** An emitter whose result is ready at once (json, yaml, markdown, mermaid, dot). */
export interface SyncEmitter extends Emitter {
  emit(ir: FunnelIR, options: EmitOptions): OutputFile[];
}
