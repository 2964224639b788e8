// The checker's per-declaration rules (spec §5): names, types of conditions, stage clauses.
// Graph and condition analyses live in graph.ts and conditions.ts; checkFunnel runs them all.
import type * as A from "../../grammar/ast.js";
import { DURATION_UNITS, OUTCOME_NAMES, TARGET_KINDS } from "../../grammar/tokens.js";
import type { FunnelSymbol, SymbolTable, EventSymbol, StageSymbol } from "../binder.js";
import {
  createDiagnostic,
  relatedLocation,
  type Diagnostic,
  type Span,
} from "../../core/diagnostics/diagnostic.js";
import type { DiagnosticName } from "../../core/diagnostics/registry.js";
import { orderByDependencies } from "../../core/dependency-order.js";
import { suggestName } from "../../core/suggest.js";
import {
  BUILTIN_TYPES,
  describeLiteral,
  describeType,
  isOrdered,
  literalFits,
  typeOfDecl,
  typeOfLiteral,
  type ValueType,
} from "./types.js";
import { durationRange, normalizeUnit } from "./durations.js";
import { spanOf } from "../../grammar/ast.js";

export interface ResolvedRef {
  target: "field" | "score" | "event";
  name: string;
  type: ValueType;
}

/** What the checker learned, for the later analyses and for lowering. */
export interface CheckFacts {
  refs: Map<A.RefNode, ResolvedRef>;
  fieldTypes: Map<string, ValueType>;
  eventFieldTypes: Map<string, Map<string, ValueType>>;
  /** Transitions (own and `from any`) whose target stage resolved. */
  validTransitions: Set<A.TransitionNode>;
}

interface RuleContext {
  file: string;
  /** The event of the rule's `on` clause, when it has one that resolved. */
  event?: EventSymbol;
  hasOn: boolean;
  /** The name in the rule's `on` clause, resolved or not. */
  onName?: string;
  /** Score names this rule reads (for the self-dependency check). */
  scoreReads?: { name: string; span: Span }[];
  /** The rule was cut short by a syntax error: a name left alone may be half a comparison. */
  incomplete?: boolean;
}

/**
 * Checks every declaration of one funnel.
 * @param symbols the bound funnel
 * @param report receives each diagnostic
 * @returns facts for the graph analyses and for lowering
 */
export function checkDeclarations(
  symbols: SymbolTable,
  report: (d: Diagnostic) => void,
): CheckFacts {
  const facts: CheckFacts = {
    refs: new Map(),
    fieldTypes: new Map(),
    eventFieldTypes: new Map(),
    validTransitions: new Set(),
  };

  const unknown = (
    name: "unknown-stage" | "unknown-field" | "unknown-event" | "unknown-team",
    ref: A.NameNode,
    file: string,
    candidates: Iterable<string>,
  ) => {
    if (ref.missing || ref.name === "") return;
    const suggestion = suggestName(ref.name, candidates);
    report(
      suggestion
        ? createDiagnostic(name, {
            messageId: "didYouMean",
            format: { name: ref.name, suggestion },
            file,
            span: spanOf(ref),
            suggestion,
          })
        : createDiagnostic(name, { format: { name: ref.name }, file, span: spanOf(ref) }),
    );
  };

  const use = <N>(symbol: FunnelSymbol<N> | undefined, file: string, span: Span) => {
    symbol?.references.push({ file, span });
    return symbol;
  };

  const resolveTeam = (ref: A.NameNode, file: string) => {
    const team = use(symbols.teams.get(ref.name), file, spanOf(ref));
    if (!team) unknown("unknown-team", ref, file, symbols.teams.keys());
  };
  const resolveStage = (ref: A.NameNode, file: string): StageSymbol | undefined => {
    const stage = use(symbols.stages.get(ref.name), file, spanOf(ref));
    if (!stage) unknown("unknown-stage", ref, file, symbols.stages.keys());
    return stage;
  };
  const resolveEvent = (ref: A.NameNode, file: string): EventSymbol | undefined => {
    // `update` is built in (spec §6): `on update` needs no declaration and has no data fields.
    if (ref.name === "update") return undefined;
    const event = use(symbols.events.get(ref.name), file, spanOf(ref));
    if (!event) unknown("unknown-event", ref, file, symbols.events.keys());
    return event;
  };

  // ---------------------------------------------------------------- declared types
  const checkFieldDecl = (field: A.FieldDeclNode, file: string): ValueType | undefined => {
    const type = typeOfDecl(field.type);
    if (field.type.kind === "NamedType" && !type && !field.type.name.missing) {
      const suggestion = suggestName(field.type.name.name, BUILTIN_TYPES);
      report(
        suggestion
          ? createDiagnostic("unknown-type", {
              messageId: "didYouMean",
              format: { name: field.type.name.name, suggestion },
              file,
              span: spanOf(field.type),
              suggestion,
            })
          : createDiagnostic("unknown-type", {
              format: { name: field.type.name.name },
              file,
              span: spanOf(field.type),
            }),
      );
    }
    if (field.type.kind === "EnumType") {
      const seen = new Set<string>();
      for (const value of field.type.values) {
        if (seen.has(value.value))
          report(
            createDiagnostic("duplicate-enum-value", {
              format: { value: JSON.stringify(value.value) },
              file,
              span: spanOf(value),
            }),
          );
        seen.add(value.value);
      }
    }
    if (type && field.default)
      checkLiteralAgainst(field.default, type, field.name.name, file, "defaultValue");
    return type;
  };

  /** Reports a literal that does not fit a type (mismatch or not an enum member). */
  const checkLiteralAgainst = (
    literal: A.LiteralNode,
    type: ValueType,
    name: string,
    file: string,
    messageId: "default" | "defaultValue",
  ) => {
    if (!literalFits(literal, type)) {
      if (messageId === "defaultValue") {
        report(
          createDiagnostic("type-mismatch", {
            messageId: "defaultValue",
            format: { name, type: describeType(type), other: describeLiteral(literal) },
            file,
            span: spanOf(literal),
          }),
        );
      } else {
        reportMismatch(
          name,
          type,
          typeOfLiteral(literal),
          describeLiteral(literal),
          file,
          spanOf(literal),
        );
      }
      return;
    }
    if (type.kind === "enum" && !type.values.includes(String(literal.value))) {
      const value = JSON.stringify(literal.value);
      const suggestion = suggestName(String(literal.value), type.values);
      report(
        suggestion
          ? createDiagnostic("not-enum-member", {
              messageId: "didYouMean",
              format: { value, name, suggestion: JSON.stringify(suggestion) },
              file,
              span: spanOf(literal),
              suggestion: JSON.stringify(suggestion),
            })
          : createDiagnostic("not-enum-member", {
              format: {
                value,
                name,
                members: type.values.map((v) => JSON.stringify(v)).join(", "),
              },
              file,
              span: spanOf(literal),
            }),
      );
    }
  };

  const reportMismatch = (
    name: string,
    type: ValueType,
    other: ValueType,
    otherText: string,
    file: string,
    span: Span,
  ) => {
    const dates = new Set([type.kind, other.kind]);
    if (dates.has("date") && dates.has("datetime")) {
      const hint =
        type.kind === "date"
          ? "a date such as `2026-01-31`"
          : "a datetime such as `2026-01-31T00:00:00Z`";
      report(
        createDiagnostic("type-mismatch", {
          messageId: "dateVsDatetime",
          format: { name, type: describeType(type), other: otherText, hint },
          file,
          span,
        }),
      );
    } else {
      report(
        createDiagnostic("type-mismatch", {
          format: { name, type: describeType(type), other: otherText },
          file,
          span,
        }),
      );
    }
  };

  for (const field of symbols.fields.values()) {
    const type = checkFieldDecl(field.node, field.file);
    if (type) facts.fieldTypes.set(field.name, type);
  }
  for (const score of symbols.scores.values()) facts.fieldTypes.set(score.name, { kind: "number" });
  for (const event of symbols.events.values()) {
    const types = new Map<string, ValueType>();
    const seen = new Map<string, A.FieldDeclNode>();
    for (const field of event.node.fields) {
      const first = seen.get(field.name.name);
      if (first) {
        report(
          createDiagnostic("duplicate-name", {
            format: { kind: "Event field", name: field.name.name },
            file: event.file,
            span: spanOf(field.name),
            related: [
              relatedLocation(
                "firstDeclared",
                { name: field.name.name },
                event.file,
                spanOf(first.name),
              ),
            ],
          }),
        );
        continue;
      }
      seen.set(field.name.name, field);
      const type = checkFieldDecl(field, event.file);
      if (type) types.set(field.name.name, type);
    }
    facts.eventFieldTypes.set(event.name, types);
  }

  // ---------------------------------------------------------------- conditions
  const resolveRef = (ref: A.RefNode, ctx: RuleContext): ResolvedRef | undefined => {
    const name = ref.name.name;
    if (ref.name.missing || name === "") return undefined;
    if (ref.event) {
      if (!ctx.hasOn) {
        report(
          createDiagnostic("event-ref-without-on", {
            format: { name },
            file: ctx.file,
            span: spanOf(ref),
          }),
        );
        return undefined;
      }
      if (!ctx.event) {
        // `update` is built in and carries no data; any other unknown event is already reported.
        if (ctx.onName === "update")
          report(
            createDiagnostic("unknown-event-field", {
              format: { event: "update", name },
              file: ctx.file,
              span: spanOf(ref.name),
            }),
          );
        return undefined;
      }
      const types = facts.eventFieldTypes.get(ctx.event.name);
      const type = types?.get(name);
      if (!type) {
        const declared = ctx.event.node.fields.some((f) => f.name.name === name);
        if (!declared) {
          const suggestion = suggestName(
            name,
            ctx.event.node.fields.map((f) => f.name.name),
          );
          report(
            suggestion
              ? createDiagnostic("unknown-event-field", {
                  messageId: "didYouMean",
                  format: { event: ctx.event.name, name, suggestion },
                  file: ctx.file,
                  span: spanOf(ref.name),
                  suggestion,
                })
              : createDiagnostic("unknown-event-field", {
                  format: { event: ctx.event.name, name },
                  file: ctx.file,
                  span: spanOf(ref.name),
                }),
          );
        }
        return undefined;
      }
      const resolved: ResolvedRef = { target: "event", name, type };
      facts.refs.set(ref, resolved);
      return resolved;
    }
    const score = symbols.scores.get(name);
    if (score) {
      use(score, ctx.file, spanOf(ref.name));
      ctx.scoreReads?.push({ name, span: spanOf(ref.name) });
      const resolved: ResolvedRef = { target: "score", name, type: { kind: "number" } };
      facts.refs.set(ref, resolved);
      return resolved;
    }
    const field = use(symbols.fields.get(name), ctx.file, spanOf(ref.name));
    if (!field) {
      unknown("unknown-field", ref.name, ctx.file, [
        ...symbols.fields.keys(),
        ...symbols.scores.keys(),
      ]);
      return undefined;
    }
    const type = facts.fieldTypes.get(name);
    if (!type) return undefined;
    const resolved: ResolvedRef = { target: "field", name, type };
    facts.refs.set(ref, resolved);
    return resolved;
  };

  const operandType = (
    operand: A.OperandNode,
    ctx: RuleContext,
  ): { type: ValueType; text: string; name?: string } | undefined => {
    if (operand.kind === "Literal")
      return { type: typeOfLiteral(operand), text: describeLiteral(operand) };
    const resolved = resolveRef(operand, ctx);
    if (!resolved) return undefined;
    const shown = operand.event ? `event.${resolved.name}` : resolved.name;
    return { type: resolved.type, text: `\`${shown}\``, name: shown };
  };

  const checkCompare = (node: A.CompareNode, ctx: RuleContext) => {
    const left = operandType(node.left, ctx);
    const right = operandType(node.right, ctx);
    if (!left || !right) return;
    const shownName = (side: typeof left, operand: A.OperandNode) =>
      side.name ??
      (operand.kind === "Literal" ? operand.raw || JSON.stringify(operand.value) : side.text);
    const named = left.name !== undefined ? left : right.name !== undefined ? right : undefined;
    const [refSide, otherSide, otherNode] =
      named === right ? [right, left, node.left] : [left, right, node.right];
    const ordering = node.op !== "=" && node.op !== "!=";
    if (ordering) {
      for (const [side, operand] of [
        [left, node.left],
        [right, node.right],
      ] as const) {
        if (!isOrdered(side.type)) {
          report(
            createDiagnostic("ordering-not-comparable", {
              format: {
                op: node.op,
                name: shownName(side, operand),
                type: describeType(side.type),
              },
              file: ctx.file,
              span: spanOf(node),
            }),
          );
          return;
        }
      }
    }
    if (refSide.type.kind === "enum" && otherNode.kind === "Literal") {
      checkLiteralAgainst(otherNode, refSide.type, refSide.name ?? "value", ctx.file, "default");
      return;
    }
    if (!sameKind(refSide.type, otherSide.type)) {
      reportMismatch(
        refSide.name ?? refSide.text,
        refSide.type,
        otherSide.type,
        otherSide.text,
        ctx.file,
        spanOf(otherNode),
      );
    }
  };

  const checkExpr = (expr: A.ExprNode, ctx: RuleContext, asCondition: boolean): void => {
    switch (expr.kind) {
      case "And":
      case "Or":
        expr.operands.forEach((o) => checkExpr(o, ctx, true));
        return;
      case "Not":
        checkExpr(expr.operand, ctx, true);
        return;
      case "Paren":
        checkExpr(expr.expr, ctx, true);
        return;
      case "Compare":
        checkCompare(expr, ctx);
        return;
      case "IsSet":
        if (expr.operand.kind === "Ref") resolveRef(expr.operand, ctx);
        return;
      case "Contains": {
        const operand = operandType(expr.operand, ctx);
        if (operand && operand.type.kind !== "text") {
          report(
            createDiagnostic("contains-not-text", {
              format: { name: operand.name ?? operand.text, type: describeType(operand.type) },
              file: ctx.file,
              span: spanOf(expr.operand),
            }),
          );
        }
        return;
      }
      case "In": {
        const operand = operandType(expr.operand, ctx);
        if (!operand) return;
        for (const value of expr.values)
          checkLiteralAgainst(
            value,
            operand.type,
            operand.name ?? operand.text,
            ctx.file,
            "default",
          );
        return;
      }
      case "Ref":
      case "Literal": {
        const operand = operandType(expr, ctx);
        if (asCondition && !ctx.incomplete && operand && operand.type.kind !== "boolean") {
          if (expr.kind === "Literal") {
            const name = expr.raw || JSON.stringify(expr.value);
            report(
              createDiagnostic("condition-not-boolean", {
                messageId: "literal",
                format: { name },
                file: ctx.file,
                span: spanOf(expr),
              }),
            );
          } else {
            const messageId = operand.type.kind === "number" ? "number" : "default";
            report(
              createDiagnostic("condition-not-boolean", {
                messageId,
                format: { name: operand.name ?? operand.text, type: describeType(operand.type) },
                file: ctx.file,
                span: spanOf(expr),
              }),
            );
          }
        }
        return;
      }
    }
  };

  const checkDuration = (duration: A.DurationNode, file: string): boolean => {
    if (duration.missing) return false;
    if (!duration.unit) {
      report(
        createDiagnostic("unknown-duration-unit", {
          messageId: "missing",
          format: { amount: duration.amount },
          file,
          span: spanOf(duration),
        }),
      );
      return false;
    }
    if (duration.unit.missing) return false;
    if (!normalizeUnit(duration.unit.name)) {
      // Prefer the plural for amounts other than 1 (`3 dayz` → `days`).
      const candidates = DURATION_UNITS.flatMap((u) =>
        duration.amount === 1 ? [u, u + "s"] : [u + "s", u],
      );
      const suggestion = suggestName(duration.unit.name, candidates);
      report(
        suggestion
          ? createDiagnostic("unknown-duration-unit", {
              messageId: "didYouMean",
              format: { name: duration.unit.name, suggestion },
              file,
              span: spanOf(duration.unit),
              suggestion,
            })
          : createDiagnostic("unknown-duration-unit", {
              format: { name: duration.unit.name },
              file,
              span: spanOf(duration.unit),
            }),
      );
      return false;
    }
    if (!(duration.amount > 0)) {
      report(
        createDiagnostic("zero-duration", {
          format: { text: `${duration.amount} ${duration.unit.name}` },
          file,
          span: spanOf(duration),
        }),
      );
      return false;
    }
    const unit = normalizeUnit(duration.unit.name);
    const range = durationRange(duration);
    if (range && range.max > 100 * 366 * 24 * 3_600_000) {
      report(
        createDiagnostic("zero-duration", {
          messageId: "tooLong",
          format: { text: `${duration.amount} ${duration.unit.name}` },
          file,
          span: spanOf(duration),
        }),
      );
      return false;
    }
    if ((unit === "month" || unit === "year") && !Number.isInteger(duration.amount)) {
      report(
        createDiagnostic("zero-duration", {
          messageId: "fractional",
          format: { text: `${duration.amount} ${duration.unit.name}` },
          file,
          span: spanOf(duration),
        }),
      );
      return false;
    }
    return true;
  };

  const checkTransition = (node: A.TransitionNode, file: string) => {
    const target = node.target.missing ? undefined : resolveStage(node.target, file);
    if (target) facts.validTransitions.add(node);
    const event = node.on && !node.on.missing ? resolveEvent(node.on, file) : undefined;
    if (!node.on && !node.when && !node.target.missing && !node.incomplete) {
      report(
        createDiagnostic("transition-without-trigger", {
          format: { name: node.target.name },
          file,
          span: spanOf(node),
        }),
      );
    }
    if (node.when)
      checkExpr(
        node.when,
        {
          file,
          event,
          hasOn: node.on !== undefined,
          onName: node.on?.name,
          incomplete: node.incomplete,
        },
        true,
      );
  };

  // ---------------------------------------------------------------- funnel header
  const funnel = symbols.funnel;
  if (funnel) {
    for (const kind of ["Version", "Description"] as const) {
      const clauses = funnel.items.filter((i) => i.kind === kind);
      for (const extra of clauses.slice(1)) {
        report(
          createDiagnostic("duplicate-clause", {
            format: { clause: kind.toLowerCase(), owner: `funnel \`${funnel.name.name}\`` },
            file: symbols.entry,
            span: spanOf(extra),
          }),
        );
      }
    }
  }

  // ---------------------------------------------------------------- scores
  const scoreReads = new Map<string, { name: string; span: Span; file: string }[]>();
  for (const score of symbols.scores.values()) {
    const reads: { name: string; span: Span }[] = [];
    for (const rule of score.node.rules) {
      const event = rule.on && !rule.on.missing ? resolveEvent(rule.on, score.file) : undefined;
      if (rule.when)
        checkExpr(
          rule.when,
          {
            file: score.file,
            event,
            hasOn: rule.on !== undefined,
            onName: rule.on?.name,
            scoreReads: reads,
          },
          true,
        );
    }
    scoreReads.set(
      score.name,
      reads.map((r) => ({ ...r, file: score.file })),
    );
  }
  checkScoreCycles(symbols, scoreReads, report);

  // ---------------------------------------------------------------- stages
  for (const { node, file } of symbols.fromAny) checkTransition(node, file);

  for (const stage of symbols.stageList) {
    const node = stage.node;
    const file = stage.file;
    const terminal = node.stageKind === "terminal";
    const once = new Map<string, A.StageItemNode>();
    const clauseOnce = (key: string, clause: string, item: A.StageItemNode) => {
      if (once.has(key)) {
        report(
          createDiagnostic("duplicate-clause", {
            format: { clause, owner: `stage \`${stage.name}\`` },
            file,
            span: spanOf(item),
          }),
        );
      } else once.set(key, item);
    };
    let sla: A.SlaNode | undefined;
    const warns: A.WarnNode[] = [];
    for (const item of node.items) {
      switch (item.kind) {
        case "Definition":
          clauseOnce("definition", "definition", item);
          break;
        case "Owner":
          clauseOnce("owner", "owner", item);
          if (!item.team.missing) resolveTeam(item.team, file);
          break;
        case "Label":
          clauseOnce("label:" + item.language.name, `label ${item.language.name}`, item);
          break;
        case "Map":
          clauseOnce("map:" + item.system.name, `map ${item.system.name}`, item);
          break;
        case "Outcome":
          clauseOnce("outcome", "outcome", item);
          if (
            !item.value.missing &&
            !(OUTCOME_NAMES as readonly string[]).includes(item.value.name)
          ) {
            report(
              createDiagnostic("invalid-outcome", {
                format: { name: item.value.name },
                file,
                span: spanOf(item.value),
              }),
            );
          }
          if (!terminal)
            report(
              createDiagnostic("outcome-on-non-terminal", {
                format: { name: stage.name, kind: node.stageKind },
                file,
                span: spanOf(item),
              }),
            );
          break;
        case "Transition":
          if (terminal)
            report(
              createDiagnostic("transition-from-terminal", {
                format: { name: stage.name, clause: "a transition" },
                file,
                span: spanOf(item),
              }),
            );
          checkTransition(item, file);
          break;
        case "Sla": {
          if (terminal)
            report(
              createDiagnostic("transition-from-terminal", {
                format: { name: stage.name, clause: "an SLA" },
                file,
                span: spanOf(item),
              }),
            );
          if (sla)
            report(
              createDiagnostic("duplicate-sla", {
                format: { name: stage.name },
                file,
                span: spanOf(item),
                related: [relatedLocation("slaHere", {}, file, spanOf(sla))],
              }),
            );
          else sla = item;
          checkDuration(item.duration, file);
          if (!item.target.missing) {
            const target = resolveStage(item.target, file);
            if (target === stage)
              report(
                createDiagnostic("sla-to-own-stage", {
                  format: { name: stage.name },
                  file,
                  span: spanOf(item.target),
                }),
              );
          }
          item.notify.forEach((team) => !team.missing && resolveTeam(team, file));
          break;
        }
        case "Warn":
          if (terminal)
            report(
              createDiagnostic("transition-from-terminal", {
                format: { name: stage.name, clause: "a warning" },
                file,
                span: spanOf(item),
              }),
            );
          checkDuration(item.duration, file);
          item.notify.forEach((team) => !team.missing && resolveTeam(team, file));
          warns.push(item);
          break;
        case "Target": {
          const measure = item.measure.name;
          if (item.measure.missing) break;
          if (!(TARGET_KINDS as readonly string[]).includes(measure)) {
            report(
              createDiagnostic("invalid-target", {
                format: { name: measure },
                file,
                span: spanOf(item.measure),
              }),
            );
            break;
          }
          clauseOnce("target:" + measure, `target ${measure}`, item);
          if (measure === "conversion") {
            const value = item.percent?.value;
            if (typeof value !== "number" || value < 0 || value > 100)
              report(
                createDiagnostic("invalid-target", {
                  messageId: "conversion",
                  format: {},
                  file,
                  span: spanOf(item),
                }),
              );
          } else if (!item.duration) {
            report(
              createDiagnostic("invalid-target", {
                messageId: "velocity",
                format: {},
                file,
                span: spanOf(item),
              }),
            );
          } else checkDuration(item.duration, file);
          break;
        }
      }
    }
    for (const warn of warns.slice(1))
      report(
        createDiagnostic("duplicate-clause", {
          format: { clause: "warn", owner: `stage \`${stage.name}\`` },
          file,
          span: spanOf(warn),
        }),
      );
    const warn = warns[0];
    if (warn && !terminal) {
      if (!sla)
        report(createDiagnostic("warn-without-sla", { format: {}, file, span: spanOf(warn) }));
      else {
        const warnRange = durationRange(warn.duration);
        const slaRange = durationRange(sla.duration);
        if (warnRange && slaRange && warnRange.max >= slaRange.min) {
          report(
            createDiagnostic("warn-not-before-sla", {
              format: { warn: durationText(warn.duration), sla: durationText(sla.duration) },
              file,
              span: spanOf(warn.duration),
              related: [relatedLocation("slaHere", {}, file, spanOf(sla))],
            }),
          );
        }
      }
    }
    if (!terminal) {
      if (!once.has("definition"))
        report(
          createDiagnostic("missing-definition", {
            format: { name: stage.name },
            file,
            span: spanOf(node.name),
          }),
        );
      if (!once.has("owner"))
        report(
          createDiagnostic("missing-owner", {
            format: { name: stage.name },
            file,
            span: spanOf(node.name),
          }),
        );
    }
  }

  // A funnel with any stage or `from any` rule is not a declarations module, so it needs a start.
  const hasFlow = funnel?.items.some((i) => i.kind === "Stage" || i.kind === "FromAny");
  if (funnel && hasFlow && !symbols.stageList.some((s) => s.node.stageKind === "stage")) {
    report(
      createDiagnostic("no-initial-stage", {
        format: { name: funnel.name.name },
        file: symbols.entry,
        span: spanOf(funnel.name),
      }),
    );
  }
  return facts;
}

function sameKind(a: ValueType, b: ValueType): boolean {
  if (a.kind === "enum" || b.kind === "enum")
    return (a.kind === "enum" || a.kind === "text") && (b.kind === "enum" || b.kind === "text");
  return a.kind === b.kind;
}

function durationText(duration: A.DurationNode): string {
  return `${duration.amount} ${duration.unit?.name ?? ""}`.trim();
}

/** Reports each score that reads itself, directly or through other scores, with the chain (once per score). */
function checkScoreCycles(
  symbols: SymbolTable,
  reads: Map<string, { name: string; span: Span; file: string }[]>,
  report: (d: Diagnostic) => void,
) {
  const { cycles } = orderByDependencies(
    reads.keys(),
    (name) => reads.get(name) ?? [],
    (read) => read.name,
  );
  const reported = new Set<string>();
  for (const { chain, from, edge: read } of cycles) {
    if (reported.has(read.name)) continue;
    reported.add(read.name);
    const symbol = symbols.scores.get(read.name)!;
    report(
      createDiagnostic("score-depends-on-itself", {
        format: { name: read.name, chain: chain.join(" → ") },
        file: symbol.file,
        span: spanOf(symbol.node.name),
        related: [
          relatedLocation("scoreStep", { name: from, uses: read.name }, read.file, read.span),
        ],
      }),
    );
  }
}

export type { DiagnosticName };
