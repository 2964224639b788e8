// The emitter interface every target implements: pure functions from IR to output files.
// Only write.ts touches the disk, so every target is testable and deterministic.
import type { FunnelIR } from "../../core/ir/types.js";

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
}

/** An emitter whose result is ready at once (json, yaml, markdown, mermaid, dot). */
export interface SyncEmitter extends Emitter {
  emit(ir: FunnelIR, options: EmitOptions): OutputFile[];
}
