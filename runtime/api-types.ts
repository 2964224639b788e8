// The engine's public types (funnelc/runtime): events in, outcomes and records out, snapshots.
// The generated TypeScript module (`-t ts`) offers the same API, typed for its funnel.
import type { FunnelIR, SourceLocation } from "../core/ir/types.js";

/** One input event (spec §6). `record` may be filled in by the caller (scenarios). */
export interface FunnelEvent {
  id?: string;
  record: string;
  at: string;
  type: string;
  data?: Record<string, unknown>;
  set?: Record<string, unknown>;
}

export type RejectReason =
  | "invalid_event"
  | "missing_record"
  | "bad_timestamp"
  | "unknown_event"
  | "unknown_field"
  | "wrong_type"
  | "out_of_order";

export type Cause =
  | { kind: "created"; event: string | null; eventType: string }
  | { kind: "event"; event: string | null; eventType: string; rule: SourceLocation }
  | { kind: "sla"; rule: SourceLocation };

export type Outcome =
  | { type: "moved"; record: string; from: string | null; to: string; at: string; cause: Cause }
  | {
      type: "sla_warning";
      record: string;
      stage: string;
      at: string;
      notify: string[];
      rule: SourceLocation;
    }
  | {
      type: "sla_breached";
      record: string;
      stage: string;
      at: string;
      to: string;
      notify: string[];
      rule: SourceLocation;
    };

export type ApplyResult =
  | { status: "applied"; outcomes: Outcome[] }
  | { status: "duplicate"; outcomes: [] }
  | { status: "rejected"; reason: RejectReason; message: string; outcomes: [] };

export interface Counters {
  applied: number;
  duplicate: number;
  rejected: Partial<Record<RejectReason, number>>;
}

export interface RecordView {
  id: string;
  stage: string;
  enteredAt: string;
  lastEventAt: string;
  fields: Record<string, string | number | boolean | null>;
  scores: Record<string, number>;
  path: { stage: string; at: string }[];
}

/** Everything an engine holds, as JSON: restore gives back an engine that behaves identically. */
export interface EngineSnapshot {
  version: 1;
  funnel: string;
  counters: Counters;
  records: {
    id: string;
    stage: string;
    entered: string;
    last: string;
    warned: boolean;
    values: (string | number | boolean | null)[];
    points: number[];
    path: [string, string][];
    ids: string[];
  }[];
}

export interface Engine {
  readonly ir: FunnelIR;
  /** Applies one event: SLAs due first, then `set`, scores and transitions (spec §6). */
  apply(event: unknown): ApplyResult;
  /** Runs SLA warnings and breaches due up to `time` for every record, without new events. */
  advanceTo(time: string): Outcome[];
  state(recordId: string): RecordView | undefined;
  recordIds(): IterableIterator<string>;
  counters(): Counters;
  snapshot(): EngineSnapshot;
}
