// The `svg` target: the DOT graph of dot.ts laid out and drawn in-process by Graphviz compiled to
// WebAssembly (@viz-js/viz), so no `dot` binary is needed. Graphviz escapes every text it writes.
import type { Viz } from "@viz-js/viz";
import type { FunnelIR } from "../../core/ir/types.js";
import { renderDot } from "./dot.js";
import { describeFunnel, readDocOptions } from "./doc-model.js";
import type { Emitter } from "./emitter.js";

/**
 * The most stages the svg and html targets draw. Graphviz's layout grows much faster than the
 * graph: on a 2-core machine a generated funnel (bench/generate.mjs) of 200 stages takes 15 s,
 * 250 stages a minute, and from about 1,000 its recursive layout overflows the stack. Past this
 * limit the targets say so (FN5009) instead of hanging or crashing; dot and mermaid still work.
 */
export const MAX_DRAWN_STAGES = 200;

/** A funnel with more stages than MAX_DRAWN_STAGES, given to a target that draws it. */
export class DiagramTooLargeError extends Error {
  constructor(
    readonly stages: number,
    readonly limit: number,
  ) {
    super(`too large to draw: ${stages} stages; the limit is ${limit}`);
  }
}

/** Throws DiagramTooLargeError when Graphviz could not draw the funnel in reasonable time. */
export function checkDrawable(ir: FunnelIR): void {
  if (ir.stages.length > MAX_DRAWN_STAGES)
    throw new DiagramTooLargeError(ir.stages.length, MAX_DRAWN_STAGES);
}

// One Graphviz instance per process: creating it compiles the WebAssembly module (~100 ms), and
// rendering keeps no state between graphs, so the output does not depend on what ran before.
let vizInstance: Promise<Viz> | undefined;

/**
 * Lays out and draws a DOT graph as SVG.
 * @param dot a graph in DOT syntax (from dot.ts)
 * @returns the SVG document Graphviz writes (XML prolog, doctype and comments included)
 * @throws Error when Graphviz rejects the graph: dot.ts writes valid DOT, so this is a bug
 */
export async function renderSvg(dot: string): Promise<string> {
  // Imported on first use: the module holds Graphviz's WebAssembly, which other commands and
  // targets never need, and evaluating it would slow every `funnel` start-up.
  vizInstance ??= import("@viz-js/viz").then((viz) => viz.instance());
  let viz: Viz;
  try {
    viz = await vizInstance;
  } catch (error) {
    vizInstance = undefined;
    throw error;
  }
  const result = viz.render(dot, { format: "svg" });
  if (result.status !== "success") {
    const messages = result.errors.filter((e) => e.level !== "warning").map((e) => e.message);
    throw new Error(
      `Graphviz could not draw the diagram: ${messages.join("; ") || "unknown error"}`,
    );
  }
  return result.output;
}

export const svgEmitter: Emitter = {
  target: "svg",
  description:
    "the stage graph drawn as SVG by Graphviz (in-process, no binary needed) (option lang)",
  async emit(ir, { baseName, targetOptions }) {
    checkDrawable(ir);
    const svg = await renderSvg(renderDot(describeFunnel(ir, readDocOptions(targetOptions))));
    return [{ path: `${baseName}.svg`, contents: svg }];
  },
};
