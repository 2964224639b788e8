// The `ts` target: one self-contained TypeScript module per funnel that runs it with the meaning of
// spec §6, result for result the same as the reference engine (runtime/engine.ts), with the
// engine's API. Conditions become straight-line code (a `switch` on the stage, `if` chains per
// rule); the module imports nothing. Every funnel string goes through `literal` or `name` (code.ts).
import { namesReadByScore, scoreOrder as computeScoreOrder } from "../../core/ir/reads.js";
import type {
  CompareOpIR,
  DurationIR,
  EventIR,
  ExprIR,
  FieldIR,
  FunnelIR,
  OperandIR,
  ScalarValue,
  SourceLocation,
  TransitionIR,
  TypeIR,
} from "../../core/ir/types.js";
import { code, join, literal, name, verbatim, type Code } from "./code.js";
import type { Emitter, OutputFile } from "./emitter.js";

export const typescriptEmitter: Emitter = {
  target: "ts",
  description:
    "a self-contained TypeScript module that runs the funnel (same API and results as the funnelc engine)",
  emit: emitTypeScript,
};

/**
 * Emits the TypeScript module of a funnel.
 * @param ir the compiled funnel
 * @param options `baseName` names the output file `<baseName>.ts`
 * @returns one file, formatted with prettier; the same IR always gives the same bytes
 */
export async function emitTypeScript(
  ir: FunnelIR,
  options: { baseName: string },
): Promise<OutputFile[]> {
  const source = generateTypeScript(ir).text;
  // Loaded on use: prettier costs ~150 ms, which `funnel check` and the other targets never pay.
  const [prettier, estreePlugin, typescriptPlugin] = await Promise.all([
    import("prettier/standalone"),
    import("prettier/plugins/estree"),
    import("prettier/plugins/typescript"),
  ]);
  // A .ts file path tells prettier the source is not JSX: without it, prettier guesses with a
  // regular expression that is quadratic in the file's size (13 s of 21 s for 5,000 stages).
  const contents = await prettier.format(source, {
    parser: "typescript",
    filepath: "funnel.ts",
    plugins: [estreePlugin.default ?? estreePlugin, typescriptPlugin.default ?? typescriptPlugin],
    printWidth: 100,
  });
  return [{ path: `${options.baseName}.ts`, contents }];
}

// ---------------------------------------------------------------------------------------------
// How record values are held in the generated module (as in core/values.ts): numbers, booleans
// and text as themselves, dates as `YYYY-MM-DD` text, datetimes as epoch milliseconds, `undefined`
// for unset. Input values are coerced on the way in, so a stored value is never `null` or "".

type Storage = "number" | "string" | "boolean";

function storageOf(type: TypeIR): Storage {
  switch (type.kind) {
    case "number":
    case "datetime":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "string";
  }
}

/** The public TypeScript type of a value of `type` (as `state()` shows it and events carry it). */
function publicType(type: TypeIR): Code {
  switch (type.kind) {
    case "number":
      return code`number`;
    case "boolean":
      return code`boolean`;
    case "enum":
      return join(
        type.values.map((v) => literal(v)),
        " | ",
      );
    default:
      return code`string`;
  }
}

/** Same text as core/values.ts `describeTypeIR` (it is part of `wrong_type` messages). */
function describeType(type: TypeIR): string {
  if (type.kind === "enum") return `one of ${type.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (type.kind === "datetime") return "a datetime like 2026-01-31T09:30:00Z";
  if (type.kind === "date") return "a date like 2026-01-31";
  return type.kind === "number" ? "a number" : type.kind === "boolean" ? "true or false" : "text";
}

/** The generated helper that reads an input value of each scalar type (core/values.ts `coerceJson`). */
const COERCE = {
  number: "asNumber",
  boolean: "asBoolean",
  text: "asText",
  date: "asDate",
  datetime: "asDateTime",
} as const;

const EXACT_MS: Partial<Record<DurationIR["unit"], number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** Adds a duration to the instant `from` (code), exactly as core/time.ts `addDuration`. */
function addDuration(module: ModuleBuilder, from: Code, duration: DurationIR): Code {
  const exact = EXACT_MS[duration.unit];
  if (exact !== undefined) return code`${from} + ${duration.amount * exact}`;
  module.helpers.add("addMonths");
  return code`addMonths(${from}, ${duration.amount * (duration.unit === "year" ? 12 : 1)})`;
}

// ---------------------------------------------------------------------------------------------
// Conditions → TypeScript expressions over the record `r` and the event's data slots `d`.

/** An operand as the generated code reads it. */
type Operand =
  /**
   * A record field, score or event field (`r.f_x`, `r.s_x`, `d.e1_x`): `code` reads it with its
   * declared type (`Text` is `string | undefined` …), `value` once it is known to be set. Every
   * read is a type assertion, so TypeScript does not carry narrowing from one test into the next
   * (`x in ["a"] and x = "b"` is a legal, if impossible, condition, not a type error).
   */
  | {
      kind: "slot";
      code: Code;
      value: Code;
      storage: Storage;
      datetime: boolean;
      canBeUnset: boolean;
    }
  /** A literal: its code (a datetime is a constant parsed once at load) and its IR value. */
  | {
      kind: "literal";
      code: Code;
      value: ScalarValue;
      type: "number" | "text" | "boolean" | "date" | "datetime";
    }
  /** An event field that can never hold a value (`event.x` on the built-in `update`). */
  | { kind: "unset" };

/** Everything the code for one funnel shares while it is generated. */
interface ModuleBuilder {
  readonly ir: FunnelIR;
  /** The helpers (HELPERS) the module uses; each is declared once, with what it uses. */
  readonly helpers: Set<HelperName>;
  readonly fieldByName: ReadonlyMap<string, FieldIR>;
  readonly scoreNames: ReadonlySet<string>;
  /** Event number: 0 is the built-in `update`; declared events count from 1 (a declared `update` is 0). */
  readonly eventNumber: ReadonlyMap<string, number>;
  /** A module-level constant (`const LIT_0 = …`) with this initialiser, made once. */
  constant(init: Code): Code;
  constantDeclarations(): Code;
  /** The declared event called `name` with its data slots' number (none for the built-in `update`). */
  dataEvent(eventName: string): { event: EventIR; number: number } | undefined;
  eventNumberOf(eventName: string): number;
}

function createModuleBuilder(ir: FunnelIR): ModuleBuilder {
  const constants = new Map<string, { id: Code; init: Code }>();
  const eventNumber = new Map([["update", 0]]);
  ir.events.forEach((e, i) => {
    if (e.name !== "update") eventNumber.set(e.name, i + 1);
  });
  const eventNumberOf = (eventName: string) => {
    const n = eventNumber.get(eventName);
    if (n === undefined)
      throw new Error(
        `funnelc: rule names undeclared event ${JSON.stringify(eventName)} (the IR is invalid)`,
      );
    return n;
  };
  return {
    ir,
    helpers: new Set<HelperName>(["parseInstant"]),
    fieldByName: new Map(ir.fields.map((field) => [field.name, field])),
    scoreNames: new Set(ir.scores.map((s) => s.name)),
    eventNumber,
    constant(init) {
      let entry = constants.get(init.text);
      if (!entry) {
        entry = { id: code`LIT_${constants.size}`, init };
        constants.set(init.text, entry);
      }
      return entry.id;
    },
    constantDeclarations: () =>
      join(
        [...constants.values()].map((c) => code`const ${c.id} = ${c.init};`),
        "\n",
      ),
    dataEvent(eventName) {
      if (eventName === "update") return undefined;
      const event = ir.events.find((e) => e.name === eventName);
      return event ? { event, number: eventNumberOf(eventName) } : undefined;
    },
    eventNumberOf,
  };
}

/** Where a condition is judged: which event's data `event.x` reads (null: none). */
interface ConditionScope {
  module: ModuleBuilder;
  on: string | null;
  /** Set when the condition reads `d` (so the generated function keeps its `d` parameter). */
  usesData: { value: boolean };
}

function slot(
  module: ModuleBuilder,
  reference: Code,
  storage: Storage,
  datetime: boolean,
  canBeUnset: boolean,
): Operand {
  const type =
    storage === "number" ? code`number` : storage === "boolean" ? code`boolean` : code`string`;
  const value = code`(${reference} as ${type})`;
  if (!canBeUnset) return { kind: "slot", code: value, value, storage, datetime, canBeUnset };
  const alias = storage === "number" ? "Num" : storage === "boolean" ? "Bool" : "Text";
  module.helpers.add(alias);
  return {
    kind: "slot",
    code: code`(${reference} as ${name(alias)})`,
    value,
    storage,
    datetime,
    canBeUnset,
  };
}

function fieldSlot(scope: ConditionScope, fieldName: string): Operand {
  const field = scope.module.fieldByName.get(fieldName);
  if (field)
    return slot(
      scope.module,
      code`r.${name(fieldName, "f_")}`,
      storageOf(field.type),
      field.type.kind === "datetime",
      true,
    );
  if (scope.module.scoreNames.has(fieldName))
    return slot(scope.module, code`r.${name(fieldName, "s_")}`, "number", false, false);
  throw new Error(
    `funnelc: condition reads undeclared field ${JSON.stringify(fieldName)} (the IR is invalid)`,
  );
}

function operandOf(scope: ConditionScope, operand: OperandIR): Operand {
  if ("field" in operand) return fieldSlot(scope, operand.field);
  if ("event" in operand) {
    // The engine reads event data only for the rule's own `on` event; the built-in `update`
    // accepts no data, so there `event.x` is always unset.
    const on = scope.on === null ? undefined : scope.module.dataEvent(scope.on);
    const field = on?.event.fields.find((f) => f.name === operand.event);
    if (!on || !field) return { kind: "unset" };
    scope.usesData.value = true;
    return slot(
      scope.module,
      code`d.${name(field.name, `e${on.number}_`)}`,
      storageOf(field.type),
      field.type.kind === "datetime",
      true,
    );
  }
  return {
    kind: "literal",
    code: literalCode(scope.module, operand.value, operand.type),
    value: operand.value,
    type: operand.type,
  };
}

/** A literal's runtime value: datetimes become epoch ms (parsed once, by the module's own parser). */
function literalCode(module: ModuleBuilder, value: ScalarValue, type: string): Code {
  if (type === "datetime") return module.constant(code`parseInstant(${literal(String(value))})`);
  return literal(value);
}

/** `null` when the operand is always set, else the test that it is set. */
function setTest(operand: Operand): Code | null {
  return operand.kind === "slot" && operand.canBeUnset ? code`${operand.code} !== undefined` : null;
}

/** Whether a literal counts as unset (spec §6: "" is unset). */
function literalIsUnset(operand: Operand): boolean {
  return operand.kind === "literal" && operand.value === "";
}

/** The conjunction of the tests present, parenthesised (every condition is a self-contained operand). */
function all(parts: (Code | null)[]): Code {
  const present = parts.filter((p): p is Code => p !== null);
  return present.length === 0 ? code`true` : code`(${join(present, " && ")})`;
}

/**
 * Compiles a condition to an expression with exactly the engine's meaning (runtime/conditions.ts):
 * a test on an unset value is false, `not` negates the result, `contains` ignores case, a bare
 * boolean means `= true`.
 */
function conditionCode(expr: ExprIR, scope: ConditionScope): Code {
  switch (expr.op) {
    case "and":
    case "or":
      return code`(${join(
        expr.args.map((a) => conditionCode(a, scope)),
        expr.op === "and" ? " && " : " || ",
      )})`;
    case "not":
      return code`!(${conditionCode(expr.arg, scope)})`;
    case "const":
      return literal(expr.value);
    case "truthy": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "literal") return literal(operand.value === true);
      if (operand.kind === "unset" || operand.storage !== "boolean") return code`false`;
      return code`(${operand.code} === true)`;
    }
    case "is_set": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "unset") return literal(expr.negated);
      if (operand.kind === "literal") return literal(literalIsUnset(operand) === expr.negated);
      if (!operand.canBeUnset) return literal(!expr.negated);
      return code`(${operand.code} ${expr.negated ? code`===` : code`!==`} undefined)`;
    }
    case "compare": {
      const left = operandOf(scope, expr.left);
      const right = operandOf(scope, expr.right);
      if (
        left.kind === "unset" ||
        right.kind === "unset" ||
        literalIsUnset(left) ||
        literalIsUnset(right)
      )
        return code`false`;
      if (left.kind === "literal" && right.kind === "literal") {
        scope.module.helpers.add("compareValues");
        return code`compareValues(${literal(expr.cmp)}, ${left.code}, ${right.code})`;
      }
      // `x = "a"` needs no test that x is set: an unset value equals no literal (and none is "").
      if (expr.cmp === "=" && left.kind === "slot" && right.kind === "literal")
        return code`(${left.code} === ${right.code})`;
      const value = (operand: Operand) =>
        operand.kind === "slot" ? operand.value : (operand as { code: Code }).code;
      return all([
        setTest(left),
        setTest(right),
        code`${value(left)} ${operatorCode(expr.cmp)} ${value(right)}`,
      ]);
    }
    case "in": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "unset") return code`false`;
      if (operand.kind === "literal") {
        scope.module.helpers.add("inValues");
        return code`inValues(${operand.code}, [${join(
          expr.values.map((v) => literal(v)),
          ", ",
        )}], ${literal(expr.negated)})`;
      }
      // As the engine: a datetime field's list is compared as instants, anything else as written.
      const values = expr.values.map((v) =>
        operand.datetime
          ? scope.module.constant(code`parseInstant(${literal(String(v))})`)
          : literal(v),
      );
      const member = values.length
        ? join(
            values.map((v) => code`${operand.code} === ${v}`),
            " || ",
          )
        : code`false`;
      // Unset is in no list; `not in` is false on unset too (a test like `!=`, docs/language-notes.md).
      return expr.negated ? all([setTest(operand), code`!(${member})`]) : code`(${member})`;
    }
    case "contains": {
      const operand = operandOf(scope, expr.operand);
      if (operand.kind === "unset") return code`false`;
      const needle = scope.module.constant(code`${literal(expr.value)}.toLowerCase()`);
      if (operand.kind === "literal") {
        scope.module.helpers.add("containsText");
        return code`containsText(${operand.code}, ${needle})`;
      }
      if (operand.storage !== "string") return code`false`;
      // A stored value is never "" (input "" means unset), so a set value is non-empty text.
      return all([setTest(operand), code`${operand.value}.toLowerCase().includes(${needle})`]);
    }
  }
}

/** The JavaScript operator of a comparison (`=` is `===`: values are never coerced). */
function operatorCode(cmp: CompareOpIR): Code {
  switch (cmp) {
    case "=":
      return code`===`;
    case "!=":
      return code`!==`;
    case "<":
      return code`<`;
    case "<=":
      return code`<=`;
    case ">":
      return code`>`;
    case ">=":
      return code`>=`;
  }
}

// ---------------------------------------------------------------------------------------------
// The module.

/** A transition with its global rule number (its index in RULE_TO / RULE_LOCS). */
interface NumberedRule {
  id: number;
  rule: TransitionIR;
}

function locCode(loc: SourceLocation): Code {
  return code`{ file: ${literal(loc.file)}, line: ${loc.line}, column: ${loc.column}, endLine: ${loc.endLine}, endColumn: ${loc.endColumn} }`;
}

function stringList(values: readonly string[]): Code {
  return code`[${join(
    values.map((v) => literal(v)),
    ", ",
  )}]`;
}

/** An object literal with funnel names as keys: computed keys, so `__proto__` is an own property. */
function nameKeyed(entries: [string, Code][]): Code {
  if (!entries.length) return code`{}`;
  return code`{ ${join(
    entries.map(([key, value]) => code`[${literal(key)}]: ${value}`),
    ", ",
  )} }`;
}

/**
 * Generates the module's source (unformatted).
 * @param ir the compiled funnel
 * @returns TypeScript source text as `Code`
 */
export function generateTypeScript(ir: FunnelIR): Code {
  const module = createModuleBuilder(ir);
  const stageIndex = new Map(ir.stages.map((s, i) => [s.name, i]));
  const indexOfStage = (stageName: string) => {
    const i = stageIndex.get(stageName);
    if (i === undefined)
      throw new Error(`funnelc: unknown stage ${JSON.stringify(stageName)} (the IR is invalid)`);
    return i;
  };
  const fieldSlot = (f: FieldIR) => name(f.name, "f_");
  const scoreSlot = (scoreName: string) => name(scoreName, "s_");
  const pointsSlot = (scoreName: string) => name(scoreName, "p_");
  const dataEvents = ir.events.filter((e) => e.name !== "update");
  // Which fields an event's \`set\` holds: bit (i % 31) of word SET[i / 31] for field i.
  const setWords = Math.max(1, Math.ceil(ir.fields.length / 31));
  const setBit = (i: number) => ({ word: Math.floor(i / 31), bit: 2 ** (i % 31) });

  // Rules: the `from any` ones first, then each stage's own, numbered in that order.
  const rules: TransitionIR[] = [];
  const numbered = (rule: TransitionIR): NumberedRule => ({ id: rules.push(rule) - 1, rule });
  const fromAny = ir.fromAny.map(numbered);
  const stageRules = ir.stages.map((stage) =>
    stage.kind === "terminal" ? [] : stage.transitions.map(numbered),
  );

  let firstRuleUsesData = false;
  let firstRuleUsesEvent = false;
  const ruleTest = (rule: TransitionIR): Code => {
    const usesData = { value: false };
    const when = rule.when ? conditionCode(rule.when, { module, on: rule.on, usesData }) : null;
    firstRuleUsesData ||= usesData.value;
    if (rule.on !== null) firstRuleUsesEvent = true;
    return all([rule.on !== null ? code`ev === ${module.eventNumberOf(rule.on)}` : null, when]);
  };
  const stageCases = ir.stages.flatMap((stage, i) => {
    if (stage.kind === "terminal") return [];
    const candidates = [...fromAny.filter((r) => r.rule.to !== stage.name), ...stageRules[i]];
    if (!candidates.length) return [];
    return code`
      case ${i}: // ${name(stage.name)}
        ${candidates.map((r) => code`if (${ruleTest(r.rule)}) return ${r.id};`)}
        return -1;
    `;
  });

  // Scores: `when`-only rules are summed on every change, `on` rules earn points when their event happens.
  const scoreOrder = computeScoreOrder(ir);
  // Each record keeps, per score, which `when`-only rules held (`m_`, a bit mask): a score is
  // re-judged only when a field or score its rules read changed, and re-added in the same order
  // (the same sum) when only its points changed, as the engine does (runtime/engine.ts).
  const MASK_BITS = 30;
  const fieldNumber = new Map(ir.fields.map((f, i) => [f.name, i]));
  const scoreNumber = new Map(ir.scores.map((sc, i) => [sc.name, i]));
  const maskSlot = (scoreName: string) => name(scoreName, "m_");
  /** Whether any score keeps a mask (and so reads EARNED). */
  const usesEarned = ir.scores.some(
    (sc) => sc.rules.filter((rule) => rule.on === null).length <= MASK_BITS,
  );
  /** The scores other scores' \`when\` rules read. */
  const readByOthers = new Set(
    ir.scores.flatMap((score) =>
      namesReadByScore(score, "when-only").flatMap((n) =>
        scoreNumber.has(n) ? [scoreNumber.get(n)!] : [],
      ),
    ),
  );
  const computeScores = scoreOrder.map((i) => {
    const score = ir.scores[i];
    const whenOnly = score.rules.filter((rule) => rule.on === null);
    const reads = namesReadByScore(score, "when-only");
    const readFields = reads.flatMap((n) => (fieldNumber.has(n) ? [fieldNumber.get(n)!] : []));
    const readScores = reads.flatMap((n) => (scoreNumber.has(n) ? [scoreNumber.get(n)!] : []));
    const words = new Map<number, number>();
    for (const f of readFields)
      words.set(setBit(f).word, (words.get(setBit(f).word) ?? 0) + setBit(f).bit);
    const masked = whenOnly.length <= MASK_BITS;
    const judged = whenOnly.map((rule, k) => {
      const test = rule.when
        ? conditionCode(rule.when, { module, on: null, usesData: { value: false } })
        : null;
      const add = masked ? code`t += ${rule.points}; m |= ${2 ** k};` : code`t += ${rule.points};`;
      return test ? code`if (${test}) { ${add} }` : add;
    });
    const dirty = masked
      ? join(
          [
            code`all`,
            ...[...words].map(([word, bits]) => code`(fromSet && (SET[${word}]! & ${bits}) !== 0)`),
            ...[...readScores].map((j) => code`changed${j}`),
          ],
          " || ",
        )
      : code`true`;
    const judge = code`
      t = r.${pointsSlot(score.name)};
      ${masked ? code`m = 0;` : code``}
      ${judged}
      ${masked ? code`r.${maskSlot(score.name)} = m;` : code``}
    `;
    const record = readByOthers.has(i)
      ? code`const changed${i} = t !== r.${scoreSlot(score.name)};`
      : code``;
    if (!masked) {
      return code`
        // ${name(score.name)}
        ${judge}
        ${record}
        r.${scoreSlot(score.name)} = t;
      `;
    }
    return code`
      // ${name(score.name)}
      if (${dirty}) {
        ${judge}
      } else if (!fromSet && EARNED[${i}] === 1) {
        t = r.${pointsSlot(score.name)};
        m = r.${maskSlot(score.name)};
        ${whenOnly.map((rule, k) => code`if (m & ${2 ** k}) t += ${rule.points};`)}
      } else t = r.${scoreSlot(score.name)};
      ${record}
      r.${scoreSlot(score.name)} = t;
    `;
  });
  let earnUsesData = false;
  const earnCases = [...module.eventNumber.entries()]
    .filter(
      ([eventName, n]) => n !== 0 && ir.scores.some((s) => s.rules.some((r) => r.on === eventName)),
    )
    .map(([eventName, n]) => {
      const earned = ir.scores.flatMap((score) =>
        score.rules
          .filter((rule) => rule.on === eventName)
          .map((rule) => {
            const usesData = { value: false };
            const test = rule.when
              ? conditionCode(rule.when, { module, on: rule.on, usesData })
              : null;
            earnUsesData ||= usesData.value;
            const body = usesEarned
              ? code`r.${pointsSlot(score.name)} += ${rule.points}; EARNED[${ir.scores.indexOf(score)}] = 1;`
              : code`r.${pointsSlot(score.name)} += ${rule.points};`;
            return test
              ? code`if (${test}) { ${body} earned = true; }`
              : code`${body} earned = true;`;
          }),
      );
      return code`
        case ${n}: // ${name(eventName)}
          ${earned}
          return earned;
      `;
    });

  // SLAs and warnings per stage (spec §6 step 1), each at its own due time.
  const breaches = ir.stages.some((stage) => stage.kind !== "terminal" && stage.sla);
  const slaCases = ir.stages.flatMap((stage, i) => {
    if (stage.kind === "terminal" || (!stage.sla && !stage.warn)) return [];
    const warn = stage.warn
      ? code`
          if (!r.warned) {
            const due = ${addDuration(module, code`r.entered`, stage.warn.after)};
            if (due <= until && due < deadline) {
              out.push({ type: "sla_warning", record: id, stage: ${literal(stage.name)}, at: formatInstant(due), notify: ${stringList(stage.warn.notify)}, rule: ${locCode(stage.warn.loc)} });
              r.warned = true;
            }
          }
        `
      : code``;
    if (!stage.sla) {
      return code`
        case ${i}: { // ${name(stage.name)}
          const deadline = Infinity;
          ${warn}
          return;
        }
      `;
    }
    const to = indexOfStage(stage.sla.to);
    return code`
      case ${i}: { // ${name(stage.name)}
        const deadline = ${addDuration(module, code`r.entered`, stage.sla.after)};
        ${warn}
        if (deadline > until) return;
        const rule: SourceLocation = ${locCode(stage.sla.loc)};
        out.push({ type: "sla_breached", record: id, stage: ${literal(stage.name)}, at: formatInstant(deadline), to: ${literal(stage.sla.to)}, notify: ${stringList(stage.sla.notify)}, rule });
        enter(id, r, ${to}, deadline, { kind: "sla", rule: { ...rule } }, out, paths);
        // The stage the SLA moved the record out of counts as entered (spec §6).
        const gen = ++cascadeGen;
        ENTERED[${i}] = gen;
        ENTERED[${to}] = gen;
        cascade(id, r, deadline, -1, null, null, NO_DATA, gen, out, paths);
        continue;
      }
    `;
  });

  // Reading `data` and `set`: unknown keys and wrong types reject the event whole.
  const coerce = (type: TypeIR, raw: Code): Code => {
    if (type.kind === "enum") {
      module.helpers.add("asEnum");
      return code`asEnum(${raw}, ${module.constant(code`${stringList(type.values)} as readonly string[]`)})`;
    }
    const helper = COERCE[type.kind];
    module.helpers.add(helper);
    return code`${name(helper)}(${raw})`;
  };
  const readCase = (field: FieldIR, slot: Code, mark: Code | null) => {
    module.helpers.add("wrongType");
    return code`
      case ${literal(field.name)}: {
        const v = ${coerce(field.type, code`values[key]`)};
        if (v === BAD) return wrongType(key, ${literal(describeType(field.type))}, values[key]);
        ${slot} = v;
        ${mark ?? code``}
        continue;
      }
    `;
  };
  const dataCases = dataEvents.map((event) => {
    const n = module.eventNumberOf(event.name);
    const cases = event.fields.map((f) => readCase(f, code`d.${name(f.name, `e${n}_`)}`, null));
    // The slots hold the last event of this type: emptied first.
    return code`
      case ${n}: // ${name(event.name)}
        ${event.fields.map((f) => code`d.${name(f.name, `e${n}_`)} = undefined;`)}
        for (const key in values) {
          ${cases.length ? code`switch (key) { ${cases} }` : code``}
          return unknownField(${literal(`event \`${event.name}\``)}, key, ${module.constant(code`${stringList(event.fields.map((f) => f.name))} as readonly string[]`)});
        }
        return undefined;
    `;
  });

  // Defaults: coerced like input (an IR default always fits its type; one that did not would start unset).
  const defaultOf = (field: FieldIR): Code => {
    if (field.default === null) return code`undefined`;
    module.helpers.add("orUnset");
    return module.constant(code`orUnset(${coerce(field.type, literal(field.default))})`);
  };

  const stageNames = ir.stages.map((s) => s.name);
  const fieldsView = nameKeyed(
    ir.fields.map((f) => [
      f.name,
      f.type.kind === "datetime"
        ? code`r.${fieldSlot(f)} === undefined ? null : formatInstant(r.${fieldSlot(f)})`
        : code`r.${fieldSlot(f)} ?? null`,
    ]),
  );
  const scoresView = nameKeyed(ir.scores.map((s) => [s.name, code`r.${scoreSlot(s.name)}`]));
  const snapshotValues = ir.fields.map((f) =>
    f.type.kind === "datetime"
      ? code`r.${fieldSlot(f)} === undefined ? null : formatInstant(r.${fieldSlot(f)})`
      : code`r.${fieldSlot(f)} ?? null`,
  );
  if (ir.fields.length) module.helpers.add("orUnset");
  const setCases = ir.fields.map((f, i) =>
    readCase(
      f,
      code`c.${fieldSlot(f)}`,
      code`SET[${setBit(i).word}] = SET[${setBit(i).word}]! | ${setBit(i).bit};`,
    ),
  );
  const applySet = ir.fields.map(
    (f, i) =>
      code`if (SET[${setBit(i).word}]! & ${setBit(i).bit}) r.${fieldSlot(f)} = c.${fieldSlot(f)};`,
  );
  const restoredValues = ir.fields.map(
    (f, i) => code`${fieldSlot(f)}: orUnset(${coerce(f.type, code`saved.values[${i}]`)}),`,
  );
  const restoredScores = ir.scores.map(
    (s, i) =>
      code`${pointsSlot(s.name)}: saved.points[${i}]!, ${scoreSlot(s.name)}: 0, ${maskSlot(s.name)}: 0,`,
  );
  const newFields = ir.fields.map((f) => code`${fieldSlot(f)}: ${defaultOf(f)},`);
  const newScores = ir.scores.map(
    (s) => code`${pointsSlot(s.name)}: 0, ${scoreSlot(s.name)}: 0, ${maskSlot(s.name)}: 0,`,
  );
  const declaredList = ["update", ...ir.events.map((e) => e.name)].join(", ");
  // Every rejection message may suggest a name ("did you mean"), as the engine's do.
  module.helpers.add("suggest");
  const initial = indexOfStage(ir.initialStage);
  const hasEarn = earnCases.length > 0;
  const hasScores = ir.scores.length > 0;

  // Everything that needs a helper or a constant is generated above; from here on it is text.
  const helperCount = module.helpers.size;
  const helperCode = helperDeclarations(module.helpers);
  const constantCode = module.constantDeclarations();

  const body = code`
    // ------------------------------------------------------------------------ this funnel's types

    /** This funnel's name (snapshots carry it). */
    export const FUNNEL_NAME = ${literal(ir.funnel.name)};

    /** The stages of this funnel. */
    export type Stage = ${
      stageNames.length
        ? join(
            stageNames.map((s) => literal(s)),
            " | ",
          )
        : code`never`
    };

    /** Record fields as \`state()\` shows them and \`set\` changes them; null is unset. */
    export interface Fields {
      ${ir.fields.map((f) => code`${literal(f.name)}: ${publicType(f.type)} | null;`)}
    }

    /** Score values. */
    export interface Scores {
      ${ir.scores.map((s) => code`${literal(s.name)}: number;`)}
    }

    /** The \`data\` of each event type (dates as YYYY-MM-DD, datetimes as ISO text with a zone). */
    export interface EventData {
      ${literal("update")}: Record<string, never>;
      ${dataEvents.map(
        (e) =>
          code`${literal(e.name)}: { ${join(
            e.fields.map((f) => code`${literal(f.name)}?: ${publicType(f.type)} | null;`),
            " ",
          )} };`,
      )}
    }

    export type EventType = keyof EventData;

    /** An input event (spec §6); anything else given to \`apply\` is rejected with a reason. */
    export type FunnelEvent = {
      [K in EventType]: { id?: string; record: string; at: string; type: K; data?: EventData[K]; set?: Partial<Fields> };
    }[EventType];

    /** Facts about each stage, as written in the funnel. */
    export const STAGES: readonly StageInfo[] = [
      ${ir.stages.map(
        (s) => code`{
          name: ${literal(s.name)},
          kind: ${literal(s.kind)},
          title: ${literal(s.title)},
          definition: ${literal(s.definition)},
          owner: ${literal(s.owner)},
          outcome: ${literal(s.outcome)},
          labels: ${nameKeyed(Object.entries(s.labels).map(([k, v]) => [k, literal(v)]))},
          maps: ${nameKeyed(Object.entries(s.maps).map(([k, v]) => [k, literal(v)]))},
        },`,
      )}
    ];

    /** Where every record starts. */
    export const INITIAL_STAGE: Stage = ${literal(ir.initialStage)};

    /** The success path (spec §7). */
    export const SUCCESS_PATH: readonly Stage[] = ${stringList(ir.successPath)};

    ${apiTypes()}

    // ------------------------------------------------------------------------ internals

    type Rejection = [RejectReason, string];

    ${helperCode}

    const STAGE_NAMES: readonly Stage[] = ${stringList(stageNames)};
    const SCORE_NAMES: readonly string[] = ${stringList(ir.scores.map((s) => s.name))};
    /** Target stage of each rule (\`from any\` rules first, then each stage's own). */
    const RULE_TO: readonly number[] = [${join(
      rules.map((rule) => code`${indexOfStage(rule.to)}`),
      ", ",
    )}];
    /** Where each rule is written: the cause of every move it makes. */
    const RULE_LOCS: readonly SourceLocation[] = [
      ${rules.map((rule) => code`${locCode(rule.loc)},`)}
    ];

    /** Record fields, scores (\`s_\`) and points earned by \`on\` rules (\`p_\`). */
    interface FieldSlots {
      ${ir.fields.map((f) => code`${fieldSlot(f)}: ${storageOf(f.type) === "number" ? code`number` : storageOf(f.type) === "boolean" ? code`boolean` : code`string`} | undefined;`)}
    }
    interface RecordState extends FieldSlots {
      stage: number;
      entered: number;
      last: number;
      warned: boolean;
      /** The number of the last entry of its path in the runner's PathLog (-1: none). */
      path: number;
      /** The ids of the events applied at \`last\` (a replay of them is a duplicate; docs/runtime.md). */
      ids: string[] | undefined;
      ${ir.scores.map((s) => code`${pointsSlot(s.name)}: number; ${scoreSlot(s.name)}: number; ${maskSlot(s.name)}: number;`)}
    }
    /** The data of the event being processed, per event (\`e<event number>_<field>\`). */
    interface DataSlots {
      ${dataEvents.map((e) => e.fields.map((f) => code`${name(f.name, `e${module.eventNumberOf(e.name)}_`)}?: ${storageOf(f.type) === "number" ? code`number` : storageOf(f.type) === "boolean" ? code`boolean` : code`string`} | undefined;`))}
    }
    ${slaCases.some((c) => c.text.includes("NO_DATA")) ? code`const NO_DATA: DataSlots = {};` : code``}
    /** The data of the event being applied (one object for all events: no allocation per event). */
    const D: DataSlots = { ${join(
      dataEvents.flatMap((e) =>
        e.fields.map((f) => code`${name(f.name, `e${module.eventNumberOf(e.name)}_`)}: undefined`),
      ),
      ", ",
    )} };
    /** The checked \`set\` of the event being applied; SET says which fields it holds (field i: bit i % 31 of word i / 31). */
    const C: FieldSlots = { ${join(
      ir.fields.map((f) => code`${fieldSlot(f)}: undefined`),
      ", ",
    )} };
    const SET = new Int32Array(${setWords});
    /** ENTERED[stage] === the running cascade's number: the stage was entered in it (spec §6 step 4). */
    const ENTERED = new Float64Array(${Math.max(1, ir.stages.length)});
    let cascadeGen = 0;
    ${
      usesEarned
        ? code`
          /** EARNED[score] === 1: the event's \`on\` rules added points to it. */
          const EARNED = new Uint8Array(${ir.scores.length});
        `
        : code``
    }
    /** The result of the many events that change nothing visible: one shared, frozen object. */
    const APPLIED_NOTHING: ApplyResult = Object.freeze({ status: "applied", outcomes: Object.freeze([]) as unknown as Outcome[] });
    const SCRATCH: Outcome[] = [];

    ${constantCode}

    function eventNumber(type: string): number {
      switch (type) {
        ${[...module.eventNumber.entries()].map(([eventName, n]) => code`case ${literal(eventName)}: return ${n};`)}
        default: return -1;
      }
    }

    function stageNumber(stage: string): number {
      switch (stage) {
        ${stageNames.map((s, i) => code`case ${literal(s)}: return ${i};`)}
        default: return -1;
      }
    }

    /** The record's field names and the event types, for "did you mean". */
    const FIELD_NAMES: readonly string[] = ${stringList(ir.fields.map((f) => f.name))};
    const EVENT_TYPES: readonly string[] = ${stringList(["update", ...ir.events.map((e) => e.name)])};
    const EVENT_KEYS: readonly string[] = ["id", "record", "at", "type", "data", "set"];

    /** \`set\` or \`data\` names no declared field (\`candidates\`): say what is close. */
    function unknownField(what: string, key: string, candidates: readonly string[]): Rejection {
      const score = SCORE_NAMES.includes(key);
      const suggestion = score ? undefined : suggest(key, candidates);
      const hint = score ? "; \`" + key + "\` is a score, computed by the funnel" : suggestion !== undefined ? "; did you mean \`" + suggestion + "\`?" : "";
      return ["unknown_field", what + " has no field \`" + key + "\`" + hint];
    }

    /** The first key of an event that spec §6 does not name (id, record, at, type, data, set). */
    function unknownKey(event: object): Rejection | undefined {
      for (const key in event) {
        switch (key) {
          case "id":
          case "record":
          case "at":
          case "type":
          case "data":
          case "set":
            continue;
        }
        const suggestion = suggest(key, EVENT_KEYS);
        return ["invalid_event", "unknown key \`" + key + "\`; " + (suggestion !== undefined ? "did you mean \`" + suggestion + "\`?" : "an event has only id, record, at, type, data and set")];
      }
      return undefined;
    }

    /** An event whose \`type\` names no declared event. */
    function unknownType(type: unknown): Rejection {
      const declared = "declared: " + ${literal(declaredList)};
      if (isUnset(type)) return ["unknown_event", "the event has no \`type\`; " + declared];
      if (typeof type !== "string") return ["unknown_event", "\`type\` must be the name of an event type, not " + JSON.stringify(type) + "; " + declared];
      const suggestion = suggest(type, EVENT_TYPES);
      return ["unknown_event", "unknown event type " + JSON.stringify(type) + "; " + (suggestion !== undefined ? "did you mean \`" + suggestion + "\`? " : "") + declared];
    }

    /** Reads an event's \`data\` into \`d\`; a rejection when a key is unknown or a value has the wrong type. */
    function readData(ev: number, values: Record<string, unknown>, ${dataEvents.some((e) => e.fields.length) ? code`d` : code`_d`}: DataSlots): Rejection | undefined {
      switch (ev) {
        ${dataCases}
        default:
          for (const key in values) return unknownField("an \`update\` event", key, []);
          return undefined;
      }
    }

    /** Reads \`set\` into \`c\`; a rejection when a key is unknown or a value has the wrong type. */
    function readSet(values: Record<string, unknown>, ${ir.fields.length ? code`c` : code`_c`}: FieldSlots): Rejection | undefined {
      for (const key in values) {
        ${setCases.length ? code`switch (key) { ${setCases} }` : code``}
        return unknownField("the record", key, FIELD_NAMES);
      }
      return undefined;
    }

    function newRecord(at: number, path: number): RecordState {
      return {
        stage: ${initial},
        entered: at,
        last: at,
        warned: false,
        path,
        ids: undefined,
        ${newFields}
        ${newScores}
      };
    }

    /** Spec §6 step 3: every score from current values (\`when\`-only rules that hold now, plus points earned). */
    function computeScores(${hasScores ? code`r: RecordState, all: boolean, fromSet: boolean` : code`_r: RecordState, _all: boolean, _fromSet: boolean`}): void {
      ${hasScores ? code`let t: number;` : code``}
      ${usesEarned ? code`let m: number;` : code``}
      ${computeScores}
    }

    ${
      hasEarn
        ? code`
          /** Points of the \`on\` rules of event \`ev\` whose \`when\` holds now; whether any were earned. */
          function earn(r: RecordState, ev: number, ${earnUsesData ? code`d` : code`_d`}: DataSlots): boolean {
            let earned = false;
            ${usesEarned ? code`EARNED.fill(0);` : code``}
            switch (ev) {
              ${earnCases}
              default:
                return false;
            }
          }
        `
        : code``
    }

    /** The rule that fires from the record's stage for event \`ev\` (-1: no event); -1 when none. */
    function firstRule(r: RecordState, ${firstRuleUsesEvent ? code`ev` : code`_ev`}: number, ${firstRuleUsesData ? code`d` : code`_d`}: DataSlots): number {
      switch (r.stage) {
        ${stageCases}
        default:
          return -1;
      }
    }

    /** Applies the checked \`set\` (C, SET) to the record. */
    function applySet(${ir.fields.length ? code`r` : code`_r`}: RecordState, ${ir.fields.length ? code`c` : code`_c`}: FieldSlots): void {
      ${applySet}
    }

    /** Entries per chunk of a PathLog: 3 numbers each, 96 KB. */
    const PATH_CHUNK = 4096;

    /**
     * The paths of all records of one runner: entries (stage, time, the record's previous entry)
     * appended to chunks, plain arrays of numbers; a record holds the number of its last entry.
     * Entering a stage allocates nothing (no path array per record, copied on every move).
     */
    class PathLog {
      private chunks: number[][] = [];
      /** The chunk being filled, its capacity and used entries, and the number of its first entry. */
      private chunk: number[] = [];
      private capacity = 0;
      private used = 0;
      private base = 0;

      /** Appends an entry; returns its number. */
      add(stage: number, at: number, previous: number): number {
        if (this.used === this.capacity) this.grow();
        const chunk = this.chunk;
        const o = this.used * 3;
        chunk[o] = stage;
        chunk[o + 1] = at;
        chunk[o + 2] = previous;
        return this.base + this.used++;
      }

      /** The path that ends at entry \`last\`, first stop first. */
      read<T>(last: number, stop: (stage: number, at: number) => T): T[] {
        const stops: T[] = [];
        for (let n = last; n >= 0; ) {
          const chunk = this.chunks[Math.floor(n / PATH_CHUNK)]!;
          const o = (n % PATH_CHUNK) * 3;
          stops.push(stop(chunk[o]!, chunk[o + 1]!));
          n = chunk[o + 2]!;
        }
        return stops.reverse();
      }

      /** A small runner starts small: the first chunk doubles up to full size; later ones start full. */
      private grow(): void {
        const full = this.capacity === PATH_CHUNK;
        const capacity = full ? PATH_CHUNK : Math.max(16, this.capacity * 2);
        const chunk = new Array<number>(capacity * 3);
        // A fraction in it now makes it an array of doubles (one conversion, here) before times are stored.
        chunk[0] = 0.5;
        if (full) {
          this.base += PATH_CHUNK;
          this.used = 0;
          this.chunks.push(chunk);
        } else {
          for (let i = 0; i < this.used * 3; i++) chunk[i] = this.chunk[i]!;
          this.chunks[this.base / PATH_CHUNK] = chunk;
        }
        this.chunk = chunk;
        this.capacity = capacity;
      }
    }

    function enter(id: string, r: RecordState, to: number, at: number, cause: Cause, out: Outcome[], paths: PathLog): void {
      out.push({ type: "moved", record: id, from: STAGE_NAMES[r.stage]!, to: STAGE_NAMES[to]!, at: formatInstant(at), cause });
      r.stage = to;
      r.entered = at;
      r.warned = false;
      r.path = paths.add(to, at, r.path);
    }

    /** Spec §6 step 4: the first rule that matches fires; repeat; never enter a stage twice. */
    function cascade(id: string, r: RecordState, at: number, ev: number, eventType: EventType | null, eventId: string | null, d: DataSlots, gen: number, out: Outcome[], paths: PathLog): void {
      for (;;) {
        const rule = firstRule(r, ev, d);
        if (rule < 0) return;
        const to = RULE_TO[rule]!;
        if (ENTERED[to] === gen) return;
        ENTERED[to] = gen;
        const loc = RULE_LOCS[rule]!;
        enter(id, r, to, at, eventType === null ? { kind: "sla", rule: loc } : { kind: "event", event: eventId, eventType, rule: loc }, out, paths);
      }
    }

    /** Spec §6 step 1: warnings and breaches due at or before \`until\`, each at its own time. */
    function runSlas(${slaCases.length ? code`id` : code`_id`}: string, r: RecordState, ${slaCases.length ? code`until` : code`_until`}: number, ${slaCases.length ? code`out` : code`_out`}: Outcome[], ${breaches ? code`paths` : code`_paths`}: PathLog): void {
      for (;;) {
        switch (r.stage) {
          ${slaCases}
          default:
            return;
        }
      }
    }

    function fieldsOf(${ir.fields.length ? code`r` : code`_r`}: RecordState): Fields {
      return ${fieldsView} as Fields;
    }

    function scoresOf(${hasScores ? code`r` : code`_r`}: RecordState): Scores {
      return ${scoresView};
    }

    const EMPTY: Record<string, unknown> = {};

    function isObject(value: unknown): boolean {
      return typeof value === "object" && value !== null && !Array.isArray(value);
    }

    /** A missing \`record\`, \`at\` or \`type\`: absent, null or "" (spec §6: all mean unset). */
    function isUnset(value: unknown): boolean {
      return value === undefined || value === null || value === "";
    }

    /**
     * Creates a runner of this funnel.
     * @param snapshot optional state to resume from (from \`snapshot()\` of this module or of the funnelc engine)
     */
    export function createFunnel(snapshot?: FunnelSnapshot): Funnel {
      const records = new Map<string, RecordState>();
      const paths = new PathLog();
      const counts: Counters = { applied: 0, duplicate: 0, rejected: {} };

      const reject = (reason: RejectReason, message: string): ApplyResult => {
        counts.rejected[reason] = (counts.rejected[reason] ?? 0) + 1;
        return { status: "rejected", reason, message, outcomes: [] };
      };

      const apply = (input: FunnelEvent): ApplyResult => {
        if (!isObject(input)) return reject("invalid_event", "an event must be a JSON object");
        const event = input as { id?: unknown; record?: unknown; at?: unknown; type?: unknown; data?: unknown; set?: unknown };
        const id = event.record;
        if (typeof id !== "string" || id === "") {
          // A misspelt key comes first: \`recrd\` is better reported as itself than as a missing record.
          const problem: Rejection = unknownKey(event) ?? ["missing_record", isUnset(id) ? "the event has no \`record\` id" : "\`record\` must be a text id, not " + JSON.stringify(id)];
          return reject(problem[0], problem[1]);
        }
        // Looked up first: the lookup and the first read of the record mostly wait for memory (in a
        // large runner), and the checks below do not depend on it, so the processor runs them meanwhile.
        let r = records.get(id);
        const badKey = unknownKey(event);
        if (badKey !== undefined) return reject(badKey[0], badKey[1]);
        const at = typeof event.at === "string" ? parseInstant(event.at) : NaN;
        if (!Number.isFinite(at)) return reject("bad_timestamp", isUnset(event.at) ? "the event has no \`at\` time" : "\`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not " + JSON.stringify(event.at));
        const type = event.type;
        const ev = typeof type === "string" ? eventNumber(type) : -1;
        if (ev < 0) {
          const problem = unknownType(type);
          return reject(problem[0], problem[1]);
        }
        const eventId = event.id;
        if (eventId !== undefined && typeof eventId !== "string") return reject("invalid_event", "\`id\` must be a string");
        if (event.data !== undefined && !isObject(event.data)) return reject("invalid_event", "\`data\` must be an object");
        if (event.set !== undefined && !isObject(event.set)) return reject("invalid_event", "\`set\` must be an object");
        const d = D;
        let problem = readData(ev, (event.data ?? EMPTY) as Record<string, unknown>, d);
        if (problem) return reject(problem[0], problem[1]);
        const c = C;
        ${setWords === 1 ? code`SET[0] = 0;` : code`SET.fill(0);`}
        if (event.set !== undefined) {
          problem = readSet(event.set as Record<string, unknown>, c);
          if (problem) return reject(problem[0], problem[1]);
        }

        const eventType = type as EventType;
        // One scratch list for every event (most events move nothing): copied out when not empty.
        const outcomes = SCRATCH;
        outcomes.length = 0;
        // Stages this event entered: its cascade never enters one twice (spec §6).
        const gen = ++cascadeGen;
        const created = r === undefined;
        if (r) {
          if (eventId !== undefined && at === r.last && r.ids !== undefined && r.ids.includes(eventId)) {
            counts.duplicate++;
            return { status: "duplicate", outcomes: [] };
          }
          if (at < r.last) return reject("out_of_order", "this event (" + event.at + ") is older than the record's last event (" + formatInstant(r.last) + ")");
          runSlas(id, r, at, outcomes, paths);
        } else {
          r = newRecord(at, paths.add(${initial}, at, -1));
          records.set(id, r);
          // Creating the record enters the initial stage, so this event cannot re-enter it.
          ENTERED[${initial}] = gen;
          outcomes.push({ type: "moved", record: id, from: null, to: ${literal(ir.initialStage)}, at: formatInstant(at), cause: { kind: "created", event: eventId ?? null, eventType } });
        }
        applySet(r, c);
        computeScores(r, created, true);
        ${hasEarn ? code`if (ev !== 0 && earn(r, ev, d)) computeScores(r, false, false);` : code``}
        cascade(id, r, at, ev, eventType, eventId ?? null, d, gen, outcomes, paths);
        if (at !== r.last) {
          r.last = at;
          r.ids = undefined;
        }
        if (eventId !== undefined) {
          if (r.ids === undefined) r.ids = [eventId];
          else r.ids.push(eventId);
        }
        counts.applied++;
        return outcomes.length === 0 ? APPLIED_NOTHING : { status: "applied", outcomes: outcomes.slice() };
      };

      const advanceTo = (time: string): Outcome[] => {
        const until = parseInstant(time);
        if (!Number.isFinite(until)) throw new RangeError("advanceTo needs a datetime with a zone, not " + JSON.stringify(time));
        const outcomes: Outcome[] = [];
        for (const [id, r] of records) runSlas(id, r, until, outcomes, paths);
        return outcomes;
      };

      const state = (recordId: string): RecordView | undefined => {
        const r = records.get(recordId);
        if (!r) return undefined;
        const path = paths.read(r.path, (stage, at): RecordView["path"][number] => ({ stage: STAGE_NAMES[stage]!, at: formatInstant(at) }));
        return {
          id: recordId,
          stage: STAGE_NAMES[r.stage]!,
          enteredAt: formatInstant(r.entered),
          lastEventAt: formatInstant(r.last),
          fields: fieldsOf(r),
          scores: scoresOf(r),
          path,
        };
      };

      const snapshotOf = (): FunnelSnapshot => ({
        version: 1,
        funnel: FUNNEL_NAME,
        counters: JSON.parse(JSON.stringify(counts)),
        records: [...records].map(([id, r]) => ({
          id,
          stage: STAGE_NAMES[r.stage]!,
          entered: formatInstant(r.entered),
          last: formatInstant(r.last),
          warned: r.warned,
          values: [${join(snapshotValues, ", ")}],
          points: [${join(
            ir.scores.map((s) => code`r.${pointsSlot(s.name)}`),
            ", ",
          )}],
          path: paths.read(r.path, (stage, at): [string, string] => [STAGE_NAMES[stage]!, formatInstant(at)]),
          ids: r.ids ? [...r.ids] : [],
        })),
      });

      if (snapshot) {
        if (snapshot.version !== 1 || snapshot.funnel !== FUNNEL_NAME) throw new Error("snapshot is of funnel " + JSON.stringify(snapshot.funnel) + ", not " + JSON.stringify(FUNNEL_NAME));
        Object.assign(counts, JSON.parse(JSON.stringify(snapshot.counters)));
        for (const saved of snapshot.records) {
          const stage = stageNumber(saved.stage);
          if (stage < 0) throw new Error("snapshot names unknown stage " + JSON.stringify(saved.stage));
          let path = -1;
          for (const [s, at] of saved.path) {
            const step = stageNumber(s);
            if (step < 0) throw new Error("snapshot names unknown stage " + JSON.stringify(s) + " in the path of record " + JSON.stringify(saved.id));
            path = paths.add(step, parseInstant(at), path);
          }
          const r: RecordState = {
            stage,
            entered: parseInstant(saved.entered),
            last: parseInstant(saved.last),
            warned: saved.warned,
            path,
            ids: saved.ids.length ? [...saved.ids] : undefined,
            ${restoredValues}
            ${restoredScores}
          };
          computeScores(r, true, true);
          records.set(saved.id, r);
        }
      }

      return {
        apply,
        advanceTo,
        state,
        recordIds: () => records.keys(),
        counters: () => JSON.parse(JSON.stringify(counts)),
        snapshot: snapshotOf,
      };
    }
  `;
  if (
    module.helpers.size !== helperCount ||
    module.constantDeclarations().text !== constantCode.text
  ) {
    throw new Error("funnelc: a helper or constant was added after the declarations were written");
  }

  const header = code`
    // Generated by funnelc ${literal(ir.compiler.version)} from ${literal(ir.source)}. Do not edit: change the .funnel file and rebuild.
    // Runs the funnel with the meaning of spec §6: the same results, outcome for outcome, as funnelc's
    // engine (funnelc/runtime), without depending on it. Use: const f = createFunnel(); f.apply(event).
  `;
  return code`
    ${header}

    ${body}
  `;
}

/** The engine's result and state types (runtime/engine.ts), narrowed to this funnel's names. */
function apiTypes(): Code {
  return verbatim`
    export type RejectReason =
      | "invalid_event"
      | "missing_record"
      | "bad_timestamp"
      | "unknown_event"
      | "unknown_field"
      | "wrong_type"
      | "out_of_order";

    /** Where a rule is written: project-relative file, 1-based lines and columns (end exclusive). */
    export interface SourceLocation {
      file: string;
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
    }

    export type Cause =
      | { kind: "created"; event: string | null; eventType: EventType }
      | { kind: "event"; event: string | null; eventType: EventType; rule: SourceLocation }
      | { kind: "sla"; rule: SourceLocation };

    export type Outcome =
      | { type: "moved"; record: string; from: Stage | null; to: Stage; at: string; cause: Cause }
      | { type: "sla_warning"; record: string; stage: Stage; at: string; notify: string[]; rule: SourceLocation }
      | { type: "sla_breached"; record: string; stage: Stage; at: string; to: Stage; notify: string[]; rule: SourceLocation };

    export type ApplyResult =
      | { status: "applied"; outcomes: Outcome[] }
      | { status: "duplicate"; outcomes: [] }
      | { status: "rejected"; reason: RejectReason; message: string; outcomes: [] };

    export interface Counters {
      applied: number;
      duplicate: number;
      rejected: Partial<Record<RejectReason, number>>;
    }

    export interface RecordView {
      id: string;
      stage: Stage;
      enteredAt: string;
      lastEventAt: string;
      fields: Fields;
      scores: Scores;
      path: { stage: Stage; at: string }[];
    }

    /** Everything a runner holds, as JSON; the same format as the funnelc engine's snapshots. */
    export interface FunnelSnapshot {
      version: 1;
      funnel: string;
      counters: Counters;
      records: {
        id: string;
        stage: string;
        entered: string;
        last: string;
        warned: boolean;
        values: (string | number | boolean | null)[];
        points: number[];
        path: [string, string][];
        ids: string[];
      }[];
    }

    export interface StageInfo {
      name: Stage;
      kind: "stage" | "detour" | "terminal";
      title: string | null;
      definition: string | null;
      owner: string | null;
      outcome: "won" | "lost" | "none" | null;
      labels: Readonly<Record<string, string>>;
      maps: Readonly<Record<string, string>>;
    }

    export interface Funnel {
      /** Applies one event: SLAs due first, then set, scores and transitions (spec §6). Input is validated. */
      apply(event: FunnelEvent): ApplyResult;
      /** Runs SLA warnings and breaches due up to time for every record, without new events. */
      advanceTo(time: string): Outcome[];
      state(recordId: string): RecordView | undefined;
      recordIds(): IterableIterator<string>;
      counters(): Counters;
      snapshot(): FunnelSnapshot;
    }
  `;
}

/** A helper of the generated module, included only when used (with what it uses in turn). */
interface Helper {
  uses: HelperName[];
  code: Code;
}
type HelperName =
  | "Num"
  | "Text"
  | "Bool"
  | "Bad"
  | "Value"
  | "daysIn"
  | "parseInstant"
  | "isDate"
  | "addMonths"
  | "asNumber"
  | "asBoolean"
  | "asText"
  | "asEnum"
  | "asDate"
  | "asDateTime"
  | "orUnset"
  | "wrongType"
  | "suggest"
  | "compareValues"
  | "inValues"
  | "containsText";

/**
 * The engine's time and value rules (core/time.ts, core/values.ts) with its exact arithmetic,
 * and the tests only literal operands need; in declaration order. `verbatim` keeps the regexes'
 * backslashes as written.
 */
const HELPERS: Record<HelperName, Helper> = {
  Num: { uses: [], code: verbatim`type Num = number | undefined;` },
  Text: { uses: [], code: verbatim`type Text = string | undefined;` },
  Bool: { uses: [], code: verbatim`type Bool = boolean | undefined;` },
  Bad: {
    uses: [],
    code: verbatim`
      const BAD: unique symbol = Symbol("bad");
      type Bad = typeof BAD;
    `,
  },
  Value: { uses: [], code: verbatim`type Value = string | number | boolean | undefined;` },
  daysIn: {
    uses: [],
    code: verbatim`
      const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

      /** Days in a month (1-12) of a year (proleptic Gregorian; year 0 is a leap year). */
      function daysIn(year: number, month: number): number {
        return month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0) ? 29 : MONTH_DAYS[month]!;
      }

      /** The digits at i and i + 1 as a number; NaN when either is not a digit. */
      function twoDigits(s: string, i: number): number {
        const a = s.charCodeAt(i) - 48;
        const b = s.charCodeAt(i + 1) - 48;
        return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
      }
    `,
  },
  parseInstant: {
    uses: ["daysIn"],
    code: verbatim`
      /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar, any year (H. Hinnant's days_from_civil). */
      function daysFromCivil(y: number, month: number, d: number): number {
        const yy = month <= 2 ? y - 1 : y;
        const era = Math.floor(yy / 400);
        const yoe = yy - era * 400;
        const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + d - 1;
        return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
      }

      /** Epoch ms of an ISO datetime with a zone (Z or ±hh:mm); NaN when malformed or impossible. */
      function parseInstant(s: string): number {
        // The grammar ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$, read by char code.
        const n = s.length;
        if (n < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return NaN;
        const y = twoDigits(s, 0) * 100 + twoDigits(s, 2);
        const mo = twoDigits(s, 5);
        const d = twoDigits(s, 8);
        const h = twoDigits(s, 11);
        const mi = twoDigits(s, 14);
        let i = 16;
        let sec = 0;
        let ms = 0;
        if (s.charCodeAt(i) === 58) {
          sec = twoDigits(s, i + 1);
          i += 3;
          if (s.charCodeAt(i) === 46) {
            i++;
            let digits = 0;
            while (i < n && digits < 9) {
              const c = s.charCodeAt(i) - 48;
              if (!(c >= 0 && c <= 9)) break;
              if (digits < 3) ms = ms * 10 + c;
              digits++;
              i++;
            }
            if (digits === 0) return NaN;
            for (let k = digits; k < 3; k++) ms *= 10;
          }
        }
        let offset = 0;
        const z = s.charCodeAt(i);
        if (z === 90) {
          if (i + 1 !== n) return NaN;
        } else if (z === 43 || z === 45) {
          if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return NaN;
          const oh = twoDigits(s, i + 1);
          const om = twoDigits(s, i + 4);
          if (!(oh <= 23 && om <= 59)) return NaN;
          offset = (z === 45 ? -1 : 1) * (oh * 60 + om) * 60000;
        } else return NaN;
        // (NaN, from a non-digit, fails every test.)
        if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && sec <= 59)) return NaN;
        // Years 0000-9999 are far inside Date's range, so this is Date.UTC's instant, exactly.
        return (daysFromCivil(y, mo, d) * 24 + h) * 3600000 + mi * 60000 + sec * 1000 + ms - offset;
      }

      const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
      const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
      let lastInstant = NaN;
      let lastText = "";

      /**
       * ISO text of an instant, always UTC with milliseconds: Date's toISOString, computed from the
       * day number for the years 0000-9999 (and remembered for the next call, often the same time).
       */
      function formatInstant(ms: number): string {
        if (ms === lastInstant) return lastText;
        if (!(ms >= -62167219200000 && ms <= 253402300799999 && Number.isInteger(ms))) return new Date(ms).toISOString();
        const days = Math.floor(ms / 86400000);
        let rest = ms - days * 86400000;
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
        const z = days + 719468;
        const era = Math.floor(z / 146097);
        const doe = z - era * 146097;
        const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
        const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
        const mp = Math.floor((5 * doy + 2) / 153);
        const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
        const month = mp < 10 ? mp + 3 : mp - 9;
        const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        const hours = Math.floor(rest / 3600000);
        rest -= hours * 3600000;
        const minutes = Math.floor(rest / 60000);
        rest -= minutes * 60000;
        const seconds = Math.floor(rest / 1000);
        const yearText = year >= 1000 ? String(year) : PAD3[year]!.padStart(4, "0");
        lastText = yearText + "-" + PAD2[month]! + "-" + PAD2[day]! + "T" + PAD2[hours]! + ":" + PAD2[minutes]! + ":" + PAD2[seconds]! + "." + PAD3[rest - seconds * 1000]! + "Z";
        lastInstant = ms;
        return lastText;
      }
    `,
  },
  isDate: {
    uses: ["daysIn"],
    code: verbatim`
      function isDate(s: string): boolean {
        if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
        const y = twoDigits(s, 0) * 100 + twoDigits(s, 2);
        const mo = twoDigits(s, 5);
        const d = twoDigits(s, 8);
        return y === y && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
      }
    `,
  },
  addMonths: {
    uses: ["daysIn"],
    code: verbatim`
      /** Date.UTC, except that years 0-99 are those years (Date.UTC reads them as 1900-1999): 400 years repeat exactly. */
      function utc(y: number, month0: number, d: number, h: number, mi: number, s: number, ms: number): number {
        if (y >= 0 && y <= 99) return Date.UTC(y + 400, month0, d, h, mi, s, ms) - 12622780800000;
        return Date.UTC(y, month0, d, h, mi, s, ms);
      }

      /** Calendar months later, the day clamped to the end of the month (spec §6). */
      function addMonths(ms: number, months: number): number {
        const date = new Date(ms);
        const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
        const year = Math.floor(total / 12);
        const month = total - year * 12;
        const day = Math.min(date.getUTCDate(), daysIn(year, month + 1));
        return utc(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
      }
    `,
  },
  // Input values by declared type: null, absent and "" are unset; BAD is a wrong type.
  asNumber: {
    uses: ["Bad"],
    code: verbatim`
      function asNumber(raw: unknown): number | undefined | Bad {
        if (raw === null || raw === undefined || raw === "") return undefined;
        return typeof raw === "number" && Number.isFinite(raw) ? raw : BAD;
      }
    `,
  },
  asBoolean: {
    uses: ["Bad"],
    code: verbatim`
      function asBoolean(raw: unknown): boolean | undefined | Bad {
        if (raw === null || raw === undefined || raw === "") return undefined;
        return typeof raw === "boolean" ? raw : BAD;
      }
    `,
  },
  asText: {
    uses: ["Bad"],
    code: verbatim`
      function asText(raw: unknown): string | undefined | Bad {
        if (raw === null || raw === undefined || raw === "") return undefined;
        return typeof raw === "string" ? raw : BAD;
      }
    `,
  },
  asEnum: {
    uses: ["Bad"],
    code: verbatim`
      function asEnum(raw: unknown, members: readonly string[]): string | undefined | Bad {
        if (raw === null || raw === undefined || raw === "") return undefined;
        return typeof raw === "string" && members.includes(raw) ? raw : BAD;
      }
    `,
  },
  asDate: {
    uses: ["Bad", "isDate"],
    code: verbatim`
      function asDate(raw: unknown): string | undefined | Bad {
        if (raw === null || raw === undefined || raw === "") return undefined;
        return typeof raw === "string" && isDate(raw) ? raw : BAD;
      }
    `,
  },
  asDateTime: {
    uses: ["Bad", "parseInstant"],
    code: verbatim`
      function asDateTime(raw: unknown): number | undefined | Bad {
        if (raw === null || raw === undefined || raw === "") return undefined;
        const ms = typeof raw === "string" ? parseInstant(raw) : NaN;
        return Number.isFinite(ms) ? ms : BAD;
      }
    `,
  },
  orUnset: {
    uses: ["Bad"],
    code: verbatim`
      function orUnset<T>(value: T | Bad): T | undefined {
        return value === BAD ? undefined : value;
      }
    `,
  },
  wrongType: {
    uses: [],
    code: code`
      function wrongType(key: string, expected: string, raw: unknown): Rejection {
        return ["wrong_type", "\`" + key + "\` must be " + expected + ", not " + JSON.stringify(raw)];
      }
    `,
  },
  suggest: {
    uses: [],
    code: verbatim`
      /**
       * The candidate closest to name, if close enough to be a likely typo: the same rules as
       * funnelc's engine (a case-only difference, two neighbouring letters swapped, else an edit
       * distance of at most a third of the name; the first of equally close candidates wins).
       */
      function suggest(name: string, candidates: readonly string[]): string | undefined {
        if (name === "") return undefined;
        const lower = name.toLowerCase();
        for (const c of candidates) if (c !== "" && c.toLowerCase() === lower) return c;
        for (const c of candidates) if (c !== "" && isSwap(name, c)) return c;
        let best: string | undefined;
        let min = Infinity;
        for (const c of candidates) {
          if (c === "") continue;
          const d = editDistance(name, c);
          if (d < min) {
            min = d;
            best = c;
          }
        }
        const allowed = Math.floor(name.length / 3);
        return allowed > 0 && min <= allowed ? best : undefined;
      }

      /** Whether b is a with two neighbouring letters swapped. */
      function isSwap(a: string, b: string): boolean {
        if (a.length !== b.length || a === b) return false;
        let i = 0;
        while (a.charCodeAt(i) === b.charCodeAt(i)) i++;
        return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
      }

      /** Levenshtein distance (insertions, deletions, substitutions of UTF-16 units). */
      function editDistance(a: string, b: string): number {
        let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
        for (let i = 1; i <= a.length; i++) {
          const row = [i];
          for (let j = 1; j <= b.length; j++) {
            const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
            row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
          }
          previous = row;
        }
        return previous[b.length]!;
      }
    `,
  },
  compareValues: {
    uses: ["Value"],
    code: verbatim`
      /** A comparison of two literals, with the engine's rules (a test on "" is false). */
      function compareValues(op: string, a: Value, b: Value): boolean {
        if (a === undefined || a === "" || b === undefined || b === "") return false;
        switch (op) {
          case "=":
            return a === b;
          case "!=":
            return a !== b;
          case "<":
            return (a as number) < (b as number);
          case "<=":
            return (a as number) <= (b as number);
          case ">":
            return (a as number) > (b as number);
          default:
            return (a as number) >= (b as number);
        }
      }
    `,
  },
  inValues: {
    uses: [],
    code: verbatim`
      /** A literal tested with in: false when it is "" (unset). */
      function inValues(value: string | number | boolean, values: readonly (string | number | boolean)[], negated: boolean): boolean {
        return value !== "" && values.includes(value) !== negated;
      }
    `,
  },
  containsText: {
    uses: [],
    code: verbatim`
      /** A literal tested with contains: false unless it is non-empty text. */
      function containsText(value: string | number | boolean, needle: string): boolean {
        return typeof value === "string" && value !== "" && value.toLowerCase().includes(needle);
      }
    `,
  },
};

/** The helpers in `used` and everything they use, in declaration order. */
function helperDeclarations(used: ReadonlySet<HelperName>): Code {
  const needed = new Set<HelperName>();
  const add = (helper: HelperName) => {
    if (needed.has(helper)) return;
    needed.add(helper);
    HELPERS[helper].uses.forEach(add);
  };
  used.forEach(add);
  return join(
    (Object.keys(HELPERS) as HelperName[]).filter((h) => needed.has(h)).map((h) => HELPERS[h].code),
    "\n\n",
  );
}
