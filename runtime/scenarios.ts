// Running scenarios (spec §8): each through a fresh engine, then its `expect` checked against the
// record; and coverage: which transitions, `from any` rules, SLAs and warnings of a funnel no
// scenario exercised, found through the rule locations the engine puts on every outcome.
import { createDiagnostic, type Diagnostic, type Span } from "../core/diagnostics/diagnostic.js";
import { describeDuration } from "../core/durations.js";
import type { FunnelIR, SourceLocation, TypeIR } from "../core/ir/types.js";
import { suggestName } from "../core/suggest.js";
import {
  createEngine,
  type ApplyResult,
  type Engine,
  type Outcome,
  type RecordView,
} from "./engine.js";
import { formatExpr } from "./explain.js";
import { coerceJson, describeTypeIR } from "../core/values.js";
import type { Scenario, ScenarioFile } from "./scenario-types.js";

// ------------------------------------------------------------------ coverage

export type RuleKind = "transition" | "from_any" | "sla" | "warn";

export interface CoverageRule {
  key: string;
  kind: RuleKind;
  /** The stage the rule leaves (null for `from any`). */
  stage: string | null;
  /** Target stage (null for `warn`). */
  to: string | null;
  /** The rule in Funnel syntax, e.g. `sal -> sql when qualified`. */
  text: string;
  loc: SourceLocation;
}

export const locationKey = (loc: SourceLocation) => `${loc.file}:${loc.line}:${loc.column}`;

/** Every rule of a funnel that scenarios should exercise, in source order. */
export function coverageRules(ir: FunnelIR): CoverageRule[] {
  const rules: CoverageRule[] = [];
  const trigger = (t: { on: string | null; when: Parameters<typeof formatExpr>[0] | null }) =>
    `${t.on ? ` on ${t.on}` : ""}${t.when ? ` when ${formatExpr(t.when)}` : ""}`;
  for (const t of ir.fromAny)
    rules.push({
      key: locationKey(t.loc),
      kind: "from_any",
      stage: null,
      to: t.to,
      text: `from any -> ${t.to}${trigger(t)}`,
      loc: t.loc,
    });
  for (const stage of ir.stages) {
    for (const t of stage.transitions)
      rules.push({
        key: locationKey(t.loc),
        kind: "transition",
        stage: stage.name,
        to: t.to,
        text: `${stage.name} -> ${t.to}${trigger(t)}`,
        loc: t.loc,
      });
    if (stage.sla)
      rules.push({
        key: locationKey(stage.sla.loc),
        kind: "sla",
        stage: stage.name,
        to: stage.sla.to,
        text: `${stage.name}: sla ${describeDuration(stage.sla.after)} -> ${stage.sla.to}`,
        loc: stage.sla.loc,
      });
    if (stage.warn)
      rules.push({
        key: locationKey(stage.warn.loc),
        kind: "warn",
        stage: stage.name,
        to: null,
        text: `${stage.name}: warn ${describeDuration(stage.warn.after)}`,
        loc: stage.warn.loc,
      });
  }
  return rules.sort((a, b) =>
    a.loc.file < b.loc.file
      ? -1
      : a.loc.file > b.loc.file
        ? 1
        : a.loc.line - b.loc.line || a.loc.column - b.loc.column,
  );
}

/** Adds the rules an apply's outcomes show firing to `exercised`. */
export function markExercised(outcomes: readonly Outcome[], exercised: Set<string>): void {
  for (const o of outcomes) {
    if (o.type === "moved") {
      if (o.cause.kind !== "created") exercised.add(locationKey(o.cause.rule));
    } else exercised.add(locationKey(o.rule));
  }
}

export interface FunnelCoverage {
  funnel: string;
  /** Project path of the funnel file. */
  file: string;
  rules: (CoverageRule & { exercised: boolean })[];
  covered: number;
  total: number;
  /** Rounded down to one decimal, so that 100 means every rule. */
  percent: number;
}

export function summarizeCoverage(ir: FunnelIR, exercised: ReadonlySet<string>): FunnelCoverage {
  const rules = coverageRules(ir).map((r) => ({ ...r, exercised: exercised.has(r.key) }));
  const covered = rules.filter((r) => r.exercised).length;
  const percent = rules.length ? Math.floor((covered / rules.length) * 1000) / 10 : 100;
  return { funnel: ir.funnel.name, file: ir.source, rules, covered, total: rules.length, percent };
}

// ------------------------------------------------------------------ checking expectations first

/** Checks that `expect` names stages, fields and values the funnel has (FN6003). */
export function checkExpectations(
  file: ScenarioFile,
  scenario: Scenario,
  ir: FunnelIR,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stages = ir.stages.map((s) => s.name);
  const stage = (name: { value: string; span: { start: number; end: number } }, key: string) => {
    if (stages.includes(name.value)) return;
    const suggestion = suggestName(name.value, stages);
    out.push(
      suggestion
        ? createDiagnostic("invalid-expectation", {
            messageId: "stageDidYouMean",
            format: { name: name.value, key, suggestion },
            file: file.shown,
            span: name.span,
            suggestion,
          })
        : createDiagnostic("invalid-expectation", {
            format: { name: name.value, key, stages: stages.join(", ") },
            file: file.shown,
            span: name.span,
          }),
    );
  };
  const e = scenario.expect;
  if (e.stage) stage(e.stage, "stage");
  for (const item of e.path?.value ?? []) stage(item, "path");
  for (const item of e.slaBreaches?.value ?? []) stage(item, "sla_breaches");
  const types = fieldTypes(ir);
  for (const f of e.fields ?? []) {
    const type = types.get(f.name.value);
    if (!type) {
      const suggestion = suggestName(f.name.value, types.keys());
      out.push(
        suggestion
          ? createDiagnostic("invalid-expectation", {
              messageId: "fieldDidYouMean",
              format: { name: f.name.value, suggestion },
              file: file.shown,
              span: f.name.span,
              suggestion,
            })
          : createDiagnostic("invalid-expectation", {
              messageId: "unknownField",
              format: { name: f.name.value },
              file: file.shown,
              span: f.name.span,
            }),
      );
    } else if (!coerceJson(f.value, type).ok) {
      out.push(
        createDiagnostic("invalid-expectation", {
          messageId: "wrongValue",
          format: {
            name: f.name.value,
            expected: describeTypeIR(type),
            found: JSON.stringify(f.value),
          },
          file: file.shown,
          span: f.span,
        }),
      );
    }
  }
  return out;
}

function fieldTypes(ir: FunnelIR): Map<string, TypeIR> {
  return new Map<string, TypeIR>([
    ...ir.fields.map((f) => [f.name, f.type] as const),
    ...ir.scores.map((s) => [s.name, { kind: "number" }] as const),
  ]);
}

// ------------------------------------------------------------------ running

export interface TraceStep {
  /** 1-based index in `events`, or null for the as-of step. */
  index: number | null;
  /** 1-based line of the event in the scenario file (the as_of line for the as-of step). */
  line: number;
  at: string;
  type: string | null;
  id: string | null;
  status: ApplyResult["status"] | "as_of";
  reason?: string;
  message?: string;
  outcomes: Outcome[];
}

export interface ScenarioFailure {
  /**
   * What was checked: `stage`, `path`, `fields.<name>`, `sla_breaches`, `events[<i>]` or
   * `record`.
   */
  expectation: string;
  expected: unknown;
  actual: unknown;
  diagnostic: Diagnostic;
}

export interface ScenarioResult {
  file: ScenarioFile;
  scenario: Scenario;
  failures: ScenarioFailure[];
  trace: TraceStep[];
}

/** A list of names as scenario files write them: `[a, b]`. */
export const formatList = (items: readonly string[]) => `[${items.join(", ")}]`;

/** A value in a failure message: text quoted, unset as `unset`. */
export function formatValue(value: unknown): string {
  return value === null || value === undefined || value === ""
    ? "unset"
    : typeof value === "string"
      ? JSON.stringify(value)
      : String(value);
}

/**
 * A hint for a text (or enum) value that YAML read as a number or yes/no: `job_title: 1234` is
 * the number 1234 in YAML, and the engine rightly rejects it; quotes make it text.
 */
function yamlTextHint(ir: FunnelIR, event: Record<string, unknown>): string {
  const textual = (kind: string | undefined) => kind === "text" || kind === "enum";
  const declared = ir.events.find((d) => d.name === event.type);
  const checks: [unknown, (key: string) => string | undefined][] = [
    [event.set, (key) => ir.fields.find((f) => f.name === key)?.type.kind],
    [event.data, (key) => declared?.fields.find((f) => f.name === key)?.type.kind],
  ];
  for (const [values, kindOf] of checks) {
    if (typeof values !== "object" || values === null) continue;
    for (const [key, value] of Object.entries(values)) {
      if ((typeof value === "number" || typeof value === "boolean") && textual(kindOf(key)))
        return (
          ` (YAML reads ${key}: ${String(value)} as a ` +
          `${typeof value === "number" ? "number" : "yes/no value"}; write ${key}: ` +
          `"${String(value)}" to make it text)`
        );
    }
  }
  return "";
}

/**
 * Runs one scenario through a fresh engine and checks its expectations.
 * @param lineOf 1-based line of an offset in the scenario file
 * @param exercised collects the keys of the rules that fired (coverage)
 * @returns the failures (by their place in the file) and the trace of every step
 */
export function runScenario(
  ir: FunnelIR,
  file: ScenarioFile,
  scenario: Scenario,
  lineOf: (offset: number) => number,
  exercised: Set<string>,
): ScenarioResult {
  const engine = createEngine(ir);
  const { trace, failures, breaches } = playScenario(engine, ir, file, scenario, lineOf, exercised);
  const state = engine.state(scenario.record);
  if (!state) {
    // A rejected event already explains a record that was never created.
    if (failures.length === 0) failures.push(noRecordFailure(file, scenario));
    return { file, scenario, failures, trace };
  }
  failures.push(...expectationFailures(ir, file, scenario, state, breaches));
  failures.sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start);
  return { file, scenario, failures, trace };
}

/**
 * Applies a scenario's events, then its as-of time.
 * @returns the trace, a failure per rejected event, and the SLA breaches of the scenario's record
 */
function playScenario(
  engine: Engine,
  ir: FunnelIR,
  file: ScenarioFile,
  scenario: Scenario,
  lineOf: (offset: number) => number,
  exercised: Set<string>,
): { trace: TraceStep[]; failures: ScenarioFailure[]; breaches: string[] } {
  const trace: TraceStep[] = [];
  const failures: ScenarioFailure[] = [];
  const breaches: string[] = [];
  const collect = (outcomes: Outcome[]) => {
    markExercised(outcomes, exercised);
    for (const o of outcomes)
      if (o.type === "sla_breached" && o.record === scenario.record) breaches.push(o.stage);
  };
  for (const event of scenario.events) {
    const result = engine.apply(event.value);
    const step: TraceStep = {
      index: event.index,
      line: lineOf(event.span.start),
      at: String(event.value.at),
      type: typeof event.value.type === "string" ? event.value.type : null,
      id: typeof event.value.id === "string" ? event.value.id : null,
      status: result.status,
      outcomes: result.outcomes,
    };
    if (result.status === "rejected") {
      step.reason = result.reason;
      step.message = result.message;
      const message =
        result.message + (result.reason === "wrong_type" ? yamlTextHint(ir, event.value) : "");
      failures.push({
        expectation: `events[${event.index}]`,
        expected: "applied",
        actual: `rejected (${result.reason})`,
        diagnostic: createDiagnostic("scenario-failed", {
          messageId: "rejected",
          format: {
            scenario: JSON.stringify(scenario.name),
            index: event.index,
            reason: result.reason,
            message,
          },
          file: file.shown,
          span: event.span,
        }),
      });
    }
    collect(result.outcomes);
    trace.push(step);
  }
  if (scenario.asOf) {
    const outcomes = engine.advanceTo(scenario.asOf.value);
    collect(outcomes);
    trace.push({
      index: null,
      line: lineOf(scenario.asOf.span.start),
      at: scenario.asOf.value,
      type: null,
      id: null,
      status: "as_of",
      outcomes,
    });
  }
  return { trace, failures, breaches };
}

/** The failure of a scenario whose record was never created. */
function noRecordFailure(file: ScenarioFile, scenario: Scenario): ScenarioFailure {
  return {
    expectation: "record",
    expected: scenario.record,
    actual: null,
    diagnostic: createDiagnostic("scenario-failed", {
      messageId: "noRecord",
      format: { scenario: JSON.stringify(scenario.name), record: scenario.record },
      file: file.shown,
      span: scenario.nameSpan,
    }),
  };
}

/**
 * The expectations of a scenario that its record does not meet.
 * @param state the record after the scenario
 * @param breaches the stages whose SLA the record breached, in order
 * @returns a failure per unmet expectation: stage, path, each field, SLA breaches
 */
function expectationFailures(
  ir: FunnelIR,
  file: ScenarioFile,
  scenario: Scenario,
  state: RecordView,
  breaches: string[],
): ScenarioFailure[] {
  const failures: ScenarioFailure[] = [];
  const name = JSON.stringify(scenario.name);
  const fail = (expectation: string, expected: unknown, actual: unknown, diagnostic: Diagnostic) =>
    failures.push({ expectation, expected, actual, diagnostic });
  const failed = (messageId: string | undefined, format: Record<string, string>, span: Span) =>
    createDiagnostic("scenario-failed", {
      ...(messageId ? { messageId } : {}),
      format: { scenario: name, ...format },
      file: file.shown,
      span,
    } as Parameters<typeof createDiagnostic<"scenario-failed">>[1]);
  const e = scenario.expect;
  if (e.stage && e.stage.value !== state.stage) {
    fail(
      "stage",
      e.stage.value,
      state.stage,
      failed(undefined, { expected: e.stage.value, actual: state.stage }, e.stage.span),
    );
  }
  const path = state.path.map((p) => p.stage);
  if (e.path) {
    const expected = e.path.value.map((p) => p.value);
    if (expected.join("\0") !== path.join("\0")) {
      const format = { expected: formatList(expected), actual: formatList(path) };
      fail("path", expected, path, failed("path", format, e.path.span));
    }
  }
  const types = fieldTypes(ir);
  for (const f of e.fields ?? []) {
    const type = types.get(f.name.value)!;
    const isScore = ir.scores.some((s) => s.name === f.name.value);
    const actual = isScore ? state.scores[f.name.value] : state.fields[f.name.value];
    if (!sameValue(f.value, actual, type)) {
      const format = {
        field: f.name.value,
        expected: formatValue(f.value),
        actual: formatValue(actual),
      };
      fail(`fields.${f.name.value}`, f.value, actual, failed("field", format, f.span));
    }
  }
  if (e.slaBreaches) {
    const expected = e.slaBreaches.value.map((p) => p.value);
    if (expected.join("\0") !== breaches.join("\0")) {
      const actual = breaches.length ? formatList(breaches) : "none";
      const format = { expected: formatList(expected), actual };
      fail("sla_breaches", expected, breaches, failed("slaBreaches", format, e.slaBreaches.span));
    }
  }
  return failures;
}

/** Equal as the engine sees values: datetimes as instants, unset (`null`, `""`, absent) as one. */
function sameValue(expected: unknown, actual: unknown, type: TypeIR): boolean {
  const a = coerceJson(expected, type);
  const b = coerceJson(actual, type);
  return a.ok && b.ok && a.value === b.value;
}

/** What an event did, in a few words: `created in anonymous, anonymous → known`. */
export function describeOutcomes(outcomes: readonly Outcome[], record: string): string {
  const parts: string[] = [];
  let chainEnd: string | null = null;
  for (const o of outcomes) {
    const prefix = o.record === record ? "" : `[${o.record}] `;
    if (o.type === "moved") {
      if (o.from === null) {
        parts.push(`${prefix}created in ${o.to}`);
        chainEnd = `${o.record}\0${o.to}`;
      } else if (chainEnd === `${o.record}\0${o.from}` && parts.length) {
        parts[parts.length - 1] += ` → ${o.to}`;
        chainEnd = `${o.record}\0${o.to}`;
      } else {
        parts.push(`${prefix}${o.from} → ${o.to}`);
        chainEnd = `${o.record}\0${o.to}`;
      }
    } else {
      parts.push(
        `${prefix}SLA ${o.type === "sla_warning" ? "warning" : "breached"} in ` +
          `${o.stage} at ${o.at}`,
      );
      chainEnd = null;
    }
  }
  return parts.length ? parts.join(", ") : "no move";
}
