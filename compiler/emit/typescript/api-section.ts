// The module's public part: its funnel's names as types (stages, fields, scores, events), the facts
// about its stages, and the engine's API types (runtime/api-types.ts, copied) narrowed to them.
import type { StageMapIR } from "../../../core/ir/types.js";
import { code, join, literal, type Code } from "../code.js";
import { helperDeclarations } from "./helpers.js";
import type { ModuleBuilder } from "./module-builder.js";
import { API_TYPES } from "./runtime-roots.js";
import { publicType } from "./slots.js";
import { nameKeyed, stringList } from "./values-code.js";

/**
 * The module's exported types and facts of its funnel.
 * @param module the module being generated
 * @returns the section's code
 */
export function apiSection(module: ModuleBuilder): Code {
  const { ir } = module;
  return code`
    // ------------------------------------------------------------------------ this funnel's types

    /** This funnel's name (snapshots carry it). */
    export const FUNNEL_NAME = ${literal(ir.funnel.name)};

    ${nameTypes(module)}

    /** Facts about each stage, as written in the funnel. */
    export const STAGES: readonly StageInfo[] = [
      ${ir.stages.map(
        (s) => code`{
          name: ${literal(s.name)},
          kind: ${literal(s.kind)},
          title: ${literal(s.title)},
          definition: ${literal(s.definition)},
          owner: ${literal(s.owner)},
          outcome: ${literal(s.outcome)},
          labels: ${nameKeyed(Object.entries(s.labels).map(([k, v]) => [k, literal(v)]))},
          maps: [${join(s.maps.map(stageMap), ", ")}],
        },`,
      )}
    ];

    /** Where every record starts. */
    export const INITIAL_STAGE: Stage = ${literal(ir.initialStage)};

    /** The success path (spec §7). */
    export const SUCCESS_PATH: readonly Stage[] = ${stringList(ir.successPath)};

    ${helperDeclarations(API_TYPES, { exported: true })}

    ${narrowedTypes()}
  `;
}

/** One entry of a stage's `maps` in STAGES: the IR's StageMapIR without its source location. */
function stageMap(map: StageMapIR): Code {
  const { system, object, value, probability, forecast } = map;
  return code`{ system: ${literal(system)}, object: ${literal(object)}, value: ${literal(value)},
    probability: ${literal(probability)}, forecast: ${literal(forecast)} }`;
}

/** Stage, Fields, Scores, EventData, EventType and FunnelEvent: the funnel's names as types. */
function nameTypes(module: ModuleBuilder): Code {
  const { ir } = module;
  const stageNames = ir.stages.map((s) => s.name);
  return code`
    /** The stages of this funnel. */
    export type Stage = ${
      stageNames.length
        ? join(
            stageNames.map((s) => literal(s)),
            " | ",
          )
        : code`never`
    };

    /** Record fields as \`state()\` shows them and \`set\` changes them; null is unset. */
    export interface Fields {
      ${ir.fields.map((f) => code`${literal(f.name)}: ${publicType(f.type)} | null;`)}
    }

    /** Score values. */
    export interface Scores {
      ${ir.scores.map((s) => code`${literal(s.name)}: number;`)}
    }

    /** The \`data\` of each event type (dates as YYYY-MM-DD, datetimes as ISO text with a zone). */
    export interface EventData {
      ${literal("update")}: Record<string, never>;
      ${module.dataEvents.map(
        (e) =>
          code`${literal(e.name)}: { ${join(
            e.fields.map((f) => code`${literal(f.name)}?: ${publicType(f.type)} | null;`),
            " ",
          )} };`,
      )}
    }

    export type EventType = keyof EventData;

    /** An input event (spec §6); anything else given to \`apply\` is rejected with a reason. */
    export type FunnelEvent = {
      [K in EventType]: { id?: string; record: string; at: string; type: K;
        data?: EventData[K]; set?: Partial<Fields> };
    }[EventType];
  `;
}

/** The engine's result and state types narrowed to this funnel's names, and StageInfo. */
function narrowedTypes(): Code {
  return code`
    export type Cause = CauseOf<EventType>;
    export type Outcome = OutcomeOf<Stage, EventType>;
    export type ApplyResult = ApplyResultOf<Outcome>;
    export type RecordView = RecordViewOf<Stage, Fields, Scores>;

    export interface StageInfo {
      name: Stage;
      kind: "stage" | "detour" | "terminal";
      title: string | null;
      definition: string | null;
      owner: string | null;
      outcome: "won" | "lost" | "none" | null;
      labels: Readonly<Record<string, string>>;
      maps: readonly StageMap[];
    }

    /** A stage's value in another system (\`map hubspot deal "…"\`); see docs/ir.md StageMapIR. */
    export interface StageMap {
      system: string;
      /** The system's object; a known system's default when not written, else null. */
      object: string | null;
      value: string;
      /** Win probability in percent (deal and opportunity stages). */
      probability: number | null;
      forecast: string | null;
    }

    /** A runner of this funnel (createFunnel); \`apply\` validates its input as the engine does. */
    export type Funnel = RunnerOf<FunnelEvent, Outcome, RecordView>;
  `;
}
