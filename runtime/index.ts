// Public API of funnelc/runtime: the engine over a compiled funnel (no parser, no compiler).
export {
  createEngine,
  type Engine,
  type InterpretedEngine,
  type EngineSnapshot,
  type FunnelEvent,
  type ApplyResult,
  type Outcome,
  type Cause,
  type Counters,
  type RecordView,
  type RejectReason,
} from "./engine.js";
export { addDuration, parseInstant, formatInstant } from "../core/time.js";
export type { FunnelIR } from "../core/ir/types.js";
