// createFunnel, the module's entry: a runner's records, path log and counters, and its API with
// the engine's behaviour (apply with its checks in the engine's order, advanceTo, state,
// snapshot and restore).
import { code, join, literal, type Code } from "../code.js";
import type { ModuleBuilder } from "./module-builder.js";
import { pointsSlot } from "./slots.js";

/** What the runner's code depends on that other sections decide. */
export interface RunnerParts {
  /** The number of the stage every record starts in. */
  initial: number;
  /** Whether apply() calls earn() (some score has `on` rules). */
  earns: boolean;
  /** The words of SET. */
  setWords: number;
  /** A record's values as a snapshot holds them (records.ts). */
  snapshotValues: Code;
  /** The properties of a restored record (records.ts). */
  restoredSlots: Code;
}

/**
 * The input checks shared by every runner, and createFunnel.
 * @param module the module being generated
 * @param parts what other sections decided
 * @returns the declarations
 */
export function runnerCode(module: ModuleBuilder, parts: RunnerParts): Code {
  return code`
    const EMPTY: Record<string, unknown> = {};

    /**
     * Creates a runner of this funnel.
     * @param snapshot optional state to resume from (from \`snapshot()\` of this module or of the
     * funnelc engine)
     */
    export function createFunnel(snapshot?: FunnelSnapshot): Funnel {
      const records = new Map<string, RecordState>();
      const paths = new PathLog();
      const counts: Counters = { applied: 0, duplicate: 0, rejected: {} };

      const reject = (reason: RejectReason, message: string): ApplyResult => {
        counts.rejected[reason] = (counts.rejected[reason] ?? 0) + 1;
        return { status: "rejected", reason, message, outcomes: [] };
      };

      ${applyCode(module, parts)}

      const advanceTo = (time: string): Outcome[] => {
        const until = parseInstant(time);
        if (!Number.isFinite(until))
          throw new RangeError("advanceTo needs a datetime with a zone, not " +
            JSON.stringify(time));
        const outcomes: Outcome[] = [];
        for (const [id, r] of records) runSlas(id, r, until, outcomes, paths);
        return outcomes;
      };

      const state = (recordId: string): RecordView | undefined => {
        const r = records.get(recordId);
        if (!r) return undefined;
        const path = paths.read(r.path, (stage, at): RecordView["path"][number] =>
          ({ stage: STAGE_NAMES[stage]!, at: formatInstant(at) }));
        return {
          id: recordId,
          stage: STAGE_NAMES[r.stage]!,
          enteredAt: formatInstant(r.entered),
          lastEventAt: formatInstant(r.last),
          fields: fieldsOf(r),
          scores: scoresOf(r),
          path,
        };
      };

      ${snapshotCode(module, parts)}

      return {
        apply,
        advanceTo,
        state,
        recordIds: () => records.keys(),
        counters: () => JSON.parse(JSON.stringify(counts)),
        snapshot: snapshotOf,
      };
    }
  `;
}

/** apply: the checks of an event, then SLAs due, `set`, scores, transitions (spec §6). */
function applyCode(module: ModuleBuilder, parts: RunnerParts): Code {
  const initialStage = literal(module.ir.initialStage);
  const earn = parts.earns
    ? code`if (ev !== 0 && earn(r, ev, d)) computeScores(r, false, false);`
    : code``;
  return code`
    const apply = (input: FunnelEvent): ApplyResult => {
      if (!isObject(input)) return reject("invalid_event", "an event must be a JSON object");
      const event = input as { id?: unknown; record?: unknown; at?: unknown; type?: unknown;
        data?: unknown; set?: unknown };
      const id = event.record;
      if (typeof id !== "string" || id === "") {
        // A misspelt key comes first: \`recrd\` is better reported as itself than as a missing
        // record.
        const problem: Rejection = unknownKey(event) ?? ["missing_record", missingRecordMessage(id)];
        return reject(problem[0], problem[1]);
      }
      // Looked up first: the lookup and the first read of the record mostly wait for memory (in a
      // large runner), and the checks below do not depend on it, so the processor runs them
      // meanwhile.
      let r = records.get(id);
      const badKey = unknownKey(event);
      if (badKey !== undefined) return reject(badKey[0], badKey[1]);
      const at = typeof event.at === "string" ? parseInstant(event.at) : NaN;
      if (!Number.isFinite(at)) return reject("bad_timestamp", badTimestampMessage(event.at));
      const type = event.type;
      const ev = typeof type === "string" ? eventNumber(type) : -1;
      if (ev < 0) {
        const problem = unknownType(type);
        return reject(problem[0], problem[1]);
      }
      const shapeProblem = eventShapeProblem(event.id, event.data, event.set);
      if (shapeProblem !== undefined) return reject("invalid_event", shapeProblem);
      // eventShapeProblem has found \`id\` to be text or absent.
      const eventId = event.id as string | undefined;
      const d = D;
      let problem = readData(ev, (event.data ?? EMPTY) as Record<string, unknown>, d);
      if (problem) return reject(problem[0], problem[1]);
      const c = C;
      ${parts.setWords === 1 ? code`SET[0] = 0;` : code`SET.fill(0);`}
      if (event.set !== undefined) {
        problem = readSet(event.set as Record<string, unknown>, c);
        if (problem) return reject(problem[0], problem[1]);
      }

      const eventType = type as EventType;
      // One scratch list for every event (most events move nothing): copied out when not empty.
      const outcomes = SCRATCH;
      outcomes.length = 0;
      // Stages this event entered: its cascade never enters one twice (spec §6).
      const gen = ++cascadeGen;
      const created = r === undefined;
      if (r) {
        if (eventId !== undefined && at === r.last && r.ids !== undefined &&
          r.ids.includes(eventId)) {
          counts.duplicate++;
          return { status: "duplicate", outcomes: [] };
        }
        if (at < r.last) return reject("out_of_order", "this event (" + event.at +
          ") is older than the record's last event (" + formatInstant(r.last) + ")");
        runSlas(id, r, at, outcomes, paths);
      } else {
        r = newRecord(at, paths.add(${parts.initial}, at, -1));
        records.set(id, r);
        // Creating the record enters the initial stage, so this event cannot re-enter it.
        ENTERED[${parts.initial}] = gen;
        outcomes.push({ type: "moved", record: id, from: null, to: ${initialStage},
          at: formatInstant(at), cause: { kind: "created", event: eventId ?? null, eventType } });
      }
      applySet(r, c);
      computeScores(r, created, true);
      ${earn}
      cascade(id, r, at, ev, eventType, eventId ?? null, d, gen, outcomes, paths);
      if (at !== r.last) {
        r.last = at;
        r.ids = undefined;
      }
      if (eventId !== undefined) {
        if (r.ids === undefined) r.ids = [eventId];
        else r.ids.push(eventId);
      }
      counts.applied++;
      return outcomes.length === 0 ? APPLIED_NOTHING
        : { status: "applied", outcomes: outcomes.slice() };
    };
  `;
}

/** snapshotOf, and the restore of a snapshot given to createFunnel. */
function snapshotCode(module: ModuleBuilder, parts: RunnerParts): Code {
  const points = join(
    module.ir.scores.map((s) => code`r.${pointsSlot(s.name)}`),
    ", ",
  );
  return code`
    const snapshotOf = (): FunnelSnapshot => ({
      version: 1,
      funnel: FUNNEL_NAME,
      counters: JSON.parse(JSON.stringify(counts)),
      records: [...records].map(([id, r]) => ({
        id,
        stage: STAGE_NAMES[r.stage]!,
        entered: formatInstant(r.entered),
        last: formatInstant(r.last),
        warned: r.warned,
        values: [${parts.snapshotValues}],
        points: [${points}],
        path: paths.read(r.path, (stage, at): [string, string] =>
          [STAGE_NAMES[stage]!, formatInstant(at)]),
        ids: r.ids ? [...r.ids] : [],
      })),
    });

    if (snapshot) {
      if (snapshot.version !== 1 || snapshot.funnel !== FUNNEL_NAME)
        throw new Error("snapshot is of funnel " + JSON.stringify(snapshot.funnel) + ", not " +
          JSON.stringify(FUNNEL_NAME));
      Object.assign(counts, JSON.parse(JSON.stringify(snapshot.counters)));
      for (const saved of snapshot.records) {
        const stage = stageNumber(saved.stage);
        if (stage < 0)
          throw new Error("snapshot names unknown stage " + JSON.stringify(saved.stage));
        let path = -1;
        for (const [s, at] of saved.path) {
          const step = stageNumber(s);
          if (step < 0) throw new Error("snapshot names unknown stage " + JSON.stringify(s) +
            " in the path of record " + JSON.stringify(saved.id));
          path = paths.add(step, parseInstant(at), path);
        }
        const r: RecordState = {
          stage,
          entered: parseInstant(saved.entered),
          last: parseInstant(saved.last),
          warned: saved.warned,
          path,
          ids: saved.ids.length ? [...saved.ids] : undefined,
          ${parts.restoredSlots}
        };
        computeScores(r, true, true);
        records.set(saved.id, r);
      }
    }
  `;
}
