// SLAs and warnings (spec §6 step 1): per stage, the warning and the breach due by a time, each
// at its own due time; a breach moves the record and cascades from there.
import type { DurationIR, FunnelIR, StageIR } from "../../../core/ir/types.js";
import { EXACT_UNIT_MS } from "../../../core/durations.js";
import { calendarMonths } from "../../../core/time.js";
import { code, literal, name, type Code } from "../code.js";
import type { ModuleBuilder } from "./module-builder.js";
import { locCode, stringList } from "./values-code.js";

/**
 * Whether any stage has an SLA that can breach (and move a record without an event).
 * @param ir the funnel
 * @returns true when some non-terminal stage has an SLA
 */
export function hasBreaches(ir: FunnelIR): boolean {
  return ir.stages.some((stage) => stage.kind !== "terminal" && stage.sla);
}

/**
 * Adds a duration to the instant `from` (code), as core/time.ts `addDuration` does.
 * @param module the module being generated (addMonths becomes a helper it uses)
 * @param from code of epoch milliseconds
 * @param duration the SLA's or warning's duration
 * @returns code of epoch milliseconds
 */
export function addDurationCode(module: ModuleBuilder, from: Code, duration: DurationIR): Code {
  const exact = EXACT_UNIT_MS[duration.unit];
  if (exact !== undefined) return code`${from} + ${duration.amount * exact}`;
  module.helpers.add("addMonths");
  return code`addMonths(${from}, ${calendarMonths(duration)})`;
}

/** The warning of a stage, when it has one and it is due before the deadline. */
function warningCode(module: ModuleBuilder, stage: StageIR): Code {
  if (!stage.warn) return code``;
  return code`
    if (!r.warned) {
      const due = ${addDurationCode(module, code`r.entered`, stage.warn.after)};
      if (due <= until && due < deadline) {
        out.push({ type: "sla_warning", record: id, stage: ${literal(stage.name)},
          at: formatInstant(due), notify: ${stringList(stage.warn.notify)},
          rule: ${locCode(stage.warn.loc)} });
        r.warned = true;
      }
    }
  `;
}

/** The `case` of stage `i`: its warning, then its breach; none when it has neither. */
function stageCase(module: ModuleBuilder, stage: StageIR, i: number): Code[] {
  if (stage.kind === "terminal" || (!stage.sla && !stage.warn)) return [];
  const warn = warningCode(module, stage);
  if (!stage.sla) {
    return [
      code`
        case ${i}: { // ${name(stage.name)}
          const deadline = Infinity;
          ${warn}
          return;
        }
      `,
    ];
  }
  const deadline = addDurationCode(module, code`r.entered`, stage.sla.after);
  const to = module.stageNumberOf(stage.sla.to);
  return [
    code`
      case ${i}: { // ${name(stage.name)}
        const deadline = ${deadline};
        ${warn}
        if (deadline > until) return;
        const rule: SourceLocation = ${locCode(stage.sla.loc)};
        out.push({ type: "sla_breached", record: id, stage: ${literal(stage.name)},
          at: formatInstant(deadline), to: ${literal(stage.sla.to)},
          notify: ${stringList(stage.sla.notify)}, rule });
        enter(id, r, ${to}, deadline, { kind: "sla", rule: { ...rule } }, out, paths);
        // The stage the SLA moved the record out of counts as entered (spec §6).
        const gen = ++cascadeGen;
        ENTERED[${i}] = gen;
        ENTERED[${to}] = gen;
        cascade(id, r, deadline, -1, null, null, NO_DATA, gen, out, paths);
        continue;
      }
    `,
  ];
}

/**
 * runSlas: the warnings and breaches due at or before `until`, each at its own time.
 * @param module the module being generated
 * @returns the function's declaration
 */
export function runSlasCode(module: ModuleBuilder): Code {
  const { ir } = module;
  const cases = ir.stages.flatMap((stage, i) => stageCase(module, stage, i));
  const used = (parameter: string) => (cases.length ? name(parameter) : name(parameter, "_"));
  return code`
    /** Spec §6 step 1: warnings and breaches due at or before \`until\`, each at its own time. */
    function runSlas(${used("id")}: string, r: RecordState, ${used("until")}: number,
      ${used("out")}: Outcome[], ${hasBreaches(ir) ? code`paths` : code`_paths`}: PathLog): void {
      for (;;) {
        switch (r.stage) {
          ${cases}
          default:
            return;
        }
      }
    }
  `;
}
