// The `json` target: the IR as canonical JSON (construction order is canonical; 2-space indent).
import type { SyncEmitter } from "./emitter.js";

export const jsonEmitter: SyncEmitter = {
  target: "json",
  description: "the compiled funnel (IR) as JSON, valid against schema/funnel-ir.schema.json",
  emit(ir, { baseName }) {
    return [{ path: `${baseName}.json`, contents: JSON.stringify(ir, null, 2) + "\n" }];
  },
};
