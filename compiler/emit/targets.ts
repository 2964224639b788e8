// The registry of output targets, used by the CLI (`--target`) and funnel.config.yaml.
import type { Emitter } from "./emitter.js";
import { jsonEmitter } from "./json.js";
import { yamlEmitter } from "./yaml.js";

export const TARGETS: ReadonlyMap<string, Emitter> = new Map([jsonEmitter, yamlEmitter].map((e) => [e.target, e]));

export function targetNames(): string[] {
  return [...TARGETS.keys()];
}
