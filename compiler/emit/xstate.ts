// The `xstate` target: the funnel as an XState v5 machine. `<name>.xstate.json` is the machine
// config, pure data (xstate/config.ts); `<name>.xstate.ts` provides its named guards, actions and
// delays with the engine's meaning, and drives records by event time (xstate/module.ts,
// xstate/driver.ts). docs/xstate-target.md says what it expects and how it differs.
import type { FunnelIR } from "../../core/ir/types.js";
import type { Emitter, OutputFile } from "./emitter.js";
import { formatTypeScript } from "./format-typescript.js";
import { machineConfig } from "./xstate/config.js";
import { generateXStateModule } from "./xstate/module.js";

export const xstateEmitter: Emitter = {
  target: "xstate",
  description:
    "an XState v5 machine: its config as JSON and a TypeScript module with its guards, " +
    "actions and delays (same stages, paths and outcomes as the funnelc engine)",
  emit: emitXState,
};

/**
 * Emits the machine config and module of a funnel.
 * @param ir the compiled funnel
 * @param options `baseName` names the files `<baseName>.xstate.json` and `<baseName>.xstate.ts`
 * @returns the two files; the same IR always gives the same bytes
 */
export async function emitXState(
  ir: FunnelIR,
  options: { baseName: string },
): Promise<OutputFile[]> {
  const configFile = `${options.baseName}.xstate.json`;
  // Only the file name: the module imports the config from its own folder.
  const configName = configFile.slice(configFile.lastIndexOf("/") + 1);
  const module = await formatTypeScript(generateXStateModule(ir, configName).text);
  return [
    { path: configFile, contents: JSON.stringify(machineConfig(ir), null, 2) + "\n" },
    { path: `${options.baseName}.xstate.ts`, contents: module },
  ];
}
