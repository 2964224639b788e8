import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FunnelIR } from "../../core/ir/types.js";
import { createEngine, type Outcome } from "../../runtime/engine.js";
import { addDuration, parseInstant } from "../../core/time.js";
import { compileText } from "../helpers/compile.js";

function irOf(source: string): FunnelIR {
  const result = compileText(source);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors).toEqual([]);
  return result.programs[0].ir!;
}

const LEAD = irOf(readFileSync("examples/lead-to-revenue.funnel", "utf8"));
const moves = (outcomes: Outcome[]) =>
  outcomes
    .filter((o) => o.type === "moved")
    .map((o) => (o.type === "moved" ? `${o.from}->${o.to}@${o.at}` : ""));

describe("time", () => {
  it.each([
    ["2026-01-31T10:00:00Z", 1, "month", "2026-02-28T10:00:00.000Z"],
    ["2028-01-31T10:00:00Z", 1, "month", "2028-02-29T10:00:00.000Z"],
    ["2026-08-31T00:00:00Z", 6, "month", "2027-02-28T00:00:00.000Z"],
    ["2028-02-29T12:00:00Z", 1, "year", "2029-02-28T12:00:00.000Z"],
    ["2026-03-28T00:00:00Z", 1, "week", "2026-04-04T00:00:00.000Z"],
    ["2026-12-31T23:30:00Z", 45, "minute", "2027-01-01T00:15:00.000Z"],
  ] as const)("%s + %i %s = %s", (start, amount, unit, expected) => {
    expect(new Date(addDuration(parseInstant(start), { amount, unit })).toISOString()).toBe(
      expected,
    );
  });

  it("reads zone offsets and refuses times without a zone or impossible dates", () => {
    expect(parseInstant("2026-03-01T10:00:00+01:00")).toBe(Date.UTC(2026, 2, 1, 9));
    expect(parseInstant("2026-03-01T10:00:00")).toBeNaN();
    expect(parseInstant("2026-02-30T10:00:00Z")).toBeNaN();
  });
});

describe("engine", () => {
  it("runs the spec's first scenario: path, stage and score", () => {
    const engine = createEngine(LEAD);
    engine.apply({
      record: "r",
      at: "2026-01-01T09:00:00Z",
      type: "web_visit",
      data: { url: "/pricing" },
    });
    engine.apply({
      record: "r",
      at: "2026-01-02T09:00:00Z",
      type: "update",
      set: { email: "a@b.nl", job_title: "Director" },
    });
    engine.apply({
      record: "r",
      at: "2026-01-03T09:00:00Z",
      type: "form_submitted",
      data: { form: "Demo request" },
    });
    const state = engine.state("r")!;
    expect(state.stage).toBe("responded");
    expect(state.path.map((p) => p.stage)).toEqual(["anonymous", "known", "responded"]);
    expect(state.scores.lead_score).toBe(55);
  });

  it("cascades through several stages on one event and records each move with its rule", () => {
    const engine = createEngine(LEAD);
    const result = engine.apply({
      id: "e1",
      record: "r",
      at: "2026-01-01T00:00:00Z",
      type: "update",
      set: { email: "a@b.nl" },
    });
    expect(result.status).toBe("applied");
    expect(moves(result.outcomes)).toEqual([
      "null->anonymous@2026-01-01T00:00:00.000Z",
      "anonymous->known@2026-01-01T00:00:00.000Z",
    ]);
    const move = result.outcomes[1];
    expect(move.type === "moved" && move.cause).toEqual({
      kind: "event",
      event: "e1",
      eventType: "update",
      rule: expect.objectContaining({ line: 46 }),
    });
  });

  it("applies `from any` first, from every non-terminal stage", () => {
    const engine = createEngine(LEAD);
    engine.apply({
      record: "r",
      at: "2026-01-01T00:00:00Z",
      type: "update",
      set: { email: "a@b.nl" },
    });
    const result = engine.apply({
      record: "r",
      at: "2026-01-02T00:00:00Z",
      type: "update",
      set: { unsubscribed: true },
    });
    expect(moves(result.outcomes)).toEqual(["known->disqualified@2026-01-02T00:00:00.000Z"]);
  });

  it("breaches an SLA at its deadline, warns before it, and cascades without going straight back", () => {
    const engine = createEngine(LEAD);
    engine.apply({
      record: "s",
      at: "2026-01-01T00:00:00Z",
      type: "update",
      set: { email: "x@y.z" },
    });
    for (let i = 0; i < 5; i++)
      engine.apply({
        record: "s",
        at: "2026-01-02T00:00:00Z",
        type: "form_submitted",
        data: { form: "Demo request" },
      });
    engine.apply({
      record: "s",
      at: "2026-01-31T00:00:00Z",
      type: "meeting_scheduled",
      data: { at: "2026-02-05T10:00:00Z" },
    });
    expect(engine.state("s")!.stage).toBe("sal");
    const outcomes = engine.advanceTo("2026-04-01T00:00:00Z");
    expect(outcomes.map((o) => `${o.type}:${o.at}`)).toEqual([
      "sla_warning:2026-02-25T00:00:00.000Z",
      "sla_breached:2026-03-02T00:00:00.000Z",
      "moved:2026-03-02T00:00:00.000Z",
      "moved:2026-03-02T00:00:00.000Z",
    ]);
    expect(engine.state("s")!.stage).toBe("mql");
  });

  it("accounts for every event: applied, duplicate or rejected with a reason", () => {
    const engine = createEngine(LEAD);
    const inputs: unknown[] = [
      { id: "1", record: "r", at: "2026-01-02T00:00:00Z", type: "web_visit", data: { url: "/" } },
      { id: "1", record: "r", at: "2026-01-02T00:00:00Z", type: "web_visit", data: { url: "/" } },
      { record: "r", at: "2026-01-01T00:00:00Z", type: "update" },
      { record: "r", at: "yesterday", type: "update" },
      { record: "", at: "2026-01-03T00:00:00Z", type: "update" },
      { record: "r", at: "2026-01-03T00:00:00Z", type: "phone_call" },
      { record: "r", at: "2026-01-03T00:00:00Z", type: "update", set: { colour: "red" } },
      { record: "r", at: "2026-01-03T00:00:00Z", type: "update", set: { qualified: "yes" } },
      { record: "r", at: "2026-01-03T00:00:00Z", type: "web_visit", data: { url: 5 } },
      "not an object",
    ];
    const statuses = inputs.map((i) => {
      const r = engine.apply(i);
      return r.status === "rejected" ? r.reason : r.status;
    });
    expect(statuses).toEqual([
      "applied",
      "duplicate",
      "out_of_order",
      "bad_timestamp",
      "missing_record",
      "unknown_event",
      "unknown_field",
      "wrong_type",
      "wrong_type",
      "invalid_event",
    ]);
    const c = engine.counters();
    expect(
      c.applied + c.duplicate + Object.values(c.rejected).reduce((a, b) => a + (b ?? 0), 0),
    ).toBe(inputs.length);
  });

  it("tells the time of the event it applied last, as it read it (the CLI keeps the latest)", () => {
    const engine = createEngine(LEAD);
    expect(engine.lastAppliedAt()).toBeNaN();
    const visit = { id: "e1", record: "r", at: "2026-01-01T10:00:00+01:00", type: "web_visit" };
    expect(engine.apply(visit).status).toBe("applied");
    expect(engine.lastAppliedAt()).toBe(Date.UTC(2026, 0, 1, 9));
    // Neither a duplicate nor a rejected event changes it.
    expect(engine.apply(visit).status).toBe("duplicate");
    expect(engine.apply({ ...visit, id: "e2", at: "2025-12-31T00:00:00Z" }).status).toBe(
      "rejected",
    );
    expect(engine.lastAppliedAt()).toBe(Date.UTC(2026, 0, 1, 9));
    engine.apply({ record: "s", at: "2026-01-02T00:00:00Z", type: "web_visit" });
    expect(engine.lastAppliedAt()).toBe(Date.UTC(2026, 0, 2));
  });

  it("rejects a misspelt top-level key as invalid_event, naming it and the closest key, with nothing applied", () => {
    const engine = createEngine(LEAD);
    const rejected = (event: unknown) => {
      const r = engine.apply(event);
      return r.status === "rejected" ? `${r.reason}: ${r.message}` : r.status;
    };
    const base = { id: "e1", record: "r1", at: "2026-01-01T00:00:00Z", type: "update" };
    expect(
      rejected(
        JSON.parse(
          '{"id":"e1","record":"r1","at":"2026-01-01T00:00:00Z","type":"update","sett":{"email":"a@b.nl"}}',
        ),
      ),
    ).toBe("invalid_event: unknown key `sett`; did you mean `set`?");
    expect(rejected({ ...base, dta: { url: "/" } })).toBe(
      "invalid_event: unknown key `dta`; did you mean `data`?",
    );
    expect(rejected({ ...base, Set: {} })).toBe(
      "invalid_event: unknown key `Set`; did you mean `set`?",
    );
    expect(rejected({ ...base, source: "crm" })).toBe(
      "invalid_event: unknown key `source`; an event has only id, record, at, type, data and set",
    );
    // Before the missing record it would otherwise be reported as.
    expect(rejected({ recrd: "r1", at: "2026-01-01T00:00:00Z", type: "update" })).toBe(
      "invalid_event: unknown key `recrd`; did you mean `record`?",
    );
    expect(engine.state("r1")).toBeUndefined();
    expect(engine.counters()).toEqual({ applied: 0, duplicate: 0, rejected: { invalid_event: 5 } });
    expect(rejected({ ...base, set: { email: "a@b.nl" } })).toBe("applied");
    expect(engine.state("r1")!.fields.email).toBe("a@b.nl");
  });

  it("says plainly what is missing or of the wrong kind, and suggests the declared name a typo meant", () => {
    const engine = createEngine(LEAD);
    const message = (event: unknown) => {
      const r = engine.apply(event);
      return r.status === "rejected" ? `${r.reason}: ${r.message}` : r.status;
    };
    const at = "2026-01-01T00:00:00Z";
    const declared = "declared: update, web_visit, form_submitted, meeting_scheduled";
    expect(message({ record: "r", type: "update" })).toBe(
      "bad_timestamp: the event has no `at` time",
    );
    expect(message({ record: "r", at: null, type: "update" })).toBe(
      "bad_timestamp: the event has no `at` time",
    );
    expect(message({ record: "r", at: "2026-01-01", type: "update" })).toBe(
      'bad_timestamp: `at` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not "2026-01-01"',
    );
    expect(message({ record: "r", at })).toBe(
      `unknown_event: the event has no \`type\`; ${declared}`,
    );
    expect(message({ record: "r", at, type: 7 })).toBe(
      `unknown_event: \`type\` must be the name of an event type, not 7; ${declared}`,
    );
    expect(message({ record: "r", at, type: "web_vist" })).toBe(
      `unknown_event: unknown event type "web_vist"; did you mean \`web_visit\`? ${declared}`,
    );
    expect(message({ record: "r", at, type: "phone_call" })).toBe(
      `unknown_event: unknown event type "phone_call"; ${declared}`,
    );
    expect(message({ record: 42, at, type: "update" })).toBe(
      "missing_record: `record` must be a text id, not 42",
    );
    expect(message({ at, type: "update" })).toBe("missing_record: the event has no `record` id");
    expect(message({ record: "r", at, type: "update", set: { emial: "a@b.nl" } })).toBe(
      "unknown_field: the record has no field `emial`; did you mean `email`?",
    );
    expect(message({ record: "r", at, type: "update", set: { Country: "NL" } })).toBe(
      "unknown_field: the record has no field `Country`; did you mean `country`?",
    );
    expect(message({ record: "r", at, type: "update", set: { colour: "red" } })).toBe(
      "unknown_field: the record has no field `colour`",
    );
    expect(message({ record: "r", at, type: "update", set: { lead_score: 5 } })).toBe(
      "unknown_field: the record has no field `lead_score`; `lead_score` is a score, computed by the funnel",
    );
    expect(message({ record: "r", at, type: "web_visit", data: { ulr: "/" } })).toBe(
      "unknown_field: event `web_visit` has no field `ulr`; did you mean `url`?",
    );
    expect(message({ record: "r", at, type: "update", data: { url: "/" } })).toBe(
      "unknown_field: an `update` event has no field `url`",
    );
  });

  it("rejects an event whole: nothing of a bad event is applied", () => {
    const engine = createEngine(LEAD);
    engine.apply({ record: "r", at: "2026-01-01T00:00:00Z", type: "update" });
    engine.apply({
      record: "r",
      at: "2026-01-02T00:00:00Z",
      type: "update",
      set: { email: "a@b.nl", qualified: "nope" },
    });
    expect(engine.state("r")!.fields.email).toBeNull();
  });

  it("treats unset values as failing every test, and `not` as negating the result", () => {
    const ir = irOf(`funnel f {
  team t
  fields { x: number?  flag: boolean = false }
  stage a { definition "A." owner t -> b when not (x = 1) -> c when x != 1 }
  stage b { definition "B." owner t -> won when flag }
  stage c { definition "C." owner t -> won when flag }
  terminal won { outcome won }
}`);
    const engine = createEngine(ir);
    engine.apply({ record: "r", at: "2026-01-01T00:00:00Z", type: "update" });
    expect(engine.state("r")!.stage).toBe("b");
  });

  it("snapshot and restore keep SLA deadlines and warnings exactly", () => {
    const engine = createEngine(LEAD);
    engine.apply({
      record: "s",
      at: "2026-01-01T00:00:00Z",
      type: "update",
      set: { email: "x@y.z" },
    });
    for (let i = 0; i < 5; i++)
      engine.apply({
        id: `f${i}`,
        record: "s",
        at: "2026-01-02T00:00:00Z",
        type: "form_submitted",
        data: { form: "Demo request" },
      });
    engine.apply({
      record: "s",
      at: "2026-01-31T00:00:00Z",
      type: "meeting_scheduled",
      data: { at: "2026-02-05T10:00:00Z" },
    });
    engine.advanceTo("2026-02-26T00:00:00Z"); // the warning is due on the 25th
    const restored = createEngine(LEAD, JSON.parse(JSON.stringify(engine.snapshot())));
    expect(restored.state("s")).toEqual(engine.state("s"));
    expect(restored.advanceTo("2026-04-01T00:00:00Z")).toEqual(
      engine.advanceTo("2026-04-01T00:00:00Z"),
    );
    // The ids of the record's latest events survive the restore: replaying them is a duplicate.
    restored.apply({
      id: "g0",
      record: "s",
      at: "2026-04-02T00:00:00Z",
      type: "form_submitted",
      data: { form: "x" },
    });
    const again = createEngine(LEAD, JSON.parse(JSON.stringify(restored.snapshot())));
    expect(
      again.apply({
        id: "g0",
        record: "s",
        at: "2026-04-02T00:00:00Z",
        type: "form_submitted",
        data: { form: "x" },
      }).status,
    ).toBe("duplicate");
  });

  it("keeps engines made from one IR apart (they share its compiled rules and scratch space)", () => {
    const events = [
      { record: "a", at: "2026-01-01T09:00:00Z", type: "web_visit", data: { url: "/x" } },
      {
        record: "a",
        at: "2026-01-01T09:05:00Z",
        type: "update",
        set: { email: "a@b.nl", job_title: "Director" },
      },
      {
        record: "a",
        at: "2026-01-02T09:00:00Z",
        type: "form_submitted",
        data: { form: "Demo request" },
      },
      {
        record: "a",
        at: "2026-01-03T09:00:00Z",
        type: "form_submitted",
        data: { form: "Demo request" },
      },
      {
        record: "a",
        at: "2026-01-04T09:00:00Z",
        type: "form_submitted",
        data: { form: "Demo request" },
      },
      {
        record: "a",
        at: "2026-01-05T09:00:00Z",
        type: "meeting_scheduled",
        data: { at: "2026-01-09T10:00:00Z" },
      },
    ];
    const alone = createEngine(LEAD);
    const expected = events.map((e) => alone.apply(e));
    // Two engines of the same IR, events interleaved with different events on the other one.
    const first = createEngine(LEAD);
    const second = createEngine(LEAD);
    const got = events.map((e) => {
      second.apply({ record: "b", at: e.at, type: "form_submitted", data: { form: "Newsletter" } });
      return first.apply(e);
    });
    expect(got).toEqual(expected);
    expect(first.state("a")).toEqual(alone.state("a"));
    expect(first.state("b")).toBeUndefined();
    expect(second.state("b")!.scores).toEqual({ lead_score: 60 });
  });

  it("keeps times exact at both ends of the calendar, before 1970 included, through snapshot and restore", () => {
    // A record holds its times as two small integers (engine.ts, RecordState): every instant,
    // negative ones and those of years 0000 and 9999 included, must come back unchanged.
    for (const [first, later] of [
      ["0000-01-01T00:00:00.001Z", "0000-03-01T12:34:56.789Z"],
      ["1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z"],
      ["9999-12-31T23:59:59.998Z", "9999-12-31T23:59:59.999Z"],
    ]) {
      const engine = createEngine(LEAD);
      engine.apply({ id: "a", record: "t", at: first, type: "update", set: { email: "x@y.z" } });
      engine.apply({
        id: "b",
        record: "t",
        at: later,
        type: "form_submitted",
        data: { form: "Demo request" },
      });
      const view = engine.state("t")!;
      expect([view.enteredAt, view.lastEventAt, view.path.map((p) => p.at)]).toEqual([
        later,
        later,
        [first, first, later],
      ]);
      expect(engine.apply({ id: "a", record: "t", at: first, type: "update" })).toMatchObject({
        status: "rejected",
        reason: "out_of_order",
      });
      const restored = createEngine(LEAD, JSON.parse(JSON.stringify(engine.snapshot())));
      expect(restored.state("t")).toEqual(view);
      expect(
        restored.apply({
          id: "b",
          record: "t",
          at: later,
          type: "form_submitted",
          data: { form: "Demo request" },
        }).status,
      ).toBe("duplicate");
    }
  });

  it("remembers ids only for the record's latest time: bounded memory, no event applied twice", () => {
    const engine = createEngine(LEAD);
    const event = (id: string | undefined, at: string) => ({
      ...(id === undefined ? {} : { id }),
      record: "r",
      at,
      type: "web_visit",
      data: { url: "/" },
    });
    const status = (e: object) => {
      const r = engine.apply(e);
      return r.status === "rejected" ? r.reason : r.status;
    };
    expect(status(event("a", "2026-01-01T00:00:00Z"))).toBe("applied");
    expect(status(event("b", "2026-01-01T00:00:00Z"))).toBe("applied");
    expect(status(event("a", "2026-01-01T00:00:00Z"))).toBe("duplicate");
    expect(status(event("b", "2026-01-01T00:00:00Z"))).toBe("duplicate");
    expect(engine.snapshot().records[0].ids).toEqual(["a", "b"]);
    expect(status(event(undefined, "2026-01-02T00:00:00Z"))).toBe("applied");
    expect(engine.snapshot().records[0].ids).toEqual([]);
    // A replay of an older event cannot be applied either way: it is older than the record's clock.
    expect(status(event("a", "2026-01-01T00:00:00Z"))).toBe("out_of_order");
    // Another record's ids are its own.
    expect(
      engine.apply({ id: "a", record: "other", at: "2026-01-01T00:00:00Z", type: "update" }).status,
    ).toBe("applied");
    expect(engine.state("r")!.scores.lead_score).toBe(15); // three visits, five points each
  });

  it("keeps every record's path, as its moves said, over more moves than one chunk of the path log, through snapshot and restore", () => {
    // 9,000 records, events interleaved, four path stops each: 36,000 entries, over several chunks
    // of 4,096 (and through the first chunk's growth); a restored engine writes the paths anew.
    const RECORDS = 9000;
    const rounds = [
      (r: string, at: string) => ({ record: r, at, type: "web_visit", data: { url: "/" } }),
      (r: string, at: string) => ({ record: r, at, type: "update", set: { email: `${r}@b.nl` } }),
      (r: string, at: string) => ({
        record: r,
        at,
        type: "form_submitted",
        data: { form: "Webinar" },
      }),
      (r: string, at: string) => ({ record: r, at, type: "update", set: { unsubscribed: true } }),
    ];
    const expected = new Map<string, { stage: string; at: string }[]>();
    const run = (engines: ReturnType<typeof createEngine>[], round: number) => {
      for (let i = 0; i < RECORDS; i++) {
        const id = `r${(i * 7919) % RECORDS}`;
        const at = new Date(Date.UTC(2026, 0, 1 + round, 0, 0, i)).toISOString();
        const results = engines.map((engine) => engine.apply(rounds[round](id, at)));
        for (const result of results) expect(result).toEqual(results[0]);
        for (const o of results[0].outcomes)
          if (o.type === "moved")
            expected.set(id, [...(expected.get(id) ?? []), { stage: o.to, at: o.at }]);
      }
    };
    const engine = createEngine(LEAD);
    run([engine], 0);
    run([engine], 1);
    const restored = createEngine(LEAD, JSON.parse(JSON.stringify(engine.snapshot())));
    run([engine, restored], 2);
    run([engine, restored], 3);
    for (const [id, path] of expected) {
      expect(path.length).toBe(4);
      expect(engine.state(id)!.path).toEqual(path);
      expect(restored.state(id)).toEqual(engine.state(id));
    }
    expect(restored.snapshot()).toEqual(engine.snapshot());
  });
});

describe("engine cascades on creation", () => {
  it("does not re-enter the initial stage in the event that created the record", () => {
    const ir = irOf(`funnel f {
  team t
  fields { a: boolean = false  b: boolean = false }
  stage one { definition "1." owner t -> two when a }
  stage two { definition "2." owner t -> one when b -> won when a and not b }
  terminal won { outcome won }
}`);
    const engine = createEngine(ir);
    const result = engine.apply({
      record: "r",
      at: "2026-01-01T00:00:00Z",
      type: "update",
      set: { a: true, b: true },
    });
    expect(moves(result.outcomes)).toEqual([
      "null->one@2026-01-01T00:00:00.000Z",
      "one->two@2026-01-01T00:00:00.000Z",
    ]);
  });
});
