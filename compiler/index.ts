// Public API of funnelc: compile funnels, read diagnostics, emit targets.
export { compile, compileEntry, type CompileResult, type FunnelProgram } from "./program.js";
export { createNodeHost, createMemoryHost, type CompilerHost } from "./host.js";
export type { Diagnostic, Span, RelatedLocation } from "../core/diagnostics/diagnostic.js";
export {
  diagnosticRegistry,
  type DiagnosticName,
  type Severity,
} from "../core/diagnostics/registry.js";
export type * from "../core/ir/types.js";
export type { Emitter, OutputFile, EmitOptions } from "./emit/emitter.js";
export { TARGETS } from "./emit/targets.js";
export { parseFile } from "../grammar/parse.js";
export { COMPILER_VERSION } from "./version.js";
