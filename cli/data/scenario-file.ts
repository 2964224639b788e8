// `*.scenarios.yaml` (spec §8): parsed with `yaml`'s parseDocument so that every value keeps its
// place in the file, and checked for shape; problems are FN6001 diagnostics at the offending key.
//
//   funnel: lead-to-revenue.funnel      # relative to this file
//   scenarios:
//     - name: …                         # unique within the file
//       record: lead-1                  # optional: events' default `record`, and the record `expect` checks
//       events: [ { id?, record?, at, type, data?, set? }, … ]
//       as_of: 2026-03-01T00:00:00Z     # optional: apply SLAs up to this time after the events
//       expect: { stage?, path?, fields?, sla_breaches? }
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { createDiagnostic, type Diagnostic, type Span } from "../../core/diagnostics/diagnostic.js";
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
      : `${typeof node.value === "number" ? "a number" : typeof node.value === "boolean" ? "a boolean" : "text"} (${String(node.value)})`;
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

/**
 * Parses and checks a scenario file; never throws.
 * @param path absolute path of the file
 * @param shown the path as messages show it (relative to the working directory)
 * @param text the file's text
 */
export function parseScenarioFile(path: string, shown: string, text: string): ScenarioFile {
  const result: ScenarioFile = { path, shown, text, scenarios: [], diagnostics: [] };
  const report = (messageId: string, format: Record<string, string | number>, span: Span) => {
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
  const root = doc.contents;
  /** Pairs of a mapping by key, reporting keys that are not allowed. */
  const keysOf = (
    map: YAMLMap,
    allowed: string[],
    what: string,
  ): Map<string, Pair<unknown, unknown>> => {
    const pairs = new Map<string, Pair<unknown, unknown>>();
    for (const pair of map.items) {
      const key = scalarText(pair.key) ?? "";
      if (!allowed.includes(key))
        report("unknownKey", { key, what, allowed: allowed.join(", ") }, spanOf(pair.key));
      else pairs.set(key, pair);
    }
    return pairs;
  };
  const startOf = (map: YAMLMap) =>
    map.items.length
      ? spanOf(map.items[0].key)
      : { start: spanOf(map).start, end: spanOf(map).start };
  const text_ = (pair: Pair<unknown, unknown>, key: string): Located<string> | undefined => {
    const value = scalarText(pair.value);
    if (value === undefined || value === "") {
      report(
        "notText",
        { key, found: describeNode(pair.value) },
        pair.value ? spanOf(pair.value) : spanOf(pair.key),
      );
      return undefined;
    }
    return { value, span: spanOf(pair.value) };
  };
  const list = (pair: Pair<unknown, unknown>, key: string): unknown[] | undefined => {
    if (!isSeq(pair.value)) {
      report("notList", { key }, pair.value ? spanOf(pair.value) : spanOf(pair.key));
      return undefined;
    }
    return pair.value.items;
  };
  const names = (
    pair: Pair<unknown, unknown>,
    key: string,
  ): Located<Located<string>[]> | undefined => {
    const items = list(pair, key);
    if (!items) return undefined;
    const out: Located<string>[] = [];
    for (const item of items) {
      const value = scalarText(item);
      if (value === undefined || value === "")
        report("notText", { key: `${key} item`, found: describeNode(item) }, spanOf(item));
      else out.push({ value, span: spanOf(item) });
    }
    return out.length === items.length ? { value: out, span: spanOf(pair.value) } : undefined;
  };

  if (!isMap(root)) {
    report("notMapping", { what: "A scenario file" }, spanOf(root));
    return result;
  }
  const top = keysOf(root, TOP_KEYS, "a scenario file");
  const funnelPair = top.get("funnel");
  if (!funnelPair) report("missingKey", { what: "A scenario file", key: "funnel" }, startOf(root));
  else result.funnel = text_(funnelPair, "funnel");
  const scenariosPair = top.get("scenarios");
  if (!scenariosPair) {
    report("missingKey", { what: "A scenario file", key: "scenarios" }, startOf(root));
    return result;
  }
  const items = list(scenariosPair, "scenarios");
  if (!items) return result;
  if (!items.length)
    report("emptyList", { key: "scenarios", item: "scenario" }, spanOf(scenariosPair.value));
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!isMap(item)) {
      report("notMapping", { what: `Scenario ${i + 1}` }, spanOf(item));
      return;
    }
    const errorsBefore = result.diagnostics.length;
    const keys = keysOf(item, SCENARIO_KEYS, "a scenario");
    const namePair = keys.get("name");
    const name = namePair ? text_(namePair, "name") : undefined;
    if (!namePair) report("missingKey", { what: `Scenario ${i + 1}`, key: "name" }, startOf(item));
    const label = name ? `Scenario ${JSON.stringify(name.value)}` : `Scenario ${i + 1}`;
    if (name) {
      if (seen.has(name.value))
        report("duplicateName", { name: JSON.stringify(name.value) }, name.span);
      seen.add(name.value);
    }
    const recordPair = keys.get("record");
    const record = recordPair ? text_(recordPair, "record")?.value : DEFAULT_RECORD;

    const events: ScenarioEvent[] = [];
    const eventsPair = keys.get("events");
    if (!eventsPair)
      report("missingKey", { what: label, key: "events" }, name?.span ?? startOf(item));
    else {
      const eventItems = list(eventsPair, "events") ?? [];
      if (isSeq(eventsPair.value) && !eventItems.length)
        report("emptyList", { key: "events", item: "event" }, spanOf(eventsPair.value));
      eventItems.forEach((node, j) => {
        if (!isMap(node)) {
          report(
            "notMapping",
            { what: `Event ${j + 1} of ${label.charAt(0).toLowerCase() + label.slice(1)}` },
            spanOf(node),
          );
          return;
        }
        const before = result.diagnostics.length;
        const eventKeys = keysOf(node, EVENT_KEYS, "an event");
        for (const key of ["at", "type"]) {
          if (!eventKeys.has(key))
            report(
              "missingKey",
              { what: `Event ${j + 1} of ${label.charAt(0).toLowerCase() + label.slice(1)}`, key },
              startOf(node),
            );
        }
        for (const key of ["data", "set"]) {
          const pair = eventKeys.get(key);
          if (pair && !isMap(pair.value))
            report(
              "notMapping",
              { what: `\`${key}\`` },
              pair.value ? spanOf(pair.value) : spanOf(pair.key),
            );
        }
        for (const key of ["id", "record"]) {
          const pair = eventKeys.get(key);
          if (pair) text_(pair, key);
        }
        if (result.diagnostics.length > before) return;
        const value = node.toJS(doc) as Record<string, unknown>;
        if (typeof value.id === "number" || typeof value.id === "boolean")
          value.id = String(value.id);
        if (typeof value.record === "number" || typeof value.record === "boolean")
          value.record = String(value.record);
        events.push({
          index: j + 1,
          value: { ...value, record: value.record ?? record },
          span: spanOf(node),
        });
      });
    }

    let asOf: Located<string> | undefined;
    const asOfPair = keys.get("as_of");
    if (asOfPair) {
      const value = scalarText(asOfPair.value);
      if (value === undefined || !Number.isFinite(parseInstant(value))) {
        report(
          "badDatetime",
          {
            key: "as_of",
            found: value === undefined ? describeNode(asOfPair.value) : JSON.stringify(value),
          },
          asOfPair.value ? spanOf(asOfPair.value) : spanOf(asOfPair.key),
        );
      } else asOf = { value, span: spanOf(asOfPair.value) };
    }

    const expectPair = keys.get("expect");
    let expect: Expectations | undefined;
    if (!expectPair)
      report("missingKey", { what: label, key: "expect" }, name?.span ?? startOf(item));
    else if (!isMap(expectPair.value))
      report(
        "notMapping",
        { what: "`expect`" },
        expectPair.value ? spanOf(expectPair.value) : spanOf(expectPair.key),
      );
    else {
      const e = keysOf(expectPair.value, EXPECT_KEYS, "`expect`");
      expect = { span: spanOf(expectPair.value) };
      const stage = e.get("stage");
      if (stage) expect.stage = text_(stage, "stage");
      const path = e.get("path");
      if (path) expect.path = names(path, "path");
      const breaches = e.get("sla_breaches");
      if (breaches) expect.slaBreaches = names(breaches, "sla_breaches");
      const fields = e.get("fields");
      if (fields) {
        if (!isMap(fields.value))
          report(
            "notMapping",
            { what: "`fields`" },
            fields.value ? spanOf(fields.value) : spanOf(fields.key),
          );
        else {
          expect.fields = [];
          for (const pair of fields.value.items) {
            const key = scalarText(pair.key);
            const node = pair.value as Node | null;
            if (key === undefined)
              report(
                "notText",
                { key: "fields key", found: describeNode(pair.key) },
                spanOf(pair.key),
              );
            else if (node && !isScalar(node))
              report("notText", { key: `fields.${key}`, found: describeNode(node) }, spanOf(node));
            else
              expect.fields.push({
                name: { value: key, span: spanOf(pair.key) },
                value: node ? (node as { value: unknown }).value : null,
                span: node ? spanOf(node) : spanOf(pair.key),
              });
          }
        }
      }
      if (e.size === 0 && !expectPair.value.items.length)
        report(
          "emptyList",
          { key: "expect", item: "expectation (stage, path, fields or sla_breaches)" },
          spanOf(expectPair.value),
        );
    }
    if (result.diagnostics.length > errorsBefore || !name || record === undefined || !expect)
      return;
    result.scenarios.push({ name: name.value, nameSpan: name.span, record, events, asOf, expect });
  });
  return result;
}

/** The `funnel:` value of a scenario file, without checking the rest (for finding a funnel's scenarios). */
export function funnelOfScenarioText(text: string): string | undefined {
  try {
    const doc = parseDocument(text);
    const value = doc.get("funnel");
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
