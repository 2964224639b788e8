// `funnel test`: scenario files (spec §8) run through the engine; failures reported with the
// scenario, expected vs actual and the events; coverage per funnel; JSON and JUnit for CI; bad
// scenario files reported at file:line:col.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { escapeXml } from "../../cli/reporters/junit.js";
import { MINI, project, run } from "./helpers.js";
import { findAll, parseXml } from "./xml.js";

const WARM = `
  - name: two visits with an email make a lead warm
    events:
      - { at: 2026-05-01T09:00:00Z, type: update, set: { email: a@b.nl } }
      - { at: 2026-05-02T09:00:00Z, type: visit, data: { url: /a } }
      - { at: 2026-05-03T09:00:00Z, type: visit, data: { url: /b } }
    expect: { stage: warm, path: [lead, warm], fields: { heat: 20 } }`;

const FAILING = `funnel: mini.funnel
scenarios:${WARM}
  - name: a short call makes it hot
    events:
      - { at: 2026-05-01T09:00:00Z, type: update, set: { email: a@b.nl } }
      - { at: 2026-05-02T09:00:00Z, type: visit, data: { url: /a } }
      - { at: 2026-05-03T09:00:00Z, type: visit, data: { url: /b } }
      - { at: 2026-05-04T09:00:00Z, type: call, data: { minutes: 5 } }
    expect:
      stage: hot
      path: [lead, warm, hot]
`;

/** Scenarios that exercise every rule of MINI. */
const COMPLETE = `funnel: mini.funnel
scenarios:${WARM}
  - name: a long call with a qualified lead makes it hot, and a close date wins it
    record: deal-1
    events:
      - { id: a, at: 2026-05-01T09:00:00Z, type: update, set: { email: a@b.nl, qualified: true } }
      - { id: b, at: 2026-05-02T09:00:00Z, type: visit, data: { url: /a } }
      - { id: c, at: 2026-05-03T09:00:00Z, type: visit, data: { url: /b } }
      - { id: d, at: 2026-05-04T09:00:00Z, type: call, data: { minutes: 25 } }
      - { id: e, at: 2026-05-20T09:00:00Z, type: update, set: { closed: 2026-05-20 } }
    expect: { stage: won, path: [lead, warm, hot, won], fields: { heat: 50, closed: 2026-05-20 } }
  - name: a warm lead left alone is warned and goes cold, and a visit warms it again
    events:
      - { at: 2026-05-01T09:00:00Z, type: update, set: { email: a@b.nl } }
      - { at: 2026-05-02T09:00:00Z, type: visit, data: { url: /a } }
      - { at: 2026-05-03T09:00:00Z, type: visit, data: { url: /b } }
      - { at: 2026-05-20T09:00:00Z, type: visit, data: { url: /c } }
    expect: { stage: warm, path: [lead, warm, cold, warm], sla_breaches: [warm] }
  - name: spam is junk from anywhere
    events:
      - { at: 2026-05-01T09:00:00Z, type: update, set: { spam: true } }
    as_of: 2026-06-01T00:00:00Z
    expect: { stage: junk, path: [lead, junk], sla_breaches: [] }
`;

describe("funnel test: results", () => {
  it("reports a failing scenario with expected vs actual, the events that led there, and coverage", async () => {
    const dir = project({ "mini.funnel": MINI, "mini.scenarios.yaml": FAILING });
    const { code, stdout } = await run(dir, "test");
    expect(code).toBe(1);
    expect(stdout).toBe(`FAIL mini.scenarios.yaml (mini)
  ✓ two visits with an email make a lead warm
  ✗ a short call makes it hot

mini.scenarios.yaml:16:14 - error FN6005: Scenario "a short call makes it hot": expected stage \`hot\`, but the record is in \`warm\`.

  > 16 |       stage: hot
       |              ^^^

mini.scenarios.yaml:17:13 - error FN6005: Scenario "a short call makes it hot": expected path [lead, warm, hot], but the path was [lead, warm].

  > 17 |       path: [lead, warm, hot]
       |             ^^^^^^^^^^^^^^^^^

  Events of "a short call makes it hot" (record \`record\`):
    1. line 11  2026-05-01T09:00:00Z  update  created in lead
    2. line 12  2026-05-02T09:00:00Z  visit   no move
    3. line 13  2026-05-03T09:00:00Z  visit   lead → warm
    4. line 14  2026-05-04T09:00:00Z  call    no move

Coverage:
  mini (mini.funnel): 1 of 7 rules exercised (14.2%); not exercised:
    mini.funnel:18  from any -> junk when spam
    mini.funnel:28  warm -> hot on call when event.minutes >= 10 and qualified
    mini.funnel:29  warm: sla 10 days -> cold
    mini.funnel:30  warm: warn 7 days
    mini.funnel:35  hot -> won when closed is set
    mini.funnel:40  cold -> warm on visit

Scenarios: 1 failed, 1 passed (2 in 1 file).
`);
  });

  it("passes with exit 0 and 100% coverage when every rule is exercised", async () => {
    const dir = project({ "mini.funnel": MINI, "mini.scenarios.yaml": COMPLETE });
    const { code, stdout } = await run(dir, "test", "mini.scenarios.yaml");
    expect(stdout).toBe(`PASS mini.scenarios.yaml (mini)
  ✓ two visits with an email make a lead warm
  ✓ a long call with a qualified lead makes it hot, and a close date wins it
  ✓ a warm lead left alone is warned and goes cold, and a visit warms it again
  ✓ spam is junk from anywhere

Coverage:
  mini (mini.funnel): 7 of 7 rules exercised (100%)

Scenarios: 4 passed (4 in 1 file).
`);
    expect(code).toBe(0);
  });

  it("names field, score and SLA mismatches, and rejected events, in one scenario", async () => {
    const dir = project({
      "mini.funnel": MINI,
      "s.scenarios.yaml": `funnel: mini.funnel
scenarios:
  - name: mixed
    events:
      - { at: 2026-05-01T09:00:00Z, type: update, set: { email: a@b.nl, qualified: yes } }
      - { at: 2026-05-02T09:00:00Z, type: visit, data: { url: /a } }
    as_of: 2026-05-03T00:00:00Z
    expect: { fields: { heat: 20, email: A@B.NL, closed: null }, sla_breaches: [warm] }
`,
    });
    const { code, stdout } = await run(dir, "test");
    expect(code).toBe(1);
    expect(stdout).toContain(
      `s.scenarios.yaml:5:9 - error FN6005: Scenario "mixed": event 1 was rejected (wrong_type): \`qualified\` must be true or false, not "yes".`,
    );
    expect(stdout).toContain(
      `s.scenarios.yaml:8:31 - error FN6005: Scenario "mixed": expected \`heat\` to be 20, but it is 10.`,
    );
    expect(stdout).toContain(
      `s.scenarios.yaml:8:42 - error FN6005: Scenario "mixed": expected \`email\` to be "A@B.NL", but it is unset.`,
    );
    expect(stdout).toContain(
      `s.scenarios.yaml:8:80 - error FN6005: Scenario "mixed": expected SLA breaches in [warm], but there were none.`,
    );
    expect(stdout).not.toContain("expected `closed`");
    expect(stdout).toContain(
      `    1. line 5     2026-05-01T09:00:00Z  update  rejected (wrong_type): \`qualified\` must be true or false, not "yes"`,
    );
    expect(stdout).toContain(`    2. line 6     2026-05-02T09:00:00Z  visit   created in lead`);
    expect(stdout).toContain(`    as_of line 7  2026-05-03T00:00:00Z          nothing due`);
  });

  it("says how to quote a YAML number meant as text, and reports no missing record after a rejected event", async () => {
    const dir = project({
      "mini.funnel": MINI,
      "s.scenarios.yaml": `funnel: mini.funnel
scenarios:
  - name: numeric url
    events:
      - { at: 2026-05-01T09:00:00Z, type: visit, data: { url: 404 } }
    expect: { stage: lead }
`,
    });
    const { code, stdout } = await run(dir, "test");
    expect(code).toBe(1);
    const errors = stdout.split("\n").filter((l) => l.includes(" - error "));
    expect(errors).toEqual([
      `s.scenarios.yaml:5:9 - error FN6005: Scenario "numeric url": event 1 was rejected (wrong_type): \`url\` must be text, not 404 (YAML reads url: 404 as a number; write url: "404" to make it text).`,
    ]);
  });

  it("aggregates coverage per funnel over several scenario files", async () => {
    const [first, ...rest] = COMPLETE.split("\n  - name: ");
    const dir = project({
      "f/mini.funnel": MINI,
      "f/a.scenarios.yaml": `${first}\n  - name: ${rest.slice(0, 2).join("\n  - name: ")}`,
      "f/b.scenarios.yaml": `funnel: ./mini.funnel\nscenarios:\n  - name: ${rest.slice(2).join("\n  - name: ")}`,
    });
    const { code, stdout } = await run(dir, "test", "f");
    expect(code).toBe(0);
    expect(stdout).toContain("  mini (f/mini.funnel): 7 of 7 rules exercised (100%)\n");
    expect(stdout).toContain("Scenarios: 4 passed (4 in 2 files).");
  });

  it("finds scenario files next to the config's funnels, and those naming a given .funnel", async () => {
    const dir = project({
      "funnel.config.yaml": "inputs: [funnels]\n",
      "funnels/mini.funnel": MINI,
      "funnels/mini.scenarios.yaml": COMPLETE,
      "funnels/other.scenarios.yaml": `funnel: elsewhere.funnel\nscenarios: []\n`,
    });
    const all = await run(dir, "test");
    expect(all.stdout).toContain("PASS funnels/mini.scenarios.yaml (mini)");
    expect(all.stdout).toContain("FAIL funnels/other.scenarios.yaml");
    const one = await run(dir, "test", "funnels/mini.funnel");
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain("other.scenarios.yaml");
    expect(one.stdout).toContain("Scenarios: 4 passed (4 in 1 file).");
  });

  it("runs the shipped examples with every transition, SLA and from-any rule covered", async () => {
    const { code, stdout } = await run(process.cwd(), "test", "examples");
    expect(stdout).not.toContain("✗");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "  definitions (examples/definitions.funnel): 10 of 10 rules exercised (100%)\n",
    );
    expect(stdout).toContain(
      "  lead_to_revenue (examples/lead-to-revenue.funnel): 13 of 13 rules exercised (100%)\n",
    );
    expect(stdout).toContain(
      "  revenue_cycle (examples/revenue-cycle.funnel): 14 of 14 rules exercised (100%)\n",
    );
  });
});

describe("funnel test: bad scenario files", () => {
  const check = async (
    scenarios: string,
    files: Record<string, string> = { "mini.funnel": MINI },
  ) => {
    const dir = project({ ...files, "x.scenarios.yaml": scenarios });
    return run(dir, "test", "x.scenarios.yaml");
  };

  it("reports YAML syntax errors at their line and column", async () => {
    const { code, stdout } = await check(
      "funnel: mini.funnel\nscenarios:\n  - name: [unclosed\n    events: []\n",
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^x\.scenarios\.yaml:\d+:\d+ - error FN6001: This scenario file is not valid YAML: /m,
    );
    // At the bracket that was never closed, not where the yaml library gave up.
    expect(stdout).toContain(
      "x.scenarios.yaml:3:11 - error FN6001: This scenario file is not valid YAML: this `[` is never closed;",
    );
  });

  it("reports duplicate keys through YAML, at the second key", async () => {
    const { stdout } = await check("funnel: mini.funnel\nfunnel: other.funnel\nscenarios: []\n");
    expect(stdout).toContain(
      // Worded as the config file's YAML errors are (cli/yaml-errors.ts), naming the key.
      "x.scenarios.yaml:2:1 - error FN6001: This scenario file is not valid YAML: `funnel` is given twice; keep one of them.",
    );
  });

  it("reports each shape problem at the offending key or value", async () => {
    const { code, stdout } = await check(`funnel: mini.funnel
scenarios:
  - name: one
    events:
      - { at: 2026-05-01T09:00:00Z, typ: update }
      - 12
      - { at: 2026-05-01T09:00:00Z, type: update, set: [email] }
    as_of: tomorrow
    expect: { stage: [lead], paths: [lead] }
  - name: one
    events: []
  - events: { a: 1 }
    expect: 3
`);
    expect(code).toBe(1);
    const lines = stdout.split("\n").filter((l) => l.includes(" - error "));
    expect(lines).toEqual([
      "x.scenarios.yaml:5:37 - error FN6001: Unknown key `typ` in an event; allowed keys are id, record, at, type, data, set.",
      'x.scenarios.yaml:5:11 - error FN6001: Event 1 of scenario "one" needs `type`.',
      'x.scenarios.yaml:6:9 - error FN6001: Event 2 of scenario "one" must be a mapping (`key: value` pairs).',
      "x.scenarios.yaml:7:56 - error FN6001: `set` must be a mapping (`key: value` pairs).",
      'x.scenarios.yaml:8:12 - error FN6001: `as_of` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not "tomorrow".',
      "x.scenarios.yaml:9:30 - error FN6001: Unknown key `paths` in `expect`; allowed keys are stage, path, fields, sla_breaches.",
      "x.scenarios.yaml:9:22 - error FN6001: `stage` must be text, not a list.",
      'x.scenarios.yaml:10:11 - error FN6001: Two scenarios are called "one"; give each a unique name so failures can be told apart.',
      "x.scenarios.yaml:11:13 - error FN6001: `events` must list at least one event.",
      'x.scenarios.yaml:10:11 - error FN6001: Scenario "one" needs `expect`.',
      "x.scenarios.yaml:12:5 - error FN6001: Scenario 3 needs `name`.",
      "x.scenarios.yaml:12:13 - error FN6001: `events` must be a list (`- item` lines or `[a, b]`).",
      "x.scenarios.yaml:13:13 - error FN6001: `expect` must be a mapping (`key: value` pairs).",
    ]);
    expect(stdout).toContain("  > 8 |     as_of: tomorrow\n      |            ^^^^^^^^");
  });

  it("reports a missing funnel, and a funnel with errors with its own diagnostics", async () => {
    const missing = await check("funnel: nope.funnel\nscenarios: []\n");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      "x.scenarios.yaml:1:9 - error FN6002: Cannot find the funnel nope.funnel; `funnel:` is relative to the scenario file.",
    );
    const broken = await check("funnel: mini.funnel\nscenarios: []\n", {
      "mini.funnel": MINI.replace("-> won when", "-> wonn when"),
    });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      "mini.funnel:35:8 - error FN2002: Unknown stage `wonn`; did you mean `won`?",
    );
    expect(broken.stdout).toContain(
      "x.scenarios.yaml:1:9 - error FN6002: The funnel mini.funnel has errors, so nothing can run on it; `funnel check mini.funnel` lists them.",
    );
  });

  it("reports expectations that name unknown stages and fields, or impossible values", async () => {
    const { code, stdout } = await check(`funnel: mini.funnel
scenarios:
  - name: typos
    events: [{ at: 2026-05-01T09:00:00Z, type: update }]
    expect: { stage: wram, path: [lead, nowhere], fields: { heet: 1, qualified: maybe } }
`);
    expect(code).toBe(1);
    expect(stdout).toContain("  ✗ typos\n");
    expect(stdout).toContain(
      "x.scenarios.yaml:5:22 - error FN6003: Unknown stage `wram` in `stage`; did you mean `warm`?",
    );
    expect(stdout).toContain(
      "x.scenarios.yaml:5:41 - error FN6003: Unknown stage `nowhere` in `path`; the funnel's stages are lead, warm, hot, cold, won, junk.",
    );
    expect(stdout).toContain(
      "x.scenarios.yaml:5:61 - error FN6003: Unknown field or score `heet` in `fields`; did you mean `heat`?",
    );
    expect(stdout).toContain(
      'x.scenarios.yaml:5:81 - error FN6003: `qualified` is true or false, so it can never be "maybe".',
    );
  });

  it("exits 2 when there are no scenario files to run", async () => {
    const dir = project({ "mini.funnel": MINI });
    const none = await run(dir, "test");
    expect(none.code).toBe(2);
    expect(none.stdout).toContain("error FN6004: No scenario files (*.scenarios.yaml) found for .");
    const forFunnel = await run(dir, "test", "mini.funnel");
    expect(forFunnel.stdout).toContain(
      "error FN6004: No scenario file next to mini.funnel names it in `funnel:`.",
    );
    const missing = await run(dir, "test", "nope.scenarios.yaml");
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("Cannot read nope.scenarios.yaml: no such file or folder.");
  });
});

describe("funnel test: machine-readable reports", () => {
  it("prints JSON with scenarios, failures (expected vs actual, range) and coverage", async () => {
    const dir = project({ "mini.funnel": MINI, "mini.scenarios.yaml": FAILING });
    const { code, stdout } = await run(dir, "test", "--format", "json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ files: 1, scenarios: 2, passed: 1, failed: 1, errors: 0 });
    const failed = report.scenarios.find((s: { status: string }) => s.status === "failed");
    expect(failed).toMatchObject({
      file: "mini.scenarios.yaml",
      funnel: "mini.funnel",
      name: "a short call makes it hot",
      line: 9,
      record: "record",
    });
    expect(failed.failures[0]).toMatchObject({
      expectation: "stage",
      expected: "hot",
      actual: "warm",
      code: "FN6005",
      range: { start: { line: 16, column: 14 }, end: { line: 16, column: 17 } },
    });
    expect(failed.failures[1]).toMatchObject({
      expectation: "path",
      expected: ["lead", "warm", "hot"],
      actual: ["lead", "warm"],
    });
    expect(
      failed.events.map((e: { type: string; status: string }) => `${e.type}:${e.status}`),
    ).toEqual(["update:applied", "visit:applied", "visit:applied", "call:applied"]);
    expect(report.coverage[0]).toMatchObject({
      funnel: "mini",
      file: "mini.funnel",
      covered: 1,
      total: 7,
      percent: 14.2,
    });
    expect(report.coverage[0].rules.find((r: { line: number }) => r.line === 23)).toMatchObject({
      kind: "transition",
      stage: "lead",
      to: "warm",
      exercised: true,
    });
    expect(report.coverage[0].rules.find((r: { line: number }) => r.line === 18)).toMatchObject({
      kind: "from_any",
      stage: null,
      to: "junk",
      exercised: false,
    });
  });

  it("writes well-formed JUnit XML, escaping names and messages", async () => {
    const tricky = `a <tricky> & "quoted" 'name' \u0007 with a bell`;
    // A YAML double-quoted scalar takes JSON's escapes (\" and \u0007).
    const dir = project({
      "mini.funnel": MINI,
      "mini.scenarios.yaml": FAILING.replace(
        "- name: a short call makes it hot",
        `- name: ${JSON.stringify(tricky)}`,
      ),
      "bad.scenarios.yaml": "funnel: mini.funnel\nscenarios: [\n",
    });

    const { code, stdout } = await run(dir, "test", "--reporter", "junit");
    expect(code).toBe(1);
    const root = parseXml(stdout);
    expect(root.name).toBe("testsuites");
    expect(root.attributes).toMatchObject({
      name: "funnel test",
      tests: "3",
      failures: "1",
      errors: "1",
    });
    const suites = findAll(root, "testsuite");
    expect(suites.map((s) => s.attributes.name)).toEqual([
      "bad.scenarios.yaml",
      "mini.scenarios.yaml",
    ]);
    const cases = findAll(root, "testcase");
    const failing = cases.find((c) => c.children.some((x) => x.name === "failure"))!;
    expect(failing.attributes.name).toBe(tricky.replace("\u0007", "\uFFFD"));
    expect(failing.attributes).toMatchObject({
      classname: "mini",
      file: "mini.scenarios.yaml",
      line: "9",
    });
    const failure = failing.children.find((x) => x.name === "failure")!;
    expect(failure.attributes.type).toBe("FN6005");
    expect(failure.attributes.message).toContain(
      "expected stage `hot`, but the record is in `warm`.",
    );
    expect(failure.text).toContain("Events of");
    const error = cases.find((c) => c.children.some((x) => x.name === "error"))!;
    expect(error.children[0].attributes.type).toBe("FN6001");
    const properties = findAll(suites[1], "property");
    expect(
      Object.fromEntries(properties.map((p) => [p.attributes.name, p.attributes.value])),
    ).toMatchObject({ funnel: "mini", "coverage.rules": "1/7", "coverage.percent": "14.2" });
  });

  it("writes the report to --output-file and the pretty report to stdout", async () => {
    const dir = project({ "mini.funnel": MINI, "mini.scenarios.yaml": COMPLETE });
    const { code, stdout } = await run(
      dir,
      "test",
      "--reporter",
      "junit",
      "--output-file",
      "junit.xml",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("PASS mini.scenarios.yaml (mini)");
    const root = parseXml(readFileSync(path.join(dir, "junit.xml"), "utf8"));
    expect(findAll(root, "testcase")).toHaveLength(4);
  });

  it("escapes every XML special character and drops characters XML cannot hold", () => {
    expect(escapeXml(`<a href="x">&'\u0000\uD800</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD\uFFFD&lt;/a&gt;",
    );
    expect(parseXml(`<r a="${escapeXml("\"<&>'")}">${escapeXml("x < y & z")}</r>`)).toMatchObject({
      attributes: { a: "\"<&>'" },
      text: "x < y & z",
    });
  });
});
