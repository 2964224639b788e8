// The engine: runs a compiled funnel (IR) over a stream of events, with the meaning of spec §6.
// Every event ends as applied, duplicate or rejected-with-reason; SLAs run on event time
// (`advanceTo`), never on timers, and survive snapshot/restore exactly. This file puts an engine
// together: the funnel's tables (funnel-tables.ts), a log of its records' paths (path-log.ts), the
// running core (engine-core.ts) and its records as JSON (record-json.ts).
import type { FunnelIR } from "../core/ir/types.js";
import type {
  ApplyResult,
  Cause,
  Counters,
  Engine,
  EngineSnapshot,
  FunnelEvent,
  Outcome,
  RecordView,
  RejectReason,
} from "./api-types.js";
import { EngineCore } from "./engine-core.js";
import { funnelTables } from "./funnel-tables.js";
import { PathLog } from "./path-log.js";
import { recordView, restoreSnapshot, snapshotOf } from "./record-json.js";
export type {
  ApplyResult,
  Cause,
  Counters,
  Engine,
  EngineSnapshot,
  FunnelEvent,
  Outcome,
  RecordView,
  RejectReason,
};

/** The engine createEngine makes: the public Engine, and what the CLI's loops read of it. */
export interface InterpretedEngine extends Engine {
  /**
   * The time of the event the last apply() applied, as the engine read it (so that a caller that
   * keeps the latest time need not parse `at` again).
   * @returns epoch ms; NaN before any event was applied
   */
  lastAppliedAt(): number;
}

/**
 * Builds an engine for a compiled funnel.
 * @param ir the funnel's IR (as `funnel build --target json` writes it)
 * @param snapshot optional state to resume from (from `engine.snapshot()`)
 * @returns the engine
 */
export function createEngine(ir: FunnelIR, snapshot?: EngineSnapshot): InterpretedEngine {
  const core = new EngineCore(funnelTables(ir), new PathLog());
  if (snapshot) restoreSnapshot(core, ir, snapshot);
  return {
    ir,
    apply: (input: unknown): ApplyResult => core.apply(input),
    advanceTo: (time: string): Outcome[] => core.advanceTo(time),
    state: (recordId: string): RecordView | undefined => recordView(core, ir, recordId),
    recordIds: () => core.records.keys(),
    counters: () => JSON.parse(JSON.stringify(core.counters)),
    snapshot: () => snapshotOf(core, ir),
    lastAppliedAt: () => core.lastAppliedAt,
  };
}
