// `funnel run`: events streamed from JSONL or CSV through the engine; every input line ends as
// applied, duplicate, rejected (with its line and reason) or blank, and the counts add up; the
// stage history and final states are written; the run holds no event after applying it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runEventsToFiles } from "../../cli/commands/run.js";
import { isInteractive } from "../../cli/io.js";
import { csvItems, jsonlItems, type SourceItem } from "../../cli/data/event-source.js";
import { createEngine } from "../../runtime/engine.js";
import { compileText } from "../helpers/compile.js";
import { run as runCli } from "../helpers/cli.js";
import { MINI, project, run } from "./helpers.js";

const lines = (...events: (object | string)[]) =>
  events.map((e) => (typeof e === "string" ? e : JSON.stringify(e))).join("\n") + "\n";

const JSONL = lines(
  { id: "1", record: "a", at: "2026-05-01T09:00:00Z", type: "update", set: { email: "a@b.nl" } },
  { id: "2", record: "a", at: "2026-05-02T09:00:00Z", type: "visit", data: { url: "/x" } },
  { id: "2", record: "a", at: "2026-05-02T09:00:00Z", type: "visit", data: { url: "/x" } },
  { id: "3", record: "a", at: "2026-05-03T09:00:00Z", type: "visit", data: { url: "/y" } },
  { record: "a", at: "2026-05-01T00:00:00Z", type: "update" },
  { record: "b", at: "2026-05-01T09:00:00Z", type: "meeting" },
  { record: "b", at: "2026-05-01T09:00:00Z", type: "update", set: { colour: "red" } },
  { record: "b", at: "2026-05-01T09:00:00Z", type: "call", data: { minutes: "ten" } },
  { record: "b", at: "2026-05-01 09:00", type: "update" },
  { at: "2026-05-01T09:00:00Z", type: "update" },
  `{"record":"b","at":"2026-05-01T09:00:00Z","type":"update"`,
  "",
  "[1, 2]",
  { record: "b", at: "2026-05-01T09:00:00Z", type: "update", set: { heat: 5 } },
  { record: "b", at: "2026-05-04T09:00:00Z", type: "update", set: { spam: true } },
);

const jsonLines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe("funnel run: JSONL", () => {
  it("accounts for every line: applied, duplicate, rejected by reason with line numbers, blank", async () => {
    const dir = project({ "mini.funnel": MINI, "events.jsonl": JSONL });
    const {
      code,
      stdout: raw,
      stderr,
    } = await run(dir, "run", "mini.funnel", "--data", "events.jsonl", "--out", "out");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    // JSON.parse's own message differs between Node versions.
    const stdout = raw.replace(/not valid JSON \(.*\)\.$/m, "not valid JSON (…).");
    expect(stdout)
      .toBe(`Ran events.jsonl through mini (mini.funnel), as of 2026-05-04T09:00:00.000Z.
Read 15 lines of events.jsonl: 4 applied, 1 duplicate, 9 rejected, 1 blank.
Rejected by reason: bad_timestamp 1, invalid_event 1, malformed_json 1, missing_record 1, out_of_order 1, unknown_event 1, unknown_field 2, wrong_type 1.
Rejected lines:
  events.jsonl:5 - warning FN6010: Rejected (out_of_order): this event (2026-05-01T00:00:00Z) is older than the record's last event (2026-05-03T09:00:00.000Z).
  events.jsonl:6 - warning FN6010: Rejected (unknown_event): unknown event type "meeting"; declared: update, visit, call.
  events.jsonl:7 - warning FN6010: Rejected (unknown_field): the record has no field \`colour\`.
  events.jsonl:8 - warning FN6010: Rejected (wrong_type): \`minutes\` must be a number, not "ten".
  events.jsonl:9 - warning FN6010: Rejected (bad_timestamp): \`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not "2026-05-01 09:00".
  events.jsonl:10 - warning FN6010: Rejected (missing_record): the event has no \`record\` id.
  events.jsonl:11 - warning FN6011: Rejected (malformed_json): this line is not valid JSON (…).
  events.jsonl:13 - warning FN6010: Rejected (invalid_event): an event must be a JSON object.
  events.jsonl:14 - warning FN6010: Rejected (unknown_field): the record has no field \`heat\`; \`heat\` is a score, computed by the funnel.
Wrote 4 moves to out/history.jsonl and 2 records to out/records.jsonl.
`);
    const summary = JSON.parse(readFileSync(path.join(dir, "out/summary.json"), "utf8"));
    expect(summary.applied + summary.duplicate + summary.rejected + summary.blank).toBe(
      summary.lines,
    );
    expect(summary.lines).toBe(JSONL.split("\n").length - 1);
    expect(summary.rejectedLines[0]).toEqual({
      line: 5,
      reason: "out_of_order",
      code: "FN6010",
      message: expect.stringContaining("Rejected (out_of_order)"),
    });
  });

  it("writes one JSON line per move with its cause and rule, and each record's final state", async () => {
    const dir = project({ "mini.funnel": MINI, "events.jsonl": JSONL });
    await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--out",
      "out",
      "--as-of",
      "2026-05-20T00:00:00Z",
    );
    const history = jsonLines(path.join(dir, "out/history.jsonl"));
    expect(history.map((m) => `${m.record}:${m.from}->${m.to}@${m.at}`)).toEqual([
      "a:null->lead@2026-05-01T09:00:00.000Z",
      "a:lead->warm@2026-05-03T09:00:00.000Z",
      "b:null->lead@2026-05-04T09:00:00.000Z",
      "b:lead->junk@2026-05-04T09:00:00.000Z",
      "a:warm->cold@2026-05-13T09:00:00.000Z",
    ]);
    expect(history[1]).toEqual({
      record: "a",
      from: "lead",
      to: "warm",
      at: "2026-05-03T09:00:00.000Z",
      cause: {
        kind: "event",
        event: "3",
        eventType: "visit",
        rule: { file: "mini.funnel", line: 23, column: 5, endLine: 23, endColumn: 45 },
        line: 4,
      },
    });
    expect(history[4].cause).toEqual({
      kind: "sla",
      rule: { file: "mini.funnel", line: 29, column: 5, endLine: 29, endColumn: 37 },
    });
    const records = jsonLines(path.join(dir, "out/records.jsonl"));
    expect(records.map((r) => `${r.id}:${r.stage}`)).toEqual(["a:cold", "b:junk"]);
    expect(records[0]).toMatchObject({
      fields: { email: "a@b.nl", qualified: false },
      scores: { heat: 20 },
    });
  });

  it("shows the first N rejected lines and counts them all", async () => {
    const bad = Array.from(
      { length: 30 },
      (_, i) => `{"record":"r","at":"2026-05-01T09:00:00Z","type":"nope${i}"}`,
    );
    const dir = project({ "mini.funnel": MINI, "events.jsonl": lines(...bad) });
    const { code, stdout } = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--out",
      "out",
      "--show-rejected",
      "3",
    );
    expect(stdout).toContain(
      "Read 30 lines of events.jsonl: 0 applied, 0 duplicate, 30 rejected.\nRejected by reason: unknown_event 30.\nRejected lines (first 3 of 30):\n",
    );
    expect(code).toBe(1);
    expect(stdout.match(/ - warning FN6010/g)).toHaveLength(3);
    expect(stdout).not.toContain("as of");
  });

  it("takes only a whole number for --show-rejected, as report and generate do", async () => {
    const dir = project({ "mini.funnel": MINI, "events.jsonl": JSONL });
    for (const value of ["2.5", "1e3", "-1"]) {
      const result = await runCli(
        dir,
        "run",
        "mini.funnel",
        "--data",
        "events.jsonl",
        "--show-rejected",
        value,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `error: option '--show-rejected <n>' argument '${value}' is invalid. expected a whole number, 0 or more`,
      );
    }
  });

  it("exits 1 when no event at all was applied, naming the likely cause when most lines are not JSON", async () => {
    // A CSV file named .jsonl: every line is malformed_json.
    const csv =
      [
        "id,record,at,type,data.url",
        ...Array.from({ length: 9 }, (_, i) => `${i},a,2026-05-01T09:00:00Z,visit,/`),
      ].join("\n") + "\n";
    const dir = project({ "mini.funnel": MINI, "events.jsonl": csv });
    writeFileSync(
      path.join(dir, "random.jsonl"),
      Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 73 + 11) % 256)),
    );
    const { code, stdout } = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--out",
      "out",
      "--show-rejected",
      "0",
    );
    expect(code).toBe(1);
    expect(stdout).toContain(
      "Read 10 lines of events.jsonl: 0 applied, 0 duplicate, 10 rejected.\n",
    );
    expect(stdout).toContain(
      'events.jsonl - warning FN6018: 10 of the 10 lines of events.jsonl are not JSON: is it really JSON lines (one JSON object a line)? Its first line starts with "id,record,at,type,data.url".\n' +
        "events.jsonl - error FN6017: No event of events.jsonl was applied: all 10 lines that hold anything were rejected, so the outputs are empty.\n",
    );
    // Random bytes: the same, whatever the lines hold.
    const random = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "random.jsonl",
      "--out",
      "out",
      "--show-rejected",
      "0",
    );
    expect(random.code).toBe(1);
    expect(random.stdout).toMatch(
      /random\.jsonl - warning FN6018: (\d+) of the \1 lines of random\.jsonl are not JSON: .* Its first line starts with ".+"…?\.\n/,
    );
    expect(random.stdout).toContain(
      "random.jsonl - error FN6017: No event of random.jsonl was applied",
    );
  });

  it("exits 1 when every event was rejected by the engine, and 0 when only some were", async () => {
    const bad = Array.from(
      { length: 3 },
      (_, i) => `{"record":"r","at":"2026-05-01T09:00:00Z","type":"nope${i}"}`,
    );
    const good = `{"record":"r","at":"2026-05-01T09:00:00Z","type":"update"}`;
    const dir = project({
      "mini.funnel": MINI,
      "bad.jsonl": lines(...bad, ""),
      "mixed.jsonl": lines(...bad, good),
      "empty.jsonl": "",
    });
    const all = await run(dir, "run", "mini.funnel", "--data", "bad.jsonl", "--out", "out");
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(
      "bad.jsonl - error FN6017: No event of bad.jsonl was applied: all 3 lines that hold anything were rejected, so the outputs are empty.\n",
    );
    expect(all.stdout).not.toContain("FN6018");
    const some = await run(dir, "run", "mini.funnel", "--data", "mixed.jsonl", "--out", "out");
    expect(some.code).toBe(0);
    expect(some.stdout).not.toMatch(/FN601[78]/);
    // An empty file rejects nothing: nothing failed.
    expect(
      (await run(dir, "run", "mini.funnel", "--data", "empty.jsonl", "--out", "out")).code,
    ).toBe(0);
  });

  it("warns when most CSV rows cannot be read with the header's columns (exit 0 while some were applied)", async () => {
    const csv =
      [
        "record,at,type,data.url",
        "a,2026-05-01T09:00:00Z,visit,/",
        "a;2026-05-02T09:00:00Z;visit;/",
        "a;2026-05-03T09:00:00Z;visit;/",
      ].join("\n") + "\n";
    const dir = project({ "mini.funnel": MINI, "events.csv": csv });
    const { code, stdout } = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.csv",
      "--out",
      "out",
      "--show-rejected",
      "0",
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      'events.csv - warning FN6018: 2 of the 3 rows of events.csv cannot be read with the header\'s 4 columns: is it really CSV with that header? Its first row after the header starts with "a,2026-05-01T09:00:00Z,visit,/".\n',
    );
  });

  it("exits 1 with --strict when a line was rejected", async () => {
    const dir = project({ "mini.funnel": MINI, "events.jsonl": JSONL });
    expect(
      (await run(dir, "run", "mini.funnel", "--data", "events.jsonl", "--out", "out", "--strict"))
        .code,
    ).toBe(1);
  });
});

describe("funnel run: CSV", () => {
  // No `set.heat` column (a score: the header would be refused, see below); a `data.url` cell on
  // an `update` row is the unknown field instead.
  const HEADER = "id,record,at,type,data.url,data.minutes,set.email,set.qualified,set.closed";
  const CSV = [
    HEADER,
    `1,a,2026-05-01T09:00:00Z,update,,,"a@b.nl",TRUE,`,
    `2,a,2026-05-02T09:00:00Z,visit,"/x, with comma",,,,`,
    `2,a,2026-05-02T09:00:00Z,visit,/x,,,,`,
    `3,a,2026-05-03T09:00:00Z,call,,25,,,`,
    `4,a,2026-05-04T09:00:00Z,visit,"/multi`,
    `line",,,,`,
    `,a,2026-05-01T09:00:00Z,update,,,,,`,
    `,b,2026-05-01T09:00:00Z,meeting,,,,,`,
    `,b,2026-05-01T09:00:00Z,update,/u,,,,`,
    `,b,2026-05-01T09:00:00Z,call,,ten,,,`,
    `,b,2026-05-01T09:00:00Z,update,,,,yes,`,
    `,b,2026-05-01T09:00:00Z,update,,,,,2026-02-30`,
    `,b,yesterday,update,,,,,`,
    `,,2026-05-01T09:00:00Z,update,,,,,`,
    `,b,2026-05-01T09:00:00Z,update,,,`,
    `,b,2026-05-01T09:00:00Z,update,,,,,,,extra`,
    ``,
    `,b,2026-05-06T09:00:00Z,visit,/z,,b@c.nl,,`,
  ].join("\n");

  it("reads cells by their field's type, empty cells as absent, and rejects each bad row with its line", async () => {
    const dir = project({ "mini.funnel": MINI, "events.csv": CSV });
    const { code, stdout } = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.csv",
      "--out",
      "out",
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`Ran events.csv through mini (mini.funnel), as of 2026-05-06T09:00:00.000Z.
Read 17 rows of events.csv (19 lines with the header): 5 applied, 1 duplicate, 10 rejected, 1 blank.
Rejected by reason: bad_timestamp 1, missing_record 1, out_of_order 1, unknown_event 1, unknown_field 1, wrong_column_count 2, wrong_type 3.
Rejected rows:
  events.csv:8 - warning FN6010: Rejected (out_of_order): this event (2026-05-01T09:00:00Z) is older than the record's last event (2026-05-04T09:00:00.000Z).
  events.csv:9 - warning FN6010: Rejected (unknown_event): unknown event type "meeting"; declared: update, visit, call.
  events.csv:10 - warning FN6010: Rejected (unknown_field): an \`update\` event has no field \`url\`.
  events.csv:11 - warning FN6010: Rejected (wrong_type): \`minutes\` must be a number, not "ten".
  events.csv:12 - warning FN6010: Rejected (wrong_type): \`qualified\` must be true or false, not "yes".
  events.csv:13 - warning FN6010: Rejected (wrong_type): \`closed\` must be a date like 2026-01-31, not "2026-02-30".
  events.csv:14 - warning FN6010: Rejected (bad_timestamp): \`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not "yesterday".
  events.csv:15 - warning FN6010: Rejected (missing_record): the event has no \`record\` id.
  events.csv:16 - warning FN6011: Rejected (wrong_column_count): this row has 7 cells but the header has 9.
  events.csv:17 - warning FN6011: Rejected (wrong_column_count): this row has 11 cells but the header has 9.
Wrote 4 moves to out/history.jsonl and 2 records to out/records.jsonl.
`);
    const records = jsonLines(path.join(dir, "out/records.jsonl"));
    expect(records[0]).toMatchObject({
      id: "a",
      stage: "hot",
      fields: { email: "a@b.nl", qualified: true },
      scores: { heat: 50 },
    });
    expect(records[1]).toMatchObject({ id: "b", stage: "lead", fields: { email: "b@c.nl" } });
    const summary = JSON.parse(readFileSync(path.join(dir, "out/summary.json"), "utf8"));
    expect(summary.applied + summary.duplicate + summary.rejected + summary.blank).toBe(
      summary.lines,
    );
    expect(summary.fileLines).toBe(CSV.split("\n").length);
  });

  it("keeps stray quotes inside a cell as text, and rejects a quote never closed at the line its row starts", async () => {
    const csv =
      [
        HEADER,
        `1,a,2026-05-01T09:00:00Z,update,,,a"b@c.nl,,`,
        `2,a,2026-05-02T09:00:00Z,visit,"/x"y,,,,`,
        `3,a,2026-05-03T09:00:00Z,visit,"/open,,,,`,
        `4,a,2026-05-04T09:00:00Z,visit,/z,,,,`,
      ].join("\n") + "\n";
    const dir = project({ "mini.funnel": MINI, "events.csv": csv });
    const { stdout } = await run(dir, "run", "mini.funnel", "--data", "events.csv", "--out", "out");
    // The row after the unclosed quote is read too (it used to be swallowed into the open cell).
    expect(stdout).toContain(
      "Read 4 rows of events.csv (5 lines with the header): 3 applied, 0 duplicate, 1 rejected.",
    );
    expect(stdout).toContain(
      "events.csv:4:32 - warning FN6011: Rejected (malformed_csv): this row cannot be read as CSV (the quoted cell `data.url` starting at column 32 is not closed on this line, nor anywhere before the end of the file; the lines after it are read as rows of their own).",
    );
    const records = jsonLines(path.join(dir, "out/records.jsonl"));
    expect(records[0].fields.email).toBe('a"b@c.nl');
  });

  it("reads every row after a quote that is never closed, and accounts for every line of the file (run and explain)", async () => {
    const good = (from: number, n: number) =>
      Array.from(
        { length: n },
        (_, k) =>
          `${from + k},a,2026-05-${String(1 + Math.floor((from + k) / 4)).padStart(2, "0")}T09:00:00Z,update,,,x${from + k}@b.nl,,`,
      );
    const csv =
      [
        HEADER,
        ...good(1, 5),
        `6,a,2026-05-02T10:00:00Z,visit,"Newsletter,,,,`,
        ...good(7, 50),
      ].join("\n") + "\n";
    const dir = project({ "mini.funnel": MINI, "events.csv": csv });
    const { code, stdout } = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.csv",
      "--out",
      "out",
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Read 56 rows of events.csv (57 lines with the header): 55 applied, 0 duplicate, 1 rejected.\n",
    );
    expect(stdout).toContain(
      "events.csv:7:32 - warning FN6011: Rejected (malformed_csv): this row cannot be read as CSV (the quoted cell `data.url` starting at column 32 is not closed on this line, nor anywhere before the end of the file; the lines after it are read as rows of their own).",
    );
    const summary = JSON.parse(readFileSync(path.join(dir, "out/summary.json"), "utf8"));
    expect(summary.applied + summary.duplicate + summary.rejected + summary.blank).toBe(
      summary.lines,
    );
    expect(summary.fileLines).toBe(csv.split("\n").length - 1);
    expect(jsonLines(path.join(dir, "out/records.jsonl"))[0].fields.email).toBe("x56@b.nl");
    // explain sees the events after the broken row too.
    const explained = await run(
      dir,
      "explain",
      "mini.funnel",
      "--data",
      "events.csv",
      "--record",
      "a",
    );
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain("event 56 (update) at 2026-05-15T09:00:00Z, events.csv:57");
  });

  it.each([
    [
      "id,record,at,type,email",
      "events.csv:1 - error FN6012: Unknown column `email` in the CSV header; columns are id, record, at, type, data.<event field> and set.<record field>.",
    ],
    [
      "id,record,type,data.url",
      "events.csv:1 - error FN6012: The CSV header has no `at` column; every events file needs record, at and type.",
    ],
    [
      "record,at,type,set.email,set.email",
      "events.csv:1 - error FN6012: The CSV header has the column `set.email` twice.",
    ],
    [
      "",
      "events.csv:1 - error FN6012: The CSV file is empty; its first line must be the header (id,record,at,type,data.<field>…,set.<field>…).",
    ],
    // A misspelt field column would reject only the rows that fill it: refused once, up front.
    [
      "record,at,type,set.emial",
      "events.csv:1 - error FN6012: The CSV header column `set.emial` names no field of the funnel; did you mean `set.email`?",
    ],
    [
      "record,at,type,set.colour",
      "events.csv:1 - error FN6012: The CSV header column `set.colour` names no field of the funnel; its fields are email, qualified, closed, spam.",
    ],
    [
      "record,at,type,set.heat",
      "events.csv:1 - error FN6012: The CSV header column `set.heat` names the score `heat`; scores are computed by the funnel and cannot be set.",
    ],
    [
      "record,at,type,data.ulr",
      "events.csv:1 - error FN6012: The CSV header column `data.ulr` names no field of any event; did you mean `data.url`?",
    ],
    [
      "record,at,type,data.form",
      "events.csv:1 - error FN6012: The CSV header column `data.form` names no field of any event; the events' fields are url, minutes.",
    ],
    [
      'record,"at,type',
      "events.csv:1 - error FN6012: The CSV header's quoted cell starting at column 8 is never closed; the header must name the columns on its first line.",
    ],
  ])("refuses the header %j with exit 2 and writes nothing", async (header, message) => {
    const dir = project({
      "mini.funnel": MINI,
      "events.csv": header ? `${header}\n1,a,2026-05-01T09:00:00Z,update,x\n` : "",
    });
    const { code, stdout } = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.csv",
      "--out",
      "out",
    );
    expect(code).toBe(2);
    expect(stdout).toBe(message + "\n");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });
});

describe("funnel run: usage", () => {
  it("exits 2 for a missing data file, an unknown extension and a bad --as-of", async () => {
    const dir = project({ "mini.funnel": MINI, "events.txt": "" });
    const missing = await run(dir, "run", "mini.funnel", "--data", "nope.jsonl");
    expect(missing).toMatchObject({
      code: 2,
      stdout: "nope.jsonl - error FN6013: Cannot read nope.jsonl: no such file.\n",
    });
    const txt = await run(dir, "run", "mini.funnel", "--data", "events.txt");
    expect(txt).toMatchObject({
      code: 2,
      stdout:
        "events.txt - error FN6013: Cannot tell the format of events.txt; use a .jsonl (or .ndjson) or a .csv file.\n",
    });
    const asOf = await run(dir, "run", "mini.funnel", "--data", "events.txt", "--as-of", "soon");
    expect(asOf).toMatchObject({
      code: 2,
      stdout:
        'error FN6015: --as-of must be a date like 2026-03-01 (the end of that day) or a datetime with a zone like 2026-03-01T09:00:00Z, not "soon".\n',
    });
    expect((await run(dir, "run", "mini.funnel")).code).toBe(2);
  });

  it("exits 2 when the output folder cannot be made", async () => {
    const dir = project({
      "mini.funnel": MINI,
      "events.jsonl": JSONL,
      taken: "a file, not a folder",
    });
    const { code, stdout } = await run(
      dir,
      "run",
      "mini.funnel",
      "--data",
      "events.jsonl",
      "--out",
      "taken/out",
    );
    expect(code).toBe(2);
    expect(stdout).toBe("error FN6016: Cannot write taken/out: `taken` is a file, not a folder.\n");
  });

  it("exits 1 for a funnel with errors, printing them, and 2 for a missing funnel", async () => {
    const dir = project({
      "bad.funnel": MINI.replace("owner sales\n    -> warm", "owner salez\n    -> warm"),
      "e.jsonl": "",
    });
    const bad = await run(dir, "run", "bad.funnel", "--data", "e.jsonl");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("error FN2005");
    expect(bad.stdout).toContain(
      "bad.funnel - error FN6002: The funnel bad.funnel has errors, so nothing can run on it; `funnel check bad.funnel` lists them.\n",
    );
    expect((await run(dir, "run", "nope.funnel", "--data", "e.jsonl")).code).toBe(2);
  });

  it("draws a progress bar only on an interactive terminal, never in CI or when piped", () => {
    expect(isInteractive({}, true, true)).toBe(true);
    expect(isInteractive({ CI: "true" }, true, true)).toBe(false);
    expect(isInteractive({ CI: "1" }, true, true)).toBe(false);
    expect(isInteractive({}, false, true)).toBe(false);
    expect(isInteractive({}, true, false)).toBe(false);
    expect(isInteractive({ TERM: "dumb" }, true, true)).toBe(false);
  });
});

describe("funnel run: streaming", () => {
  const ir = compileText(MINI).programs[0].ir!;

  it("runs 200,000 events from a generator that never holds the file, staying at most one event ahead", async () => {
    const engine = createEngine(ir);
    const processed = () => {
      const c = engine.counters();
      return c.applied + c.duplicate + Object.values(c.rejected).reduce((a, b) => a + (b ?? 0), 0);
    };
    const TOTAL = 200_000;
    const RECORDS = 2_000;
    const start = Date.UTC(2026, 0, 1);
    let produced = 0;
    let malformed = 0;
    let maxAhead = 0;
    async function* generate(): AsyncGenerator<string> {
      for (let i = 0; i < TOTAL; i++) {
        // Sampled (counters() copies): how far the reader is ahead of the engine (malformed
        // lines never reach the engine).
        if (i % 997 === 0) maxAhead = Math.max(maxAhead, produced - malformed - processed());
        produced++;
        const record = `r${i % RECORDS}`;
        const at = new Date(start + Math.floor(i / RECORDS) * 3_600_000).toISOString();
        if (i < RECORDS)
          yield JSON.stringify({
            record,
            at,
            type: "update",
            set: { email: `${record}@example.com` },
          });
        else if (i % 50_000 === 7) {
          malformed++;
          yield "{not json";
        } else
          yield JSON.stringify({
            id: i % 10 === 0 ? `e${i}` : undefined,
            record,
            at,
            type: "visit",
            data: { url: `/p/${i % 17}` },
          });
      }
    }
    const dir = project({});
    const result = await runEventsToFiles(engine, jsonlItems(generate()), path.join(dir, "out"));
    expect(produced).toBe(TOTAL);
    expect(maxAhead).toBeLessThanOrEqual(1);
    const t = result.totals;
    expect(t.lines).toBe(TOTAL);
    expect(t.applied + t.duplicate + t.rejected + t.blank).toBe(TOTAL);
    expect(t.rejectedByReason).toEqual({ malformed_json: 3 });
    expect(result.records).toBe(RECORDS);
    // Every record: created in lead, warm after two visits (10 points each).
    expect(t.moves).toBe(RECORDS * 2);
    const history = readFileSync(result.files.history, "utf8").trimEnd().split("\n");
    expect(history).toHaveLength(RECORDS * 2);
  });

  it("reads CSV from any async source, row by row", async () => {
    let pulled = 0;
    async function* chunks() {
      yield "record,at,type,data.url\n";
      for (let i = 0; i < 5_000; i++) {
        pulled++;
        yield `r${i},2026-05-01T09:00:00Z,visit,/x\n`;
      }
    }
    const seen: SourceItem[] = [];
    for await (const item of csvItems(chunks(), ir)) {
      if ("header" in item) continue;
      seen.push(item);
      if (seen.length === 10) break;
    }
    expect(seen.map((s) => s.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Stopping after 10 rows did not read the rest of the source.
    expect(pulled).toBeLessThan(1_000);
  });
});
