// The hostile funnel (fixtures/hostile.funnel): titles, definitions, labels, docs, team titles and
// string literals full of `|`, `"`, `\`, `<script>`, backticks, line breaks, `-->`, `]` and `;`.
import { expect } from "vitest";
import { createNodeHost } from "../../compiler/host.js";
import type { FunnelIR } from "../../core/ir/types.js";
import { compile } from "../../compiler/program.js";

export const HOSTILE = "test/emit/fixtures/hostile.funnel";

/** Compiles the hostile funnel (it has warnings, no errors) and returns its IR. */
export function hostileIr(): FunnelIR {
  const program = compile(createNodeHost("."), [HOSTILE]).programs[0];
  expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return program.ir!;
}
