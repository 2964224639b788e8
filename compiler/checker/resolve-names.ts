// Name resolution (spec §5): a reference to a stage, event or team finds its declaration and is
// recorded on it (for "unused" hints and the editor's references), or is reported as unknown.
import type * as A from "../../grammar/ast.js";
import { spanOf } from "../../grammar/ast.js";
import { createDiagnostic, type Diagnostic, type Span } from "../../core/diagnostics/diagnostic.js";
import { suggestName } from "../../core/suggest.js";
import type { EventSymbol, FunnelSymbol, StageSymbol } from "../binder.js";
import type { CheckContext } from "./check-context.js";

type UnknownName = "unknown-stage" | "unknown-field" | "unknown-event" | "unknown-team";
/** Diagnostics of something unknown by name, whose message may end in "did you mean …?". */
type Unknown = UnknownName | "unknown-type" | "unknown-event-field" | "unknown-duration-unit";
/** createDiagnostic for any of them: each has a `didYouMean` message with these parameters. */
const createUnknown = createDiagnostic as (
  name: Unknown,
  options: {
    messageId?: "didYouMean";
    format: { name: string; event?: string; suggestion?: string };
    file: string;
    span: Span;
    suggestion?: string;
  },
) => Diagnostic;

/**
 * Records a use of a symbol, if there is one.
 * @param symbol the declaration a reference found, or undefined
 * @param file the file of the reference
 * @param span where the reference is
 * @returns the symbol
 */
export function recordUse<N>(
  symbol: FunnelSymbol<N> | undefined,
  file: string,
  span: Span,
): FunnelSymbol<N> | undefined {
  symbol?.references.push({ file, span });
  return symbol;
}

/**
 * Reports a reference that found no declaration, with a "did you mean" when one is close. Says
 * nothing for a name the parser lost, or one that may be declared out of the checker's sight.
 * @param ctx the check of this funnel
 * @param name which kind of name it is
 * @param ref the reference
 * @param file the file of the reference
 * @param candidates the declared names of that kind
 */
export function reportUnknownName(
  ctx: CheckContext,
  name: UnknownName,
  ref: A.NameNode,
  file: string,
  candidates: Iterable<string>,
): void {
  if (ref.missing || ref.name === "" || ctx.isDeclaredOutOfSight(ref.name)) return;
  reportUnknown(ctx, name, { name: ref.name }, candidates, file, spanOf(ref));
}

/**
 * Reports something unknown by name: with "did you mean" when one of the candidates is close.
 * @param ctx the check of this funnel
 * @param name which diagnostic
 * @param format the message's parameters: the unknown name (and the event, for an event field)
 * @param candidates the names it could have meant
 * @param file the file it is written in
 * @param span where it is written
 */
export function reportUnknown(
  ctx: CheckContext,
  name: Unknown,
  format: { name: string; event?: string },
  candidates: Iterable<string>,
  file: string,
  span: Span,
): void {
  const suggestion = suggestName(format.name, candidates);
  ctx.report(
    suggestion
      ? createUnknown(name, {
          messageId: "didYouMean",
          format: { ...format, suggestion },
          file,
          span,
          suggestion,
        })
      : createUnknown(name, { format, file, span }),
  );
}

/**
 * Resolves a team name (an `owner` or a `notify`).
 * @param ctx the check of this funnel
 * @param ref the name
 * @param file the file it is written in
 */
export function resolveTeam(ctx: CheckContext, ref: A.NameNode, file: string): void {
  const { teams } = ctx.symbols;
  const team = recordUse(teams.get(ref.name), file, spanOf(ref));
  if (!team) reportUnknownName(ctx, "unknown-team", ref, file, teams.keys());
}

/**
 * Resolves a stage name (a transition's or an SLA's target).
 * @param ctx the check of this funnel
 * @param ref the name
 * @param file the file it is written in
 * @returns the stage, or undefined when it is unknown
 */
export function resolveStage(
  ctx: CheckContext,
  ref: A.NameNode,
  file: string,
): StageSymbol | undefined {
  const { stages } = ctx.symbols;
  const stage = recordUse(stages.get(ref.name), file, spanOf(ref));
  if (!stage) reportUnknownName(ctx, "unknown-stage", ref, file, stages.keys());
  return stage;
}

/**
 * Resolves the event of an `on` clause.
 * @param ctx the check of this funnel
 * @param ref the name
 * @param file the file it is written in
 * @returns the event, or undefined when it is unknown or the built-in `update`
 */
export function resolveEvent(
  ctx: CheckContext,
  ref: A.NameNode,
  file: string,
): EventSymbol | undefined {
  // `update` is built in (spec §6): `on update` needs no declaration and has no data fields.
  if (ref.name === "update") return undefined;
  const { events } = ctx.symbols;
  const event = recordUse(events.get(ref.name), file, spanOf(ref));
  if (!event) reportUnknownName(ctx, "unknown-event", ref, file, events.keys());
  return event;
}
