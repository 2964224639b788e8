// Funnel sources shared by the language server tests.

export const DEMO = `/// Shared funnel for the language server tests.
funnel demo "Demo" {
  team sales "Sales"
  team marketing "Marketing"
  fields {
    /// Work email.
    email: text?
    country: "NL" | "DE" = "NL"
    qualified: boolean = false
    unused_field: number?
  }
  events {
    form_submitted { form: text }
  }
  score lead_score {
    +10 on form_submitted when event.form = "Demo"
  }
  stage lead "Lead" {
    definition "A person we can contact."
    owner sales
    -> mql when lead_score >= 10 and email is set
    sla 30 days -> lost notify sales
  }
  stage mql "Marketing Qualified" {
    definition "Ready for sales."
    owner marketing
    -> won when qualified and country = "NL"
  }
  terminal won "Closed Won" { outcome won }
  terminal lost "Closed Lost" { outcome lost }
}
`;

export const COMMON = `funnel common "Shared" {
  team sales "Sales"
  fields {
    email: text?
    qualified: boolean = false
  }
  events {
    form_submitted { form: text }
  }
}
`;

export const USES_COMMON = `import "./common.funnel"
funnel first "First" {
  stage lead "Lead" {
    definition "A person."
    owner sales
    -> won on form_submitted when email is set and event.form = "Demo"
  }
  terminal won "Won" { outcome won }
}
`;

export const ALSO_USES_COMMON = `import "./common.funnel"
funnel second "Second" {
  stage start "Start" {
    definition "Any record."
    owner sales
    -> done when qualified
  }
  terminal done "Done" { outcome won }
}
`;
