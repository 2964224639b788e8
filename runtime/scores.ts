// Scores (spec §6 step 3): points earned by `on` rules plus the `when`-only rules that hold now,
// added in written order. Each record keeps, per score, which `when`-only rules held last time (a
// bit mask), so a score is judged again only when a field or score its rules read was set in this
// step, and added up again (same order, same sum) when only its points changed.
import { namesReadByScore, scoreOrder } from "../core/ir/reads.js";
import type { FunnelIR } from "../core/ir/types.js";
import type { ScoreRule } from "./compiled-rules.js";
import { numberAt, type RecordLayout, type RecordState } from "./record-state.js";

/** More `when`-only rules than bits in a mask: such a score is judged in full every time. */
const MASK_BITS = 30;

/** What bringing scores up to date reads, built once per funnel. */
export interface ScoreTables {
  /** The scores in the order they are computed (a score after the scores it reads). */
  scoreOrder: number[];
  /** Per score, its rules without `on`. */
  whenOnly: ScoreRule[][];
  /** Per score, the record slots its `when`-only rules read. */
  whenReads: number[][];
  /** scoreReads[slot] === 1: a score must be brought up to date when `set` changes the slot. */
  scoreReads: Uint8Array;
}

/** Which slots and scores the running step changed, stamped with the step's number. */
export interface ScoreMarks {
  /** touched[field or score slot] === step: set (or changed) in that step. */
  touched: Float64Array;
  /** pointsChanged[score] === step: its `on` rules earned points in that step. */
  pointsChanged: Float64Array;
}

/**
 * The score tables of a funnel.
 * @param ir the funnel
 * @param fieldIndex the record slot of every field and score
 * @param scoreRules the compiled rules, per score
 * @param slotCount the record slots up to the last score
 * @returns the tables
 */
export function scoreTables(
  ir: FunnelIR,
  fieldIndex: ReadonlyMap<string, number>,
  scoreRules: ScoreRule[][],
  slotCount: number,
): ScoreTables {
  const whenOnly = scoreRules.map((rules) => rules.filter((r) => r.on === null));
  const whenReads = ir.scores.map((score) =>
    namesReadByScore(score, "when-only").flatMap((name) =>
      fieldIndex.has(name) ? [fieldIndex.get(name)!] : [],
    ),
  );
  const scoreReads = new Uint8Array(slotCount);
  for (const reads of whenReads) for (const slot of reads) scoreReads[slot] = 1;
  if (whenOnly.some((rules) => rules.length > MASK_BITS)) scoreReads.fill(1);
  return { scoreOrder: scoreOrder(ir), whenOnly, whenReads, scoreReads };
}

/**
 * Brings every score of a record up to date with the step `step`.
 * @param tables the funnel's score tables and record layout
 * @param marks what the step changed
 * @param record the record
 * @param step the step's number
 * @param all judge every rule (a new or restored record)
 */
export function refreshScores(
  tables: ScoreTables & RecordLayout,
  marks: ScoreMarks,
  record: RecordState,
  step: number,
  all: boolean,
): void {
  const { scoreOrder, whenOnly, whenReads, scoresStart } = tables;
  const { touched, pointsChanged } = marks;
  for (let i = 0; i < scoreOrder.length; i++) {
    const score = scoreOrder[i];
    let dirty = all || whenOnly[score].length > MASK_BITS;
    if (!dirty) {
      const reads = whenReads[score];
      for (let k = 0; k < reads.length; k++) if (touched[reads[k]] === step) dirty = true;
    }
    if (!dirty && pointsChanged[score] !== step) continue;
    const total = scoreTotal(tables, record, score, dirty);
    if (record[scoresStart + score] !== total) {
      record[scoresStart + score] = total;
      touched[scoresStart + score] = step;
    }
  }
}

/**
 * A score's total: its points plus the `when`-only rules that hold, judged now (keeping the mask
 * of those that held) or, when `judge` is false, as they held when last judged (by the mask).
 */
function scoreTotal(
  tables: ScoreTables & RecordLayout,
  record: RecordState,
  score: number,
  judge: boolean,
): number {
  const { pointsStart, masksStart, whenOnly } = tables;
  const rules = whenOnly[score];
  let total = numberAt(record, pointsStart + score);
  let mask = judge ? 0 : numberAt(record, masksStart + score);
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k];
    if (!judge) {
      if (mask & (1 << k)) total += rule.points;
    } else if (rule.when === null || rule.when(record, undefined)) {
      total += rule.points;
      if (k < MASK_BITS) mask |= 1 << k;
    }
  }
  if (judge) record[masksStart + score] = mask;
  return total;
}
