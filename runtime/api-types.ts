// The engine's public types (funnelc/runtime): events in, outcomes and records out, snapshots.
// The `ts` target's modules offer the same API: they carry a copy of these declarations
// (scripts/gen-module-runtime.ts) and narrow the generic ones (`…Of`) to their funnel's names.
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

/** Why a record moved, for a funnel whose event types are `EventType`. */
export type CauseOf<EventType extends string> =
  | { kind: "created"; event: string | null; eventType: EventType }
  | { kind: "event"; event: string | null; eventType: EventType; rule: SourceLocation }
  | { kind: "sla"; rule: SourceLocation };

export type Cause = CauseOf<string>;

/** What an event or the passing of time did, for a funnel with these stages and event types. */
export type OutcomeOf<Stage extends string, EventType extends string> =
  | {
      type: "moved";
      record: string;
      from: Stage | null;
      to: Stage;
      at: string;
      cause: CauseOf<EventType>;
    }
  | {
      type: "sla_warning";
      record: string;
      stage: Stage;
      at: string;
      notify: string[];
      rule: SourceLocation;
    }
  | {
      type: "sla_breached";
      record: string;
      stage: Stage;
      at: string;
      to: Stage;
      notify: string[];
      rule: SourceLocation;
    };

export type Outcome = OutcomeOf<string, string>;

/** The result of applying one event, whose outcomes are of `OutcomeType`. */
export type ApplyResultOf<OutcomeType> =
  | { status: "applied"; outcomes: OutcomeType[] }
  | { status: "duplicate"; outcomes: [] }
  | { status: "rejected"; reason: RejectReason; message: string; outcomes: [] };

export type ApplyResult = ApplyResultOf<Outcome>;

export interface Counters {
  applied: number;
  duplicate: number;
  rejected: Partial<Record<RejectReason, number>>;
}

/** A record as `state()` shows it, for a funnel with these stages, fields and scores. */
export interface RecordViewOf<Stage extends string, Fields, Scores> {
  id: string;
  stage: Stage;
  enteredAt: string;
  lastEventAt: string;
  fields: Fields;
  scores: Scores;
  path: { stage: Stage; at: string }[];
}

export type RecordView = RecordViewOf<
  string,
  Record<string, string | number | boolean | null>,
  Record<string, number>
>;

/**
 * Everything a runner holds, as JSON: restore gives back one that behaves identically. The
 * engine and the `ts` target's modules write and read the same format.
 */
export interface FunnelSnapshot {
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

export type EngineSnapshot = FunnelSnapshot;

/** What runs a funnel: the engine, or a `ts` target's module; it takes events of type `Input`. */
export interface RunnerOf<Input, OutcomeType, View> {
  /** Applies one event: SLAs due first, then `set`, scores and transitions (spec §6). */
  apply(event: Input): ApplyResultOf<OutcomeType>;
  /** Runs SLA warnings and breaches due up to `time` for every record, without new events. */
  advanceTo(time: string): OutcomeType[];
  state(recordId: string): View | undefined;
  recordIds(): IterableIterator<string>;
  counters(): Counters;
  snapshot(): FunnelSnapshot;
}

/** The engine: a runner of any funnel's IR; its input is validated (anything may come in). */
export interface Engine extends RunnerOf<unknown, Outcome, RecordView> {
  readonly ir: FunnelIR;
}
