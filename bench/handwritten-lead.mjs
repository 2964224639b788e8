// Hand-written evaluator of examples/lead-to-revenue.funnel: the practical limit an engine can
// be compared with. Same API and same meaning as runtime/engine.ts (spec §6): the same
// validation and rejection reasons, SLAs first (6 months with end-of-month clamping at MQL,
// 30 days with the 25-day warning at SAL), `set`, the lead score, then the cascade from
// `from any` and the stage's own rules; the same outcomes (`moved`, `sla_warning`,
// `sla_breached`) with the same causes and source locations. A switch over the stage, the
// fields in one small object per record, no history kept beyond what the rules need (the
// engine also keeps each record's path for `state()`; this one does not).
//
// The time and validation helpers are exported for bench/xstate-lead.mjs, so that the XState
// contender differs from this one only in how the funnel itself is run.

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const FILE = "examples/lead-to-revenue.funnel";
const loc = (line, column, endColumn) => ({ file: FILE, line, column, endLine: line, endColumn });

// Stages, in the order of the funnel.
const ANONYMOUS = 0;
const KNOWN = 1;
const RESPONDED = 2;
const MQL = 3;
const SAL = 4;
const SQL = 5;
const OPPORTUNITY = 6;
const WON = 7;
const LOST = 8;
const RECYCLED = 9;
const DISQUALIFIED = 10;
export const STAGE_NAMES = [
  "anonymous",
  "known",
  "responded",
  "mql",
  "sal",
  "sql",
  "opportunity",
  "won",
  "lost",
  "recycled",
  "disqualified",
];

// Rules (source locations in the .funnel file).
export const RULES = {
  anyDisqualified: loc(40, 5, 38),
  anonymousKnown: loc(46, 5, 31),
  knownResponded: loc(52, 5, 35),
  respondedMql: loc(58, 5, 34),
  mqlSal: loc(67, 5, 32),
  mqlSla: loc(68, 5, 46),
  salSql: loc(74, 5, 26),
  salSla: loc(75, 5, 50),
  salWarn: loc(76, 5, 28),
  sqlOpportunity: loc(82, 5, 74),
  opportunityWon: loc(88, 5, 32),
  opportunityLost: loc(89, 5, 52),
  recycledMql: loc(98, 5, 34),
};
const NOTIFY_MQL_SLA = ["marketing"];
const NOTIFY_SAL_SLA = ["sdr", "marketing"];
const NOTIFY_SAL_WARN = ["sdr"];

// Event kinds.
export const UPDATE = 0;
export const WEB_VISIT = 1;
export const FORM_SUBMITTED = 2;
export const MEETING_SCHEDULED = 3;

// ---------------------------------------------------------------- time (UTC, epoch ms)

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysIn = (y, m) =>
  m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
const digit = (s, i) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const two = (s, i) => digit(s, i) * 10 + digit(s, i + 1);

/** `YYYY-MM-DDTHH:MM[:SS[.fff…]](Z|±hh:mm)` → epoch ms; NaN when malformed or impossible. */
export function parseInstant(s) {
  const n = s.length;
  if (
    n < 17 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58
  )
    return NaN;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  const h = two(s, 11);
  const mi = two(s, 14);
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    sec = two(s, i + 1);
    i += 3;
    if (s.charCodeAt(i) === 46) {
      i++;
      let digits = 0;
      while (i < n && digits < 9) {
        const c = digit(s, i);
        if (c !== c) break;
        if (digits < 3) ms = ms * 10 + c;
        digits++;
        i++;
      }
      if (digits === 0) return NaN;
      for (let k = digits; k < 3; k++) ms *= 10;
    }
  }
  let offset = 0;
  const z = s.charCodeAt(i);
  if (z === 90 /* Z */) {
    if (i + 1 !== n) return NaN;
  } else if (z === 43 || z === 45) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return NaN;
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (!(oh <= 23 && om <= 59)) return NaN;
    offset = (z === 45 ? -1 : 1) * (oh * 60 + om) * MINUTE;
  } else return NaN;
  // (NaN fails every comparison below.)
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && sec <= 59))
    return NaN;
  return utc(y, mo - 1, d, h, mi, sec, ms) - offset;
}

/** Date.UTC, except that years 0-99 are those years (Date.UTC reads them as 1900-1999). */
const utc = (y, mo, d, h, mi, s, ms) =>
  y >= 0 && y <= 99
    ? Date.UTC(y + 400, mo, d, h, mi, s, ms) - 146_097 * DAY
    : Date.UTC(y, mo, d, h, mi, s, ms);

/** Whether `YYYY-MM-DD` names a real day. */
export function isDate(s) {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = two(s, 0) * 100 + two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/**
 * Epoch ms + calendar months, clamping the day to the end of the target month (Jan 31 + 1 = Feb
 * 28/29).
 */
export function addMonths(ms, months) {
  // Civil date from days (H. Hinnant's algorithm), no Date object.
  const days = Math.floor(ms / DAY);
  const timeOfDay = ms - days * DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  return utc(ny, nm, Math.min(d, daysIn(ny, nm + 1)), 0, 0, 0, 0) + timeOfDay;
}

// ISO output as toISOString writes it, without a Date object (several times faster), for the
// years 0000-9999; the last result is remembered (an event's moves share its time).
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
let lastMs = NaN;
let lastIso = "";
export function iso(ms) {
  if (ms === lastMs) return lastIso;
  if (!(ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999 && Number.isInteger(ms)))
    return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const hh = Math.floor(rest / 3_600_000);
  rest -= hh * 3_600_000;
  const mm = Math.floor(rest / MINUTE);
  rest -= mm * MINUTE;
  const ss = Math.floor(rest / 1000);
  lastIso =
    (y >= 1000 ? String(y) : PAD3[y].padStart(4, "0")) +
    "-" +
    PAD2[m] +
    "-" +
    PAD2[d] +
    "T" +
    PAD2[hh] +
    ":" +
    PAD2[mm] +
    ":" +
    PAD2[ss] +
    "." +
    PAD3[rest - ss * 1000] +
    "Z";
  lastMs = ms;
  return lastIso;
}

// ---------------------------------------------------------------- validation

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const unset = (v) => v === undefined || v === null || v === "";

/** The `at` of the event checkEvent last looked at (epoch ms; NaN if it had none). */
export let checkedAt = NaN;

/**
 * Checks an event's shape, `data` and `set` (spec §6: rejected whole, nothing applied).
 * Returns the event kind (≥ 0; its time is then in `checkedAt`) or a rejection.
 */
export function checkEvent(input) {
  if (!isObject(input)) return rejection("invalid_event", "an event must be a JSON object");
  if (typeof input.record !== "string" || input.record === "")
    return rejection("missing_record", "the event has no `record` id");
  checkedAt = typeof input.at === "string" ? parseInstant(input.at) : NaN;
  if (checkedAt !== checkedAt) {
    return rejection(
      "bad_timestamp",
      `\`at\` must be a datetime with a zone, like 2026-03-01T10:00:00Z, not ` +
        `${JSON.stringify(input.at)}`,
    );
  }
  let kind;
  switch (input.type) {
    case "update":
      kind = UPDATE;
      break;
    case "web_visit":
      kind = WEB_VISIT;
      break;
    case "form_submitted":
      kind = FORM_SUBMITTED;
      break;
    case "meeting_scheduled":
      kind = MEETING_SCHEDULED;
      break;
    default:
      return rejection(
        "unknown_event",
        `unknown event type ${JSON.stringify(input.type)}; declared: update, web_visit, ` +
          `form_submitted, meeting_scheduled`,
      );
  }
  if (input.id !== undefined && typeof input.id !== "string")
    return rejection("invalid_event", "`id` must be a string");
  const { data, set } = input;
  if (data !== undefined && !isObject(data))
    return rejection("invalid_event", "`data` must be an object");
  if (set !== undefined && !isObject(set))
    return rejection("invalid_event", "`set` must be an object");
  if (data !== undefined) {
    for (const key in data) {
      const v = data[key];
      if (kind === WEB_VISIT && key === "url") {
        if (!unset(v) && typeof v !== "string") return wrongType(key, v, "text");
      } else if (kind === FORM_SUBMITTED && key === "form") {
        if (!unset(v) && typeof v !== "string") return wrongType(key, v, "text");
      } else if (kind === MEETING_SCHEDULED && key === "at") {
        if (!unset(v) && !(typeof v === "string" && parseInstant(v) >= -8.64e15))
          return wrongType(key, v, "a datetime like 2026-01-31T09:30:00Z");
      } else
        return unknownField(key, kind === UPDATE ? "an `update` event" : `event \`${input.type}\``);
    }
  }
  if (set !== undefined) {
    for (const key in set) {
      const v = set[key];
      if (unset(v)) {
        if (!KNOWN_FIELDS.has(key)) return unknownField(key, "the record");
        continue;
      }
      switch (key) {
        case "email":
        case "job_title":
        case "owner":
          if (typeof v !== "string") return wrongType(key, v, "text");
          break;
        case "country":
          if (v !== "NL" && v !== "DE" && v !== "BE" && v !== "other")
            return wrongType(key, v, 'one of "NL", "DE", "BE", "other"');
          break;
        case "unsubscribed":
        case "meeting_booked":
        case "qualified":
        case "budget":
        case "authority":
        case "need":
          if (typeof v !== "boolean") return wrongType(key, v, "true or false");
          break;
        case "timeline":
          if (!(typeof v === "string" && isDate(v)))
            return wrongType(key, v, "a date like 2026-01-31");
          break;
        case "outcome":
          if (v !== "won" && v !== "lost" && v !== "no decision")
            return wrongType(key, v, 'one of "won", "lost", "no decision"');
          break;
        default:
          return unknownField(key, "the record");
      }
    }
  }
  return kind;
}
const KNOWN_FIELDS = new Set([
  "email",
  "job_title",
  "country",
  "unsubscribed",
  "meeting_booked",
  "qualified",
  "budget",
  "authority",
  "need",
  "timeline",
  "outcome",
  "owner",
]);
const rejection = (reason, message) => ({ status: "rejected", reason, message, outcomes: [] });
const wrongType = (key, v, expected) =>
  rejection("wrong_type", `\`${key}\` must be ${expected}, not ${JSON.stringify(v)}`);
const unknownField = (key, what) =>
  rejection(
    "unknown_field",
    `${what} has no field \`${key}\`` +
      `${key === "lead_score" ? "; `lead_score` is a score, computed by the funnel" : ""}`,
  );

/** The record's fields, as `set` changes them (unset = undefined). */
export class LeadFields {
  constructor() {
    this.email = undefined;
    this.job_title = undefined;
    this.country = "other";
    this.unsubscribed = false;
    this.meeting_booked = false;
    this.qualified = false;
    this.budget = false;
    this.authority = false;
    this.need = false;
    this.timeline = undefined;
    this.outcome = undefined;
    this.owner = undefined;
  }
}

/** Applies a checked `set` to an object with the funnel's field names. */
export function applySet(fields, set) {
  for (const key in set) {
    const v = set[key];
    fields[key] = v === null || v === "" ? undefined : v;
  }
}

const contains = (v, needle) => v !== undefined && v.toLowerCase().includes(needle);
/** `when`-only score rules: +15 director, -30 gmail. */
export const scoreFromFields = (f) =>
  (contains(f.job_title, "director") ? 15 : 0) + (contains(f.email, "@gmail.") ? -30 : 0);
/** `on` score rules: points earned by one event. */
export function eventPoints(kind, data) {
  if (kind === WEB_VISIT) return 5;
  if (kind === FORM_SUBMITTED) return data !== undefined && data.form === "Demo request" ? 35 : 10;
  return 0;
}

// ---------------------------------------------------------------- the evaluator

class Lead extends LeadFields {
  constructor(at) {
    super();
    this.stage = ANONYMOUS;
    this.entered = at;
    this.last = at;
    /** SLA deadline of the current stage (MQL, SAL), computed on entry. */
    this.due = 0;
    this.warned = false;
    this.points = 0;
    this.score = 0;
    /** Ids of the events applied at `last`: a replay of them is a duplicate (docs/runtime.md). */
    this.ids = undefined;
  }
}

/** The result of the many events that move nothing: one shared, frozen object. */
const APPLIED_NOTHING = Object.freeze({ status: "applied", outcomes: Object.freeze([]) });

export function createHandwrittenLead() {
  const records = new Map();
  const counters = { applied: 0, duplicate: 0, rejected: {} };

  function enter(id, lead, to, at, cause, outcomes) {
    outcomes.push({
      type: "moved",
      record: id,
      from: STAGE_NAMES[lead.stage],
      to: STAGE_NAMES[to],
      at: iso(at),
      cause,
    });
    lead.stage = to;
    lead.entered = at;
    lead.warned = false;
    lead.due = to === MQL ? addMonths(at, 6) : to === SAL ? at + 30 * DAY : 0;
  }

  /**
   * Transitions: `from any` first, then the stage's own rules; `entered` is a bit set of stages.
   */
  function cascade(id, lead, at, kind, type, eventId, entered, outcomes) {
    for (;;) {
      let to = -1;
      let rule;
      const stage = lead.stage;
      if (stage === WON || stage === LOST || stage === DISQUALIFIED) return;
      if (lead.unsubscribed === true) ((to = DISQUALIFIED), (rule = RULES.anyDisqualified));
      else {
        switch (stage) {
          case ANONYMOUS:
            if (lead.email !== undefined) ((to = KNOWN), (rule = RULES.anonymousKnown));
            break;
          case KNOWN:
            if (kind === FORM_SUBMITTED) ((to = RESPONDED), (rule = RULES.knownResponded));
            break;
          case RESPONDED:
            if (lead.score >= 100) ((to = MQL), (rule = RULES.respondedMql));
            break;
          case MQL:
            if (kind === MEETING_SCHEDULED) ((to = SAL), (rule = RULES.mqlSal));
            break;
          case SAL:
            if (lead.qualified === true) ((to = SQL), (rule = RULES.salSql));
            break;
          case SQL:
            if (
              lead.budget === true &&
              lead.authority === true &&
              lead.need === true &&
              lead.timeline !== undefined
            )
              ((to = OPPORTUNITY), (rule = RULES.sqlOpportunity));
            break;
          case OPPORTUNITY:
            if (lead.outcome === "won") ((to = WON), (rule = RULES.opportunityWon));
            else if (lead.outcome === "lost" || lead.outcome === "no decision")
              ((to = LOST), (rule = RULES.opportunityLost));
            break;
          case RECYCLED:
            if (lead.score >= 120) ((to = MQL), (rule = RULES.recycledMql));
            break;
        }
      }
      if (to < 0 || entered & (1 << to)) return;
      entered |= 1 << to;
      enter(
        id,
        lead,
        to,
        at,
        kind < 0 ? { kind: "sla", rule } : { kind: "event", event: eventId, eventType: type, rule },
        outcomes,
      );
    }
  }

  /** SLAs due at or before `until`: the SAL warning, then breaches, each at its own time. */
  function runSlas(id, lead, until, outcomes) {
    for (;;) {
      const stage = lead.stage;
      if (stage !== MQL && stage !== SAL) return;
      const deadline = lead.due;
      if (stage === SAL && !lead.warned) {
        const warnAt = lead.entered + 25 * DAY;
        if (warnAt <= until && warnAt < deadline) {
          outcomes.push({
            type: "sla_warning",
            record: id,
            stage: "sal",
            at: iso(warnAt),
            notify: NOTIFY_SAL_WARN,
            rule: RULES.salWarn,
          });
          lead.warned = true;
          continue;
        }
      }
      if (deadline > until) return;
      const rule = stage === MQL ? RULES.mqlSla : RULES.salSla;
      outcomes.push({
        type: "sla_breached",
        record: id,
        stage: STAGE_NAMES[stage],
        at: iso(deadline),
        to: "recycled",
        notify: stage === MQL ? NOTIFY_MQL_SLA : NOTIFY_SAL_SLA,
        rule,
      });
      enter(id, lead, RECYCLED, deadline, { kind: "sla", rule }, outcomes);
      cascade(id, lead, deadline, -1, null, null, (1 << stage) | (1 << RECYCLED), outcomes);
    }
  }

  function reject(r) {
    counters.rejected[r.reason] = (counters.rejected[r.reason] ?? 0) + 1;
    return r;
  }

  function apply(input) {
    const kind = checkEvent(input);
    if (typeof kind !== "number") return reject(kind);
    const id = input.record;
    const at = checkedAt;
    const eventId = input.id ?? null;
    const type = input.type;
    const outcomes = [];
    let lead = records.get(id);
    // Stages entered by this event's cascade; creating a record enters the initial stage.
    let entered = 0;
    if (lead !== undefined) {
      if (
        eventId !== null &&
        at === lead.last &&
        lead.ids !== undefined &&
        lead.ids.includes(eventId)
      ) {
        counters.duplicate++;
        return { status: "duplicate", outcomes: [] };
      }
      if (at < lead.last)
        return reject(
          rejection(
            "out_of_order",
            `this event (${input.at}) is older than the record's last event (${iso(lead.last)})`,
          ),
        );
      runSlas(id, lead, at, outcomes);
    } else {
      lead = new Lead(at);
      records.set(id, lead);
      entered = 1 << ANONYMOUS;
      outcomes.push({
        type: "moved",
        record: id,
        from: null,
        to: "anonymous",
        at: iso(at),
        cause: { kind: "created", event: eventId, eventType: type },
      });
    }
    if (input.set !== undefined) applySet(lead, input.set);
    lead.points += eventPoints(kind, input.data);
    lead.score = lead.points + scoreFromFields(lead);
    cascade(id, lead, at, kind, type, eventId, entered, outcomes);
    if (at !== lead.last) {
      lead.last = at;
      lead.ids = undefined;
    }
    if (eventId !== null) {
      if (lead.ids === undefined) lead.ids = [eventId];
      else lead.ids.push(eventId);
    }
    counters.applied++;
    return outcomes.length === 0 ? APPLIED_NOTHING : { status: "applied", outcomes };
  }

  return {
    apply,
    /** Stage name, entered time (ms) and score of a record, for the agreement check. */
    peek(id) {
      const lead = records.get(id);
      return lead && { stage: STAGE_NAMES[lead.stage], entered: lead.entered, score: lead.score };
    },
    size: () => records.size,
    counters: () => structuredClone(counters),
  };
}
