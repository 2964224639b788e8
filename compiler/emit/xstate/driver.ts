// The `xstate` module's machine and driver: the context one record's actor holds, the actions
// the config names, the machine put together with `setup`, a clock that runs XState's delayed
// events at their own times as event time moves on, and createFunnelActors(), which gives the
// engine's outcomes (moved, sla_warning, sla_breached) for each applied event.
import type { FunnelIR } from "../../../core/ir/types.js";
import { code, literal, type Code } from "../code.js";

/**
 * The machine's context and actions, the machine, the clock and the driver.
 * @param ir the funnel
 * @returns the code
 */
export function driverCode(ir: FunnelIR): Code {
  return code`
    ${machineCode(ir)}

    ${runnerCode()}
  `;
}

/** The context, the events, the actions and the machine. */
function machineCode(ir: FunnelIR): Code {
  return code`
    /** What one record's actor holds. */
    export interface FunnelContext {
      /** The record's stage, when it entered it (epoch ms) and every stage it entered. */
      stage: string;
      entered: number;
      path: { stage: string; at: string }[];
      r: RecordValues;
      /** The time of the step running: the event's, or the deadline of the SLA that breached. */
      now: number;
      /** The cascade: its event type (null: an SLA's), data, stages entered, whether it runs. */
      on: string | null;
      d: EventData;
      done: string[];
      running: boolean;
      /** Until the first event is applied: that event's cascade cannot re-enter the initial stage. */
      created: boolean;
    }

    /** An event as funnelc's engine takes it (validated: only the events the engine applied). */
    export interface FunnelEvent {
      type: EventType;
      at: string;
      record?: string;
      id?: string;
      data?: Record<string, unknown>;
      set?: Record<string, unknown>;
    }

    /** What the actions emit: the engine's outcomes, without record and event. */
    export type Emitted =
      | { type: "moved"; from: string; to: string; at: string; sla: boolean; rule: SourceLocation }
      | { type: "sla_warning"; stage: string; at: string; notify: string[]; rule: SourceLocation }
      | {
          type: "sla_breached";
          stage: string;
          at: string;
          to: string;
          notify: string[];
          rule: SourceLocation;
        };

    type SlaParams = { stage: string; to: string; notify: string[]; rule: SourceLocation };
    type WarnParams = { stage: string; notify: string[]; rule: SourceLocation };
    type MoveParams = { to: string; rule: SourceLocation };

    /** Steps 2-4 of spec §6 for an event: \`set\`, scores, and the start of its cascade. */
    function applyEvent(c: FunnelContext, event: FunnelEvent): Partial<FunnelContext> {
      const r = { ...c.r };
      if (event.set !== undefined) applySet(r, event.set);
      computeScores(r);
      const d = readData(event.type, event.data);
      if (earnPoints(r, event.type, d)) computeScores(r);
      // The event that creates the record enters the initial stage: its cascade cannot re-enter.
      const done = c.created ? [c.stage] : [];
      const now = parseInstant(event.at);
      return { r, now, on: event.type, d, done, running: true, created: false };
    }

    /** The machine: the config with its guards, actions and delays. */
    export const funnelMachine = setup({
      types: {
        context: {} as FunnelContext,
        events: {} as FunnelEvent,
        input: {} as { at: number },
        emitted: {} as Emitted,
      },
      guards,
      delays,
      actions: {
        apply: assign(({ context, event }) => applyEvent(context, event)),
        enter: assign(({ context: c }, p: { stage: string }) => ({
          stage: p.stage,
          entered: c.now,
          path: [...c.path, { stage: p.stage, at: formatInstant(c.now) }],
          done: [...c.done, p.stage],
        })),
        endCascade: assign({ running: false }),
        move: emit(({ context: c }, p: MoveParams) => ({
          type: "moved" as const,
          from: c.stage,
          to: p.to,
          at: formatInstant(c.now),
          sla: c.on === null,
          rule: p.rule,
        })),
        // The breach and the cascade after it run at the deadline, and cannot go back to the stage
        // left (spec §6).
        breach: assign(({ context: c }, p: SlaParams) => ({
          now: deadline(p.stage, c.entered),
          on: null,
          d: {},
          done: [p.stage],
          running: true,
        })),
        breached: emit(({ context: c }, p: SlaParams) => ({
          type: "sla_breached" as const,
          stage: p.stage,
          at: formatInstant(c.now),
          to: p.to,
          notify: p.notify,
          rule: p.rule,
        })),
        warn: emit(({ context: c }, p: WarnParams) => ({
          type: "sla_warning" as const,
          stage: p.stage,
          at: formatInstant(warnDue(p.stage, c.entered)),
          notify: p.notify,
          rule: p.rule,
        })),
      },
    }).createMachine({
      ...(config as unknown as Record<string, never>),
      context: ({ input }) => ({
        stage: ${literal(ir.initialStage)},
        entered: input.at,
        path: [],
        r: newRecord(),
        now: input.at,
        on: null,
        d: {},
        done: [],
        running: false,
        created: true,
      }),
    });
  `;
}

/** The clock run by event time, and createFunnelActors(): records with the engine's outcomes. */
function runnerCode(): Code {
  return code`
    /**
     * XState's clock for one record, run by event time: advanceTo fires the delayed events due by
     * then, each with the clock at its own due time, so a breach's cascade schedules the next SLA
     * from the deadline. (The default clock is \`setTimeout\`: wall time, and no delay longer than
     * 24.8 days.)
     */
    export class FunnelClock {
      private readonly timers = new Map<number, { due: number; fn: () => void }>();
      private next = 0;
      private time: number;
      constructor(time: number) {
        this.time = time;
      }
      now(): number {
        return this.time;
      }
      setTimeout(fn: () => void, timeout: number): number {
        this.timers.set(this.next, { due: this.time + timeout, fn });
        return this.next++;
      }
      clearTimeout(id: number): void {
        this.timers.delete(id);
      }
      /** Fires the timers due by \`time\` in due order (ties: first scheduled first); then is \`time\`. */
      advanceTo(time: number): void {
        for (;;) {
          let first: number | undefined;
          let due = Infinity;
          for (const [id, timer] of this.timers)
            if (timer.due <= time && timer.due < due) [first, due] = [id, timer.due];
          if (first === undefined) break;
          const timer = this.timers.get(first)!;
          this.timers.delete(first);
          this.time = due;
          timer.fn();
        }
        this.time = time;
      }
    }

    /** An outcome as funnelc's engine reports it. */
    export type Outcome =
      | { type: "moved"; record: string; from: string | null; to: string; at: string;
          cause:
            | { kind: "created"; event: string | null; eventType: string }
            | { kind: "event"; event: string | null; eventType: string; rule: SourceLocation }
            | { kind: "sla"; rule: SourceLocation } }
      | { type: "sla_warning"; record: string; stage: string; at: string; notify: string[];
          rule: SourceLocation }
      | { type: "sla_breached"; record: string; stage: string; at: string; to: string;
          notify: string[]; rule: SourceLocation };

    /**
     * Records as actors of funnelMachine, one clock each, with the engine's outcomes: apply()
     * first runs the record's SLAs due by the event's time, then sends the event. Send only
     * events funnelc's engine applied (in order per record; no duplicates). A record in a terminal
     * stage is done (\`type: "final"\`): later events no longer change it.
     */
    export function createFunnelActors() {
      const records = new Map<
        string,
        { actor: ReturnType<typeof createActor<typeof funnelMachine>>; clock: FunnelClock }
      >();
      let outcomes: Outcome[] = [];
      let cause = { event: null as string | null, eventType: "" };
      const listen = (record: string) => (e: Emitted) => {
        if (e.type === "moved") {
          const { from, to, at, rule } = e;
          outcomes.push({ type: "moved", record, from, to, at,
            cause: e.sla ? { kind: "sla", rule } : { kind: "event", ...cause, rule } });
        } else {
          const { type: _, ...rest } = e;
          outcomes.push(e.type === "sla_warning"
            ? { type: "sla_warning", record, ...rest } as Outcome
            : { type: "sla_breached", record, ...rest } as Outcome);
        }
      };
      return {
        /** Applies an event the engine applied; returns its outcomes, SLAs due first. */
        apply(event: FunnelEvent & { record: string }): Outcome[] {
          outcomes = [];
          const at = parseInstant(event.at);
          let entry = records.get(event.record);
          if (entry === undefined) {
            const clock = new FunnelClock(at);
            const actor = createActor(funnelMachine, { clock, input: { at } });
            actor.on("*", listen(event.record));
            actor.start();
            entry = { actor, clock };
            records.set(event.record, entry);
            outcomes.push({ type: "moved", record: event.record, from: null,
              to: actor.getSnapshot().context.stage, at: formatInstant(at),
              cause: { kind: "created", event: event.id ?? null, eventType: event.type } });
          } else entry.clock.advanceTo(at);
          cause = { event: event.id ?? null, eventType: event.type };
          if (entry.actor.getSnapshot().status === "active") entry.actor.send(event);
          return outcomes;
        },
        /** Runs the SLAs due by \`time\` (ISO with a zone) for every record. */
        advanceTo(time: string): Outcome[] {
          outcomes = [];
          const until = parseInstant(time);
          for (const { clock } of records.values()) clock.advanceTo(until);
          return outcomes;
        },
        /** A record's stage, when it entered it, its path and values; undefined when unknown. */
        state(record: string) {
          const context = records.get(record)?.actor.getSnapshot().context;
          if (context === undefined) return undefined;
          const { stage, entered, path, r } = context;
          return { stage, enteredAt: formatInstant(entered), path, values: r };
        },
      };
    }
  `;
}
