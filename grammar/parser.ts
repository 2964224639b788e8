// The Funnel parser: one chevrotain RULE per production of spec §4, building the AST directly
// (embedded actions, offset-only positions: about three times faster than a CST, see the issue's
// benchmark goals). Error recovery is on, so one mistake does not hide the next. The rules come
// in groups, each a class extending the one below: parser-base.ts (configuration, recovery,
// helpers), value-rules.ts, condition-rules.ts, stage-rules.ts, then this file (the file, the
// funnel and its declarations).
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { StageRules } from "./stage-rules.js";

export class FunnelParser extends StageRules {
  constructor() {
    super();
    // Every group's rules are defined by now: fields, this class's too, are set before the rest
    // of a constructor runs.
    this.performSelfAnalysis();
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
    const items = this.braced(() => this.SUBRULE(this.funnelItem));
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
    const fields = this.braced(() => this.SUBRULE(this.fieldDecl));
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
    const events = this.braced(() => this.SUBRULE(this.eventDecl));
    return this.ACTION(() => ({
      kind: "Events" as const,
      events,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });

  eventDecl = this.RULE("eventDecl", (): A.EventDeclNode => {
    const name = this.SUBRULE(this.declName);
    const fields = this.OPTION(() => this.braced(() => this.SUBRULE(this.fieldDecl))) ?? [];
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
    const rules = this.braced(() => this.SUBRULE(this.scoreRule));
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
    const transitions = this.braced(() => this.SUBRULE(this.transition));
    return this.ACTION(() => ({
      kind: "FromAny" as const,
      transitions,
      start: keyword.startOffset,
      end: this.endHere(),
    }));
  });
}

let shared: FunnelParser | undefined;
/** The one parser instance (building it costs far more than a parse; see platform notes). */
export function getParser(): FunnelParser {
  shared ??= new FunnelParser();
  return shared;
}
