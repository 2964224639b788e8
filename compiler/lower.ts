// Lowering: bound and checked AST → IR, in canonical order, every rule with its source location.
// Runs only on funnels without errors, so every reference here has resolved.
import type * as A from "../grammar/ast.js";
import type { SymbolTable } from "./binder.js";
import type { CheckFacts } from "./checker/check-context.js";
import { normalizeUnit } from "./checker/durations.js";
import { typeOfDecl } from "./checker/types.js";
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
  type TransitionIR,
} from "../core/ir/types.js";
import { COMPILER_VERSION } from "./version.js";
import { spanOf } from "../grammar/ast.js";

const FLIP = { "=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as const;

/**
 * Lowers one checked funnel to its IR.
 * @param symbols the bound funnel
 * @param facts the checker's resolutions
 * @param sources every file of the funnel by project path
 * @param imports imported files in merge order
 */
export function lowerFunnel(
  symbols: SymbolTable,
  facts: CheckFacts,
  sources: Map<string, SourceFile>,
  imports: string[],
): FunnelIR {
  const loc = (file: string, span: A.Span): SourceLocation => {
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
  const docs = (node: { docs?: string }) => node.docs ?? null;

  const literalValue = (literal: A.LiteralNode): ScalarValue => {
    if (literal.type === "datetime") return new Date(String(literal.value)).toISOString();
    if (literal.type === "percent") return (literal.value as number) / 100;
    return literal.value;
  };
  const literalType = (literal: A.LiteralNode) =>
    literal.type === "percent"
      ? ("number" as const)
      : literal.type === "string"
        ? ("text" as const)
        : literal.type;

  const operand = (node: A.OperandNode): OperandIR => {
    if (node.kind === "Literal") return { value: literalValue(node), type: literalType(node) };
    return node.event ? { event: node.name.name } : { field: node.name.name };
  };

  const expr = (node: A.ExprNode): ExprIR => {
    switch (node.kind) {
      case "And":
        return { op: "and", args: node.operands.map(expr) };
      case "Or":
        return { op: "or", args: node.operands.map(expr) };
      case "Not":
        return { op: "not", arg: expr(node.operand) };
      case "Paren":
        return expr(node.expr);
      case "Compare": {
        // Canonical form keeps the reference on the left: `100 <= score` becomes `score >= 100`.
        if (node.left.kind === "Literal" && node.right.kind === "Ref") {
          return {
            op: "compare",
            cmp: FLIP[node.op],
            left: operand(node.right),
            right: operand(node.left),
          };
        }
        return {
          op: "compare",
          cmp: node.op,
          left: operand(node.left),
          right: operand(node.right),
        };
      }
      case "IsSet":
        return { op: "is_set", operand: operand(node.operand), negated: node.negated };
      case "In":
        return {
          op: "in",
          operand: operand(node.operand),
          values: node.values.map(literalValue),
          negated: node.negated,
        };
      case "Contains":
        return { op: "contains", operand: operand(node.operand), value: node.value.value };
      case "Literal":
        return node.type === "boolean"
          ? { op: "const", value: node.value as boolean }
          : { op: "truthy", operand: operand(node) };
      case "Ref":
        return { op: "truthy", operand: operand(node) };
    }
  };

  const duration = (node: A.DurationNode): DurationIR => ({
    amount: node.amount,
    unit: normalizeUnit(node.unit!.name)!,
  });

  const field = (node: A.FieldDeclNode, file: string): FieldIR => ({
    name: node.name.name,
    type: typeOfDecl(node.type)!,
    optional: node.optional,
    default: node.default ? literalValue(node.default) : null,
    docs: docs(node),
    loc: loc(file, spanOf(node)),
  });

  const transition = (node: A.TransitionNode, file: string): TransitionIR => ({
    to: node.target.name,
    on: node.on?.name ?? null,
    when: node.when ? expr(node.when) : null,
    loc: loc(file, spanOf(node)),
  });

  const funnel = symbols.funnel!;
  const entry = symbols.entry;
  const first = <K extends A.FunnelItemNode["kind"]>(kind: K) =>
    funnel.items.find((i) => i.kind === kind) as Extract<A.FunnelItemNode, { kind: K }> | undefined;

  const stages: StageIR[] = symbols.stageList.map(({ node, file }) => {
    const item = <K extends A.StageItemNode["kind"]>(kind: K) =>
      node.items.find((i) => i.kind === kind) as Extract<A.StageItemNode, { kind: K }> | undefined;
    // Maps, not plain objects: a language or system may be called `__proto__`.
    const labels = new Map<string, string>();
    const maps = new Map<string, string>();
    for (const i of node.items) {
      if (i.kind === "Label") labels.set(i.language.name, i.value.value);
      if (i.kind === "Map") maps.set(i.system.name, i.value.value);
    }
    const sla = item("Sla");
    const warn = item("Warn");
    const outcome = item("Outcome");
    const conversion = node.items.find(
      (i): i is A.TargetNode => i.kind === "Target" && i.measure.name === "conversion",
    );
    const velocity = node.items.find(
      (i): i is A.TargetNode => i.kind === "Target" && i.measure.name === "velocity",
    );
    return {
      name: node.name.name,
      kind: node.stageKind,
      title: node.title?.value ?? null,
      definition: item("Definition")?.value.value ?? null,
      owner: item("Owner")?.team.name ?? null,
      docs: docs(node),
      labels: sortKeys(labels),
      maps: sortKeys(maps),
      outcome:
        node.stageKind === "terminal"
          ? ((outcome?.value.name as "won" | "lost" | "none" | undefined) ?? "none")
          : null,
      transitions: node.items
        .filter((i): i is A.TransitionNode => i.kind === "Transition")
        .map((t) => transition(t, file)),
      sla: sla
        ? {
            after: duration(sla.duration),
            to: sla.target.name,
            notify: sla.notify.map((n) => n.name),
            loc: loc(file, spanOf(sla)),
          }
        : null,
      warn: warn
        ? {
            after: duration(warn.duration),
            notify: warn.notify.map((n) => n.name),
            loc: loc(file, spanOf(warn)),
          }
        : null,
      targets: {
        conversionPercent: (conversion?.percent?.value as number | undefined) ?? null,
        velocity: velocity?.duration ? duration(velocity.duration) : null,
      },
      loc: loc(file, spanOf(node)),
    };
  });

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
      docs: docs(funnel),
      loc: loc(entry, spanOf(funnel)),
    },
    teams: [...symbols.teams.values()].map(({ node, file }) => ({
      name: node.name.name,
      title: node.title?.value ?? null,
      docs: docs(node),
      loc: loc(file, spanOf(node)),
    })),
    fields: [...symbols.fields.values()].map(({ node, file }) => field(node, file)),
    events: [...symbols.events.values()].map(({ node, file }) => ({
      name: node.name.name,
      fields: node.fields.map((f) => field(f, file)),
      docs: docs(node),
      loc: loc(file, spanOf(node)),
    })),
    scores: [...symbols.scores.values()].map(({ node, file }) => ({
      name: node.name.name,
      rules: node.rules.map((r) => ({
        points: r.points,
        on: r.on?.name ?? null,
        when: r.when ? expr(r.when) : null,
        loc: loc(file, spanOf(r)),
      })),
      docs: docs(node),
      loc: loc(file, spanOf(node)),
    })),
    fromAny: symbols.fromAny.map(({ node, file }) => transition(node, file)),
    stages,
    initialStage: initial.name,
    successPath: [
      ...stages.filter((s) => s.kind === "stage"),
      ...stages.filter((s) => s.kind === "terminal" && s.outcome === "won"),
    ].map((s) => s.name),
  };
}

function sortKeys(entries: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
