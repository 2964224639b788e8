// The reading of a funnel that the documentation and diagram targets share: stage terms (with the
// `lang` option), success-path order, how each stage is entered, SLAs, teams, the fields and events
// the triggers use, and the scoring model, all as plain (unescaped) English text.
import type {
  DurationIR,
  ExprIR,
  FunnelIR,
  OperandIR,
  StageIR,
  TransitionIR,
} from "../../core/ir/types.js";
import {
  createEnglishContext,
  describePoints,
  describeScoreRule,
  describeTrigger,
  describeTriggerShort,
  describeType,
  describeValue,
  humanizeName,
} from "./english.js";
import { describeDuration } from "../../core/durations.js";
import { NAME } from "../../core/names.js";

/** Options every documentation and diagram target reads from `targetOptions`. */
export interface DocOptions {
  /** Language whose `label`s replace the stage titles (`--lang de`); null for the titles. */
  lang: string | null;
}

/**
 * Reads the shared options; anything that is not a valid language name is ignored (the config
 * schema and the CLI already refuse it, so an emitter called from code never throws for it).
 * @param targetOptions the target's options (config map merged with `--lang`)
 */
export function readDocOptions(targetOptions: Record<string, unknown> | undefined): DocOptions {
  const lang = targetOptions?.lang;
  return { lang: typeof lang === "string" && NAME.test(lang) ? lang : null };
}

/** Where a stage is listed: on the success path, as a detour, or as a terminal off the path. */
export type StageGroup = "success" | "detour" | "terminal";

/** One way into a stage. */
export interface StageEntry {
  kind: "start" | "transition" | "sla" | "any";
  /** The stage it comes from; null for the start and for `from any` rules. */
  from: string | null;
  /** Plain English: "from Known, on form submitted". */
  text: string;
}

/** A stage as the documents show it. */
export interface StageDoc {
  stage: StageIR;
  name: string;
  /** The term shown: `labels[lang]`, else the title, else the humanised name. */
  term: string;
  /** The title (or humanised name) whatever the language. */
  title: string;
  /** True when `term` came from `labels[lang]`. */
  translated: boolean;
  group: StageGroup;
  /** 1-based place on the success path; null off it. */
  position: number | null;
  definition: string | null;
  /** The owning team's title; null when the stage has no owner. */
  owner: string | null;
  entries: StageEntry[];
  /** The stage's own transitions: "to MQL when lead score is at least 120". */
  exits: string[];
  /** "After 6 months: moves to Recycled and notifies Marketing."; null without an SLA. */
  sla: string | null;
  /** "Warns Inside Sales after 25 days."; null without a warn clause. */
  warn: string | null;
  /** "conversion 40%, velocity 14 days"; null without targets. */
  targets: string | null;
}

/** An arrow of the stage diagram. */
export interface DiagramEdge {
  kind: "transition" | "sla" | "any";
  /** Source stage name; null for the "any stage" node of `from any` rules. */
  from: string | null;
  to: string;
  /** Full plain-English label (tooltips). */
  label: string;
  /**
   * The label diagrams show: the event in full and the condition shortened
   * (describeTriggerShort).
   */
  shortLabel: string;
  /** Both ends are consecutive on the success path. */
  successPath: boolean;
}

export interface TeamDoc {
  name: string;
  title: string;
  docs: string | null;
  /** Terms of the stages it owns, in written order. */
  owns: string[];
  /** "SLA breach in MQL", "SLA warning in SAL", in written order. */
  notified: string[];
}

export interface FieldDoc {
  name: string;
  /** "text, optional", "one of 'NL' or 'DE', default 'NL'", "score (see Scoring)". */
  type: string;
  docs: string | null;
  /** Terms of the stages whose entry triggers read it. */
  usedToEnter: string[];
}

export interface EventDoc {
  name: string;
  /** "form (text)"; "" for an event without data. */
  data: string;
  docs: string | null;
  usedToEnter: string[];
}

export interface ScoreDoc {
  name: string;
  title: string;
  docs: string | null;
  rules: { when: string; points: string }[];
}

/** Everything a documentation target shows about one funnel, as plain text. */
export interface FunnelDoc {
  name: string;
  title: string;
  version: string | null;
  description: string | null;
  docs: string | null;
  source: string;
  compilerVersion: string;
  lang: string | null;
  /** Every stage in written order. */
  stages: StageDoc[];
  successPath: StageDoc[];
  detours: StageDoc[];
  /** Terminals off the success path (outcome lost or none). */
  terminals: StageDoc[];
  edges: DiagramEdge[];
  teams: TeamDoc[];
  fields: FieldDoc[];
  events: EventDoc[];
  scores: ScoreDoc[];
  /** With `lang`: terms of the stages that have no label in that language (written order). */
  missingLabels: string[];
}

/**
 * Derives the documentation view of a funnel.
 * @param ir the compiled funnel
 * @param options the shared documentation options
 * @returns plain-text facts in a fixed order (the same IR always gives the same view)
 */
/**
 * The columns of the success-path table in every document target (markdown, html).
 * @param doc the described funnel
 * @returns the header cells; a Targets column only when some stage declares a target
 */
export function successPathHeader(doc: FunnelDoc): string[] {
  const withTargets = doc.stages.some((s) => s.targets !== null);
  return [
    "#",
    "Stage",
    "Definition",
    "Owner",
    "Trigger to enter",
    "SLA and breach",
    ...(withTargets ? ["Targets"] : []),
  ];
}

export function describeFunnel(ir: FunnelIR, options: DocOptions): FunnelDoc {
  const context = createEnglishContext(ir);
  const teamTitles = new Map(
    ir.teams.map((t) => [t.name, nonBlank(t.title) ?? humanizeName(t.name)]),
  );
  const teamTitle = (name: string) => teamTitles.get(name) ?? humanizeName(name);
  const successIndex = new Map(ir.successPath.map((name, i) => [name, i]));

  const terms = new Map<string, string>();
  for (const stage of ir.stages) {
    const label = options.lang !== null ? stage.labels[options.lang] : undefined;
    terms.set(stage.name, nonBlank(label) ?? titleOf(stage));
  }
  const term = (name: string) => terms.get(name) ?? humanizeName(name);

  const entries = new Map<string, StageEntry[]>(ir.stages.map((s) => [s.name, []]));
  entries
    .get(ir.initialStage)
    ?.push({ kind: "start", from: null, text: "every new record starts here" });
  const edges: DiagramEdge[] = [];
  const isSuccessStep = (from: string, to: string) =>
    successIndex.has(from) && successIndex.get(to) === successIndex.get(from)! + 1;
  for (const stage of ir.stages) {
    for (const t of stage.transitions) {
      const trigger = describeTrigger(t, context);
      entries.get(t.to)?.push({
        kind: "transition",
        from: stage.name,
        text: `from ${term(stage.name)}, ${trigger}`,
      });
      edges.push({
        kind: "transition",
        from: stage.name,
        to: t.to,
        label: trigger,
        shortLabel: describeTriggerShort(t, context),
        successPath: isSuccessStep(stage.name, t.to),
      });
    }
    if (stage.sla) {
      const after = describeDuration(stage.sla.after);
      entries.get(stage.sla.to)?.push({
        kind: "sla",
        from: stage.name,
        text: `from ${term(stage.name)}, after ${after} there (SLA breach)`,
      });
      edges.push({
        kind: "sla",
        from: stage.name,
        to: stage.sla.to,
        label: `SLA: after ${after}`,
        shortLabel: `SLA: after ${after}`,
        successPath: false,
      });
    }
  }
  for (const t of ir.fromAny) {
    const trigger = describeTrigger(t, context);
    entries.get(t.to)?.push({ kind: "any", from: null, text: `from any stage, ${trigger}` });
    edges.push({
      kind: "any",
      from: null,
      to: t.to,
      label: trigger,
      shortLabel: describeTriggerShort(t, context),
      successPath: false,
    });
  }

  const stages: StageDoc[] = ir.stages.map((stage) => {
    const position = successIndex.has(stage.name) ? successIndex.get(stage.name)! + 1 : null;
    const translated = options.lang !== null && nonBlank(stage.labels[options.lang]) !== null;
    return {
      stage,
      name: stage.name,
      term: term(stage.name),
      title: titleOf(stage),
      translated,
      group: position !== null ? "success" : stage.kind === "detour" ? "detour" : "terminal",
      position,
      definition: stage.definition,
      owner: stage.owner === null ? null : teamTitle(stage.owner),
      entries: entries.get(stage.name) ?? [],
      exits: stage.transitions.map((t) => `to ${term(t.to)} ${describeTrigger(t, context)}`),
      sla: stage.sla
        ? `After ${describeDuration(stage.sla.after)}: moves to ${term(stage.sla.to)}` +
          `${notifying(stage.sla.notify.map(teamTitle), "and notifies")}.`
        : null,
      warn: stage.warn ? warning(stage.warn.after, stage.warn.notify.map(teamTitle)) : null,
      targets: describeTargets(stage),
    };
  });

  const teams: TeamDoc[] = ir.teams.map((team) => {
    const notified: string[] = [];
    for (const stage of ir.stages) {
      if (stage.sla?.notify.includes(team.name)) notified.push(`SLA breach in ${term(stage.name)}`);
      if (stage.warn?.notify.includes(team.name))
        notified.push(`SLA warning in ${term(stage.name)}`);
    }
    return {
      name: team.name,
      title: teamTitle(team.name),
      docs: team.docs,
      owns: ir.stages.filter((s) => s.owner === team.name).map((s) => term(s.name)),
      notified,
    };
  });

  const { fields, events } = describeTriggerInputs(ir, term);
  return {
    name: ir.funnel.name,
    title: nonBlank(ir.funnel.title) ?? humanizeName(ir.funnel.name),
    version: ir.funnel.version,
    description: ir.funnel.description,
    docs: ir.funnel.docs,
    source: ir.source,
    compilerVersion: ir.compiler.version,
    lang: options.lang,
    stages,
    successPath: ir.successPath.map((name) => stages.find((s) => s.name === name)!),
    detours: stages.filter((s) => s.group === "detour"),
    terminals: stages.filter((s) => s.group === "terminal"),
    edges,
    teams,
    fields,
    events,
    scores: ir.scores.map((score) => ({
      name: score.name,
      title: capitalise(humanizeName(score.name)),
      docs: score.docs,
      rules: score.rules.map((rule) => ({
        when: describeScoreRule(rule, context),
        points: describePoints(rule.points),
      })),
    })),
    missingLabels:
      options.lang === null ? [] : stages.filter((s) => !s.translated).map((s) => s.term),
  };
}

/**
 * A title or label on one line (terms appear inside sentences, table cells and diagram nodes, so
 * line breaks and runs of white space become single spaces), or null when it is blank.
 */
function nonBlank(text: string | null | undefined): string | null {
  const line = text?.replace(/\s+/g, " ").trim();
  return line ? line : null;
}

function titleOf(stage: StageIR): string {
  return nonBlank(stage.title) ?? humanizeName(stage.name);
}

function joinAnd(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function notifying(teams: string[], verb: string): string {
  return teams.length ? ` ${verb} ${joinAnd(teams)}` : "";
}

function warning(after: DurationIR, teams: string[]): string {
  return teams.length
    ? `Warns ${joinAnd(teams)} after ${describeDuration(after)}.`
    : `Warning due after ${describeDuration(after)}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeTargets(stage: StageIR): string | null {
  const parts: string[] = [];
  if (stage.targets.conversionPercent !== null)
    parts.push(`conversion ${stage.targets.conversionPercent}%`);
  if (stage.targets.velocity !== null)
    parts.push(`velocity ${describeDuration(stage.targets.velocity)}`);
  return parts.length ? parts.join(", ") : null;
}

function collectOperands(expr: ExprIR, out: OperandIR[]): void {
  switch (expr.op) {
    case "and":
    case "or":
      for (const arg of expr.args) collectOperands(arg, out);
      return;
    case "not":
      collectOperands(expr.arg, out);
      return;
    case "compare":
      out.push(expr.left, expr.right);
      return;
    case "is_set":
    case "in":
    case "contains":
    case "truthy":
      out.push(expr.operand);
      return;
    case "const":
      return;
  }
}

/**
 * The fields, scores and events read by transitions (stage and `from any`), in declaration
 * order.
 */
function describeTriggerInputs(
  ir: FunnelIR,
  term: (name: string) => string,
): { fields: FieldDoc[]; events: EventDoc[] } {
  const fieldUse = new Map<string, Set<string>>();
  const eventUse = new Map<string, Set<string>>();
  const use = (map: Map<string, Set<string>>, key: string, stage: string) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(stage);
  };
  const transitions: TransitionIR[] = [...ir.stages.flatMap((s) => s.transitions), ...ir.fromAny];
  for (const t of transitions) {
    if (t.on !== null) use(eventUse, t.on, t.to);
    const operands: OperandIR[] = [];
    if (t.when) collectOperands(t.when, operands);
    for (const operand of operands) if ("field" in operand) use(fieldUse, operand.field, t.to);
  }
  // Stages in written order, so "used to enter" lists read like the funnel.
  const stageOrder = (set: Set<string> | undefined) =>
    ir.stages.filter((s) => set?.has(s.name)).map((s) => term(s.name));
  const fields: FieldDoc[] = [
    ...ir.fields
      .filter((f) => fieldUse.has(f.name))
      .map((f) => {
        const parts = [describeType(f.type)];
        if (f.optional) parts.push("optional");
        if (f.default !== null) parts.push(`default ${describeValue(f.default, f.type.kind)}`);
        return {
          name: f.name,
          type: parts.join(", "),
          docs: f.docs,
          usedToEnter: stageOrder(fieldUse.get(f.name)),
        };
      }),
    ...ir.scores
      .filter((s) => fieldUse.has(s.name))
      .map((s) => ({
        name: s.name,
        type: "score (see Scoring)",
        docs: s.docs,
        usedToEnter: stageOrder(fieldUse.get(s.name)),
      })),
  ];
  const events: EventDoc[] = ir.events
    .filter((e) => eventUse.has(e.name))
    .map((e) => ({
      name: e.name,
      data: e.fields.map((f) => `${f.name} (${describeType(f.type)})`).join(", "),
      docs: e.docs,
      usedToEnter: stageOrder(eventUse.get(e.name)),
    }));
  return { fields, events };
}
