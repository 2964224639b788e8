// An engine's records as JSON and back: the view `engine.state()` returns, and snapshots, which
// restore into an engine that behaves identically.
import type { FunnelIR } from "../core/ir/types.js";
import { formatInstant, parseInstant } from "../core/time.js";
import { coerceJson, toJsonValue, type Value } from "../core/values.js";
import type { EngineSnapshot, RecordView } from "./api-types.js";
import type { EngineCore } from "./engine-core.js";
import {
  EVENT_IDS,
  PATH,
  STAGE,
  VALUES_START,
  WARNED,
  enteredAt,
  lastEventAt,
  numberAt,
  valueAt,
} from "./record-state.js";

/**
 * A record as `engine.state()` shows it.
 * @param core the engine
 * @param ir its funnel
 * @param recordId the record's id
 * @returns its stage, times, fields, scores and path; undefined for an unknown record
 */
export function recordView(
  core: EngineCore,
  ir: FunnelIR,
  recordId: string,
): RecordView | undefined {
  const record = core.records.get(recordId);
  if (!record) return undefined;
  const { stages, scoresStart } = core.tables;
  const path = core.paths.read(record[PATH], (stage, at): RecordView["path"][number] => ({
    stage: stages[stage].name,
    at: formatInstant(at),
  }));
  return {
    id: recordId,
    stage: stages[record[STAGE]].name,
    enteredAt: formatInstant(enteredAt(record)),
    lastEventAt: formatInstant(lastEventAt(record)),
    fields: Object.fromEntries(
      ir.fields.map((f, i) => [f.name, toJsonValue(valueAt(record, VALUES_START + i), f.type)]),
    ),
    scores: Object.fromEntries(
      ir.scores.map((s, i) => [s.name, numberAt(record, scoresStart + i)]),
    ),
    path,
  };
}

/**
 * Everything an engine holds, as JSON.
 * @param core the engine
 * @param ir its funnel
 * @returns the snapshot
 */
export function snapshotOf(core: EngineCore, ir: FunnelIR): EngineSnapshot {
  const { stages, scoresStart, pointsStart, masksStart } = core.tables;
  return {
    version: 1,
    funnel: ir.funnel.name,
    counters: JSON.parse(JSON.stringify(core.counters)),
    records: [...core.records].map(([id, record]) => ({
      id,
      stage: stages[record[STAGE]].name,
      entered: formatInstant(enteredAt(record)),
      last: formatInstant(lastEventAt(record)),
      warned: record[WARNED],
      values: record
        .slice(VALUES_START, scoresStart)
        .map((value, i) => toJsonValue(value as Value, ir.fields[i].type)),
      points: record.slice(pointsStart, masksStart) as number[],
      path: core.paths.read(record[PATH], (stage, at): [string, string] => [
        stages[stage].name,
        formatInstant(at),
      ]),
      ids: record[EVENT_IDS] ? [...record[EVENT_IDS]] : [],
    })),
  };
}

/**
 * Puts a snapshot's counters and records into a fresh engine.
 * @param core the engine (of the snapshot's funnel)
 * @param ir its funnel
 * @param saved the snapshot
 * @throws Error when the snapshot is of another funnel or names a stage the funnel lacks
 */
export function restoreSnapshot(core: EngineCore, ir: FunnelIR, saved: EngineSnapshot): void {
  if (saved.version !== 1 || saved.funnel !== ir.funnel.name)
    throw new Error(
      `snapshot is of funnel ${JSON.stringify(saved.funnel)}, ` +
        `not ${JSON.stringify(ir.funnel.name)}`,
    );
  const { stageIndex, pointsStart } = core.tables;
  Object.assign(core.counters, JSON.parse(JSON.stringify(saved.counters)));
  for (const saving of saved.records) {
    const stage = stageIndex.get(saving.stage);
    if (stage === undefined)
      throw new Error(`snapshot names unknown stage ${JSON.stringify(saving.stage)}`);
    let path = -1;
    for (const [name, at] of saving.path) {
      const step = stageIndex.get(name);
      if (step === undefined)
        throw new Error(
          `snapshot names unknown stage ${JSON.stringify(name)} ` +
            `in the path of record ${JSON.stringify(saving.id)}`,
        );
      path = core.paths.add(step, parseInstant(at), path);
    }
    const entered = parseInstant(saving.entered);
    const record = core.newRecord(stage, entered, parseInstant(saving.last), path);
    saving.values.forEach(
      (value, i) =>
        (record[VALUES_START + i] = (
          coerceJson(value, ir.fields[i].type) as { value: Value }
        ).value),
    );
    saving.points.forEach((points, i) => (record[pointsStart + i] = points));
    record[WARNED] = saving.warned;
    record[EVENT_IDS] = saving.ids.length ? [...saving.ids] : undefined;
    core.refreshAllScores(record);
    core.records.set(saving.id, record);
  }
}
