// examples/lead-to-revenue.funnel as an XState v5 machine, one actor per record: what a
// developer would otherwise write. Same API and outcomes as runtime/engine.ts and
// bench/handwritten-lead.mjs, which it shares the input checks and the time/score helpers with,
// so that only the running of the funnel differs.
//
// Timers are not usable (events carry their own time and may replay months at once), so SLAs are
// deadlines checked on each event: when the record's warning or deadline is due by the event's
// time, the event is preceded by an `sla` event (eventless transitions guarded by the deadlines,
// cascading after a breach at the deadline's time). The event itself applies `set` and the score;
// the funnel's transitions are eventless transitions guarded by the conditions (and, for `on`
// rules, by the type of the event being applied). The spec's "never enter a stage twice in one
// cascade" is a bit set in the context. Moves, warnings and breaches leave the actor as emitted
// events.
import { assign, createActor, emit, setup } from "xstate";
import {
  FORM_SUBMITTED,
  LeadFields,
  MEETING_SCHEDULED,
  RULES,
  addMonths,
  applySet,
  checkEvent,
  checkedAt,
  eventPoints,
  iso,
  scoreFromFields,
  STAGE_NAMES,
} from "./handwritten-lead.mjs";

const DAY = 86_400_000;
const BITS = Object.fromEntries(STAGE_NAMES.map((name, i) => [name, 1 << i]));
const bit = (stage) => BITS[stage];

/**
 * Eventless transition for a rule: fires while cascading, unless its target was entered already.
 */
const rule = (target, guard, loc) => ({
  target,
  guard: ({ context }) =>
    context.cascading && (context.entered & bit(target)) === 0 && guard(context.fields, context),
  actions: emit(({ context }) => ({
    type: "moved",
    to: target,
    at: context.clock,
    rule: loc,
    cause: context.cause,
  })),
});
const fromAny = rule("disqualified", (f) => f.unsubscribed === true, RULES.anyDisqualified);
/** A state: entering it records the entry; `from any` comes first. */
const entry = (name) => ({ type: "enter", params: { stage: name } });
const stage = (name, always = []) => ({ entry: entry(name), always: [fromAny, ...always] });
const breach = (from, notify, loc) => ({
  target: "recycled",
  guard: ({ context }) => context.checkingSlas && context.due <= context.until,
  actions: [
    emit(({ context }) => ({
      type: "sla_breached",
      stage: from,
      at: context.due,
      notify,
      rule: loc,
    })),
    // The cascade after a breach runs at the deadline, and cannot go back to the stage it left.
    assign(({ context }) => ({
      clock: context.due,
      cascading: true,
      entered: bit(from) | bit("recycled"),
      cause: "sla",
    })),
    emit(({ context }) => ({
      type: "moved",
      to: "recycled",
      at: context.clock,
      rule: loc,
      cause: "sla",
    })),
  ],
});

/** An event: `set`, the score, and the start of the event's cascade (assign merges the partial). */
const applyEvent = {
  actions: assign(({ context, event }) => {
    // (Creating a record enters the initial stage: this event's cascade cannot re-enter it.)
    const update = {
      clock: event.at,
      last: event.at,
      checkingSlas: false,
      cascading: true,
      kind: event.kind,
      entered: event.created ? bit("anonymous") : 0,
      cause: "event",
    };
    if (event.set !== undefined) {
      update.fields = { ...context.fields };
      applySet(update.fields, event.set);
    }
    update.points = context.points + eventPoints(event.kind, event.data);
    update.score = update.points + scoreFromFields(update.fields ?? context.fields);
    return update;
  }),
};

export const leadMachine = setup({
  actions: {
    enter: assign(({ context }, { stage }) => ({
      since: context.clock,
      warnAt: stage === "sal" ? context.clock + 25 * DAY : 0,
      due:
        stage === "mql"
          ? addMonths(context.clock, 6)
          : stage === "sal"
            ? context.clock + 30 * DAY
            : 0,
      entered: context.entered | bit(stage),
    })),
  },
}).createMachine({
  id: "lead",
  // The record's fields in one object (`set` replaces it); the top level stays small, as
  // `assign` copies it on every update.
  context: ({ input }) => ({
    fields: new LeadFields(),
    points: 0,
    score: 0,
    since: input.at,
    last: input.at,
    // SLA deadline and warning time of the current stage visit (0: none, or warned already).
    due: 0,
    warnAt: 0,
    // Per event: the time moves happen at, the event's time, what is being run, and the stages
    // entered so far in this cascade.
    clock: input.at,
    until: input.at,
    checkingSlas: false,
    cascading: false,
    kind: -1,
    entered: 0,
    cause: "event",
  }),
  initial: "anonymous",
  on: {
    update: applyEvent,
    web_visit: applyEvent,
    form_submitted: applyEvent,
    meeting_scheduled: applyEvent,
    // SLAs due by the time of the event that follows.
    sla: {
      actions: assign(({ event }) => ({
        until: event.at,
        clock: event.at,
        checkingSlas: true,
        cascading: false,
        kind: -1,
        entered: 0,
        cause: "sla",
      })),
    },
  },
  states: {
    anonymous: stage("anonymous", [
      rule("known", (f) => f.email !== undefined, RULES.anonymousKnown),
    ]),
    known: stage("known", [
      rule("responded", (f, c) => c.kind === FORM_SUBMITTED, RULES.knownResponded),
    ]),
    responded: stage("responded", [rule("mql", (f, c) => c.score >= 100, RULES.respondedMql)]),
    mql: stage("mql", [
      rule("sal", (f, c) => c.kind === MEETING_SCHEDULED, RULES.mqlSal),
      breach("mql", ["marketing"], RULES.mqlSla),
    ]),
    sal: stage("sal", [
      rule("sql", (f) => f.qualified === true, RULES.salSql),
      {
        guard: ({ context: c }) =>
          c.checkingSlas && c.warnAt !== 0 && c.warnAt <= c.until && c.warnAt < c.due,
        actions: [
          emit(({ context }) => ({
            type: "sla_warning",
            stage: "sal",
            at: context.warnAt,
            notify: ["sdr"],
            rule: RULES.salWarn,
          })),
          assign({ warnAt: 0 }),
        ],
      },
      breach("sal", ["sdr", "marketing"], RULES.salSla),
    ]),
    sql: stage("sql", [
      rule(
        "opportunity",
        (f) =>
          f.budget === true && f.authority === true && f.need === true && f.timeline !== undefined,
        RULES.sqlOpportunity,
      ),
    ]),
    opportunity: stage("opportunity", [
      rule("won", (f) => f.outcome === "won", RULES.opportunityWon),
      rule(
        "lost",
        (f) => f.outcome === "lost" || f.outcome === "no decision",
        RULES.opportunityLost,
      ),
    ]),
    // Terminal, but not `type: "final"`: a final state would stop the actor, and later events
    // must still be applied (fields, score, out-of-order checks) as in the engine.
    won: { entry: entry("won") },
    lost: { entry: entry("lost") },
    recycled: stage("recycled", [rule("mql", (f, c) => c.score >= 120, RULES.recycledMql)]),
    disqualified: { entry: entry("disqualified") },
  },
});

export function createXStateLead() {
  const actors = new Map();
  const seen = new Map();
  const counters = { applied: 0, duplicate: 0, rejected: {} };
  // The event being applied, for the listeners that turn emitted events into outcomes.
  let outcomes = null;
  let eventId = null;
  let eventType = null;

  const reject = (r) => {
    counters.rejected[r.reason] = (counters.rejected[r.reason] ?? 0) + 1;
    return r;
  };

  function apply(input) {
    const kind = checkEvent(input);
    if (typeof kind !== "number") return reject(kind);
    const at = checkedAt;
    const id = input.record;
    eventId = input.id ?? null;
    eventType = input.type;
    outcomes = [];
    let actor = actors.get(id);
    const created = actor === undefined;
    let before = at;
    if (actor !== undefined) {
      const { last, due, warnAt } = actor.getSnapshot().context;
      // Ids of the events applied at the record's last time: a replay of them is a duplicate.
      if (eventId !== null && at === last && seen.get(id)?.includes(eventId)) {
        counters.duplicate++;
        return { status: "duplicate", outcomes: [] };
      }
      before = last;
      if (at < last)
        return reject({
          status: "rejected",
          reason: "out_of_order",
          message: `this event (${input.at}) is older than the record's last event (${iso(last)})`,
          outcomes: [],
        });
      // SLAs first (spec §6), when one is due.
      if (due !== 0 && (due <= at || (warnAt !== 0 && warnAt <= at)))
        actor.send({ type: "sla", at });
    } else {
      actor = createActor(leadMachine, { input: { at } });
      let from = "anonymous";
      outcomes.push({
        type: "moved",
        record: id,
        from: null,
        to: from,
        at: iso(at),
        cause: { kind: "created", event: eventId, eventType },
      });
      actor.on("*", (e) => {
        if (e.type === "moved") {
          const cause =
            e.cause === "sla"
              ? { kind: "sla", rule: e.rule }
              : { kind: "event", event: eventId, eventType, rule: e.rule };
          outcomes.push({ type: "moved", record: id, from, to: e.to, at: iso(e.at), cause });
          from = e.to;
        } else if (e.type === "sla_warning") {
          outcomes.push({
            type: "sla_warning",
            record: id,
            stage: e.stage,
            at: iso(e.at),
            notify: e.notify,
            rule: e.rule,
          });
        } else {
          outcomes.push({
            type: "sla_breached",
            record: id,
            stage: e.stage,
            at: iso(e.at),
            to: "recycled",
            notify: e.notify,
            rule: e.rule,
          });
        }
      });
      actor.start();
      actors.set(id, actor);
    }
    actor.send({ type: input.type, at, kind, data: input.data, set: input.set, created });
    if (at !== before) seen.delete(id);
    if (eventId !== null) seen.get(id)?.push(eventId) ?? seen.set(id, [eventId]);
    counters.applied++;
    return { status: "applied", outcomes };
  }

  return {
    apply,
    peek(id) {
      const snapshot = actors.get(id)?.getSnapshot();
      return (
        snapshot && {
          stage: snapshot.value,
          entered: snapshot.context.since,
          score: snapshot.context.score,
        }
      );
    },
    size: () => actors.size,
    counters: () => structuredClone(counters),
  };
}
