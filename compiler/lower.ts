// Lowering: bound and checked AST → IR, in canonical order, every rule with its source location.
// Runs only on funnels without errors, so every reference here has resolved.
import type * as A from "../grammar/ast.js";
import type { SymbolTable } from "./binder.js";
import { normalizeUnit } from "./checker/durations.js";
import { typeOfDecl, typeOfLiteral } from "./checker/types.js";
import { offsetToLineColumn, type SourceFile } from "../core/source-file.js";
import {
  IR_VERSION,
  type DurationIR,
  type ExprIR,
  type FieldIR,
  type FunnelIR,
  type OperandIR,
  type ScalarValue,
  type SourceLocation,
  type StageIR,
  type StageMapIR,
  type TransitionIR,
} from "../core/ir/types.js";
import { COMPILER_VERSION } from "./version.js";
import { mapObjectName } from "../core/vendors.js";
import { spanOf } from "../grammar/ast.js";

const FLIP = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;

/** The source location of a span in a file of the funnel. */
type Locate = (file: string, span: A.Span) => SourceLocation;

/**
 * Lowers one checked funnel to its IR.
 * @param symbols the bound funnel
 * @param sources every file of the funnel by project path
 * @param imports imported files in merge order
 * @returns the funnel's IR
 */
export function lowerFunnel(
  symbols: SymbolTable,
  sources: Map<string, SourceFile>,
  imports: string[],
): FunnelIR {
  const loc = locator(sources);
  const funnel = symbols.funnel!;
  const entry = symbols.entry;
  const first = <K extends A.FunnelItemNode["kind"]>(kind: K) =>
    funnel.items.find((i) => i.kind === kind) as Extract<A.FunnelItemNode, { kind: K }> | undefined;
  const stages = symbols.stageList.map(({ node, file }) => lowerStage(node, file, loc));
  const initial = stages.find((s) => s.kind === "stage")!;
  return {
    irVersion: IR_VERSION,
    compiler: { name: "funnelc", version: COMPILER_VERSION },
    source: entry,
    imports,
    funnel: {
      name: funnel.name.name,
      title: funnel.title?.value ?? null,
      version: first("Version")?.value.value ?? null,
      description: first("Description")?.value.value ?? null,
      docs: docsOf(funnel),
      loc: loc(entry, spanOf(funnel)),
    },
    teams: [...symbols.teams.values()].map(({ node, file }) => ({
      name: node.name.name,
      title: node.title?.value ?? null,
      docs: docsOf(node),
      loc: loc(file, spanOf(node)),
    })),
    fields: [...symbols.fields.values()].map(({ node, file }) => lowerField(node, file, loc)),
    events: [...symbols.events.values()].map(({ node, file }) => ({
      name: node.name.name,
      fields: node.fields.map((f) => lowerField(f, file, loc)),
      docs: docsOf(node),
      loc: loc(file, spanOf(node)),
    })),
    scores: [...symbols.scores.values()].map(({ node, file }) => ({
      name: node.name.name,
      rules: node.rules.map((r) => ({
        points: r.points,
        on: r.on?.name ?? null,
        when: r.when ? lowerExpr(r.when) : null,
        loc: loc(file, spanOf(r)),
      })),
      docs: docsOf(node),
      loc: loc(file, spanOf(node)),
    })),
    fromAny: symbols.fromAny.map(({ node, file }) => lowerTransition(node, file, loc)),
    stages,
    initialStage: initial.name,
    successPath: [
      ...stages.filter((s) => s.kind === "stage"),
      ...stages.filter((s) => s.kind === "terminal" && s.outcome === "won"),
    ].map((s) => s.name),
  };
}

function locator(sources: Map<string, SourceFile>): Locate {
  return (file, span) => {
    const source = sources.get(file)!;
    const start = offsetToLineColumn(source, span.start);
    const end = offsetToLineColumn(source, span.end);
    return {
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  };
}

function docsOf(node: { docs?: string }): string | null {
  return node.docs ?? null;
}

function lowerStage(node: A.StageNode, file: string, loc: Locate): StageIR {
  const item = <K extends A.StageItemNode["kind"]>(kind: K) =>
    node.items.find((i) => i.kind === kind) as Extract<A.StageItemNode, { kind: K }> | undefined;
  // A Map, not a plain object: a language may be called `__proto__`.
  const labels = new Map<string, string>();
  const maps: StageMapIR[] = [];
  for (const i of node.items) {
    if (i.kind === "Label") labels.set(i.language.name, i.value.value);
    if (i.kind === "Map") maps.push(lowerMap(i, file, loc));
  }
  const sla = item("Sla");
  const warn = item("Warn");
  const outcome = item("Outcome");
  const target = (measure: string) =>
    node.items.find((i): i is A.TargetNode => i.kind === "Target" && i.measure.name === measure);
  const velocity = target("velocity");
  return {
    name: node.name.name,
    kind: node.stageKind,
    title: node.title?.value ?? null,
    definition: item("Definition")?.value.value ?? null,
    owner: item("Owner")?.team.name ?? null,
    docs: docsOf(node),
    labels: sortKeys(labels),
    maps: maps.sort(compareMaps),
    outcome:
      node.stageKind === "terminal"
        ? ((outcome?.value.name as "won" | "lost" | "none" | undefined) ?? "none")
        : null,
    transitions: node.items
      .filter((i): i is A.TransitionNode => i.kind === "Transition")
      .map((t) => lowerTransition(t, file, loc)),
    sla: sla
      ? {
          after: lowerDuration(sla.duration),
          to: sla.target.name,
          notify: sla.notify.map((n) => n.name),
          loc: loc(file, spanOf(sla)),
        }
      : null,
    warn: warn
      ? {
          after: lowerDuration(warn.duration),
          notify: warn.notify.map((n) => n.name),
          loc: loc(file, spanOf(warn)),
        }
      : null,
    targets: {
      conversionPercent: (target("conversion")?.percent?.value as number | undefined) ?? null,
      velocity: velocity?.duration ? lowerDuration(velocity.duration) : null,
    },
    loc: loc(file, spanOf(node)),
  };
}

function lowerField(node: A.FieldDeclNode, file: string, loc: Locate): FieldIR {
  return {
    name: node.name.name,
    type: typeOfDecl(node.type)!,
    optional: node.optional,
    default: node.default ? literalValue(node.default) : null,
    docs: docsOf(node),
    loc: loc(file, spanOf(node)),
  };
}

function lowerTransition(node: A.TransitionNode, file: string, loc: Locate): TransitionIR {
  return {
    to: node.target.name,
    on: node.on?.name ?? null,
    when: node.when ? lowerExpr(node.when) : null,
    loc: loc(file, spanOf(node)),
  };
}

function lowerDuration(node: A.DurationNode): DurationIR {
  return { amount: node.amount, unit: normalizeUnit(node.unit!.name)! };
}

function literalValue(literal: A.LiteralNode): ScalarValue {
  if (literal.type === "datetime") return new Date(String(literal.value)).toISOString();
  if (literal.type === "percent") return (literal.value as number) / 100;
  return literal.value;
}

function lowerOperand(node: A.OperandNode): OperandIR {
  if (node.kind === "Literal") return { value: literalValue(node), type: typeOfLiteral(node).kind };
  return node.event ? { event: node.name.name } : { field: node.name.name };
}

function lowerExpr(node: A.ExprNode): ExprIR {
  switch (node.kind) {
    case "And":
      return { op: "and", args: node.operands.map(lowerExpr) };
    case "Or":
      return { op: "or", args: node.operands.map(lowerExpr) };
    case "Not":
      return { op: "not", arg: lowerExpr(node.operand) };
    case "Paren":
      return lowerExpr(node.expr);
    case "Compare":
      // Canonical form keeps the reference on the left: `100 <= score` becomes `score >= 100`.
      if (node.left.kind === "Literal" && node.right.kind === "Ref") {
        const [left, right] = [lowerOperand(node.right), lowerOperand(node.left)];
        return { op: "compare", cmp: FLIP[node.op], left, right };
      }
      return {
        op: "compare",
        cmp: node.op,
        left: lowerOperand(node.left),
        right: lowerOperand(node.right),
      };
    case "IsSet":
      return { op: "is_set", operand: lowerOperand(node.operand), negated: node.negated };
    case "In":
      return {
        op: "in",
        operand: lowerOperand(node.operand),
        values: node.values.map(literalValue),
        negated: node.negated,
      };
    case "Contains":
      return { op: "contains", operand: lowerOperand(node.operand), value: node.value.value };
    case "Literal":
      return node.type === "boolean"
        ? { op: "const", value: node.value as boolean }
        : { op: "truthy", operand: lowerOperand(node) };
    case "Ref":
      return { op: "truthy", operand: lowerOperand(node) };
  }
}

function lowerMap(node: A.MapNode, file: string, loc: Locate): StageMapIR {
  const probability = node.probability?.value;
  return {
    system: node.system.name,
    object: mapObjectName(node.system.name, node.object?.name),
    value: node.value.value,
    probability: typeof probability === "number" ? probability : null,
    forecast: node.forecast?.name ?? null,
    loc: loc(file, spanOf(node)),
  };
}

/** By system, then object (null first), then value; plain code-unit order, as for keys. */
function compareMaps(a: StageMapIR, b: StageMapIR): number {
  const key = (m: StageMapIR) => [m.system, m.object ?? "", m.value];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

function sortKeys(entries: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
