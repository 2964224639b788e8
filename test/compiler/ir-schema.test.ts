// The IR schema (schema/funnel-ir.schema.json) against real compiled IR, mutated IR and the IR's
// TypeScript types (core/ir/types.ts): the three must describe the same shape.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import schema from "../../schema/funnel-ir.schema.json" with { type: "json" };
import { createNodeHost } from "../../compiler/host.js";
import { compile, type CompileResult } from "../../compiler/program.js";
import type {
  CompareOpIR,
  DurationIR,
  DurationUnitIR,
  EventIR,
  ExprIR,
  FieldIR,
  FunnelIR,
  OperandIR,
  ScoreIR,
  ScoreRuleIR,
  SlaIR,
  SourceLocation,
  StageIR,
  StageMapIR,
  TeamIR,
  TransitionIR,
  TypeIR,
  WarnIR,
} from "../../core/ir/types.js";
import { matchesSchema } from "../../compiler/ir/schema-walk.js";
import { validateIr } from "../../compiler/ir/validate.js";
import { compileText } from "../helpers/compile.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXAMPLE = "examples/lead-to-revenue.funnel";

function irOf(result: CompileResult): FunnelIR {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  const ir = result.programs[0].ir;
  expect(ir).toBeDefined();
  return ir!;
}

const exampleIr = irOf(compile(createNodeHost(ROOT), [EXAMPLE]));

/**
 * Covers what the example does not write: `not`, `or`, `true`, targets, datetimes, percents and
 * imports.
 */
const extraIr = irOf(
  compileText({
    "main.funnel": `import "shared.funnel"
/// Covers the rarer IR shapes.
funnel extra "Extra" {
  version "1"
  team sales "Sales"
  fields {
    /// Share of the deal.
    share: number = 10%
    closed_at: datetime = 2026-01-31T10:30:00+02:00
    start: date = 2026-01-01
    tier: "a" | "b" = "a"
    flag: boolean = false
  }
  score s {
    +1 on ping when not (share > 5%) or region = "x"
    -2 when closed_at < 2026-02-01T00:00:00+01:00
  }
  /// First.
  stage a "A" {
    definition "A."
    owner sales
    target conversion 40%
    target velocity 14 days
    -> b on ping when true
    -> b when 100 <= s and not flag or tier != "b" and -3 < share
    -> b when region is not set or tier not in ["a"] or start >= 2026-01-01
  }
  stage b "B" {
    definition "B."
    owner ops
    map salesforce opportunity_stage "Proposal" probability 60% forecast best_case
    map acme "b-stage"
    map hubspot "lead"
    -> won when flag
  }
  terminal won {
    outcome won
    map hubspot deal "closedwon" probability 100% forecast closed
  }
  terminal gone
}
`,
    "shared.funnel": `funnel shared {
  team ops "Operations"
  fields { region: text? }
  events { ping }
}
`,
  }),
);

type SchemaNode = { [key: string]: any };
const defs = schema.$defs as Record<string, SchemaNode>;

/** Every schema object in the document with its JSON Pointer, skipping if/then refinements. */
function schemaNodes(): { pointer: string; node: SchemaNode }[] {
  const out: { pointer: string; node: SchemaNode }[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${pointer}/${i}`));
      return;
    }
    out.push({ pointer, node: node as SchemaNode });
    for (const [key, value] of Object.entries(node)) {
      if (key === "if" || key === "then" || key === "else" || key === "enum" || key === "const")
        continue;
      walk(value, `${pointer}/${key}`);
    }
  };
  walk(schema, "");
  return out;
}

/** Closed object schemas (`$defs` and `oneOf` branches) by title. */
function objectSchemas(): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  for (const { node } of schemaNodes()) {
    if (
      node.type === "object" &&
      node.additionalProperties === false &&
      typeof node.title === "string"
    )
      out.set(node.title, node);
  }
  return out;
}

const objects = objectSchemas();
const propertyNames = (title: string) => Object.keys(objects.get(title)?.properties ?? {}).sort();

/** The objects of a real IR, classified by which schema object they are. */
function samples(ir: FunnelIR): Map<string, object[]> {
  const out = new Map<string, object[]>();
  const add = (title: string, value: object): void => {
    out.set(title, [...(out.get(title) ?? []), value]);
  };
  const loc = (l: SourceLocation) => add("SourceLocation", l);
  const type = (t: TypeIR) => add(t.kind === "enum" ? "EnumType" : "ScalarType", t);
  const field = (f: FieldIR) => {
    add("FieldIR", f);
    type(f.type);
    loc(f.loc);
  };
  const operand = (o: OperandIR) =>
    add("field" in o ? "FieldOperand" : "event" in o ? "EventOperand" : "LiteralOperand", o);
  const expr = (e: ExprIR): void => {
    switch (e.op) {
      case "and":
      case "or":
        add("LogicalExpr", e);
        return e.args.forEach(expr);
      case "not":
        add("NotExpr", e);
        return expr(e.arg);
      case "compare":
        add("CompareExpr", e);
        return [e.left, e.right].forEach(operand);
      case "is_set":
        add("IsSetExpr", e);
        return operand(e.operand);
      case "in":
        add("InExpr", e);
        return operand(e.operand);
      case "contains":
        add("ContainsExpr", e);
        return operand(e.operand);
      case "truthy":
        add("TruthyExpr", e);
        return operand(e.operand);
      case "const":
        add("ConstExpr", e);
        return;
    }
  };
  const duration = (d: DurationIR) => add("DurationIR", d);
  const transition = (t: TransitionIR) => {
    add("TransitionIR", t);
    if (t.when) expr(t.when);
    loc(t.loc);
  };

  add("FunnelIR", ir);
  add("CompilerInfo", ir.compiler);
  add("FunnelHeader", ir.funnel);
  loc(ir.funnel.loc);
  for (const team of ir.teams) {
    add("TeamIR", team);
    loc(team.loc);
  }
  ir.fields.forEach(field);
  for (const event of ir.events) {
    add("EventIR", event);
    event.fields.forEach(field);
    loc(event.loc);
  }
  for (const score of ir.scores) {
    add("ScoreIR", score);
    loc(score.loc);
    for (const rule of score.rules) {
      add("ScoreRuleIR", rule);
      if (rule.when) expr(rule.when);
      loc(rule.loc);
    }
  }
  ir.fromAny.forEach(transition);
  for (const stage of ir.stages) {
    add("StageIR", stage);
    stage.transitions.forEach(transition);
    if (stage.sla) {
      add("SlaIR", stage.sla);
      duration(stage.sla.after);
      loc(stage.sla.loc);
    }
    if (stage.warn) {
      add("WarnIR", stage.warn);
      duration(stage.warn.after);
      loc(stage.warn.loc);
    }
    for (const map of stage.maps) {
      add("StageMapIR", map);
      loc(map.loc);
    }
    add("StageTargets", stage.targets);
    if (stage.targets.velocity) duration(stage.targets.velocity);
    loc(stage.loc);
  }
  return out;
}

// Exhaustive key lists of the TypeScript types: `satisfies Record<keyof T, true>` fails to compile
// when a key is missing or extra, so a change to types.ts forces a change here (and in the schema).
type Keys<T> = Record<keyof T, true>;
const TS_KEYS: Record<string, Record<string, true>> = {
  FunnelIR: {
    irVersion: true,
    compiler: true,
    source: true,
    imports: true,
    funnel: true,
    teams: true,
    fields: true,
    events: true,
    scores: true,
    fromAny: true,
    stages: true,
    initialStage: true,
    successPath: true,
  } satisfies Keys<FunnelIR>,
  CompilerInfo: { name: true, version: true } satisfies Keys<FunnelIR["compiler"]>,
  FunnelHeader: {
    name: true,
    title: true,
    version: true,
    description: true,
    docs: true,
    loc: true,
  } satisfies Keys<FunnelIR["funnel"]>,
  SourceLocation: {
    file: true,
    line: true,
    column: true,
    endLine: true,
    endColumn: true,
  } satisfies Keys<SourceLocation>,
  ScalarType: { kind: true } satisfies Keys<Exclude<TypeIR, { kind: "enum" }>>,
  EnumType: { kind: true, values: true } satisfies Keys<Extract<TypeIR, { kind: "enum" }>>,
  FieldIR: {
    name: true,
    type: true,
    optional: true,
    default: true,
    docs: true,
    loc: true,
  } satisfies Keys<FieldIR>,
  EventIR: { name: true, fields: true, docs: true, loc: true } satisfies Keys<EventIR>,
  TeamIR: { name: true, title: true, docs: true, loc: true } satisfies Keys<TeamIR>,
  FieldOperand: { field: true } satisfies Keys<Extract<OperandIR, { field: string }>>,
  EventOperand: { event: true } satisfies Keys<Extract<OperandIR, { event: string }>>,
  LiteralOperand: { value: true, type: true } satisfies Keys<
    Extract<OperandIR, { value: unknown }>
  >,
  LogicalExpr: { op: true, args: true } satisfies Keys<Extract<ExprIR, { args: unknown }>>,
  NotExpr: { op: true, arg: true } satisfies Keys<Extract<ExprIR, { op: "not" }>>,
  CompareExpr: { op: true, cmp: true, left: true, right: true } satisfies Keys<
    Extract<ExprIR, { op: "compare" }>
  >,
  IsSetExpr: { op: true, operand: true, negated: true } satisfies Keys<
    Extract<ExprIR, { op: "is_set" }>
  >,
  InExpr: { op: true, operand: true, values: true, negated: true } satisfies Keys<
    Extract<ExprIR, { op: "in" }>
  >,
  ContainsExpr: { op: true, operand: true, value: true } satisfies Keys<
    Extract<ExprIR, { op: "contains" }>
  >,
  TruthyExpr: { op: true, operand: true } satisfies Keys<Extract<ExprIR, { op: "truthy" }>>,
  ConstExpr: { op: true, value: true } satisfies Keys<Extract<ExprIR, { op: "const" }>>,
  ScoreRuleIR: { points: true, on: true, when: true, loc: true } satisfies Keys<ScoreRuleIR>,
  ScoreIR: { name: true, rules: true, docs: true, loc: true } satisfies Keys<ScoreIR>,
  DurationIR: { amount: true, unit: true } satisfies Keys<DurationIR>,
  TransitionIR: { to: true, on: true, when: true, loc: true } satisfies Keys<TransitionIR>,
  SlaIR: { after: true, to: true, notify: true, loc: true } satisfies Keys<SlaIR>,
  WarnIR: { after: true, notify: true, loc: true } satisfies Keys<WarnIR>,
  StageMapIR: {
    system: true,
    object: true,
    value: true,
    probability: true,
    forecast: true,
    loc: true,
  } satisfies Keys<StageMapIR>,
  StageTargets: { conversionPercent: true, velocity: true } satisfies Keys<StageIR["targets"]>,
  StageIR: {
    name: true,
    kind: true,
    title: true,
    definition: true,
    owner: true,
    docs: true,
    labels: true,
    maps: true,
    outcome: true,
    transitions: true,
    sla: true,
    warn: true,
    targets: true,
    loc: true,
  } satisfies Keys<StageIR>,
};

// Exhaustive value lists of the IR's string unions, against the schema's enums.
const TS_ENUMS: { where: string; values: Record<string, true>; schemaValues: () => unknown[] }[] = [
  {
    where: "StageIR.kind",
    values: { stage: true, detour: true, terminal: true } satisfies Record<StageIR["kind"], true>,
    schemaValues: () => objects.get("StageIR")!.properties.kind.enum,
  },
  {
    where: "StageIR.outcome",
    values: { won: true, lost: true, none: true } satisfies Record<
      NonNullable<StageIR["outcome"]>,
      true
    >,
    schemaValues: () =>
      objects.get("StageIR")!.properties.outcome.enum.filter((v: unknown) => v !== null),
  },
  {
    where: "DurationIR.unit",
    values: {
      minute: true,
      hour: true,
      day: true,
      week: true,
      month: true,
      year: true,
    } satisfies Record<DurationUnitIR, true>,
    schemaValues: () => objects.get("DurationIR")!.properties.unit.enum,
  },
  {
    where: "CompareExpr.cmp",
    values: {
      "=": true,
      "!=": true,
      "<": true,
      "<=": true,
      ">": true,
      ">=": true,
    } satisfies Record<CompareOpIR, true>,
    schemaValues: () => objects.get("CompareExpr")!.properties.cmp.enum,
  },
  {
    where: "ExprIR.op",
    values: {
      and: true,
      or: true,
      not: true,
      compare: true,
      is_set: true,
      in: true,
      contains: true,
      truthy: true,
      const: true,
    } satisfies Record<ExprIR["op"], true>,
    schemaValues: () => defs.ExprIR.properties.op.enum,
  },
  {
    where: "ExprIR.oneOf ops",
    values: {
      and: true,
      or: true,
      not: true,
      compare: true,
      is_set: true,
      in: true,
      contains: true,
      truthy: true,
      const: true,
    } satisfies Record<ExprIR["op"], true>,
    schemaValues: () =>
      defs.ExprIR.oneOf.flatMap((b: SchemaNode) => b.properties.op.enum ?? [b.properties.op.const]),
  },
  {
    where: "TypeIR.kind",
    values: {
      number: true,
      text: true,
      boolean: true,
      date: true,
      datetime: true,
      enum: true,
    } satisfies Record<TypeIR["kind"], true>,
    schemaValues: () => defs.TypeIR.properties.kind.enum,
  },
  {
    where: "TypeIR.oneOf kinds",
    values: {
      number: true,
      text: true,
      boolean: true,
      date: true,
      datetime: true,
      enum: true,
    } satisfies Record<TypeIR["kind"], true>,
    schemaValues: () =>
      defs.TypeIR.oneOf.flatMap(
        (b: SchemaNode) => b.properties.kind.enum ?? [b.properties.kind.const],
      ),
  },
  {
    where: "LiteralOperand.type",
    values: {
      number: true,
      text: true,
      boolean: true,
      date: true,
      datetime: true,
    } satisfies Record<Extract<OperandIR, { value: unknown }>["type"], true>,
    schemaValues: () => objects.get("LiteralOperand")!.properties.type.enum,
  },
];

const clone = (ir: FunnelIR): any => structuredClone(ir);
const stageIndex = (ir: FunnelIR, name: string) => {
  const index = ir.stages.findIndex((s) => s.name === name);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
};
const fieldIndex = (ir: FunnelIR, name: string) => {
  const index = ir.fields.findIndex((f) => f.name === name);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
};

describe("IR schema", () => {
  it("declares draft 2020-12 and its published $id", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe("https://funnelc.dev/schema/funnel-ir.schema.json");
  });

  it("accepts the compiled example", () => {
    const result = validateIr(exampleIr);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("accepts the example after a JSON round trip (as `funnel build` writes it)", () => {
    expect(validateIr(JSON.parse(JSON.stringify(exampleIr)))).toEqual({ valid: true, errors: [] });
  });

  it("accepts an IR with imports, targets, defaults and every condition form", () => {
    expect(validateIr(extraIr)).toEqual({ valid: true, errors: [] });
    expect(extraIr.imports).toEqual(["shared.funnel"]);
  });

  describe("rejects a broken IR and names the bad place", () => {
    const reject = (
      mutate: (ir: any) => void,
      path: string,
      message?: RegExp,
      ir: FunnelIR = exampleIr,
    ) => {
      const broken = clone(ir);
      mutate(broken);
      const result = validateIr(broken);
      expect(result.valid).toBe(false);
      expect(
        result.errors.map((e) => e.path),
        JSON.stringify(result.errors, null, 2),
      ).toEqual([path]);
      if (message) expect(result.errors[0].message).toMatch(message);
    };
    const mql = stageIndex(exampleIr, "mql");
    const sql = stageIndex(exampleIr, "sql");
    const responded = stageIndex(exampleIr, "responded");
    const country = fieldIndex(exampleIr, "country");

    it("a missing required key", () =>
      reject((ir) => delete ir.stages[mql].loc, `/stages/${mql}/loc`, /required/));
    it("a missing key in a nested object", () =>
      reject(
        (ir) => delete ir.stages[mql].sla.after.unit,
        `/stages/${mql}/sla/after/unit`,
        /required/,
      ));
    it("an extra key", () =>
      reject(
        (ir) => (ir.stages[0].transitions[0].priority = 1),
        "/stages/0/transitions/0/priority",
        /unknown property/,
      ));
    it("an extra key at the top level", () =>
      reject((ir) => (ir.generatedAt = "now"), "/generatedAt", /unknown property/));
    it("a wrong stage kind", () =>
      reject(
        (ir) => (ir.stages[mql].kind = "phase"),
        `/stages/${mql}/kind`,
        /"stage", "detour", "terminal"/,
      ));
    it("a wrong type kind", () =>
      reject(
        (ir) => (ir.fields[country].type.kind = "set"),
        `/fields/${country}/type/kind`,
        /"enum"/,
      ));
    it("an enum type without values", () =>
      reject(
        (ir) => delete ir.fields[country].type.values,
        `/fields/${country}/type/values`,
        /required/,
      ));
    it("a bad op", () =>
      reject(
        (ir) => (ir.stages[sql].transitions[0].when.args[0].op = "xor"),
        `/stages/${sql}/transitions/0/when/args/0/op`,
        /"and", "or", "not"/,
      ));
    it("a bad comparison operator", () =>
      reject(
        (ir) => (ir.stages[responded].transitions[0].when.cmp = "=="),
        `/stages/${responded}/transitions/0/when/cmp`,
        /"!=", "<"/,
      ));
    it("a reference that is not a name", () =>
      reject((ir) => (ir.stages[mql].sla.to = "not a name"), `/stages/${mql}/sla/to`, /pattern/));
    it("a key missing inside a condition", () =>
      reject(
        (ir) => delete ir.stages[sql].transitions[0].when.args[3].negated,
        `/stages/${sql}/transitions/0/when/args/3/negated`,
        /required/,
      ));
    it("an operand of no known shape", () =>
      reject(
        (ir) => (ir.stages[sql].transitions[0].when.args[0].operand = {}),
        `/stages/${sql}/transitions/0/when/args/0/operand`,
        /FieldOperand/,
      ));
    it("a literal whose value does not fit its type", () =>
      reject(
        (ir) => (ir.stages[responded].transitions[0].when.right.value = "100"),
        `/stages/${responded}/transitions/0/when/right/value`,
        /number/,
      ));
    it("a condition that is not an object", () =>
      reject((ir) => (ir.fromAny[0].when = "unsubscribed"), "/fromAny/0/when", /object or null/));
    it("a default that does not fit the field's type", () =>
      reject(
        (ir) => (ir.fields[country].default = false),
        `/fields/${country}/default`,
        /string or null/,
      ));
    it("a datetime that is not normalised", () =>
      reject(
        (ir) => (ir.fields[fieldIndex(extraIr, "closed_at")].default = "2026-01-31T10:30:00+02:00"),
        `/fields/${fieldIndex(extraIr, "closed_at")}/default`,
        /pattern/,
        extraIr,
      ));
    it("a wrong IR version", () =>
      reject((ir) => (ir.irVersion = 1 as 2), "/irVersion", /must be 2/));
    it("a label key that is not a name", () =>
      reject(
        (ir) => (ir.stages[mql].labels["pt-BR"] = "x"),
        `/stages/${mql}/labels/pt-BR`,
        /pattern/,
      ));
    it("null where an object is required", () =>
      reject((ir) => (ir.funnel = null), "/funnel", /object/));
    it("something that is not an IR at all", () => {
      const result = validateIr([]);
      expect(result.valid).toBe(false);
      expect(result.errors).toEqual([{ path: "", message: "must be an object" }]);
    });
  });

  describe("agrees with the TypeScript types", () => {
    it("has a closed object schema for every IR object type, with the same keys", () => {
      expect([...objects.keys()].sort()).toEqual(Object.keys(TS_KEYS).sort());
      for (const [title, keys] of Object.entries(TS_KEYS))
        expect(propertyNames(title), title).toEqual(Object.keys(keys).sort());
    });

    it("has the keys of the real lowered IR objects of each kind", () => {
      const found = new Map<string, object[]>();
      for (const ir of [exampleIr, extraIr])
        for (const [title, list] of samples(ir))
          found.set(title, [...(found.get(title) ?? []), ...list]);
      for (const title of objects.keys()) {
        const list = found.get(title) ?? [];
        expect(list.length, `no ${title} in the compiled IRs`).toBeGreaterThan(0);
        for (const value of list)
          expect(Object.keys(value).sort(), `${title}: ${JSON.stringify(value)}`).toEqual(
            propertyNames(title),
          );
      }
    });

    it("finds most kinds in the example alone", () => {
      const inExample = samples(exampleIr);
      const missing = [...objects.keys()].filter((t) => !inExample.has(t)).sort();
      // The example writes no `not`, `or` or bare `true`; the extra funnel above covers those.
      expect(missing).toEqual(["ConstExpr", "NotExpr"]);
    });

    it("has the values of the IR's string unions", () => {
      for (const { where, values, schemaValues } of TS_ENUMS)
        expect([...schemaValues()].sort(), where).toEqual(Object.keys(values).sort());
    });

    it("requires every property and forbids others", () => {
      for (const [title, node] of objects) {
        expect([...node.required].sort(), title).toEqual(propertyNames(title));
        expect(node.additionalProperties, title).toBe(false);
      }
    });
  });

  it("describes every property and names every object schema", () => {
    const undocumented: string[] = [];
    for (const { pointer, node } of schemaNodes()) {
      if (
        node.properties &&
        typeof node.properties === "object" &&
        !pointer.endsWith("/properties")
      ) {
        for (const [name, property] of Object.entries(
          node.properties as Record<string, SchemaNode>,
        )) {
          if (typeof property.description !== "string" || property.description.length < 8)
            undocumented.push(`${pointer}/properties/${name}`);
        }
        if (typeof node.title !== "string") undocumented.push(`${pointer} (title)`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("keeps names to the language's name pattern", () => {
    expect(defs.Name.pattern).toBe("^[A-Za-z_][A-Za-z0-9_]*$");
    const broken = clone(exampleIr);
    broken.stages[0].name = "2fast";
    expect(validateIr(broken).errors).toEqual([
      { path: "/stages/0/name", message: expect.stringMatching(/pattern/) },
    ]);
  });
});

// compiler/ir/schema-walk.ts
describe("the quick schema walk that `funnel build` tries before ajv", () => {
  /**
   * Every IR with one value replaced or removed the way a lowering bug could, with what changed.
   * The IR is changed in place and restored after each one is yielded.
   */
  function* mutations(ir: FunnelIR): Generator<[string, unknown]> {
    const replacements: unknown[] = [null, "not a name", 1.5, -1, true, []];
    const working: any = clone(ir);
    function* visit(parent: any, key: string | number, path: string): Generator<[string, unknown]> {
      const original = parent[key];
      for (const replacement of replacements) {
        parent[key] = replacement;
        yield [`${path} = ${JSON.stringify(replacement)}`, working];
      }
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      yield [`${path} removed`, working];
      if (Array.isArray(parent)) parent.splice(key as number, 0, original);
      else parent[key] = original;
      if (original !== null && typeof original === "object") {
        original.extra = 1;
        yield [`${path}/extra = 1`, working];
        delete original.extra;
        // The first two items of a list stand for the others (which have the same schema).
        const children = Object.keys(original).slice(0, Array.isArray(original) ? 2 : undefined);
        for (const child of children)
          yield* visit(
            original,
            Array.isArray(original) ? Number(child) : child,
            `${path}/${child}`,
          );
      }
    }
    for (const key of Object.keys(working)) yield* visit(working, key, key);
  }

  it("knows every keyword of the IR schema and passes the compiled IRs", () => {
    expect(matchesSchema(exampleIr, schema)).toBe(true);
    expect(matchesSchema(extraIr, schema)).toBe(true);
    expect(matchesSchema([], schema)).toBe(false);
  });

  it("agrees with ajv on the values of the compiled IRs replaced or removed", () => {
    const disagreements: string[] = [];
    let rejected = 0;
    for (const ir of [exampleIr, extraIr]) {
      for (const [change, broken] of mutations(ir)) {
        const walk = matchesSchema(broken, schema);
        const valid = validateIr(broken).valid;
        if (!valid) rejected++;
        if (walk !== valid) disagreements.push(`${change}: walk ${walk}, ajv ${valid}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Most changes break the IR: the comparison is about invalid IR, not only valid IR.
    expect(rejected).toBeGreaterThan(500);
  });
});
