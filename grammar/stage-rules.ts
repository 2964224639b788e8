// The parser's rules for stages (spec §4 Stage): the stage header and each clause of its body,
// transitions with their recovery included. Composed into FunnelParser through parser.ts.
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { ConditionRules } from "./condition-rules.js";

/** A stage and its clauses. */
export class StageRules extends ConditionRules {
  stage = this.RULE("stage", (): A.StageNode => {
    const keyword = this.OR([
      { ALT: () => this.CONSUME(T.Stage) },
      { ALT: () => this.CONSUME(T.Detour) },
      { ALT: () => this.CONSUME(T.Terminal) },
    ]);
    const name = this.SUBRULE(this.declName);
    const title = this.OPTION(() => this.SUBRULE(this.string));
    const items = this.OPTION2(() => this.braced(() => this.SUBRULE(this.stageItem))) ?? [];
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
    const object = this.OPTION(() => this.CONSUME2(T.Name));
    const value = this.SUBRULE(this.string);
    const probability = this.OPTION2(() => {
      this.CONSUME(T.Probability);
      return this.literalNode(this.CONSUME(T.PercentLiteral), "percent");
    });
    const forecast = this.OPTION3(() => {
      this.CONSUME(T.Forecast);
      return this.CONSUME3(T.Name);
    });
    return this.ACTION(() => ({
      kind: "Map" as const,
      system: this.nameNode(system),
      object: object ? this.nameNode(object) : undefined,
      value,
      probability: probability ?? undefined,
      forecast: forecast ? this.nameNode(forecast) : undefined,
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
}
