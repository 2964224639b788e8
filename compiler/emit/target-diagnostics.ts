// Vendor targets' diagnostics placed in the source: `funnel build` shows those of the targets it
// builds, the language server those of every target whose system the funnel maps.
import { createDiagnostic, type Diagnostic, type Span } from "../../core/diagnostics/diagnostic.js";
import type { FunnelIR, SourceLocation } from "../../core/ir/types.js";
import { lineColumnToOffset } from "../../core/source-file.js";
import type { FunnelProgram } from "../program.js";
import type { Emitter, TargetDiagnostic } from "./emitter.js";
import { TARGETS } from "./targets.js";

/**
 * The span of an IR location's first line (a stage's location covers the whole stage; its first
 * line names it), or undefined when the file is not one of the program's.
 */
function spanOfLoc(program: FunnelProgram, loc: SourceLocation): Span | undefined {
  const source = [program.file, ...program.imported].find((f) => f?.source.path === loc.file);
  if (!source) return undefined;
  const start = lineColumnToOffset(source.source, loc);
  const end =
    loc.endLine === loc.line
      ? lineColumnToOffset(source.source, { line: loc.endLine, column: loc.endColumn })
      : lineColumnToOffset(source.source, { line: loc.line + 1, column: 1 }) - 1;
  return { start, end: Math.max(start, end) };
}

/**
 * A target's diagnostic placed in its file, with its related locations.
 * @param program the compiled funnel whose IR the target diagnosed
 * @param found what the target's `diagnose` returned
 * @returns the diagnostic with its span (unlocated when its file is not the program's)
 */
export function placeTargetDiagnostic(program: FunnelProgram, found: TargetDiagnostic): Diagnostic {
  const { diagnostic, loc } = found;
  const span = spanOfLoc(program, loc);
  if (!span) return { ...diagnostic, unlocated: true };
  const related = diagnostic.related?.map((r, i) => {
    const relatedLoc = found.relatedLocs?.[i];
    const relatedSpan = relatedLoc && spanOfLoc(program, relatedLoc);
    return relatedSpan ? { ...r, file: relatedLoc.file, span: relatedSpan } : r;
  });
  return { ...diagnostic, file: loc.file, span, ...(related ? { related } : {}) };
}

/**
 * The registered targets whose system (`mapsSystem`) a stage of the funnel maps, read from its
 * stages' `map` clauses (which the IR carries as written), so a caller can skip lowering when
 * there are none.
 * @param program a compiled funnel (bound)
 * @returns the targets with a `diagnose` hook to run, in registry order
 */
export function vendorTargets(program: FunnelProgram): Emitter[] {
  const mapped = new Set<string>();
  for (const stage of program.symbols?.stageList ?? [])
    for (const item of stage.node.items) if (item.kind === "Map") mapped.add(item.system.name);
  if (!mapped.size) return [];
  return [...TARGETS.values()].filter(
    (e) => e.diagnose && e.mapsSystem !== undefined && mapped.has(e.mapsSystem),
  );
}

/**
 * The diagnostics of every target of vendorTargets, placed in the source: what
 * `funnel build --target <it>` would report, without building.
 * @param program a compiled funnel
 * @param ir its IR (default `program.ir`; the language server lowers on its own schedule)
 * @returns the placed diagnostics; none without an IR or without a `map` of a target's system
 */
export function vendorDiagnostics(
  program: FunnelProgram,
  ir: FunnelIR | undefined = program.ir,
): Diagnostic[] {
  if (!ir) return [];
  const baseName = program.entry.replace(/^.*\//, "").replace(/\.funnel$/, "");
  const out: Diagnostic[] = [];
  for (const emitter of vendorTargets(program)) {
    try {
      const found = emitter.diagnose!(ir, { baseName });
      out.push(...found.map((d) => placeTargetDiagnostic(program, d)));
    } catch (error) {
      // A bug in the target: said once, in its file, instead of failing the caller's pass.
      const message = error instanceof Error ? error.message : String(error);
      out.push(
        createDiagnostic("internal-error", {
          format: { message: `${emitter.target} target: ${message}` },
          file: program.entry,
          span: { start: 0, end: 0 },
          unlocated: true,
        }),
      );
    }
  }
  return out;
}
