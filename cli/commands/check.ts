// `funnel check [paths...]`: compile and report diagnostics; writes nothing.
import type { CliIo } from "../io.js";
import { compileProject, exitCodeFor, printDiagnostics, type DiagnosticOptions } from "./shared.js";

export function runCheck(io: CliIo, paths: string[], options: DiagnosticOptions): number {
  const compiled = compileProject(io, paths);
  const strict = options.strict || compiled.project.config?.config?.strict === true;
  printDiagnostics(io, compiled, options);
  return exitCodeFor(compiled, strict);
}
