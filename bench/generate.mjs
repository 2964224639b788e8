// Synthetic funnel generator for benchmarks: generateFunnel(stageCount, seed) returns the text of
// a realistic, error-free .funnel file (teams, ~20 fields of every type, events with fields, a
// score, `from any`, `stageCount` stages with 1-3 conditional transitions, SLAs/warns, detours and
// reachable won/lost terminals). 10,000 stages come to about 1 MB.
//
// Every transition goes forward (to a later stage, a terminal or a detour that leads back to the
// start only on its own event), so the file has no event cycles; each transition in a stage uses
// its own event or its own variables, so none shadows another.
import { rng } from "./common.mjs";

const TEAMS = [
  ["marketing", "Marketing"],
  ["sdr", "Inside Sales"],
  ["ae", "Field Sales"],
  ["cs", "Customer Success"],
  ["partners", "Partner Team"],
  ["ops", "Revenue Ops"],
];

const FIELDS = `  fields {
    email: text?
    job_title: text?
    company: text?
    notes: text?
    country: "NL" | "DE" | "BE" | "FR" | "other" = "other"
    industry: "saas" | "retail" | "finance" | "health" | "other" = "other"
    segment: "smb" | "mid" | "enterprise"?
    source: "web" | "event" | "partner" | "outbound"?
    employees: number?
    annual_revenue: number?
    deal_size: number = 0
    probability: number?
    unsubscribed: boolean = false
    qualified: boolean = false
    budget: boolean = false
    authority: boolean = false
    need: boolean = false
    timeline: date?
    renewal_date: date?
    last_contacted: datetime?
    outcome: "won" | "lost" | "no decision"?
  }
`;

const EVENTS = `  events {
    web_visit { url: text }
    form_submitted { form: text }
    email_opened { campaign: text }
    meeting_scheduled { at: datetime }
    call_logged { minutes: number  result: "connected" | "voicemail" | "no answer" }
    demo_completed { rating: number }
    proposal_sent { amount: number  valid_until: date }
    contract_signed { signed_on: date }
  }
`;

const SCORE = `  score lead_score {
    +5  on web_visit
    +25 on form_submitted when event.form = "Demo request"
    +10 on form_submitted
    +3  on email_opened
    +15 when job_title contains "director"
    +20 when segment = "enterprise"
    +10 when employees >= 500
    +5  when company is set
    -30 when email contains "@gmail."
  }
`;

const DEFINITIONS = [
  "Engaged with a campaign.",
  "Booked a discovery call.",
  "Qualified on the first call.",
  "Budget owner identified.",
  "Use case written down.",
  "Demo given to the buyer.",
  "Technical fit confirmed.",
  "Proposal with the buyer.",
  "Security review started.",
  "Pricing agreed in principle.",
  "Legal is reviewing terms.",
  "Champion signed off.",
];

const TITLES = [
  "Engaged",
  "Discovery",
  "Qualified",
  "Champion",
  "Demo",
  "Evaluation",
  "Proposal",
  "Review",
  "Pricing",
  "Legal",
  "Signed",
  "Handover",
];

/**
 * Conditions by event (for `on X when …`, event fields allowed) and plain conditions (for
 * `when`-only rules). Each is satisfiable; `{n}` is replaced by a number.
 */
const ON_CONDITIONS = {
  web_visit: ['event.url contains "/pricing"', 'event.url contains "/docs" and lead_score >= {n}'],
  form_submitted: [
    'event.form = "Demo request"',
    'event.form contains "trial" or lead_score > {n}',
  ],
  email_opened: ["lead_score >= {n}", 'event.campaign contains "webinar"'],
  meeting_scheduled: ["qualified", 'employees >= {n} or segment = "enterprise"'],
  call_logged: [
    'event.result = "connected" and event.minutes >= 5',
    'event.result in ["voicemail", "no answer"]',
  ],
  demo_completed: ["event.rating >= 4", "event.rating >= 3 and need"],
  proposal_sent: ["event.amount > {n}", "event.valid_until >= 2026-06-30"],
  contract_signed: ["deal_size > 0", "event.signed_on >= 2026-01-01"],
};
const WHEN_CONDITIONS = [
  "lead_score >= {n}",
  "budget and authority and need",
  "timeline is set and probability >= 50",
  'industry in ["saas", "finance"]',
  'country not in ["other"] and employees > {n}',
  "annual_revenue >= {n}000",
  'job_title contains "vp" or job_title contains "chief"',
  "last_contacted >= 2026-01-01T00:00:00Z",
  'not (segment = "smb") and deal_size >= {n}',
  'source = "partner" and renewal_date is set',
  'notes contains "urgent"',
];
const EVENT_NAMES = Object.keys(ON_CONDITIONS);

/**
 * Builds the text of a synthetic funnel.
 * @param {number} stageCount how many `stage` declarations (plus 2 terminals and 3 detours)
 * @param {number} seed PRNG seed; the same seed gives the same text
 * @returns {string} the .funnel source
 */
export function generateFunnel(stageCount, seed = 1) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const fill = (cond) => cond.replace("{n}", () => String(int(1, 40) * 5));
  const name = (i) => `s${i}`;
  const out = [];

  out.push(
    `/// Synthetic funnel with ${stageCount} stages (seed ${seed}), generated by ` +
      `bench/generate.mjs.`,
  );
  out.push(`funnel synthetic "Synthetic ${stageCount}-stage funnel" {`);
  out.push(`  version "2026.1"`);
  out.push(`  description "Benchmark funnel: every construct of the language, at scale."`);
  out.push("");
  for (const [id, title] of TEAMS) out.push(`  team ${id} "${title}"`);
  out.push("");
  out.push(FIELDS + EVENTS + SCORE);
  out.push(`  from any {`);
  out.push(`    -> disqualified when unsubscribed`);
  out.push(`  }`);
  out.push("");

  for (let i = 1; i <= stageCount; i++) {
    const last = i === stageCount;
    const lines = [];
    const title = pick(TITLES);
    lines.push(`  stage ${name(i)} "${title} ${i}" {`);
    lines.push(`    definition "${pick(DEFINITIONS)}"`);
    lines.push(`    owner ${TEAMS[int(0, TEAMS.length - 1)][0]}`);
    if (random() < 0.02) lines.push(`    label de "${title} ${i} (DE)"`);
    // A custom lifecycle stage, by id (a name would be FN2013: not a HubSpot lifecycle stage).
    if (random() < 0.02) lines.push(`    map hubspot "${1000 + i}"`);

    // Transitions: the first always moves to the next stage (so everything is reachable); the
    // others skip ahead, or drop out to `lost`. Each uses a different event so none shadows
    // another.
    const count = last ? 2 : random() < 0.7 ? 1 : random() < 0.85 ? 2 : 3;
    const events = [...EVENT_NAMES].sort(() => random() - 0.5);
    for (let t = 0; t < count; t++) {
      let target;
      if (last) target = t === 0 ? "won" : "lost";
      else if (t === 0) target = name(i + 1);
      else if (random() < 0.3) target = "lost";
      else target = name(Math.min(stageCount, i + int(2, 6)));
      let clause;
      if (last && t === 0) clause = `when outcome = "won"`;
      else if (last) clause = `when outcome in ["lost", "no decision"]`;
      else if (t === count - 1 && t > 0 && random() < 0.5)
        clause = `when ${fill(pick(WHEN_CONDITIONS))}`; // a when-only rule goes last
      else {
        const event = events[t];
        clause =
          random() < 0.2 ? `on ${event}` : `on ${event} when ${fill(pick(ON_CONDITIONS[event]))}`;
      }
      lines.push(`    -> ${target} ${clause}`);
    }

    if (!last && random() < 0.15) {
      const days = int(2, 12) * 5;
      const notify = random() < 0.5 ? `${pick(TEAMS)[0]}` : `${TEAMS[1][0]}, ${TEAMS[0][0]}`;
      lines.push(
        `    sla ${days} days -> ${random() < 0.7 ? "recycled" : "nurture"} notify ${notify}`,
      );
      if (random() < 0.5) lines.push(`    warn ${days - 5} days notify ${pick(TEAMS)[0]}`);
    }
    if (random() < 0.01) lines.push(`    target conversion ${int(10, 80)}%`);
    if (random() < 0.01) lines.push(`    target velocity ${int(1, 30)} days`);
    lines.push(`  }`);
    out.push(lines.join("\n"));
  }

  out.push("");
  out.push(`  terminal won "Closed Won" { outcome won }`);
  out.push(`  terminal lost "Closed Lost" { outcome lost }`);
  out.push("");
  const restart = name(Math.min(stageCount, 2));
  out.push(`  detour recycled "Recycled" {
    definition "Sent back to marketing for nurture."
    owner marketing
    -> ${restart} when lead_score >= 120
    -> nurture on email_opened
  }

  detour nurture "Nurture" {
    definition "Kept warm by marketing programs until it engages again."
    owner marketing
    -> ${restart} on form_submitted when lead_score >= 60
  }

  detour disqualified "Disqualified" {
    definition "Opted out or not a fit; contacted again only after opting back in."
    owner ops
    -> nurture when not unsubscribed
  }
}
`);
  return out.join("\n");
}
