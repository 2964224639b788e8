// Scores (spec §6 step 3): `when`-only rules are summed on every change, `on` rules earn points
// when their event happens. Each record keeps, per score, which `when`-only rules held (`m_`, a
// bit mask): a score is re-judged only when a field or score its rules read changed, and re-added
// in the same order (the same sum) when only its points changed, as the engine does.
import { namesReadByScore, scoreOrder } from "../../../core/ir/reads.js";
import type { FunnelIR, ScoreIR } from "../../../core/ir/types.js";
import { code, join, name, type Code } from "../code.js";
import { conditionCode } from "./conditions.js";
import type { ModuleBuilder } from "./module-builder.js";
import { maskSlot, pointsSlot, scoreSlot, setBit } from "./slots.js";

/** A score with more `when`-only rules than this keeps no mask: it is judged on every change. */
const MASK_BITS = 30;

const whenOnlyRules = (score: ScoreIR) => score.rules.filter((rule) => rule.on === null);
const isMasked = (score: ScoreIR) => whenOnlyRules(score).length <= MASK_BITS;

/**
 * Whether any score keeps a mask, and so reads EARNED.
 * @param ir the funnel
 * @returns true when EARNED is declared and filled
 */
export function usesEarned(ir: FunnelIR): boolean {
  return ir.scores.some(isMasked);
}

/**
 * computeScores: every score from current values, in dependency order.
 * @param module the module being generated
 * @returns the function's declaration
 */
export function computeScoresCode(module: ModuleBuilder): Code {
  const { ir } = module;
  const hasScores = ir.scores.length > 0;
  const scoreNumber = new Map(ir.scores.map((score, i) => [score.name, i]));
  const scoresRead = (score: ScoreIR) =>
    namesReadByScore(score, "when-only").flatMap((n) =>
      scoreNumber.has(n) ? [scoreNumber.get(n)!] : [],
    );
  /** The scores other scores' `when` rules read: their change is recorded. */
  const readByOthers = new Set(ir.scores.flatMap(scoresRead));
  const parameters = hasScores
    ? code`r: RecordState, all: boolean, fromSet: boolean`
    : code`_r: RecordState, _all: boolean, _fromSet: boolean`;
  const scores = scoreOrder(ir).map((i) =>
    scoreCode(module, i, scoresRead(ir.scores[i]), readByOthers.has(i)),
  );
  return code`
    /**
     * Spec §6 step 3: every score from current values (\`when\`-only rules that hold now, plus
     * points earned).
     */
    function computeScores(${parameters}): void {
      ${hasScores ? code`let t: number;` : code``}
      ${usesEarned(ir) ? code`let m: number;` : code``}
      ${scores}
    }
  `;
}

/** The code that computes score number `i` into `r`. */
function scoreCode(
  module: ModuleBuilder,
  i: number,
  readScores: readonly number[],
  readByOthers: boolean,
): Code {
  const { ir } = module;
  const score = ir.scores[i]!;
  const whenOnly = whenOnlyRules(score);
  const masked = isMasked(score);
  const judged = whenOnly.map((rule, k) => {
    const test = rule.when
      ? conditionCode(rule.when, { module, on: null, usesData: { value: false } })
      : null;
    const add = masked ? code`t += ${rule.points}; m |= ${2 ** k};` : code`t += ${rule.points};`;
    return test ? code`if (${test}) { ${add} }` : add;
  });
  const judge = code`
    t = r.${pointsSlot(score.name)};
    ${masked ? code`m = 0;` : code``}
    ${judged}
    ${masked ? code`r.${maskSlot(score.name)} = m;` : code``}
  `;
  const record = readByOthers
    ? code`const changed${i} = t !== r.${scoreSlot(score.name)};`
    : code``;
  if (!masked) {
    return code`
      // ${name(score.name)}
      ${judge}
      ${record}
      r.${scoreSlot(score.name)} = t;
    `;
  }
  return code`
    // ${name(score.name)}
    if (${dirtyTest(module, score, readScores)}) {
      ${judge}
    } else if (!fromSet && EARNED[${i}] === 1) {
      t = r.${pointsSlot(score.name)};
      m = r.${maskSlot(score.name)};
      ${whenOnly.map((rule, k) => code`if (m & ${2 ** k}) t += ${rule.points};`)}
    } else t = r.${scoreSlot(score.name)};
    ${record}
    r.${scoreSlot(score.name)} = t;
  `;
}

/** When a masked score must be judged again: always, or a field or score it reads changed. */
function dirtyTest(module: ModuleBuilder, score: ScoreIR, readScores: readonly number[]): Code {
  const fieldNumber = new Map(module.ir.fields.map((f, i) => [f.name, i]));
  const words = new Map<number, number>();
  for (const n of namesReadByScore(score, "when-only")) {
    const f = fieldNumber.get(n);
    if (f === undefined) continue;
    const { word, bit } = setBit(f);
    words.set(word, (words.get(word) ?? 0) + bit);
  }
  return join(
    [
      code`all`,
      ...[...words].map(([word, bits]) => code`(fromSet && (SET[${word}]! & ${bits}) !== 0)`),
      ...readScores.map((j) => code`changed${j}`),
    ],
    " || ",
  );
}

/**
 * earn: the points of event `ev`'s `on` rules whose `when` holds.
 * @param module the module being generated
 * @returns the function's declaration; null when no score has `on` rules (apply() then calls
 *   no earn())
 */
export function earnCode(module: ModuleBuilder): Code | null {
  const { ir } = module;
  let usesData = false;
  const cases = [...module.eventNumber.entries()]
    .filter(
      ([eventName, n]) => n !== 0 && ir.scores.some((s) => s.rules.some((r) => r.on === eventName)),
    )
    .map(([eventName, n]) => {
      const earned = ir.scores.flatMap((score, i) =>
        score.rules
          .filter((rule) => rule.on === eventName)
          .map((rule) => {
            const scope = { module, on: rule.on, usesData: { value: false } };
            const test = rule.when ? conditionCode(rule.when, scope) : null;
            usesData ||= scope.usesData.value;
            const body = usesEarned(ir)
              ? code`r.${pointsSlot(score.name)} += ${rule.points}; EARNED[${i}] = 1;`
              : code`r.${pointsSlot(score.name)} += ${rule.points};`;
            return test
              ? code`if (${test}) { ${body} earned = true; }`
              : code`${body} earned = true;`;
          }),
      );
      return code`
        case ${n}: // ${name(eventName)}
          ${earned}
          return earned;
      `;
    });
  if (!cases.length) return null;
  return code`
    /**
     * Points of the \`on\` rules of event \`ev\` whose \`when\` holds now; whether any were earned.
     */
    function earn(r: RecordState, ev: number,
      ${usesData ? code`d` : code`_d`}: DataSlots): boolean {
      let earned = false;
      ${usesEarned(ir) ? code`EARNED.fill(0);` : code``}
      switch (ev) {
        ${cases}
        default:
          return false;
      }
    }
  `;
}
