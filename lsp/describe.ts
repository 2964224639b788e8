// Markdown descriptions of declarations, shared by hover and completion: a stage's label,
// definition, owner, transitions in and out and SLA; a field's type and default; doc comments.
import type * as A from "../grammar/ast.js";
import { printExpr } from "../grammar/print-expr.js";
import type {
  EventSymbol,
  ScoreSymbol,
  StageSymbol,
  SymbolTable,
  TeamSymbol,
} from "../compiler/binder.js";

function code(text: string): string {
  // Backticks inside names cannot occur, but titles are free text: use a fence long enough.
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text}${fence}`;
}

/** Free text from a source file, with markdown's special characters escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => "\\" + ch).replace(/^#/gm, "\\#");
}

function trigger(node: A.TransitionNode): string {
  const parts: string[] = [];
  if (node.on) parts.push(`on ${node.on.name}`);
  // A rule cut short by a syntax error: what was read of it is not its condition.
  if (node.incomplete) parts.push("… (incomplete: fix the syntax error)");
  else if (node.when) parts.push(`when ${printExpr(node.when)}`);
  return parts.join(" ");
}

function durationText(duration: A.DurationNode): string {
  return `${duration.amount} ${duration.unit?.name ?? ""}`.trim();
}

/** `1.`, `2.`… position on the success path (the `stage` kind, in written order). */
export function successPathPosition(symbols: SymbolTable, stage: StageSymbol): number | undefined {
  if (stage.node.stageKind !== "stage") return undefined;
  return symbols.stageList.filter((s) => s.node.stageKind === "stage").indexOf(stage) + 1;
}

export function stageMarkdown(symbols: SymbolTable, stage: StageSymbol): string {
  const node = stage.node;
  const lines: string[] = [];
  const position = successPathPosition(symbols, stage);
  const header =
    `**${node.stageKind}** ${code(stage.name)}` +
    (node.title ? ` — ${escapeMarkdown(node.title.value)}` : "");
  lines.push(header + (position ? ` (step ${position} of the success path)` : ""));
  const definition = node.items.find((i): i is A.DefinitionNode => i.kind === "Definition");
  if (definition) lines.push("", escapeMarkdown(definition.value.value));
  const details: string[] = [];
  const owner = node.items.find((i): i is A.OwnerNode => i.kind === "Owner");
  if (owner) {
    const team = symbols.teams.get(owner.team.name);
    details.push(
      `- Owner: ${code(owner.team.name)}` +
        (team?.node.title ? ` (${escapeMarkdown(team.node.title.value)})` : ""),
    );
  }
  for (const label of node.items.filter((i): i is A.LabelNode => i.kind === "Label"))
    details.push(
      `- Label (${escapeMarkdown(label.language.name)}): ${escapeMarkdown(label.value.value)}`,
    );
  const outcome = node.items.find((i): i is A.OutcomeNode => i.kind === "Outcome");
  if (outcome) details.push(`- Outcome: ${code(outcome.value.name)}`);
  const incoming: string[] = [];
  for (const other of symbols.stageList) {
    for (const item of other.node.items) {
      if (item.kind === "Transition" && item.target.name === stage.name)
        incoming.push(`from ${code(other.name)}${trigger(item) ? " " + code(trigger(item)) : ""}`);
      if (item.kind === "Sla" && item.target.name === stage.name)
        incoming.push(`from ${code(other.name)} ${code(`sla ${durationText(item.duration)}`)}`);
    }
  }
  for (const rule of symbols.fromAny)
    if (rule.node.target.name === stage.name)
      incoming.push(`from any stage${trigger(rule.node) ? " " + code(trigger(rule.node)) : ""}`);
  const outgoing = node.items
    .filter(
      (i): i is A.TransitionNode =>
        i.kind === "Transition" && !i.target.missing && i.target.name !== "",
    )
    .map((t) => `to ${code(t.target.name)}${trigger(t) ? " " + code(trigger(t)) : ""}`);
  if (incoming.length) details.push(`- In: ${incoming.join("; ")}`);
  if (outgoing.length) details.push(`- Out: ${outgoing.join("; ")}`);
  const sla = node.items.find((i): i is A.SlaNode => i.kind === "Sla");
  if (sla) {
    const notify = sla.notify.length
      ? `, notify ${sla.notify.map((n) => code(n.name)).join(", ")}`
      : "";
    details.push(`- SLA: ${durationText(sla.duration)} → ${code(sla.target.name)}${notify}`);
  }
  const warn = node.items.find((i): i is A.WarnNode => i.kind === "Warn");
  if (warn)
    details.push(
      `- Warn: after ${durationText(warn.duration)}${
        warn.notify.length ? `, notify ${warn.notify.map((n) => code(n.name)).join(", ")}` : ""
      }`,
    );
  if (details.length) lines.push("", ...details);
  if (node.docs) lines.push("", "---", "", escapeMarkdown(node.docs));
  return lines.join("\n");
}

function typeText(field: A.FieldDeclNode): string {
  const type =
    field.type.kind === "EnumType"
      ? field.type.values.map((v) => JSON.stringify(v.value)).join(" | ")
      : field.type.name.name;
  return type + (field.optional ? "?" : "");
}

export function fieldMarkdown(field: A.FieldDeclNode, owner: string): string {
  const lines = [`**${owner} field** ${code(field.name.name)}: ${code(typeText(field))}`];
  if (field.default)
    lines.push("", `Default: ${code(field.default.raw || JSON.stringify(field.default.value))}`);
  else if (field.optional) lines.push("", "May be unset.");
  if (field.docs) lines.push("", "---", "", escapeMarkdown(field.docs));
  return lines.join("\n");
}

export function teamMarkdown(team: TeamSymbol): string {
  const lines = [
    `**team** ${code(team.name)}` +
      (team.node.title ? ` — ${escapeMarkdown(team.node.title.value)}` : ""),
  ];
  if (team.imported) lines.push("", `Declared in ${code(team.file)}.`);
  if (team.node.docs) lines.push("", "---", "", escapeMarkdown(team.node.docs));
  return lines.join("\n");
}

export function eventMarkdown(event: EventSymbol): string {
  const lines = [`**event** ${code(event.name)}`];
  if (event.node.fields.length)
    lines.push("", ...event.node.fields.map((f) => `- ${code(f.name.name)}: ${code(typeText(f))}`));
  if (event.imported) lines.push("", `Declared in ${code(event.file)}.`);
  if (event.node.docs) lines.push("", "---", "", escapeMarkdown(event.node.docs));
  return lines.join("\n");
}

export function scoreMarkdown(score: ScoreSymbol): string {
  const lines = [`**score** ${code(score.name)}: a number`];
  const rules = score.node.rules.map(
    (r) =>
      `- ${r.points >= 0 ? "+" : ""}${r.points}${r.on ? ` on ${r.on.name}` : ""}` +
      `${r.when ? ` when ${printExpr(r.when)}` : ""}`,
  );
  if (rules.length) lines.push("", ...rules.map((r) => r.replace(/`/g, "")));
  if (score.node.docs) lines.push("", "---", "", escapeMarkdown(score.node.docs));
  return lines.join("\n");
}
