// Random funnels (written as .funnel source that compiles without errors) and random event
// streams for the differential tests of the targets that run a funnel (test/emit-ts,
// test/emit-xstate): names that are JavaScript reserved words or inherited properties, every
// type, conditions, scores, SLAs with calendar months, and events valid or not.
import fc from "fast-check";

// ---------------------------------------------------------------------------------- funnels

type FieldType =
  | { kind: "number" | "text" | "boolean" | "date" | "datetime" }
  | { kind: "enum"; values: string[] };
interface FieldSpec {
  name: string;
  type: FieldType;
}
interface EventSpec {
  name: string;
  fields: FieldSpec[];
}
/** What the event generator needs to know about a funnel. */
export interface FunnelSpec {
  source: string;
  fields: FieldSpec[];
  events: EventSpec[];
  scores: string[];
}
interface Ref {
  text: string;
  type: FieldType;
}
type Gen = fc.GeneratorValue;

// Ordinary names, reserved words of JavaScript and names that plain objects inherit
// (`constructor`, `__proto__`, `toString` …): none may change what a funnel does.
const FIELD_NAMES = [
  "amount",
  "title",
  "flag",
  "class",
  "default",
  "due",
  "seen_at",
  "tier",
  "owner",
  "stage",
  "__proto__",
  "constructor",
  "toString",
];
const EVENT_NAMES = ["visit", "form", "call", "default", "class", "__proto__", "hasOwnProperty"];
const DATA_NAMES = [
  "url",
  "form",
  "at",
  "amount",
  "kind",
  "day",
  "class",
  "__proto__",
  "constructor",
  "valueOf",
];
const STAGE_NAMES = [
  "lead",
  "mql",
  "sal",
  "sql",
  "won",
  "lost",
  "nurture",
  "class",
  "default",
  "return",
  "__proto__",
  "constructor",
];
const SCORE_NAMES = ["fit", "engagement", "score", "valueOf"];
const ENUM_VALUES = ["a", "b", "c d", "É", "no decision"];

const NUMBERS = ["0", "1", "2", "5", "10", "-3", "2.5", "100", "50%"];
const TEXTS = ['"a"', '"A b"', '"Director"', '"x@gmail.com"', '"ü"', '""', '"dir"'];
const NEEDLES = ['"dir"', '"A"', '"@GMAIL"', '""', '"Ü"', '" b"'];
const DATES = ["2028-02-28", "2028-02-29", "2028-03-01", "2028-01-31", "2027-12-31"];
const DATETIMES = [
  "2028-02-29T00:00:00Z",
  "2028-02-28T23:30:00-01:00",
  "2028-03-01T00:00:00+01:00",
  "2028-01-31T12:00:00Z",
  "2028-03-31T22:00:00Z",
];
const ORDERING = ["=", "!=", "<", "<=", ">", ">="];

const pick = <T>(g: Gen, values: readonly T[]): T => g(fc.constantFrom, ...values);
/**
 * A roll of 0-99 without fast-check's bias towards small numbers, so percentages mean what they
 * say.
 */
const PERCENT = fc.noBias(fc.integer({ min: 0, max: 99 }));
const percentArbitrary = () => PERCENT;
const percent = (g: Gen) => g(percentArbitrary);
const chance = (g: Gen, p: number) => percent(g) < p;
const some = <T>(g: Gen, values: readonly T[], min: number, max: number): T[] =>
  g(fc.shuffledSubarray, values as T[], {
    minLength: min,
    maxLength: Math.min(max, values.length),
  });

function genType(g: Gen): FieldType {
  const kind = pick(g, ["number", "text", "boolean", "date", "datetime", "enum"] as const);
  return kind === "enum" ? { kind, values: some(g, ENUM_VALUES, 1, 3) } : { kind };
}

function literalOf(g: Gen, type: FieldType): string {
  switch (type.kind) {
    case "number":
      return pick(g, NUMBERS);
    case "text":
      return pick(g, TEXTS);
    case "boolean":
      return pick(g, ["true", "false"]);
    case "date":
      return pick(g, DATES);
    case "datetime":
      return pick(g, DATETIMES);
    case "enum":
      return JSON.stringify(pick(g, type.values));
  }
}

function typeText(type: FieldType): string {
  return type.kind === "enum" ? type.values.map((v) => JSON.stringify(v)).join(" | ") : type.kind;
}

function fieldDecl(g: Gen, field: FieldSpec, withDefault: boolean): string {
  const optional = chance(g, 50) ? "?" : "";
  const fallback = withDefault && chance(g, 35) ? ` = ${literalOf(g, field.type)}` : "";
  return `${field.name}: ${typeText(field.type)}${optional}${fallback}`;
}

/**
 * A test on one reference, as allowed by its type (spec §5: ordering only on number/date/datetime
 * …).
 */
function genTest(g: Gen, ref: Ref, refs: Ref[]): string {
  const t = ref.type;
  const same = refs.filter((r) => r !== ref && r.type.kind === t.kind && t.kind !== "enum");
  const choice = g(fc.integer, { min: 0, max: 11 });
  if (choice === 0 || choice === 10) return `${ref.text} is ${chance(g, 50) ? "not " : ""}set`;
  if (choice === 1) {
    const values = Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, () => literalOf(g, t));
    return `${ref.text} ${chance(g, 30) ? "not " : ""}in [${values.join(", ")}]`;
  }
  if (choice === 2 && same.length)
    return `${ref.text} ${pick(g, t.kind === "number" || t.kind === "date" || t.kind === "datetime" ? ORDERING : ["=", "!="])} ${pick(g, same).text}`;
  switch (t.kind) {
    case "number":
    case "date":
    case "datetime": {
      const op = pick(g, ORDERING);
      // Literal first sometimes: the IR swaps it to the right (docs/ir.md).
      return chance(g, 20)
        ? `${literalOf(g, t)} ${op} ${ref.text}`
        : `${ref.text} ${op} ${literalOf(g, t)}`;
    }
    case "text":
      return chance(g, 50)
        ? `${ref.text} contains ${pick(g, NEEDLES)}`
        : `${ref.text} ${pick(g, ["=", "!="])} ${literalOf(g, t)}`;
    case "boolean":
      return chance(g, 60) ? ref.text : `${ref.text} ${pick(g, ["=", "!="])} ${literalOf(g, t)}`;
    case "enum":
      return `${ref.text} ${pick(g, ["=", "!="])} ${literalOf(g, t)}`;
  }
}

/** Tests of literals only (allowed, if pointless): they exercise the module's literal helpers. */
const LITERAL_TESTS = [
  "1 < 2",
  '"a" = "a"',
  '"b" != ""',
  '"a" in ["a", "b"]',
  '"" in [""]',
  '"Abc" contains "b"',
  "2028-01-01T00:00:00Z in [2028-01-01T00:00:00Z]",
  '"x" is set',
  '"" is not set',
  "2028-02-29 <= 2028-03-01",
  "true",
  "false",
];

function genCondition(g: Gen, refs: Ref[], depth = 0): string {
  const kind = depth >= 2 ? 0 : g(fc.integer, { min: 0, max: 9 });
  if (kind <= 4 || (kind <= 6 && depth >= 1)) {
    if (chance(g, 4) || !refs.length) return pick(g, LITERAL_TESTS);
    return genTest(g, pick(g, refs), refs);
  }
  if (kind === 7) return `not (${genCondition(g, refs, depth + 1)})`;
  const parts = Array.from(
    { length: g(fc.integer, { min: 2, max: 3 }) },
    () => `(${genCondition(g, refs, depth + 1)})`,
  );
  return parts.join(kind === 8 ? " and " : " or ");
}

const DURATIONS: [string, number][] = [
  ["30 minutes", 30],
  ["90 minutes", 90],
  ["1.5 hours", 90],
  ["12 hours", 720],
  ["1 day", 1440],
  ["2 days", 2880],
  ["29 days", 29 * 1440],
  ["31 days", 31 * 1440],
  ["1 week", 7 * 1440],
  ["1 month", 28 * 1440],
  ["2 months", 56 * 1440],
  ["6 months", 168 * 1440],
  ["1 year", 365 * 1440],
];
/** Warnings in minutes, longest first; always checked against the SLA's shortest length. */
const WARNS: [string, number][] = [
  ["11 months", 11 * 31 * 1440],
  ["4 weeks", 28 * 1440],
  ["27 days", 27 * 1440],
  ["1 week", 7 * 1440],
  ["1.5 days", 36 * 60],
  ["1 day", 1440],
  ["3 hours", 180],
  ["1 hour", 60],
  ["15 minutes", 15],
];

export function genFunnel(g: Gen): FunnelSpec {
  // Sometimes none: a funnel without a `fields` block.
  const fieldNames = some(g, FIELD_NAMES, 0, 6);
  const fields = fieldNames.map((name) => ({ name, type: genType(g) }));
  const scores = some(
    g,
    SCORE_NAMES.filter((s) => !fieldNames.includes(s)),
    0,
    2,
  );
  const events: EventSpec[] = some(g, EVENT_NAMES, 1, 3).map((name) => ({
    name,
    fields: some(g, DATA_NAMES, 0, 3).map((field) => ({ name: field, type: genType(g) })),
  }));
  const stageCount = g(fc.integer, { min: 2, max: 6 });
  const stageNames = some(g, STAGE_NAMES, stageCount, stageCount);
  // The first is a `stage` (the initial one); later ones any kind, at least one non-terminal.
  const kinds = stageNames.map((_, i) =>
    i === 0 ? "stage" : pick(g, ["stage", "stage", "detour", "terminal"] as const),
  );
  const fieldRefs: Ref[] = [
    ...fields.map((f) => ({ text: f.name, type: f.type })),
    ...scores.map((s) => ({ text: s, type: { kind: "number" as const } })),
  ];
  const eventRefs = (on: string | null): Ref[] => {
    const event = events.find((e) => e.name === on);
    return event ? event.fields.map((f) => ({ text: `event.${f.name}`, type: f.type })) : [];
  };
  const trigger = (g: Gen): { on: string | null; text: string } => {
    const on = chance(g, 45) ? pick(g, events).name : null;
    const when =
      on === null || chance(g, 50) ? genCondition(g, [...fieldRefs, ...eventRefs(on)]) : null;
    return { on, text: `${on ? ` on ${on}` : ""}${when ? ` when ${when}` : ""}` };
  };
  const transition = (g: Gen) => `-> ${pick(g, stageNames)}${trigger(g).text}`;

  const lines: string[] = [`funnel random "Random" {`, "  team t1", "  team t2"];
  if (fields.length)
    lines.push(`  fields {`, ...fields.map((f) => `    ${fieldDecl(g, f, true)}`), "  }");
  lines.push(`  events {`);
  for (const e of events)
    lines.push(
      `    ${e.name}${e.fields.length ? ` { ${e.fields.map((f) => fieldDecl(g, f, false)).join("  ")} }` : ""}`,
    );
  lines.push("  }");
  scores.forEach((score, i) => {
    // A score reads only later scores, so no score depends on itself (FN4008).
    const readable = [
      ...fields.map((f) => ({ text: f.name, type: f.type })),
      ...scores.slice(i + 1).map((s) => ({ text: s, type: { kind: "number" as const } })),
    ];
    const rules = Array.from({ length: g(fc.integer, { min: 1, max: 4 }) }, () => {
      const points = `${pick(g, ["+", "-"])}${pick(g, ["1", "5", "10", "25", "2.5"])}`;
      const on = chance(g, 40) ? pick(g, events).name : null;
      const when = chance(g, on ? 50 : 85)
        ? genCondition(g, [...readable, ...eventRefs(on)])
        : null;
      return `    ${points}${on ? ` on ${on}` : ""}${when ? ` when ${when}` : ""}`;
    });
    lines.push(`  score ${score} {`, ...rules, "  }");
  });
  if (chance(g, 40))
    lines.push(
      "  from any {",
      ...Array.from({ length: g(fc.integer, { min: 1, max: 2 }) }, () => `    ${transition(g)}`),
      "  }",
    );
  stageNames.forEach((name, i) => {
    const kind = kinds[i];
    if (kind === "terminal") {
      lines.push(`  terminal ${name} { outcome ${pick(g, ["won", "lost", "none"])} }`);
      return;
    }
    const body = [`definition "Stage ${name}."`, `owner ${pick(g, ["t1", "t2"])}`];
    for (let n = g(fc.integer, { min: 0, max: 3 }); n > 0; n--) body.push(transition(g));
    const targets = stageNames.filter((s) => s !== name);
    if (chance(g, 45)) {
      const [duration, minutes] = pick(g, DURATIONS);
      body.push(`sla ${duration} -> ${pick(g, targets)}${chance(g, 50) ? " notify t1, t2" : ""}`);
      const warns = WARNS.filter(([, w]) => w < minutes);
      if (warns.length && chance(g, 50))
        body.push(`warn ${pick(g, warns)[0]}${chance(g, 50) ? " notify t2" : ""}`);
    }
    lines.push(`  ${kind} ${name} {`, ...body.map((b) => `    ${b}`), "  }");
  });
  lines.push("}");
  return { source: lines.join("\n") + "\n", fields, events, scores };
}

// ---------------------------------------------------------------------------------- events

const VALID: Record<string, readonly unknown[]> = {
  number: [0, 1, 2, 5, 10, -3, 2.5, 100, 0.5, 120],
  text: ["a", "A b", "Director of Sales", "x@GMAIL.com", "ü", "dir"],
  boolean: [true, false],
  date: ["2028-02-28", "2028-02-29", "2028-03-01", "2027-02-28", "2028-01-31"],
  datetime: [
    "2028-02-29T00:00:00Z",
    "2028-02-29T00:30:00+01:00",
    "2028-03-01T00:00:00.123Z",
    "2028-02-28T23:00:00-01:00",
    "2028-03-31T22:00:00Z",
  ],
};
const INVALID: Record<string, readonly unknown[]> = {
  number: ["5", true, [1], Number.NaN],
  text: [5, false, { a: 1 }],
  boolean: ["true", 1],
  enum: ["zzz", 1, "A"],
  date: ["2027-02-29", "2028-13-01", 20280229, "2028-02-29T00:00:00Z"],
  datetime: ["2028-02-29T00:00:00", "2028-02-30T00:00:00Z", 0, "2028-02-29"],
};

function valueOf(g: Gen, type: FieldType): unknown {
  const roll = percent(g);
  if (roll < 8) return pick(g, [null, ""]);
  if (roll < 16) return pick(g, INVALID[type.kind]);
  return type.kind === "enum" ? pick(g, type.values) : pick(g, VALID[type.kind]);
}

function valuesFor(g: Gen, fields: FieldSpec[], scores: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // As JSON.parse makes them: an own property even when the key is `__proto__`.
  for (const f of some(g, fields, 0, 3))
    Object.defineProperty(out, f.name, {
      value: valueOf(g, f.type),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  if (chance(g, 4)) out.unknown_key = 1;
  // A typo of a declared name: both sides must suggest the same one (or none).
  if (fields.length && chance(g, 4)) out[typo(g, pick(g, fields).name)] = 1;
  if (scores.length && chance(g, 3)) out[pick(g, scores)] = 5;
  return out;
}

/**
 * A name as people mistype it: two letters swapped, one dropped, doubled or changed, or another
 * case.
 */
function typo(g: Gen, name: string): string {
  const i = g(fc.integer, { min: 0, max: Math.max(0, name.length - 2) });
  switch (pick(g, ["swap", "drop", "double", "change", "case"] as const)) {
    case "swap":
      return name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
    case "drop":
      return name.slice(0, i) + name.slice(i + 1);
    case "double":
      return name.slice(0, i) + name.charAt(i) + name.slice(i);
    case "change":
      return name.slice(0, i) + pick(g, ["x", "e", "_"]) + name.slice(i + 1);
    case "case":
      return name.toUpperCase();
  }
}

const MINUTE = 60_000;
/** Minutes between events: often short, sometimes across month ends, rarely a year. */
const STEPS = [
  0,
  0,
  1,
  59,
  60,
  60,
  1440,
  1440,
  2 * 1440,
  13 * 1440,
  28 * 1440,
  29 * 1440,
  31 * 1440,
  61 * 1440,
  366 * 1440,
];

/** An instant written with a random zone: Z, +01:00 or -05:30 (same instant). */
function instant(g: Gen, ms: number): string {
  const offset = pick(g, [0, 0, 60, -330]);
  if (offset === 0) return new Date(ms).toISOString().replace(".000Z", "Z");
  const local = new Date(ms + offset * MINUTE).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const MALFORMED: unknown[] = [
  { record: "r1", at: "2028-01-01T00:00:00Z", type: "update", sett: { x: 1 } },
  { record: "r1", type: "update" },
  { record: "r1", at: "2028-01-01T00:00:00Z" },
  { record: 7, at: "2028-01-01T00:00:00Z", type: "update" },
  { record: "r1", at: "2028-01-01T00:00:00Z", type: null },
  "text",
  null,
  [],
  { at: "2028-01-01T00:00:00Z", type: "update" },
  { record: "r1", at: "2028-01-01", type: "update" },
  { record: "r1", at: "2028-01-01T00:00:00Z", type: "nope" },
  { record: "r1", at: "2028-01-01T00:00:00Z", type: "update", id: 5 },
  { record: "r1", at: "2028-01-01T00:00:00Z", type: "update", data: [] },
  { record: "r1", at: "2028-01-01T00:00:00Z", type: "update", set: "x" },
];

export type Step = { apply: unknown } | { advanceTo: string } | { swap: true };

export function genSteps(g: Gen, spec: FunnelSpec): Step[] {
  let clock = Date.parse(
    pick(g, [
      "2028-01-30T22:00:00Z",
      "2028-02-28T12:00:00Z",
      "2027-12-31T23:59:00Z",
      "2028-02-29T00:00:00Z",
    ]),
  );
  const steps: Step[] = [];
  for (let n = g(fc.integer, { min: 4, max: 30 }); n > 0; n--) {
    const roll = percent(g);
    clock += pick(g, STEPS) * MINUTE;
    if (roll < 8) {
      steps.push({ advanceTo: instant(g, clock + pick(g, STEPS) * MINUTE) });
      continue;
    }
    if (roll < 11) {
      steps.push({ swap: true });
      continue;
    }
    if (roll < 13) {
      steps.push({ apply: pick(g, MALFORMED) });
      continue;
    }
    // Sometimes earlier than the record's last event (out_of_order), sometimes of an undeclared
    // type.
    const at = chance(g, 12) ? clock - pick(g, STEPS.slice(1)) * MINUTE : clock;
    const typeRoll = percent(g);
    const type =
      typeRoll < 3
        ? "unknown"
        : typeRoll < 5
          ? typo(g, pick(g, spec.events).name)
          : typeRoll < 45
            ? "update"
            : pick(g, spec.events).name;
    const event: Record<string, unknown> = {
      record: pick(g, ["r1", "r1", "r2", "r3", "__proto__"]),
      at: instant(g, at),
      type,
    };
    if (chance(g, 50)) event.id = pick(g, ["e1", "e2", "e3", "e4", "e5", "e6"]);
    const declared = spec.events.find((e) => e.name === type);
    if (declared && chance(g, 80)) event.data = valuesFor(g, declared.fields, spec.scores);
    if (type === "update" && chance(g, 5)) event.data = { anything: 1 };
    if (chance(g, type === "update" ? 90 : 40)) event.set = valuesFor(g, spec.fields, spec.scores);
    // A misspelt top-level key: the whole event is rejected, naming it.
    if (chance(g, 3)) event[typo(g, pick(g, ["id", "record", "at", "type", "data", "set"]))] = {};
    steps.push({ apply: event });
  }
  // Finally the SLAs of the next three months (not years: a 30-minute SLA between two stages
  // would bounce thousands of times).
  steps.push({ advanceTo: instant(g, clock + 90 * 1440 * MINUTE) });
  return steps;
}
