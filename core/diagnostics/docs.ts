// renderDiagnosticsDoc(): the text of docs/diagnostics.md, generated from the registry
// (scripts/gen-docs.ts writes it; test/compiler/registry.test.ts checks the file is up to date).
// Every code gets an explicit `<a id="fn2002">` anchor: the SARIF reporter and the language server
// link to docs/diagnostics.md#fn2002.
import type { MessageTemplate } from "./message.js";
import {
  diagnosticRegistry,
  type DiagnosticDefinition,
  type DiagnosticPhase,
  type Severity,
} from "./registry.js";

/** Where docs/diagnostics.md is published; each code has an anchor there (see diagnosticDocUrl). */
export const DIAGNOSTICS_DOC_URL =
  "https://github.com/funnelc/funnelc/blob/main/docs/diagnostics.md";

/** The link to one code's section of docs/diagnostics.md, e.g. `…/diagnostics.md#fn2002`. */
export function diagnosticDocUrl(code: string): string {
  return `${DIAGNOSTICS_DOC_URL}#${code.toLowerCase()}`;
}

/** Each phase with the first digit of its codes, in the order the document lists them. */
export const DIAGNOSTIC_PHASES: readonly {
  phase: DiagnosticPhase;
  digit: string;
  title: string;
  text: string;
}[] = [
  {
    phase: "syntax",
    digit: "1",
    title: "Syntax",
    text:
      "the file cannot be read as Funnel source: unknown characters, unclosed strings or " +
      "comments, tokens in the wrong place, invalid literals.",
  },
  {
    phase: "names",
    digit: "2",
    title: "Names",
    text:
      "a name is declared twice, refers to nothing, is reserved, or is declared " +
      "and never used.",
  },
  {
    phase: "types",
    digit: "3",
    title: "Types",
    text:
      "a condition, default, duration, outcome or target does not fit the type " +
      "of what it is about.",
  },
  {
    phase: "flow",
    digit: "4",
    title: "Stages, graph and flow",
    text:
      "the rules of stages and the shape of the funnel: clauses that do not belong, " +
      "stages no record can reach or leave, rules that never fire, cycles.",
  },
  {
    phase: "project",
    digit: "5",
    title: "Imports and project",
    text:
      "files and the project: imports, `funnel.config.yaml`, inputs and targets " +
      "given to the CLI.",
  },
  {
    phase: "data",
    digit: "6",
    title: "Runtime and data input",
    text:
      "running funnels: scenario files (`funnel test`), events files (`funnel run`, " +
      "`funnel explain`) and the events in them.",
  },
  {
    phase: "internal",
    digit: "9",
    title: "Internal",
    text: "the compiler itself failed; these are bugs in funnelc, not in your file.",
  },
];

const SEVERITIES: readonly { name: Severity; text: string }[] = [
  {
    name: "error",
    text:
      "the funnel is wrong; `funnel check` and `funnel build` fail, and no output " +
      "is built for that funnel.",
  },
  {
    name: "warning",
    text:
      "the funnel compiles, but probably does not do what was meant; `--strict` (or " +
      "`strict: true` in `funnel.config.yaml`) turns warnings into errors.",
  },
  {
    name: "info",
    text:
      "a note about what the compiler did, not a problem (the CLI prints notes " +
      "with `--verbose`).",
  },
  {
    name: "hint",
    text:
      "a suggestion, shown faded in editors (the CLI prints hints with `--verbose`); " +
      "never fails a build, not even with `--strict`.",
  },
];

/** A message template with its parameters shown as `{name}` placeholders. */
export function renderTemplate(template: MessageTemplate): string {
  let out = template.parts[0];
  template.params.forEach((name, i) => {
    out += `{${name}}` + template.parts[i + 1];
  });
  return out;
}

/** The GitHub-style anchor of a heading: `## FN2002 unknown-stage` → `fn2002-unknown-stage`. */
export function headingAnchor(code: string, name: string): string {
  return `${code}-${name}`.toLowerCase();
}

function entries(): [string, DiagnosticDefinition][] {
  return (Object.entries(diagnosticRegistry) as [string, DiagnosticDefinition][]).sort(
    ([, a], [, b]) => a.code.localeCompare(b.code),
  );
}

function fence(language: string, text: string): string {
  return "```" + language + "\n" + text.replace(/\n+$/, "") + "\n```";
}

function renderSection(name: string, def: DiagnosticDefinition): string {
  const out: string[] = [];
  out.push(`<a id="${def.code.toLowerCase()}"></a>`, "");
  out.push(`## ${def.code} ${name}`, "");
  let severity = `**Severity:** ${def.severity}`;
  if (def.tags?.includes("unnecessary"))
    severity += " (editors show the code it marks faded, as unnecessary)";
  if (def.tags?.includes("deprecated"))
    severity += " (editors show the code it marks struck through, as deprecated)";
  out.push(severity, "");
  out.push(def.docs.summary, "");
  const messages = Object.values(def.messages);
  out.push(messages.length === 1 ? "**Message:**" : "**Messages:**", "");
  for (const template of messages) out.push(`- ${renderTemplate(template)}`);
  out.push("");
  if (def.docs.wrong !== undefined) out.push("**Wrong:**", "", fence("funnel", def.docs.wrong), "");
  if (def.docs.fixed !== undefined) out.push("**Fixed:**", "", fence("funnel", def.docs.fixed), "");
  out.push(`**How to fix:** ${def.docs.fix}`, "");
  return out.join("\n");
}

/** The whole of docs/diagnostics.md. */
export function renderDiagnosticsDoc(): string {
  const all = entries();
  const out: string[] = [];
  out.push(
    "<!-- Generated from core/diagnostics/registry.ts by `npm run gen`; do not edit by hand. -->",
    "",
  );
  out.push("# Funnel diagnostics", "");
  out.push(
    "Every problem funnelc reports has a stable code, a name, a severity and a message that " +
      "names the thing and suggests the fix. " +
      "The same list drives the CLI (`funnel check`, `--format json`, `--format sarif`), " +
      "the language server and this page.",
    "",
  );
  out.push("## Codes", "");
  out.push(
    "A code is `FN` and four digits; the first digit is the phase of the compiler that reports it:",
    "",
  );
  out.push("| Codes | Phase | What they are about |", "| --- | --- | --- |");
  for (const phase of DIAGNOSTIC_PHASES)
    out.push(`| FN${phase.digit}xxx | ${phase.title} | ${escapeCell(phase.text)} |`);
  out.push("");
  out.push("## Severities", "");
  for (const s of SEVERITIES) out.push(`- **${s.name}**: ${s.text}`);
  out.push("");
  out.push(
    "The examples below are complete `.funnel` files: **Wrong** reports the code, **Fixed** " +
      "is the same file corrected. " +
      "Codes about several files or about the project (imports, the config file, the CLI), " +
      "about running funnels over data, and internal errors have no example.",
    "",
  );
  out.push("## Contents", "");
  for (const phase of DIAGNOSTIC_PHASES) {
    const inPhase = all.filter(([, def]) => def.phase === phase.phase);
    if (!inPhase.length) continue;
    out.push(`**FN${phase.digit}xxx ${phase.title.toLowerCase()}**`, "");
    for (const [name, def] of inPhase)
      out.push(`- [${def.code} ${name}](#${headingAnchor(def.code, name)}) (${def.severity})`);
    out.push("");
  }
  for (const [name, def] of all) out.push(renderSection(name, def));
  return out.join("\n").replace(/\n+$/, "\n");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
