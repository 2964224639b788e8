// The Funnel parser: one chevrotain RULE per production of spec §4, building the AST directly
// (embedded actions, offset-only positions: about three times faster than a CST, see the issue's
// benchmark goals). Error recovery is on, so one mistake does not hide the next.
import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from "chevrotain";
import type * as A from "./ast.js";
import { spanOf } from "./ast.js";
import * as T from "./tokens.js";
import { SKIP_GRAMMAR_VALIDATIONS } from "./build-flags.js";
import { decodeString, literalFromToken, type LiteralProblem } from "./literals.js";
import { funnelErrorMessages } from "./syntax-errors.js";

/** A problem found while building AST nodes (bad escapes, invalid dates, reserved names). */
export interface ParseProblem extends LiteralProblem {}

/**
 * Tokens before which a missing `}` is certain: the end of the file, and the words that start a
 * funnel clause, which no stage, `fields` or `events` block may contain where its `}` is due.
 */
const CLOSE_BEFORE = new Set<TokenType>([
  EOF,
  T.Stage,
  T.Detour,
  T.Terminal,
  T.Team,
  T.Fields,
  T.Events,
  T.From,
  T.Version,
  T.Description,
]);

/** chevrotain's own test for single-token insertion (not in its typings; pinned with chevrotain 11). */
type CanInsert = (
  this: EmbeddedActionsParser,
  expected: TokenType,
  follows: TokenType[],
) => boolean;
const chevrotainCanInsert = (
  EmbeddedActionsParser.prototype as unknown as { canRecoverWithSingleTokenInsertion: CanInsert }
).canRecoverWithSingleTokenInsertion;

export class FunnelParser extends EmbeddedActionsParser {
  /** Problems found by actions during the current parse; cleared by `load()`. */
  problems: ParseProblem[] = [];

  constructor() {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: funnelErrorMessages,
      skipValidations: SKIP_GRAMMAR_VALIDATIONS,
    });
    this.performSelfAnalysis();
  }

  /**
   * chevrotain inserts a missing token only when the token after it may follow it in the same
   * rule, which is never so for the `}` that ends a rule: a funnel or stage missing its last `}`
   * was dropped whole, and every check of it with it. Inserting that `}` keeps the block (the
   * syntax error is still reported where the `}` is missing). Called by chevrotain's recovery.
   */
  canRecoverWithSingleTokenInsertion(expected: TokenType, follows: TokenType[]): boolean {
    if (
      expected === T.RCurly &&
      CLOSE_BEFORE.has(this.LA(1).tokenType) &&
      !(this.restSwallowed && this.LA(1).tokenType === EOF)
    )
      return true;
    return chevrotainCanInsert.call(this, expected, follows);
  }

  /**
   * Set by `load` when an unclosed comment or `"""` string hid the end of the file: the blocks
   * left open then lost what was written in them, so they are not completed (no checks on them).
   */
  private restSwallowed = false;

  /**
   * The transition being read, once its target (and `on`) are known: when its condition breaks
   * and recovery skips to the next clause, the rule is kept as an incomplete transition (its
   * target still reachable) rather than dropped, which would make other stages look unreachable.
   */
  private openTransition: A.TransitionNode | undefined;

  private takeOpenTransition(): A.TransitionNode | undefined {
    const open = this.openTransition;
    this.openTransition = undefined;
    if (open) open.end = Math.max(open.start, this.endHere());
    return open;
  }

  load(tokens: IToken[], restSwallowed = false): void {
    this.openTransition = undefined;
    this.restSwallowed = restSwallowed;
    this.problems = [];
    this.input = tokens;
  }

  // ---------------------------------------------------------------- helpers
  /** End offset (exclusive) of the last consumed token. */
  private endHere(): number {
    const last = this.LA(0);
    return Number.isFinite(last.startOffset) ? T.tokenEnd(last) : 0;
  }

  /** Start offset of a token; tokens inserted by recovery are anchored after the previous one. */
  private startOf(token: IToken): number {
    return Number.isFinite(token.startOffset) ? token.startOffset : this.endHere();
  }

  /** An empty range where the parser is: for nodes recovery had to invent. */
  private here(): { start: number; end: number } {
    const at = this.endHere();
    return { start: at, end: at };
  }

  /** A name the parser had to invent while recovering; later phases skip it. */
  private missingName(): A.NameNode {
    return { kind: "Name", name: "", missing: true, ...this.here() };
  }

  private nameNode(token: IToken): A.NameNode {
    if (!Number.isFinite(token.startOffset) || token.isInsertedInRecovery) {
      const at = this.endHere();
      return { kind: "Name", name: "", missing: true, start: at, end: at };
    }
    return { kind: "Name", name: token.image, start: token.startOffset, end: T.tokenEnd(token) };
  }

  // ---------------------------------------------------------------- file and funnel
  file = this.RULE("file", (): A.FileNode => {
    const imports: A.ImportNode[] = [];
    this.MANY(() => {
      const node = this.SUBRULE(this.importDecl);
      this.ACTION(() => node && imports.push(node));
    });
    const funnel = this.OPTION(() => this.SUBRULE(this.funnel));
    return this.ACTION(() => ({
      kind: "File" as const,
      imports,
      funnel: funnel ?? undefined,
      start: 0,
      end: this.endHere(),
    }));
  });

  importDecl = this.RULE("importDecl", (): A.ImportNode => {
    const keyword = this.CONSUME(T.Import);
    const path = this.SUBRULE(this.string);
    return this.ACTION(() => ({
      kind: "Import" as const,
      path,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  funnel = this.RULE("funnel", (): A.FunnelNode => {
    const keyword = this.CONSUME(T.Funnel);
    const name = this.SUBRULE(this.declName);
    const title = this.OPTION(() => this.SUBRULE(this.string));
    const items: A.FunnelItemNode[] = [];
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const item = this.SUBRULE(this.funnelItem);
      this.ACTION(() => item && items.push(item));
    });
    this.CONSUME(T.RCurly);
    return this.ACTION(() => ({
      kind: "Funnel" as const,
      name,
      title: title ?? undefined,
      items,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  funnelItem = this.RULE("funnelItem", (): A.FunnelItemNode => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.version) },
      { ALT: () => this.SUBRULE(this.description) },
      { ALT: () => this.SUBRULE(this.team) },
      { ALT: () => this.SUBRULE(this.fields) },
      { ALT: () => this.SUBRULE(this.events) },
      { ALT: () => this.SUBRULE(this.score) },
      { ALT: () => this.SUBRULE(this.fromAny) },
      { ALT: () => this.SUBRULE(this.stage) },
    ]);
  });

  version = this.RULE("version", (): A.VersionNode => {
    const keyword = this.CONSUME(T.Version);
    const value = this.SUBRULE(this.string);
    return this.ACTION(() => ({
      kind: "Version" as const,
      value,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  description = this.RULE("description", (): A.DescriptionNode => {
    const keyword = this.CONSUME(T.Description);
    const value = this.SUBRULE(this.string);
    return this.ACTION(() => ({
      kind: "Description" as const,
      value,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  team = this.RULE("team", (): A.TeamNode => {
    const keyword = this.CONSUME(T.Team);
    const name = this.SUBRULE(this.declName);
    const title = this.OPTION(() => this.SUBRULE(this.string));
    return this.ACTION(() => ({
      kind: "Team" as const,
      name,
      title: title ?? undefined,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  // ---------------------------------------------------------------- fields and events
  fields = this.RULE("fields", (): A.FieldsNode => {
    const keyword = this.CONSUME(T.Fields);
    const fields: A.FieldDeclNode[] = [];
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const field = this.SUBRULE(this.fieldDecl);
      this.ACTION(() => field && fields.push(field));
    });
    this.CONSUME(T.RCurly);
    return this.ACTION(() => ({
      kind: "Fields" as const,
      fields,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  fieldDecl = this.RULE("fieldDecl", (): A.FieldDeclNode => {
    const name = this.SUBRULE(this.declName);
    this.CONSUME(T.Colon);
    const type = this.SUBRULE(this.type);
    const optional = this.OPTION(() => this.CONSUME(T.Question));
    const defaultValue = this.OPTION2(() => {
      this.CONSUME(T.Equals);
      return this.SUBRULE(this.literal);
    });
    return this.ACTION(() => ({
      kind: "FieldDecl" as const,
      name,
      type,
      optional: optional !== undefined,
      default: defaultValue ?? undefined,
      start: name.start,
      end: this.endHere(),
    }));
  });

  type = this.RULE(
    "type",
    (): A.TypeNode => {
      return this.OR([
        {
          ALT: () => {
            const token = this.CONSUME(T.Name);
            return this.ACTION(() => {
              const name = this.nameNode(token);
              return { kind: "NamedType" as const, name, start: name.start, end: name.end };
            });
          },
        },
        {
          ALT: () => {
            const values: A.StringNode[] = [];
            const first = this.SUBRULE(this.string);
            this.ACTION(() => values.push(first));
            this.MANY(() => {
              this.CONSUME(T.Pipe);
              const next = this.SUBRULE2(this.string);
              this.ACTION(() => values.push(next));
            });
            return this.ACTION(() => ({
              kind: "EnumType" as const,
              values,
              start: first.start,
              end: this.endHere(),
            }));
          },
        },
      ]);
    },
    {
      recoveryValueFunc: () => ({
        kind: "NamedType" as const,
        name: this.missingName(),
        ...this.here(),
      }),
    },
  );

  events = this.RULE("events", (): A.EventsNode => {
    const keyword = this.CONSUME(T.Events);
    const events: A.EventDeclNode[] = [];
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const event = this.SUBRULE(this.eventDecl);
      this.ACTION(() => event && events.push(event));
    });
    this.CONSUME(T.RCurly);
    return this.ACTION(() => ({
      kind: "Events" as const,
      events,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  eventDecl = this.RULE("eventDecl", (): A.EventDeclNode => {
    const name = this.SUBRULE(this.declName);
    const fields: A.FieldDeclNode[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LCurly);
      this.MANY(() => {
        const field = this.SUBRULE(this.fieldDecl);
        this.ACTION(() => field && fields.push(field));
      });
      this.CONSUME(T.RCurly);
    });
    return this.ACTION(() => ({
      kind: "EventDecl" as const,
      name,
      fields,
      start: name.start,
      end: this.endHere(),
    }));
  });

  // ---------------------------------------------------------------- scores and rules
  score = this.RULE("score", (): A.ScoreNode => {
    const keyword = this.CONSUME(T.Score);
    const name = this.SUBRULE(this.declName);
    const rules: A.ScoreRuleNode[] = [];
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const rule = this.SUBRULE(this.scoreRule);
      this.ACTION(() => rule && rules.push(rule));
    });
    this.CONSUME(T.RCurly);
    return this.ACTION(() => ({
      kind: "Score" as const,
      name,
      rules,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  scoreRule = this.RULE("scoreRule", (): A.ScoreRuleNode => {
    const errorsBefore = this.ACTION(() => this.errors.length);
    const sign = this.OR([
      { ALT: () => this.CONSUME(T.Plus) },
      { ALT: () => this.CONSUME(T.Minus) },
    ]);
    const amount = this.CONSUME(T.NumberLiteral);
    const on = this.OPTION(() => {
      this.CONSUME(T.On);
      return this.CONSUME(T.Name);
    });
    const when = this.OPTION2(() => {
      this.CONSUME(T.When);
      return this.SUBRULE(this.expr);
    });
    return this.ACTION(() => {
      const magnitude = Number.isFinite(amount.startOffset) ? Number(amount.image) : 0;
      const node: A.ScoreRuleNode = {
        kind: "ScoreRule" as const,
        points: sign.tokenType === T.Minus ? -magnitude : magnitude,
        on: on ? this.nameNode(on) : undefined,
        when: when ?? undefined,
        start: this.startOf(sign),
        end: this.endHere(),
      };
      if (this.errors.length > errorsBefore) node.incomplete = true;
      return node;
    });
  });

  fromAny = this.RULE("fromAny", (): A.FromAnyNode => {
    const keyword = this.CONSUME(T.From);
    this.CONSUME(T.Any);
    const transitions: A.TransitionNode[] = [];
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const transition = this.SUBRULE(this.transition);
      this.ACTION(() => transition && transitions.push(transition));
    });
    this.CONSUME(T.RCurly);
    return this.ACTION(() => ({
      kind: "FromAny" as const,
      transitions,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  // ---------------------------------------------------------------- stages
  stage = this.RULE("stage", (): A.StageNode => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(T.Stage) },
      { ALT: () => this.CONSUME(T.Detour) },
      { ALT: () => this.CONSUME(T.Terminal) },
    ]);
    const name = this.SUBRULE(this.declName);
    const title = this.OPTION(() => this.SUBRULE(this.string));
    const items: A.StageItemNode[] = [];
    this.OPTION2(() => {
      this.CONSUME(T.LCurly);
      this.MANY(() => {
        const item = this.SUBRULE(this.stageItem);
        this.ACTION(() => item && items.push(item));
      });
      this.CONSUME(T.RCurly);
    });
    return this.ACTION(() => ({
      kind: "Stage" as const,
      stageKind: keyword.image as A.StageKind,
      name,
      title: title ?? undefined,
      items,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  stageItem = this.RULE(
    "stageItem",
    (): A.StageItemNode => {
      this.ACTION(() => (this.openTransition = undefined));
      return this.OR([
        { ALT: () => this.SUBRULE(this.definition) },
        { ALT: () => this.SUBRULE(this.owner) },
        { ALT: () => this.SUBRULE(this.label) },
        { ALT: () => this.SUBRULE(this.map) },
        { ALT: () => this.SUBRULE(this.outcome) },
        { ALT: () => this.SUBRULE(this.transition) },
        { ALT: () => this.SUBRULE(this.sla) },
        { ALT: () => this.SUBRULE(this.warn) },
        { ALT: () => this.SUBRULE(this.target) },
      ]);
    },
    { recoveryValueFunc: () => this.takeOpenTransition() as A.StageItemNode },
  ); // undefined (dropped) unless a transition broke

  definition = this.RULE("definition", (): A.DefinitionNode => {
    const keyword = this.CONSUME(T.Definition);
    const value = this.SUBRULE(this.string);
    return this.ACTION(() => ({
      kind: "Definition" as const,
      value,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  owner = this.RULE("owner", (): A.OwnerNode => {
    const keyword = this.CONSUME(T.Owner);
    const team = this.CONSUME(T.Name);
    return this.ACTION(() => ({
      kind: "Owner" as const,
      team: this.nameNode(team),
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  label = this.RULE("label", (): A.LabelNode => {
    const keyword = this.CONSUME(T.Label);
    const language = this.CONSUME(T.Name);
    const value = this.SUBRULE(this.string);
    return this.ACTION(() => ({
      kind: "Label" as const,
      language: this.nameNode(language),
      value,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  map = this.RULE("map", (): A.MapNode => {
    const keyword = this.CONSUME(T.MapKw);
    const system = this.CONSUME(T.Name);
    const value = this.SUBRULE(this.string);
    return this.ACTION(() => ({
      kind: "Map" as const,
      system: this.nameNode(system),
      value,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  outcome = this.RULE("outcome", (): A.OutcomeNode => {
    const keyword = this.CONSUME(T.Outcome);
    const value = this.CONSUME(T.Name);
    return this.ACTION(() => ({
      kind: "Outcome" as const,
      value: this.nameNode(value),
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  transition = this.RULE(
    "transition",
    (): A.TransitionNode => {
      const errorsBefore = this.ACTION(() => this.errors.length);
      this.ACTION(() => (this.openTransition = undefined));
      const arrow = this.CONSUME(T.Arrow);
      const target = this.CONSUME(T.Name);
      const targetNode = this.ACTION(() => this.nameNode(target));
      const on = this.OPTION(() => {
        this.CONSUME(T.On);
        return this.CONSUME2(T.Name);
      });
      const onNode = this.ACTION(() => (on ? this.nameNode(on) : undefined));
      this.ACTION(
        () =>
          (this.openTransition = {
            kind: "Transition",
            target: targetNode,
            on: onNode,
            when: undefined,
            start: arrow.startOffset,
            end: arrow.startOffset,
            incomplete: true,
          }),
      );
      const when = this.OPTION2(() => {
        this.CONSUME(T.When);
        return this.SUBRULE(this.expr);
      });
      return this.ACTION(() => {
        const node: A.TransitionNode = {
          kind: "Transition",
          target: targetNode,
          on: onNode,
          when: when ?? undefined,
          start: arrow.startOffset,
          end: this.endHere(),
        };
        // Recovery kept what it could read of the rule: the flow analyses must not reason about it.
        if (this.errors.length > errorsBefore) node.incomplete = true;
        this.openTransition = undefined;
        return node;
      });
    },
    { recoveryValueFunc: () => this.takeOpenTransition() as A.TransitionNode },
  ); // undefined (dropped) as before when no target was read

  sla = this.RULE("sla", (): A.SlaNode => {
    const keyword = this.CONSUME(T.Sla);
    const duration = this.SUBRULE(this.duration);
    this.CONSUME(T.Arrow);
    const target = this.CONSUME(T.Name);
    const targetNode = this.ACTION(() => this.nameNode(target));
    const notify = this.OPTION(() => this.SUBRULE(this.notify));
    return this.ACTION(() => ({
      kind: "Sla" as const,
      duration,
      target: targetNode,
      notify: notify ?? [],
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  warn = this.RULE("warn", (): A.WarnNode => {
    const keyword = this.CONSUME(T.Warn);
    const duration = this.SUBRULE(this.duration);
    const notify = this.OPTION(() => this.SUBRULE(this.notify));
    return this.ACTION(() => ({
      kind: "Warn" as const,
      duration,
      notify: notify ?? [],
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  notify = this.RULE("notify", (): A.NameNode[] => {
    this.CONSUME(T.Notify);
    const teams: A.NameNode[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const team = this.CONSUME(T.Name);
        this.ACTION(() => teams.push(this.nameNode(team)));
      },
    });
    return teams;
  });

  target = this.RULE("target", (): A.TargetNode => {
    const keyword = this.CONSUME(T.Target);
    const measure = this.CONSUME(T.Name);
    const measureNode = this.ACTION(() => this.nameNode(measure));
    const value = this.OR([
      { ALT: () => ({ percent: this.literalNode(this.CONSUME(T.PercentLiteral), "percent") }) },
      { ALT: () => ({ duration: this.SUBRULE(this.duration) }) },
    ]);
    return this.ACTION(() => ({
      kind: "Target" as const,
      measure: measureNode,
      percent: value?.percent,
      duration: value?.duration,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  duration = this.RULE(
    "duration",
    (): A.DurationNode => {
      const amount = this.CONSUME(T.NumberLiteral);
      // Units are plain identifiers (not keywords), so a missing unit before `notify` or `->` is
      // reported as a missing unit instead of swallowing the next clause.
      const unit = this.OPTION(() => this.CONSUME(T.Identifier));
      return this.ACTION(() => {
        const start = this.startOf(amount);
        return {
          kind: "Duration" as const,
          amount: Number.isFinite(amount.startOffset) ? Number(amount.image) : 0,
          unit: unit ? this.nameNode(unit) : undefined,
          // A number inserted by recovery: the syntax error is reported, the duration is not real.
          ...(Number.isFinite(amount.startOffset) && !amount.isInsertedInRecovery
            ? {}
            : { missing: true }),
          start,
          end: Math.max(start, this.endHere()),
        };
      });
    },
    {
      recoveryValueFunc: () => ({
        kind: "Duration" as const,
        amount: 0,
        missing: true,
        ...this.here(),
      }),
    },
  );

  // ---------------------------------------------------------------- conditions (spec §4 Expr)
  expr = this.RULE(
    "expr",
    (): A.ExprNode => {
      const operands: A.ExprNode[] = [];
      const first = this.SUBRULE(this.andExpr);
      this.ACTION(() => operands.push(first));
      this.MANY(() => {
        this.CONSUME(T.Or);
        const next = this.SUBRULE2(this.andExpr);
        this.ACTION(() => operands.push(next));
      });
      return this.ACTION(() => this.logical("Or", operands));
    },
    {
      recoveryValueFunc: () => ({
        kind: "Ref" as const,
        event: false,
        name: this.missingName(),
        ...this.here(),
      }),
    },
  );

  andExpr = this.RULE("andExpr", (): A.ExprNode => {
    const operands: A.ExprNode[] = [];
    const first = this.SUBRULE(this.unary);
    this.ACTION(() => operands.push(first));
    this.MANY(() => {
      this.CONSUME(T.And);
      const next = this.SUBRULE2(this.unary);
      this.ACTION(() => operands.push(next));
    });
    return this.ACTION(() => this.logical("And", operands));
  });

  private logical(kind: "And" | "Or", operands: (A.ExprNode | undefined)[]): A.ExprNode {
    const present = operands.filter((o): o is A.ExprNode => o !== undefined);
    if (present.length === 1) return present[0];
    if (present.length === 0) {
      const at = this.endHere();
      return { kind: "Literal", type: "boolean", value: false, raw: "", start: at, end: at };
    }
    return {
      kind,
      operands: present,
      start: present[0].start,
      end: present[present.length - 1].end,
    };
  }

  unary = this.RULE("unary", (): A.ExprNode => {
    return this.OR([
      {
        ALT: () => {
          const keyword = this.CONSUME(T.Not);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION(() => ({
            kind: "Not" as const,
            operand,
            start: keyword.startOffset,
            end: this.endHere(),
          }));
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  primary = this.RULE("primary", (): A.ExprNode => {
    return this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const expr = this.SUBRULE(this.expr);
          this.CONSUME(T.RParen);
          return this.ACTION(() => ({
            kind: "Paren" as const,
            expr,
            start: open.startOffset,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          const operand = this.SUBRULE(this.operand);
          const test = this.OPTION(() => this.SUBRULE(this.test, { ARGS: [operand] }));
          return this.ACTION(() => test ?? operand);
        },
      },
    ]);
  });

  test = this.RULE("test", (operand: A.OperandNode): A.ExprNode => {
    return this.OR([
      {
        ALT: () => {
          const op = this.SUBRULE(this.compareOp);
          const right = this.SUBRULE(this.operand);
          return this.ACTION(() => ({
            kind: "Compare" as const,
            op,
            left: operand,
            right,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Is);
          const not = this.OPTION(() => this.CONSUME(T.Not));
          this.CONSUME(T.SetKw);
          return this.ACTION(() => ({
            kind: "IsSet" as const,
            operand,
            negated: not !== undefined,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          const not = this.OPTION2(() => this.CONSUME2(T.Not));
          this.CONSUME(T.In);
          this.CONSUME(T.LSquare);
          const values: A.LiteralNode[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const value = this.SUBRULE(this.literal);
              this.ACTION(() => value && values.push(value));
            },
          });
          this.CONSUME(T.RSquare);
          return this.ACTION(() => ({
            kind: "In" as const,
            operand,
            negated: not !== undefined,
            values,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Contains);
          const value = this.SUBRULE(this.string);
          return this.ACTION(() => ({
            kind: "Contains" as const,
            operand,
            value,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
    ]);
  });

  compareOp = this.RULE("compareOp", (): A.CompareOp => {
    const token = this.OR([
      { ALT: () => this.CONSUME(T.Equals) },
      { ALT: () => this.CONSUME(T.NotEquals) },
      { ALT: () => this.CONSUME(T.LessEquals) },
      { ALT: () => this.CONSUME(T.GreaterEquals) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Greater) },
    ]);
    return token.image as A.CompareOp;
  });

  operand = this.RULE(
    "operand",
    (): A.OperandNode => {
      return this.OR([
        {
          ALT: () => {
            const keyword = this.CONSUME(T.EventKw);
            this.CONSUME(T.Dot);
            const name = this.CONSUME(T.Name);
            return this.ACTION(() => ({
              kind: "Ref" as const,
              event: true,
              name: this.nameNode(name),
              start: keyword.startOffset,
              end: this.endHere(),
            }));
          },
        },
        {
          ALT: () => {
            const name = this.CONSUME2(T.Name);
            return this.ACTION(() => {
              const node = this.nameNode(name);
              return {
                kind: "Ref" as const,
                event: false,
                name: node,
                start: node.start,
                end: node.end,
              };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.literal) },
      ]);
    },
    {
      recoveryValueFunc: () => ({
        kind: "Ref" as const,
        event: false,
        name: this.missingName(),
        ...this.here(),
      }),
    },
  );

  literal = this.RULE("literal", (): A.LiteralNode => {
    return this.OR([
      {
        ALT: () => {
          const minus = this.OPTION(() => this.CONSUME(T.Minus));
          const number = this.CONSUME(T.NumberLiteral);
          return this.ACTION(() => {
            const start = minus ? minus.startOffset : this.startOf(number);
            const node = this.literalNode(number, "number");
            if (minus) {
              node.value = -(node.value as number);
              node.raw = "-" + node.raw;
            }
            node.start = start;
            node.end = Math.max(start, this.endHere());
            return node;
          });
        },
      },
      { ALT: () => this.literalNode(this.CONSUME(T.PercentLiteral), "percent") },
      { ALT: () => this.literalNode(this.CONSUME(T.DateTimeLiteral), "datetime") },
      { ALT: () => this.literalNode(this.CONSUME(T.DateLiteral), "date") },
      { ALT: () => this.literalNode(this.CONSUME(T.True), "boolean") },
      { ALT: () => this.literalNode(this.CONSUME(T.False), "boolean") },
      {
        ALT: () => {
          const text = this.SUBRULE(this.string);
          return this.ACTION(() => ({
            kind: "Literal" as const,
            type: "string" as const,
            value: text.value,
            raw: "",
            start: text.start,
            end: text.end,
          }));
        },
      },
    ]);
  });

  private literalNode(token: IToken, type: A.LiteralType): A.LiteralNode {
    const result = this.ACTION(() => {
      const start = this.startOf(token);
      const end = Number.isFinite(token.startOffset) ? T.tokenEnd(token) : start;
      const { value, problem } = literalFromToken(token.image, type, { start, end });
      if (problem) this.problems.push(problem);
      return { kind: "Literal" as const, type, value, raw: token.image, start, end };
    });
    return result as A.LiteralNode;
  }

  string = this.RULE(
    "string",
    (): A.StringNode => {
      const token = this.OR([
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.TripleString) },
      ]);
      return this.ACTION(() => {
        const start = this.startOf(token);
        if (!Number.isFinite(token.startOffset)) {
          return { kind: "String" as const, value: "", triple: false, start, end: start };
        }
        const triple =
          token.tokenType === T.TripleString || token.tokenType === T.UnterminatedTripleString;
        // An unterminated string (already reported by the lexer) has no closing quote to strip.
        const image =
          token.tokenType === T.UnterminatedString
            ? token.image + '"'
            : token.tokenType === T.UnterminatedTripleString
              ? token.image + '"""'
              : token.image;
        const { value, problems } = decodeString(image, start, triple);
        this.problems.push(...problems);
        return { kind: "String" as const, value, triple, start, end: T.tokenEnd(token) };
      });
    },
    {
      recoveryValueFunc: () => ({
        kind: "String" as const,
        value: "",
        triple: false,
        ...this.here(),
      }),
    },
  );

  /** A name at a declaration site: reserved words are accepted here to give a precise error. */
  declName = this.RULE(
    "declName",
    (): A.NameNode => {
      const token = this.OR([
        { ALT: () => this.CONSUME(T.Name) },
        ...T.RESERVED_TOKENS.map((reserved: TokenType) => ({ ALT: () => this.CONSUME(reserved) })),
      ]);
      return this.ACTION(() => {
        const node = this.nameNode(token);
        if (token.tokenType && T.RESERVED_TOKENS.includes(token.tokenType)) {
          this.problems.push({
            name: "reserved-word",
            format: { name: token.image },
            span: spanOf(node),
          });
        }
        return node;
      });
    },
    { recoveryValueFunc: () => this.missingName() },
  );
}

let shared: FunnelParser | undefined;
/** The one parser instance (building it costs far more than a parse; see platform notes). */
export function getParser(): FunnelParser {
  shared ??= new FunnelParser();
  return shared;
}
