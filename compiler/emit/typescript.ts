// The `ts` target: one self-contained TypeScript module per funnel that runs it with the meaning of
// spec §6, result for result the same as the reference engine (runtime/engine.ts), with the
// engine's API. Conditions become straight-line code (a `switch` on the stage, `if` chains per
// rule); the runtime the module needs is the engine's own code, copied (typescript/helpers.ts);
// the module imports nothing. Every funnel string goes through `literal` or `name` (code.ts).
// Each section of the module has its emitter in typescript/; this file puts them together.
import type { FunnelIR } from "../../core/ir/types.js";
import { code, literal, type Code } from "./code.js";
import type { Emitter, OutputFile } from "./emitter.js";
import { apiSection } from "./typescript/api-section.js";
import { helperDeclarations } from "./typescript/helpers.js";
import { createModuleBuilder } from "./typescript/module-builder.js";
import { readDataCode, readSetCode, rejectionsCode } from "./typescript/readers.js";
import { recordCode, restoredSlotsCode, snapshotValuesCode } from "./typescript/records.js";
import { runnerCode } from "./typescript/runner.js";
import { API_TYPES } from "./typescript/runtime-roots.js";
import { computeScoresCode, earnCode, usesEarned } from "./typescript/scores.js";
import { hasBreaches, runSlasCode } from "./typescript/slas.js";
import { setWords } from "./typescript/slots.js";
import { lookupsSection, tablesSection } from "./typescript/tables.js";
import { cascadeCode, firstRuleCode } from "./typescript/transitions.js";

export const typescriptEmitter: Emitter = {
  target: "ts",
  description:
    "a self-contained TypeScript module that runs the funnel " +
    "(same API and results as the funnelc engine)",
  emit: emitTypeScript,
};

/**
 * Emits the TypeScript module of a funnel.
 * @param ir the compiled funnel
 * @param options `baseName` names the output file `<baseName>.ts`
 * @returns one file, formatted with prettier; the same IR always gives the same bytes
 */
export async function emitTypeScript(
  ir: FunnelIR,
  options: { baseName: string },
): Promise<OutputFile[]> {
  const source = generateTypeScript(ir).text;
  // Loaded on use: prettier costs ~150 ms, which `funnel check` and the other targets never pay.
  const [prettier, estreePlugin, typescriptPlugin] = await Promise.all([
    import("prettier/standalone"),
    import("prettier/plugins/estree"),
    import("prettier/plugins/typescript"),
  ]);
  // A .ts file path tells prettier the source is not JSX: without it, prettier guesses with a
  // regular expression that is quadratic in the file's size (13 s of 21 s for 5,000 stages).
  const contents = await prettier.format(source, {
    parser: "typescript",
    filepath: "funnel.ts",
    plugins: [estreePlugin.default ?? estreePlugin, typescriptPlugin.default ?? typescriptPlugin],
    printWidth: 100,
  });
  return [{ path: `${options.baseName}.ts`, contents }];
}

/**
 * Generates the module's source (unformatted).
 * @param ir the compiled funnel
 * @returns TypeScript source text as `Code`
 */
export function generateTypeScript(ir: FunnelIR): Code {
  const module = createModuleBuilder(ir);
  const initial = module.stageNumberOf(ir.initialStage);
  // The sections that ask for helpers and constants, in the order that numbers the constants.
  const firstRule = firstRuleCode(module);
  const computeScores = computeScoresCode(module);
  const earn = earnCode(module);
  const runSlas = runSlasCode(module);
  const readData = readDataCode(module);
  const readSet = readSetCode(module);
  const restoredSlots = restoredSlotsCode(module);
  const records = recordCode(module, initial);

  // Everything that needs a helper or a constant is generated above; from here on it is text.
  const helperCount = module.helpers.size;
  const constants = module.constantDeclarations();
  const helpers = helperDeclarations(module.helpers, { omit: API_TYPES });
  const runner = runnerCode(module, {
    initial,
    earns: earn !== null,
    setWords: setWords(ir),
    snapshotValues: snapshotValuesCode(module),
    restoredSlots,
  });
  const body = code`
    ${apiSection(module)}

    // ------------------------------------------------------------------------ internals

    type Rejection = [RejectReason, string];

    ${helpers}

    ${tablesSection(module, { earned: usesEarned(ir), noData: hasBreaches(ir) })}

    ${constants}

    ${lookupsSection(module)}

    ${rejectionsCode()}

    ${readData}

    ${readSet}

    ${records}

    ${computeScores}

    ${earn ?? code``}

    ${firstRule}

    ${cascadeCode()}

    ${runSlas}

    ${runner}
  `;
  if (module.helpers.size !== helperCount || module.constantDeclarations().text !== constants.text)
    throw new Error("funnelc: a helper or constant was added after the declarations were written");
  // The first line is the one every module starts with (the tests read it).
  const [version, source] = [literal(ir.compiler.version), literal(ir.source)];
  const generatedBy = code`// Generated by funnelc ${version} from ${source}.`;
  return code`
    ${generatedBy} Do not edit: change the .funnel file and rebuild.
    // Runs the funnel with the meaning of spec §6: the same results, outcome for outcome, as
    // funnelc's engine (funnelc/runtime), without depending on it; the runtime code it carries is
    // the engine's own. Use: const f = createFunnel(); f.apply(event).

    ${body}
  `;
}
