// Deterministic event stream for the engine benchmark over examples/lead-to-revenue.funnel:
// planLeadEvents(records, events, seed) builds a compact plan (typed arrays, sorted by time) of
// `events` events over `records` records, and eventAt(plan, i) turns entry i into the JSON event
// an integration would send ({record, at, type, data?, set?}; no `id`, which spec §6 makes
// optional). Every call makes new objects and strings, as a parser would, so records retain
// their own.
//
// Each record follows a journey drawn with funnel-like drop-off: web visits while anonymous,
// identification by an `update` or a form that carries the email, forms (some demo requests) and
// visits until the lead score reaches 100, a meeting, qualification, BANT updates and an outcome.
// Some journeys stop early, some unsubscribe, and some stall so that SLAs fire on a later event:
// at MQL past 6 months (several exactly on the clamped month-end deadline), at SAL for 25-29 days
// (a warning only) or for 30 days and more (a breach, then recycling). Times increase per record;
// the stream is ordered by time, records interleaved. The generator's own score bookkeeping only
// steers the journeys: the engines under test compute the real stages.
import { rng } from "./common.mjs";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 540;

export const K = {
  web: 0,
  form: 1,
  meeting: 2,
  identify: 3,
  job: 4,
  qualified: 5,
  bant: 6,
  outcome: 7,
  unsubscribe: 8,
  owner: 9,
};

const URLS = [
  "/",
  "/pricing",
  "/product",
  "/blog/funnels-as-code",
  "/docs/getting-started",
  "/customers",
  "/about",
  "/webinars/q3",
];
const FORMS = ["Newsletter", "Whitepaper", "Webinar", "Demo request", "Contact us"];
const DEMO = 3;
const TITLES = [
  "Marketing Director",
  "director of sales",
  "VP Sales",
  "Software Engineer",
  "Head of Growth",
  "CMO",
  "Sales Operations Manager",
  "IT DIRECTOR",
];
const DIRECTOR = (t) => /director/i.test(TITLES[t]);
const DOMAINS = [
  "acme.nl",
  "gmail.com",
  "example.de",
  "contoso.be",
  "gmail.co.uk",
  "initech.com",
  "globex.nl",
  "umbrella.de",
];
const GMAIL = (d) => d === 1 || d === 4;
const NAMES = ["anna", "bram", "chris", "dana", "eva", "femke", "gert", "hanna", "ivo", "jules"];
const COUNTRIES = ["NL", "DE", "BE", "other"];
const OUTCOMES = ["won", "lost", "no decision"];
const OWNERS = ["j.devries", "m.schmidt", "l.peeters", "a.jansen"];

/** Epoch ms plus calendar months with end-of-month clamping (only to aim stalls at deadlines). */
function addMonths(ms, months) {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const day = Math.min(d.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/**
 * Plans the stream.
 * @param {number} recordCount
 * @param {number} eventCount exact number of events (journeys are trimmed or padded to it)
 * @param {number} seed
 */
export function planLeadEvents(recordCount, eventCount, seed = 7) {
  const rand = rng(seed);
  const pick = (n) => Math.floor(rand() * n);
  const chance = (p) => rand() < p;
  // Per record: a list of [time, kind, arg] steps.
  const journeys = new Array(recordCount);
  const domain = new Uint8Array(recordCount);
  const name = new Uint8Array(recordCount);

  for (let r = 0; r < recordCount; r++) {
    const steps = [];
    journeys[r] = steps;
    domain[r] = chance(0.15) ? (chance(0.7) ? 1 : 4) : [0, 2, 3, 5, 6, 7][pick(6)];
    name[r] = pick(NAMES.length);
    let t = START + Math.floor((rand() * SPAN_DAYS * DAY) / SECOND) * SECOND;
    let score = 0;
    let director = false;
    let titled = false;
    const gap = (minMinutes, maxMinutes) =>
      (t += Math.max(1, Math.round(minMinutes + rand() * (maxMinutes - minMinutes))) * MINUTE);
    const soon = () => gap(2, chance(0.5) ? 180 : 6 * 1440); // minutes to days
    const push = (kind, arg = 0) => steps.push(t, kind, arg);
    const visit = () => (push(K.web, pick(URLS.length)), (score += 5));
    const form = (demo) => {
      const f = demo ? DEMO : [0, 1, 2, 4][pick(4)];
      push(K.form, f);
      score += f === DEMO ? 35 : 10;
    };
    const title = () => {
      const j = pick(TITLES.length);
      push(K.job, j);
      titled = true;
      if (DIRECTOR(j) !== director) score += DIRECTOR(j) ? 15 : -15;
      director = DIRECTOR(j);
    };
    /** Activity after a stall or at the end: visits, sometimes a form, sometimes a new meeting. */
    const tail = (maxVisits) => {
      const n = 1 + pick(maxVisits);
      for (let i = 0; i < n; i++) {
        if (chance(0.15)) form(chance(0.3));
        else visit();
        soon();
      }
    };

    // Depth of the journey: 0 anonymous, 1 known, 2 responded, 3 MQL and beyond.
    const u = rand();
    const depth = u < 0.2 ? 0 : u < 0.33 ? 1 : u < 0.56 ? 2 : 3;
    const unsubscribeAt = chance(0.04) ? 1 + pick(12) : -1; // after that many steps

    // Anonymous web visits.
    const visits = 1 + pick(3);
    for (let i = 0; i < visits; i++) (visit(), soon());
    if (depth >= 1) {
      // Identification: an update from enrichment or the CRM (email, maybe job title and
      // country) or, for some, a form that carries the email (straight to Responded).
      const viaForm = depth >= 2 && chance(0.4);
      const withTitle = chance(0.5);
      const withCountry = chance(0.5);
      let arg = (withTitle ? 1 : 0) | (withCountry ? 2 : 0);
      if (withTitle) {
        const j = pick(TITLES.length);
        arg |= j << 4;
        titled = true;
        director = DIRECTOR(j);
        if (director) score += 15;
      }
      if (GMAIL(domain[r])) score -= 30;
      if (viaForm) {
        const demo = chance(0.3);
        const f = demo ? DEMO : [0, 1, 2, 4][pick(4)];
        push(K.form, f | 8 | (arg << 4)); // bit 3: the form carries the identity
        score += demo ? 35 : 10;
      } else push(K.identify, arg);
      soon();
      if (depth >= 2 && !viaForm) {
        for (let i = pick(3); i > 0; i--) (visit(), soon());
        form(chance(0.25));
        soon();
      }
      if (depth === 1) for (let i = pick(3); i > 0; i--) (visit(), soon());
    }
    if (depth === 2) {
      // Engaged, but not enough for an MQL.
      for (let i = 1 + pick(5); i > 0 && score + 35 < 100; i--) {
        if (chance(0.2)) form(false);
        else if (!titled && chance(0.1)) title();
        else visit();
        soon();
      }
    }
    if (depth === 3) {
      // Score up to 100 (the MQL threshold); the last step moves the record to MQL.
      while (score < 100) {
        const x = rand();
        if (x < 0.62) visit();
        else if (x < 0.92) form(chance(0.35));
        else if (!titled) title();
        else visit();
        soon();
      }
      const mqlAt = steps[steps.length - 3];
      const v = rand();
      if (v < 0.22) {
        // Stalls at MQL: the next event comes after the 6-month SLA (some exactly on the
        // clamped deadline, some just before it), so the breach fires on that event.
        const deadline = addMonths(mqlAt, 6);
        const w = rand();
        t =
          w < 0.15
            ? deadline
            : w < 0.25
              ? deadline - pick(3 * 1440) * MINUTE - MINUTE
              : deadline + (1 + pick(120 * 1440)) * MINUTE;
        tail(5);
        if (chance(0.3)) (push(K.meeting, (1 + pick(14)) * 1440), soon());
      } else if (v < 0.97) {
        gap(60, 40 * 1440);
        push(K.meeting, (1 + pick(14)) * 1440 + pick(600));
        const salAt = t;
        soon();
        if (chance(0.4)) (push(K.owner, pick(OWNERS.length) | (chance(0.5) ? 8 : 0)), soon());
        const s = rand();
        if (s < 0.14) {
          // Stalls at SAL for 25-29 days: a warning only, then qualified.
          t = salAt + (25 * 1440 + pick(5 * 1440 - 1)) * MINUTE;
          push(K.qualified);
          soon();
        } else if (s < 0.28) {
          // Stalls at SAL for 30 days or more: breach, recycled; later activity may bring the
          // record back to MQL (score ≥ 120) and to a new meeting.
          t = salAt + (chance(0.2) ? 30 * 1440 : 30 * 1440 + 1 + pick(60 * 1440)) * MINUTE;
          if (chance(0.5)) (push(K.qualified), soon());
          tail(6);
          if (chance(0.4)) (push(K.meeting, (1 + pick(14)) * 1440), soon());
        } else {
          gap(60, 20 * 1440);
          push(K.qualified);
          soon();
        }
        if (s >= 0.14 && s < 0.28) {
          // (recycled journeys end here)
        } else if (chance(0.82)) {
          // BANT in one to four updates; 85% complete it (SQL -> opportunity).
          let missing = chance(0.85) ? 0b1111 : 0b1111 & ~(1 << pick(4));
          while (missing) {
            let part = missing & (chance(0.4) ? missing : 1 << pick(4));
            if (!part) continue;
            push(K.bant, part);
            missing &= ~part;
            gap(60, 10 * 1440);
          }
          if (chance(0.85)) {
            gap(1440, 90 * 1440);
            const o = rand();
            push(K.outcome, o < 0.35 ? 0 : o < 0.8 ? 1 : 2);
            soon();
          }
        }
      } else {
        tail(3);
      }
    }
    if (unsubscribeAt >= 0 && steps.length / 3 > unsubscribeAt) {
      // Unsubscribes partway: the journey is cut, the unsubscribe comes in its place, and a
      // visit or two may follow (the record stays disqualified).
      steps.length = unsubscribeAt * 3;
      t = steps[steps.length - 3];
      soon();
      push(K.unsubscribe);
      soon();
      if (chance(0.5)) visit();
    }
  }

  // Trim or pad to exactly eventCount events: trailing steps are dropped from, or visits and
  // owner updates appended to, records picked at random.
  let total = 0;
  for (const s of journeys) total += s.length / 3;
  const journeyEvents = total;
  while (total > eventCount) {
    const s = journeys[pick(recordCount)];
    if (s.length > 3) ((s.length -= 3), total--);
  }
  while (total < eventCount) {
    const s = journeys[pick(recordCount)];
    const last = s[s.length - 3];
    const t = last + (5 + pick(20 * 1440)) * MINUTE;
    if (chance(0.75)) s.push(t, K.web, pick(URLS.length));
    else s.push(t, K.owner, pick(OWNERS.length) | (chance(0.5) ? 8 : 0));
    total++;
  }

  // Flatten and order by time (stable: ties keep record order, then step order).
  const rec = new Int32Array(eventCount);
  const time = new Float64Array(eventCount);
  const kind = new Uint8Array(eventCount);
  const arg = new Int32Array(eventCount);
  let n = 0;
  for (let r = 0; r < recordCount; r++) {
    const s = journeys[r];
    for (let i = 0; i < s.length; i += 3) {
      rec[n] = r;
      time[n] = s[i];
      kind[n] = s[i + 1];
      arg[n] = s[i + 2];
      n++;
    }
  }
  const order = new Uint32Array(eventCount);
  for (let i = 0; i < eventCount; i++) order[i] = i;
  const sorted = Array.from(order).sort((a, b) => time[a] - time[b] || a - b);
  const plan = {
    recordCount,
    eventCount,
    seed,
    journeyEvents,
    rec: new Int32Array(eventCount),
    time: new Float64Array(eventCount),
    kind: new Uint8Array(eventCount),
    arg: new Int32Array(eventCount),
    domain,
    name,
  };
  for (let i = 0; i < eventCount; i++) {
    const j = sorted[i];
    plan.rec[i] = rec[j];
    plan.time[i] = time[j];
    plan.kind[i] = kind[j];
    plan.arg[i] = arg[j];
  }
  return plan;
}

// Strings as a JSON parser makes them: flat (toISOString, join), not ropes of concatenations.
const iso = (ms) => new Date(ms).toISOString();
/** The id of record r (a new string on every call). */
export const recordId = (r) => "lead-" + String(r).padStart(6, "0");
const emailOf = (plan, r) => [NAMES[plan.name[r]], ".", r, "@", DOMAINS[plan.domain[r]]].join("");

/** The JSON event for entry i of the plan (new objects and strings on every call). */
export function eventAt(plan, i) {
  const r = plan.rec[i];
  const t = plan.time[i];
  const a = plan.arg[i];
  const record = recordId(r);
  const at = iso(t);
  switch (plan.kind[i]) {
    case K.web:
      return { record, at, type: "web_visit", data: { url: URLS[a] } };
    case K.form: {
      const event = { record, at, type: "form_submitted", data: { form: FORMS[a & 7] } };
      if (a & 8) event.set = identity(plan, r, a >> 4);
      return event;
    }
    case K.meeting:
      return {
        record,
        at,
        type: "meeting_scheduled",
        data: { at: iso(t + a * MINUTE) },
        set: { meeting_booked: true },
      };
    case K.identify:
      return { record, at, type: "update", set: identity(plan, r, a) };
    case K.job:
      return { record, at, type: "update", set: { job_title: TITLES[a] } };
    case K.qualified:
      return { record, at, type: "update", set: { qualified: true } };
    case K.bant: {
      const set = {};
      if (a & 1) set.budget = true;
      if (a & 2) set.authority = true;
      if (a & 4) set.need = true;
      if (a & 8) set.timeline = new Date(t + 75 * DAY).toISOString().slice(0, 10);
      return { record, at, type: "update", set };
    }
    case K.outcome:
      return { record, at, type: "update", set: { outcome: OUTCOMES[a] } };
    case K.unsubscribe:
      return { record, at, type: "update", set: { unsubscribed: true } };
    case K.owner: {
      const set = { owner: OWNERS[a & 7] };
      if (a & 8) set.country = COUNTRIES[(a + r) & 3];
      return { record, at, type: "update", set };
    }
  }
  throw new Error(`bad kind ${plan.kind[i]}`);
}

/**
 * `set` of an identification: email, plus job title (bit 0, title index from bit 4) and country
 * (bit 1).
 */
function identity(plan, r, a) {
  const set = { email: emailOf(plan, r) };
  if (a & 1) set.job_title = TITLES[a >> 4];
  if (a & 2) set.country = COUNTRIES[r & 3];
  return set;
}

/** Counts by event type and `set` key, for the report. */
export function describePlan(plan) {
  const types = {};
  for (let i = 0; i < plan.eventCount; i++) {
    const k = Object.keys(K)[plan.kind[i]];
    types[k] = (types[k] ?? 0) + 1;
  }
  return types;
}
