// `*.scenarios.yaml` (spec §8): parsed with `yaml`'s parseDocument so that every value keeps its
// place in the file, and checked for shape; problems are FN6001 diagnostics at the offending key.
//
//   funnel: lead-to-revenue.funnel      # relative to this file
//   scenarios:
//     - name: …                         # unique within the file
//       record: lead-1                  # optional: events' default `record`, checked by `expect`
//       events: [ { id?, record?, at, type, data?, set? }, … ]
//       as_of: 2026-03-01T00:00:00Z     # optional: apply SLAs up to this time after the events
//       expect: { stage?, path?, fields?, sla_breaches? }
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import { createDiagnostic, type Span } from "../../core/diagnostics/diagnostic.js";
import { parseInstant } from "../../core/time.js";
import type {
  Expectations,
  FieldExpectation,
  Located,
  Scenario,
  ScenarioEvent,
  ScenarioFile,
} from "../../runtime/scenario-types.js";
import { describeYamlError } from "../yaml-errors.js";

export type { Located, Scenario, ScenarioFile };

/** The record id of events in a scenario that names none. */
export const DEFAULT_RECORD = "record";

const TOP_KEYS = ["funnel", "scenarios"];
const SCENARIO_KEYS = ["name", "record", "events", "as_of", "expect"];
const EVENT_KEYS = ["id", "record", "at", "type", "data", "set"];
const EXPECT_KEYS = ["stage", "path", "fields", "sla_breaches"];

type Ranged = { range?: [number, number, number] | null } | null | undefined;
export function spanOf(node: unknown): Span {
  const range = (node as Ranged)?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

function describeNode(node: unknown): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node))
    return node.value === null
      ? "nothing (null)"
      : `${
          typeof node.value === "number"
            ? "a number"
            : typeof node.value === "boolean"
              ? "a boolean"
              : "text"
        } (${String(node.value)})`;
  return "nothing";
}

/** A scalar as text: strings as they are, numbers and booleans written out (`id: 7`). */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === "string"
    ? v
    : typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
      ? String(v)
      : undefined;
}

type AnyPair = Pair<unknown, unknown>;
type Report = (messageId: string, format: Record<string, string | number>, span: Span) => void;

/** Reads the parts of one scenario file, reporting each problem (as an FN6001) where it is. */
interface Reader {
  doc: Document;
  report: Report;
  /** How many problems were reported so far (a part with new ones is left out). */
  problems(): number;
}

/**
 * Parses and checks a scenario file; never throws.
 * @param path absolute path of the file
 * @param shown the path as messages show it (relative to the working directory)
 * @param text the file's text
 * @returns the scenarios that are complete, and a diagnostic for every problem
 */
export function parseScenarioFile(path: string, shown: string, text: string): ScenarioFile {
  const result: ScenarioFile = { path, shown, text, scenarios: [], diagnostics: [] };
  const report: Report = (messageId, format, span) => {
    result.diagnostics.push(
      createDiagnostic("invalid-scenario-file", {
        messageId,
        format,
        file: shown,
        span,
      } as Parameters<typeof createDiagnostic<"invalid-scenario-file">>[1]),
    );
  };
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    for (const error of doc.errors) {
      const { problem, span } = describeYamlError(error, text);
      report("default", { error: problem }, span);
    }
    return result;
  }
  const reader: Reader = { doc, report, problems: () => result.diagnostics.length };
  const root = doc.contents;
  if (!isMap(root)) {
    report("notMapping", { what: "A scenario file" }, spanOf(root));
    return result;
  }
  const top = keysOf(reader, root, TOP_KEYS, "a scenario file");
  const funnelPair = top.get("funnel");
  if (!funnelPair) report("missingKey", { what: "A scenario file", key: "funnel" }, startOf(root));
  else result.funnel = textOf(reader, funnelPair, "funnel");
  const scenariosPair = top.get("scenarios");
  if (!scenariosPair) {
    report("missingKey", { what: "A scenario file", key: "scenarios" }, startOf(root));
    return result;
  }
  const items = listOf(reader, scenariosPair, "scenarios");
  if (!items) return result;
  if (!items.length)
    report("emptyList", { key: "scenarios", item: "scenario" }, spanOf(scenariosPair.value));
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const scenario = readScenario(reader, item, i + 1, seen);
    if (scenario) result.scenarios.push(scenario);
  });
  return result;
}

/** Pairs of a mapping by key, reporting keys that are not allowed. */
function keysOf(
  reader: Reader,
  map: YAMLMap,
  allowed: string[],
  what: string,
): Map<string, AnyPair> {
  const pairs = new Map<string, AnyPair>();
  for (const pair of map.items) {
    const key = scalarText(pair.key) ?? "";
    if (!allowed.includes(key))
      reader.report("unknownKey", { key, what, allowed: allowed.join(", ") }, spanOf(pair.key));
    else pairs.set(key, pair);
  }
  return pairs;
}

/** Where a mapping's first key is: for problems with the mapping as a whole. */
function startOf(map: YAMLMap): Span {
  return map.items.length
    ? spanOf(map.items[0].key)
    : { start: spanOf(map).start, end: spanOf(map).start };
}

/** Where a pair's value is, or its key when it has no value. */
function valueSpan(pair: AnyPair): Span {
  return pair.value ? spanOf(pair.value) : spanOf(pair.key);
}

/** A pair's value as non-empty text, reporting anything else. */
function textOf(reader: Reader, pair: AnyPair, key: string): Located<string> | undefined {
  const value = scalarText(pair.value);
  if (value === undefined || value === "") {
    reader.report("notText", { key, found: describeNode(pair.value) }, valueSpan(pair));
    return undefined;
  }
  return { value, span: spanOf(pair.value) };
}

/** A pair's value as a list, reporting anything else. */
function listOf(reader: Reader, pair: AnyPair, key: string): unknown[] | undefined {
  if (!isSeq(pair.value)) {
    reader.report("notList", { key }, valueSpan(pair));
    return undefined;
  }
  return pair.value.items;
}

/** A pair's value as a list of names, reporting the items that are not text. */
function namesOf(
  reader: Reader,
  pair: AnyPair,
  key: string,
): Located<Located<string>[]> | undefined {
  const items = listOf(reader, pair, key);
  if (!items) return undefined;
  const out: Located<string>[] = [];
  for (const item of items) {
    const value = scalarText(item);
    if (value === undefined || value === "")
      reader.report("notText", { key: `${key} item`, found: describeNode(item) }, spanOf(item));
    else out.push({ value, span: spanOf(item) });
  }
  return out.length === items.length ? { value: out, span: spanOf(pair.value) } : undefined;
}

/**
 * One item of `scenarios`.
 * @param number its 1-based position, for messages about a scenario without a name
 * @param seen the names of the scenarios before it, to report a repeated one
 * @returns the scenario, or undefined when it has problems
 */
function readScenario(
  reader: Reader,
  item: unknown,
  number: number,
  seen: Set<string>,
): Scenario | undefined {
  const { report } = reader;
  if (!isMap(item)) {
    report("notMapping", { what: `Scenario ${number}` }, spanOf(item));
    return undefined;
  }
  const errorsBefore = reader.problems();
  const keys = keysOf(reader, item, SCENARIO_KEYS, "a scenario");
  const namePair = keys.get("name");
  const name = namePair ? textOf(reader, namePair, "name") : undefined;
  if (!namePair) report("missingKey", { what: `Scenario ${number}`, key: "name" }, startOf(item));
  const label = name ? `Scenario ${JSON.stringify(name.value)}` : `Scenario ${number}`;
  if (name) {
    if (seen.has(name.value))
      report("duplicateName", { name: JSON.stringify(name.value) }, name.span);
    seen.add(name.value);
  }
  const recordPair = keys.get("record");
  const record = recordPair ? textOf(reader, recordPair, "record")?.value : DEFAULT_RECORD;
  const eventsPair = keys.get("events");
  if (!eventsPair)
    report("missingKey", { what: label, key: "events" }, name?.span ?? startOf(item));
  const events = eventsPair ? readEvents(reader, eventsPair, label, record) : [];
  const asOfPair = keys.get("as_of");
  const asOf = asOfPair ? readAsOf(reader, asOfPair) : undefined;
  const expectPair = keys.get("expect");
  if (!expectPair)
    report("missingKey", { what: label, key: "expect" }, name?.span ?? startOf(item));
  const expect = expectPair ? readExpect(reader, expectPair) : undefined;
  if (reader.problems() > errorsBefore || !name || record === undefined || !expect)
    return undefined;
  return { name: name.value, nameSpan: name.span, record, events, asOf, expect };
}

/**
 * A scenario's `events`.
 * @param label the scenario as messages name it
 * @param record the scenario's record: events that name none are about it
 * @returns the events without problems
 */
function readEvents(
  reader: Reader,
  eventsPair: AnyPair,
  label: string,
  record: string | undefined,
): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  const eventItems = listOf(reader, eventsPair, "events") ?? [];
  if (isSeq(eventsPair.value) && !eventItems.length)
    reader.report("emptyList", { key: "events", item: "event" }, spanOf(eventsPair.value));
  const inScenario = label.charAt(0).toLowerCase() + label.slice(1);
  eventItems.forEach((node, j) => {
    const what = `Event ${j + 1} of ${inScenario}`;
    if (!isMap(node)) {
      reader.report("notMapping", { what }, spanOf(node));
      return;
    }
    const before = reader.problems();
    const eventKeys = keysOf(reader, node, EVENT_KEYS, "an event");
    for (const key of ["at", "type"]) {
      if (!eventKeys.has(key)) reader.report("missingKey", { what, key }, startOf(node));
    }
    for (const key of ["data", "set"]) {
      const pair = eventKeys.get(key);
      if (pair && !isMap(pair.value))
        reader.report("notMapping", { what: `\`${key}\`` }, valueSpan(pair));
    }
    for (const key of ["id", "record"]) {
      const pair = eventKeys.get(key);
      if (pair) textOf(reader, pair, key);
    }
    if (reader.problems() > before) return;
    const value = node.toJS(reader.doc) as Record<string, unknown>;
    if (typeof value.id === "number" || typeof value.id === "boolean") value.id = String(value.id);
    if (typeof value.record === "number" || typeof value.record === "boolean")
      value.record = String(value.record);
    events.push({
      index: j + 1,
      value: { ...value, record: value.record ?? record },
      span: spanOf(node),
    });
  });
  return events;
}

/** A scenario's `as_of`: a datetime with a zone. */
function readAsOf(reader: Reader, asOfPair: AnyPair): Located<string> | undefined {
  const value = scalarText(asOfPair.value);
  if (value === undefined || !Number.isFinite(parseInstant(value))) {
    const found = value === undefined ? describeNode(asOfPair.value) : JSON.stringify(value);
    reader.report("badDatetime", { key: "as_of", found }, valueSpan(asOfPair));
    return undefined;
  }
  return { value, span: spanOf(asOfPair.value) };
}

/** A scenario's `expect`: the stage, path, field values and SLA breaches it checks. */
function readExpect(reader: Reader, expectPair: AnyPair): Expectations | undefined {
  if (!isMap(expectPair.value)) {
    reader.report("notMapping", { what: "`expect`" }, valueSpan(expectPair));
    return undefined;
  }
  const e = keysOf(reader, expectPair.value, EXPECT_KEYS, "`expect`");
  const expect: Expectations = { span: spanOf(expectPair.value) };
  const stage = e.get("stage");
  if (stage) expect.stage = textOf(reader, stage, "stage");
  const path = e.get("path");
  if (path) expect.path = namesOf(reader, path, "path");
  const breaches = e.get("sla_breaches");
  if (breaches) expect.slaBreaches = namesOf(reader, breaches, "sla_breaches");
  const fields = e.get("fields");
  if (fields) {
    if (!isMap(fields.value)) reader.report("notMapping", { what: "`fields`" }, valueSpan(fields));
    else expect.fields = readFieldExpectations(reader, fields.value);
  }
  if (e.size === 0 && !expectPair.value.items.length)
    reader.report(
      "emptyList",
      { key: "expect", item: "expectation (stage, path, fields or sla_breaches)" },
      spanOf(expectPair.value),
    );
  return expect;
}

/** `expect.fields`: each field's expected value, which must be a scalar (or nothing: unset). */
function readFieldExpectations(reader: Reader, fields: YAMLMap): FieldExpectation[] {
  const expected: FieldExpectation[] = [];
  for (const pair of fields.items) {
    const key = scalarText(pair.key);
    const node = pair.value as Node | null;
    if (key === undefined)
      reader.report(
        "notText",
        { key: "fields key", found: describeNode(pair.key) },
        spanOf(pair.key),
      );
    else if (node && !isScalar(node))
      reader.report("notText", { key: `fields.${key}`, found: describeNode(node) }, spanOf(node));
    else
      expected.push({
        name: { value: key, span: spanOf(pair.key) },
        value: node ? (node as { value: unknown }).value : null,
        span: node ? spanOf(node) : spanOf(pair.key),
      });
  }
  return expected;
}

/**
 * The `funnel:` value of a scenario file, without checking the rest (for finding a funnel's
 * scenarios).
 */
export function funnelOfScenarioText(text: string): string | undefined {
  try {
    const doc = parseDocument(text);
    const value = doc.get("funnel");
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
