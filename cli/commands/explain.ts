// `funnel explain <funnel> --data events.jsonl --record ID`: how one record got where it is. Runs
// the events exactly as `funnel run` does, then prints the record's path, one move per line with
// its time, the event (or SLA) that caused it and the rule's line of `.funnel` source in a code
// frame; then, for the stage it is in, each rule that was tried at the last event and why it did
// not fire (the event did not match `on`, or which part of `when` was false).
import type { FunnelIR, SourceLocation, StageIR, TransitionIR } from "../../core/ir/types.js";
import { createEngine, type Outcome, type RecordView } from "../../runtime/engine.js";
import { explainCondition } from "../../runtime/explain.js";
import { addDuration, formatInstant, parseInstant } from "../../core/time.js";
import { EXIT_DIAGNOSTICS, EXIT_OK } from "../exit-codes.js";
import { colorsFor, type CliIo, type Colors } from "../io.js";
import { formatCodeFrame } from "../reporters/code-frame.js";
import { visibleText } from "../reporters/visible.js";
import { formatProblem, problem } from "../data/funnel.js";
import { openRun } from "../data/open-events.js";
import { formatRejectedLine, runEvents, type RejectedLine } from "../data/runner.js";
import { coverageRules, locationKey } from "../../runtime/scenarios.js";
import { describeDuration } from "../../core/durations.js";

export interface ExplainOptions {
  data: string;
  record: string;
  asOf?: string;
}

interface AppliedStep {
  line: number;
  event: { id?: string; type: string; at: string; data?: Record<string, unknown> };
  outcomes: Outcome[];
}

/** What `explain` gathered about one record while the whole file ran. */
export interface RecordHistory {
  steps: AppliedStep[];
  /** Outcomes of the final as-of for this record. */
  asOf: Outcome[];
  asOfTime: string | null;
  rejected: RejectedLine[];
  state?: RecordView;
}

type Move = Extract<Outcome, { type: "moved" }>;

function frame(
  sources: ReadonlyMap<string, string>,
  loc: SourceLocation,
  indent: string,
  c: Colors,
): string {
  const text = sources.get(loc.file);
  const head = `${indent}${c.cyan(`${loc.file}:${loc.line}:${loc.column}`)}\n`;
  if (!text) return head;
  return (
    head +
    formatCodeFrame(
      text,
      { line: loc.line, column: loc.column },
      { line: loc.endLine, column: loc.endColumn },
      indent + "  ",
    ) +
    "\n"
  );
}

function eventLabel(event: AppliedStep["event"]): string {
  return event.id !== undefined
    ? `event ${visibleText(String(event.id))} (${event.type})`
    : `event ${event.type}`;
}

/**
 * The rules the engine tries from a stage, in its order: `from any` first, then the stage's own.
 */
function rulesOf(ir: FunnelIR, stage: string): { rule: TransitionIR; fromAny: boolean }[] {
  const s = ir.stages.find((x) => x.name === stage);
  if (!s || s.kind === "terminal") return [];
  return [
    ...ir.fromAny.filter((t) => t.to !== stage).map((rule) => ({ rule, fromAny: true })),
    ...s.transitions.map((rule) => ({ rule, fromAny: false })),
  ];
}

export function formatExplanation(
  io: CliIo,
  ir: FunnelIR,
  sources: ReadonlyMap<string, string>,
  dataPath: string,
  recordId: string,
  history: RecordHistory,
): string {
  const c = colorsFor(io);
  // Both come from the user's data or command line: any control character in them is shown, not
  // sent.
  const data = visibleText(dataPath);
  const record = visibleText(recordId);
  const state = history.state!;
  const stageOf = (name: string) => ir.stages.find((s) => s.name === name);
  const title = (name: string) => (stageOf(name)?.title ? ` (${stageOf(name)!.title})` : "");
  const asOf = history.asOfTime ? `, as of ${history.asOfTime}` : "";
  let out = `Record ${c.bold(record)} in ${c.bold(ir.funnel.name)} (${ir.source})${asOf}:\n`;
  out += `now in \`${state.stage}\`${title(state.stage)} since ${state.enteredAt}.\n\nPath:\n`;

  /** Each rule in Funnel syntax, by source location (the key outcomes carry). */
  const ruleText = new Map(coverageRules(ir).map((r) => [r.key, r.text]));
  let n = 0;
  const moveLines = (outcomes: Outcome[], step: AppliedStep | null) => {
    let breach: Extract<Outcome, { type: "sla_breached" }> | undefined;
    for (const o of outcomes) {
      if (o.type === "sla_breached") {
        breach = o;
        continue;
      }
      if (o.type === "sla_warning") {
        const notify = o.notify.length ? `, notify ${o.notify.join(", ")}` : "";
        out +=
          `      ${o.at}  SLA warning in \`${o.stage}\` ` +
          `(${ruleText.get(locationKey(o.rule)) ?? "warn"})${notify}\n`;
        continue;
      }
      n++;
      const move: Move = o;
      const head = `  ${String(n).padStart(2)}. ${move.at}  `;
      const where = step ? `, ${data}:${step.line}` : "";
      if (move.cause.kind === "created") {
        out += `${head}created in ${c.bold(move.to)} by ${eventLabel(step!.event)}${where}\n`;
        continue;
      }
      const key = locationKey(move.cause.rule);
      const isSla = breach !== undefined && locationKey(breach.rule) === key;
      const arrow = `${move.from} → ${c.bold(move.to)}`;
      if (isSla) {
        const notify = breach!.notify.length ? `, notify ${breach!.notify.join(", ")}` : "";
        out += `${head}${arrow}: SLA breached (${ruleText.get(key) ?? "sla"})${notify}\n`;
      } else if (move.cause.kind === "sla") {
        out +=
          `${head}${arrow}: ${ruleText.get(key) ?? "rule"}, in the cascade after the ` +
          `SLA breach (no event)\n`;
      } else {
        out +=
          `${head}${arrow} by ${eventLabel(step!.event)}${where}: ` +
          `${ruleText.get(key) ?? "rule"}\n`;
      }
      out += frame(sources, move.cause.rule, "      ", c);
    }
  };
  for (const step of history.steps) moveLines(step.outcomes, step);
  moveLines(history.asOf, null);

  if (history.rejected.length) {
    out += `\nRejected events of this record (nothing of them applied):\n`;
    for (const r of history.rejected) out += "  " + formatRejectedLine(io, data, r);
  }

  // ---------------------------------------------------------------- why it stays
  const stage = stageOf(state.stage)!;
  out += "\n";
  if (stage.kind === "terminal")
    return out + `\`${stage.name}\` is a terminal stage: no rule leads out of it.\n`;
  const last = history.steps[history.steps.length - 1];
  const asOfMoves = history.asOf.filter((o) => o.type === "moved");
  const bySla = asOfMoves.length > 0;
  const entered = new Set<string>();
  if (bySla) {
    let after = false;
    for (const o of history.asOf) {
      if (o.type === "sla_breached") {
        entered.clear();
        entered.add(o.stage).add(o.to);
        after = true;
      } else if (o.type === "moved" && after) entered.add(o.to);
    }
    out +=
      `Why it stays in \`${stage.name}\`: rules tried in the cascade after the SLA breach at ` +
      `${state.enteredAt} (no event):\n`;
  } else {
    for (const o of last.outcomes)
      if (o.type === "moved" && (o.cause.kind === "event" || o.cause.kind === "created"))
        entered.add(o.to);
    out +=
      `Why it stays in \`${stage.name}\`: rules tried at the last event, ` +
      `${eventLabel(last.event)} at ${last.event.at}, ${data}:${last.line}:\n`;
  }
  const event = bySla ? null : { type: last.event.type, data: last.event.data };
  const rules = rulesOf(ir, stage.name);
  if (!rules.length) out += `  no rule leads out of \`${stage.name}\`.\n`;
  let stopped = false;
  for (const { rule } of rules) {
    const text = ruleText.get(locationKey(rule.loc)) ?? `-> ${rule.to}`;
    out += `  ${text} ${c.gray(`(${rule.loc.file}:${rule.loc.line})`)}\n    `;
    if (stopped) {
      out += "not tried: the cascade stopped at the rule above.\n";
      continue;
    }
    if (rule.on !== null && (!event || rule.on !== event.type)) {
      out += event
        ? `did not fire: it waits for event \`${rule.on}\`, and this was \`${event.type}\`.\n`
        : `did not fire: it waits for event \`${rule.on}\`, and an SLA cascade has no event.\n`;
      continue;
    }
    const verdict = rule.when
      ? explainCondition(ir, rule.when, state, event)
      : { holds: true as const };
    if (!verdict.holds) {
      const why = verdict.reason === `${verdict.failed} is false` ? "" : ` (${verdict.reason})`;
      out += `did not fire: \`${verdict.failed}\` is false${why}.\n`;
      continue;
    }
    if (entered.has(rule.to)) {
      out +=
        `matched, but the record had already entered \`${rule.to}\` in this cascade, ` +
        `and one event never enters a stage twice: the cascade stopped here.\n`;
      stopped = true;
      continue;
    }
    out += "matches now.\n";
  }
  return out + dueLines(stage, state.enteredAt, history, c);
}

/** The stage's `warn` and `sla`, each with when it was (or will be) due for the record. */
function dueLines(stage: StageIR, enteredAt: string, history: RecordHistory, c: Colors): string {
  let out = "";
  const entry = parseInstant(enteredAt);
  const asOfMs = history.asOfTime ? parseInstant(history.asOfTime) : entry;
  if (stage.warn) {
    const due = addDuration(entry, stage.warn.after);
    const warned = [...history.steps.flatMap((s) => s.outcomes), ...history.asOf].some(
      (o) => o.type === "sla_warning" && o.stage === stage.name && parseInstant(o.at) === due,
    );
    out +=
      `  ${stage.name}: warn ${describeDuration(stage.warn.after)} ` +
      `${c.gray(`(${stage.warn.loc.file}:${stage.warn.loc.line})`)}\n    `;
    out += warned
      ? `warned at ${formatInstant(due)}.\n`
      : `due at ${formatInstant(due)}, after the as-of time: not warned yet.\n`;
  }
  if (stage.sla) {
    const due = addDuration(entry, stage.sla.after);
    out +=
      `  ${stage.name}: sla ${describeDuration(stage.sla.after)} -> ${stage.sla.to} ` +
      `${c.gray(`(${stage.sla.loc.file}:${stage.sla.loc.line})`)}\n    `;
    out +=
      due <= asOfMs
        ? `due at ${formatInstant(due)}.\n`
        : `due at ${formatInstant(due)}, after the as-of time: not breached yet.\n`;
  }
  return out;
}

export async function runExplain(
  io: CliIo,
  funnelArg: string,
  options: ExplainOptions,
): Promise<number> {
  const prepared = await openRun(io, funnelArg, options.data, options.asOf);
  if ("exitCode" in prepared) return prepared.exitCode;
  const { funnel: loaded, opened } = prepared;
  const engine = createEngine(loaded.ir);
  const history: RecordHistory = { steps: [], asOf: [], asOfTime: null, rejected: [] };
  const mine = (event: unknown) =>
    typeof event === "object" &&
    event !== null &&
    (event as { record?: unknown }).record === options.record;
  const totals = await runEvents(engine, opened.items, {
    asOf: options.asOf,
    keepRejected: 0,
    onApplied(outcomes, line, event) {
      if (line === null) history.asOf = outcomes.filter((o) => o.record === options.record);
      else if (mine(event))
        history.steps.push({ line, event: event as AppliedStep["event"], outcomes });
    },
    onRejected(_line, rejected, event) {
      if (mine(event)) history.rejected.push(rejected);
    },
  });
  history.asOfTime = totals.asOf;
  history.state = engine.state(options.record);
  if (!history.state) {
    for (const r of history.rejected) io.stdout(formatRejectedLine(io, opened.shown, r));
    io.stdout(
      formatProblem(
        io,
        problem("record-not-found", {
          format: { path: opened.shown, record: JSON.stringify(options.record) },
        }),
        opened.shown,
      ),
    );
    return EXIT_DIAGNOSTICS;
  }
  io.stdout(
    formatExplanation(io, loaded.ir, loaded.funnel.sources, opened.shown, options.record, history),
  );
  return EXIT_OK;
}
