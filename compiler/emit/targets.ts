// The registry of output targets, used by the CLI (`--target`) and funnel.config.yaml; the
// config schema's `targetName` enum lists the same names (a test checks they agree).
import { dotEmitter } from "./dot.js";
import type { Emitter } from "./emitter.js";
import { htmlEmitter } from "./html.js";
import { hubspotEmitter } from "./hubspot/hubspot.js";
import { jsonEmitter } from "./json.js";
import { markdownEmitter } from "./markdown.js";
import { mermaidEmitter } from "./mermaid.js";
import { salesforceEmitter } from "./salesforce.js";
import { svgEmitter } from "./svg.js";
import { typescriptEmitter } from "./typescript.js";
import { xstateEmitter } from "./xstate.js";
import { yamlEmitter } from "./yaml.js";

export const TARGETS: ReadonlyMap<string, Emitter> = new Map(
  [
    jsonEmitter,
    yamlEmitter,
    typescriptEmitter,
    markdownEmitter,
    htmlEmitter,
    mermaidEmitter,
    dotEmitter,
    svgEmitter,
    xstateEmitter,
    hubspotEmitter,
    salesforceEmitter,
  ].map((e) => [e.target, e]),
);

export function targetNames(): string[] {
  return [...TARGETS.keys()];
}
