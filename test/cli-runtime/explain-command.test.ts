// `funnel explain`: a record's path with the event or SLA and the rule's source behind each move,
// and for its current stage why each rule tried at the last event did not fire.
import { describe, expect, it } from "vitest";
import { MINI, project, run } from "./helpers.js";

const EVENTS = [
  { id: "e1", record: "a", at: "2026-05-01T09:00:00Z", type: "update", set: { email: "a@b.nl" } },
  { id: "e2", record: "a", at: "2026-05-02T09:00:00Z", type: "visit", data: { url: "/x" } },
  { id: "x1", record: "other", at: "2026-05-02T10:00:00Z", type: "visit", data: { url: "/" } },
  { id: "e3", record: "a", at: "2026-05-03T09:00:00Z", type: "visit", data: { url: "/y" } },
  { id: "e4", record: "a", at: "2026-05-04T09:00:00Z", type: "call", data: { minutes: "long" } },
  { id: "e5", record: "a", at: "2026-05-05T09:00:00Z", type: "call", data: { minutes: 25 } },
]
  .map((e) => JSON.stringify(e))
  .join("\n");

describe("funnel explain", () => {
  it("prints each move with its event, line and rule in a code frame, then why the current stage's rules did not fire", async () => {
    const dir = project({ "mini.funnel": MINI, "events.jsonl": EVENTS });
    const { code, stdout } = await run(
      dir,
      "explain",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--record",
      "a",
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`Record a in mini (mini.funnel), as of 2026-05-05T09:00:00.000Z:
now in \`warm\` (Warm) since 2026-05-03T09:00:00.000Z.

Path:
   1. 2026-05-01T09:00:00.000Z  created in lead by event e1 (update), events.jsonl:1
   2. 2026-05-03T09:00:00.000Z  lead → warm by event e3 (visit), events.jsonl:4: lead -> warm when email is set and heat >= 20
      mini.funnel:23:5
        > 23 |     -> warm when email is set and heat >= 20
             |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

Rejected events of this record (nothing of them applied):
  events.jsonl:5 - warning FN6010: Rejected (wrong_type): \`minutes\` must be a number, not "long".

Why it stays in \`warm\`: rules tried at the last event, event e5 (call) at 2026-05-05T09:00:00Z, events.jsonl:6:
  from any -> junk when spam (mini.funnel:18)
    did not fire: \`spam\` is false.
  warm -> hot on call when event.minutes >= 10 and qualified (mini.funnel:28)
    did not fire: \`qualified\` is false.
  warm: warn 7 days (mini.funnel:30)
    due at 2026-05-10T09:00:00.000Z, after the as-of time: not warned yet.
  warm: sla 10 days -> cold (mini.funnel:29)
    due at 2026-05-13T09:00:00.000Z, after the as-of time: not breached yet.
`);
  });

  it("explains SLA moves and the SLA's cascade, which has no event", async () => {
    const dir = project({ "mini.funnel": MINI, "events.jsonl": EVENTS });
    const { code, stdout } = await run(
      dir,
      "explain",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--record",
      "a",
      "--as-of",
      "2026-05-20T00:00:00Z",
    );
    expect(code).toBe(0);
    expect(stdout)
      .toContain(`      2026-05-10T09:00:00.000Z  SLA warning in \`warm\` (warm: warn 7 days), notify sales
   3. 2026-05-13T09:00:00.000Z  warm → cold: SLA breached (warm: sla 10 days -> cold), notify sales
      mini.funnel:29:5
        > 29 |     sla 10 days -> cold notify sales
             |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
`);
    expect(stdout)
      .toContain(`Why it stays in \`cold\`: rules tried in the cascade after the SLA breach at 2026-05-13T09:00:00.000Z (no event):
  from any -> junk when spam (mini.funnel:18)
    did not fire: \`spam\` is false.
  cold -> warm on visit (mini.funnel:40)
    did not fire: it waits for event \`visit\`, and an SLA cascade has no event.
`);
  });

  it("names the event that did not match `on`, the false part of `when`, and a terminal stage", async () => {
    const events = [
      {
        record: "b",
        at: "2026-05-01T09:00:00Z",
        type: "update",
        set: { email: "b@c.nl", qualified: true },
      },
      { record: "b", at: "2026-05-02T09:00:00Z", type: "visit", data: { url: "/" } },
      { record: "b", at: "2026-05-02T10:00:00Z", type: "visit", data: { url: "/" } },
      { record: "b", at: "2026-05-03T09:00:00Z", type: "call", data: { minutes: 4 } },
      { record: "c", at: "2026-05-01T09:00:00Z", type: "visit", data: { url: "/" } },
      { record: "d", at: "2026-05-01T09:00:00Z", type: "update", set: { spam: true } },
    ];
    const dir = project({
      "mini.funnel": MINI,
      "e.jsonl": events.map((e) => JSON.stringify(e)).join("\n"),
    });
    const b = await run(dir, "explain", "mini.funnel", "-d", "e.jsonl", "-r", "b");
    expect(b.stdout).toContain(
      "    did not fire: `event.minutes >= 10` is false (event.minutes is 4).\n",
    );
    const c = await run(dir, "explain", "mini.funnel", "-d", "e.jsonl", "-r", "c");
    expect(c.stdout).toContain(
      "  lead -> warm when email is set and heat >= 20 (mini.funnel:23)\n    did not fire: `email is set` is false (email is unset).\n",
    );
    const d = await run(dir, "explain", "mini.funnel", "-d", "e.jsonl", "-r", "d");
    expect(d.stdout).toContain(
      "   2. 2026-05-01T09:00:00.000Z  lead → junk by event update, e.jsonl:6: from any -> junk when spam\n      mini.funnel:18:5\n",
    );
    expect(d.stdout).toContain("`junk` is a terminal stage: no rule leads out of it.\n");
  });

  it("says when a matching rule was stopped because its stage was already entered in the cascade", async () => {
    const loop = `funnel loop {
  team t
  fields {
    a: boolean = false
    b: boolean = false
  }
  stage one { definition "One." owner t -> two when a }
  stage two { definition "Two." owner t -> one when b -> done when a and b }
  terminal done { outcome won }
}
`;
    const dir = project({
      "loop.funnel": loop,
      "e.jsonl": JSON.stringify({
        record: "r",
        at: "2026-05-01T09:00:00Z",
        type: "update",
        set: { a: true, b: true },
      }),
    });
    const { code, stdout } = await run(
      dir,
      "explain",
      "loop.funnel",
      "--data",
      "e.jsonl",
      "--record",
      "r",
    );
    expect(code).toBe(0);
    // Creating the record entered `one`, so `two -> one` may not fire in the same event.
    expect(stdout).toContain("now in `two` since 2026-05-01T09:00:00.000Z.");
    expect(stdout).toContain(
      "  two -> one when b (loop.funnel:8)\n    matched, but the record had already entered `one` in this cascade, and one event never enters a stage twice: the cascade stopped here.\n",
    );
  });

  it("reads CSV too, and exits 1 for a record no applied event is about", async () => {
    const csv =
      "record,at,type,set.email,set.qualified\nz,2026-05-01T09:00:00Z,update,z@y.nl,\nq,2026-05-01T09:00:00Z,update,,maybe\n";
    const dir = project({ "mini.funnel": MINI, "e.csv": csv });
    const z = await run(dir, "explain", "mini.funnel", "--data", "e.csv", "--record", "z");
    expect(z.code).toBe(0);
    expect(z.stdout).toContain("created in lead by event update, e.csv:2");
    const q = await run(dir, "explain", "mini.funnel", "--data", "e.csv", "--record", "q");
    expect(q.code).toBe(1);
    expect(q.stdout).toBe(
      'e.csv:3 - warning FN6010: Rejected (wrong_type): `qualified` must be true or false, not "maybe".\n' +
        'e.csv - error FN6014: No applied event of e.csv is about record "q", so there is nothing to explain.\n',
    );
    expect((await run(dir, "explain", "mini.funnel", "--data", "e.csv")).code).toBe(2);
  });
});
