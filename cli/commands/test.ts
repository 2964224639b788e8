// `funnel test [paths...]`: runs the scenarios of `*.scenarios.yaml` files (spec §8) and reports
// every failing expectation with the events that led there, then per funnel which transitions,
// `from any` rules, SLAs and warnings no scenario exercised. `--format json` and
// `--reporter junit` for CI; exit 1 on any failure.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { globSync } from "tinyglobby";
import { createDiagnostic, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { FunnelIR } from "../../core/ir/types.js";
import { offsetToLineColumn } from "../../core/source-file.js";
import { EXIT_DIAGNOSTICS, EXIT_OK, EXIT_USAGE } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../io.js";
import { resolveProject } from "../project.js";
import { reportUnwritable } from "../output-path.js";
import { formatJunit, type JunitCase, type JunitSuite } from "../reporters/junit.js";
import { locate } from "../reporters/locate.js";
import { formatDiagnostic } from "../reporters/pretty.js";
import {
  compileFunnel,
  displayPath,
  formatFunnelErrors,
  type CompiledFunnel,
} from "../data/funnel.js";
import {
  funnelOfScenarioText,
  parseScenarioFile,
  type ScenarioFile,
} from "../data/scenario-file.js";
import {
  checkExpectations,
  describeOutcomes,
  runScenario,
  summarizeCoverage,
  type FunnelCoverage,
  type ScenarioFailure,
  type ScenarioResult,
  type TraceStep,
} from "../../runtime/scenarios.js";

import type { TestFormat } from "../formats.js";
import { plural } from "../words.js";
export { TEST_FORMATS, type TestFormat } from "../formats.js";

export interface TestOptions {
  format: TestFormat;
  /** Write the report here (json/junit: stdout then gets the pretty report). */
  outputFile?: string;
}

const SCENARIO_GLOB = "*.scenarios.yaml";
const IGNORE = ["**/node_modules/**", "**/.git/**"];

interface Discovery {
  files: string[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

/** No place in a text: a path given on the command line, or (file "") the project as a whole. */
const unlocated = (file: string) => ({
  file,
  span: { start: 0, end: 0 },
  unlocated: true as const,
});

/**
 * Scenario files: next to the project's funnels, or from the paths given (files, folders, globs,
 * funnels).
 */
export function findScenarioFiles(io: CliIo, paths: string[]): Discovery {
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  if (!paths.length) {
    const project = resolveProject(io.cwd, []);
    if (project.diagnostics.some((d) => d.severity === "error"))
      return { files: [], diagnostics: project.diagnostics, sources: project.extraSources };
    const folders = new Set(project.files.map((f) => path.dirname(path.resolve(project.root, f))));
    for (const folder of folders)
      for (const file of globSync(SCENARIO_GLOB, { cwd: folder, absolute: true }))
        found.add(path.resolve(file));
    if (!found.size) {
      const where = project.config?.config?.inputs?.join(", ") ?? displayPath(io.cwd, project.root);
      diagnostics.push(
        createDiagnostic("no-scenario-files", { format: { path: where || "." }, ...unlocated("") }),
      );
    }
    return { files: [...found].sort(), diagnostics, sources: project.extraSources };
  }
  for (const pattern of paths) {
    const absolute = path.resolve(io.cwd, pattern);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    const before = found.size;
    const add = (file: string) => {
      if (file.endsWith(".funnel")) {
        for (const sibling of globSync(SCENARIO_GLOB, {
          cwd: path.dirname(file),
          absolute: true,
        })) {
          const named = funnelOfScenarioText(readFileSync(sibling, "utf8"));
          if (
            named !== undefined &&
            path.resolve(path.dirname(sibling), named) === path.resolve(file)
          )
            found.add(path.resolve(sibling));
        }
        if (found.size === before)
          diagnostics.push(
            createDiagnostic("no-scenario-files", {
              messageId: "forFunnel",
              format: { path: displayPath(io.cwd, file) },
              ...unlocated(pattern),
            }),
          );
      } else found.add(path.resolve(file));
    };
    if (stat?.isDirectory()) {
      for (const file of globSync(`**/${SCENARIO_GLOB}`, {
        cwd: absolute,
        ignore: IGNORE,
        absolute: true,
      }))
        found.add(path.resolve(file));
      if (found.size === before)
        diagnostics.push(
          createDiagnostic("no-scenario-files", {
            format: { path: pattern },
            ...unlocated(pattern),
          }),
        );
    } else if (stat?.isFile()) {
      add(absolute);
    } else if (/[*?[{]/.test(pattern)) {
      const matches = globSync(pattern, { cwd: io.cwd, ignore: IGNORE, absolute: true }).filter(
        (f) => f.endsWith(".scenarios.yaml") || f.endsWith(".funnel"),
      );
      matches.forEach(add);
      if (!matches.length)
        diagnostics.push(
          createDiagnostic("no-scenario-files", {
            format: { path: pattern },
            ...unlocated(pattern),
          }),
        );
    } else {
      diagnostics.push(
        createDiagnostic("file-not-readable", {
          format: { path: pattern, reason: "no such file or folder" },
          ...unlocated(pattern),
        }),
      );
    }
  }
  return { files: [...found].sort(), diagnostics, sources: new Map() };
}

interface FileReport {
  file: ScenarioFile;
  /** The funnel's project path, when it compiled. */
  funnel?: { key: string; ir: FunnelIR; shown: string };
  /** The funnel's own errors, printed once under the first file that names it. */
  funnelErrors?: string;
  results: ScenarioResult[];
  /** Scenarios whose `expect` names what the funnel lacks: not run (FN6003). */
  invalid: { name: string; line: number; diagnostics: Diagnostic[] }[];
}

export interface TestReport {
  files: FileReport[];
  coverage: FunnelCoverage[];
  passed: number;
  failed: number;
  /** Scenario files that could not be read, parsed or run at all. */
  errors: number;
  sources: Map<string, string>;
}

/** Runs every scenario of the given files. */
export function runScenarioFiles(io: CliIo, files: string[]): TestReport {
  const funnels = new Map<string, CompiledFunnel>();
  const exercised = new Map<string, Set<string>>();
  const reportedFunnels = new Set<string>();
  const sources = new Map<string, string>();
  const reports: FileReport[] = [];
  for (const absolute of files) {
    const shown = displayPath(io.cwd, absolute);
    let text: string;
    try {
      text = readFileSync(absolute, "utf8").replace(/^\uFEFF/, "");
    } catch (error) {
      const file: ScenarioFile = {
        path: absolute,
        shown,
        text: "",
        scenarios: [],
        diagnostics: [
          createDiagnostic("file-not-readable", {
            format: { path: shown, reason: (error as Error).message },
            ...unlocated(shown),
          }),
        ],
      };
      reports.push({ file, results: [], invalid: [] });
      continue;
    }
    sources.set(shown, text);
    const file = parseScenarioFile(absolute, shown, text);
    const report: FileReport = { file, results: [], invalid: [] };
    reports.push(report);
    if (!file.funnel) continue;
    const funnelPath = path.resolve(path.dirname(absolute), file.funnel.value);
    let funnel = funnels.get(funnelPath);
    if (!funnel) {
      funnel = compileFunnel(io, funnelPath);
      funnels.set(funnelPath, funnel);
      for (const [key, value] of funnel.sources) if (!sources.has(key)) sources.set(key, value);
    }
    if (funnel.failure) {
      const funnelShown = displayPath(io.cwd, funnelPath);
      file.diagnostics.push(
        createDiagnostic("funnel-not-runnable", {
          messageId: funnel.failure === "notFound" ? "default" : funnel.failure,
          format: { path: funnelShown },
          file: shown,
          span: file.funnel.span,
        }),
      );
      if (funnel.failure === "hasErrors" && !reportedFunnels.has(funnelPath)) {
        reportedFunnels.add(funnelPath);
        report.funnelErrors = formatFunnelErrors(io, funnel);
      }
      continue;
    }
    const ir = funnel.ir!;
    report.funnel = { key: funnelPath, ir, shown: ir.source };
    let seen = exercised.get(funnelPath);
    if (!seen) exercised.set(funnelPath, (seen = new Set()));
    const lineOf = (offset: number) => offsetToLineColumn({ path: shown, text }, offset).line;
    for (const scenario of file.scenarios) {
      const problems = checkExpectations(file, scenario, ir);
      if (problems.length)
        report.invalid.push({
          name: scenario.name,
          line: lineOf(scenario.nameSpan.start),
          diagnostics: problems,
        });
      else report.results.push(runScenario(ir, file, scenario, lineOf, seen));
    }
  }
  const coverage: FunnelCoverage[] = [];
  for (const [key, seen] of exercised)
    coverage.push(summarizeCoverage(funnels.get(key)!.ir!, seen));
  coverage.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const passed = reports.reduce(
    (n, r) => n + r.results.filter((s) => !s.failures.length).length,
    0,
  );
  const failed = reports.reduce(
    (n, r) => n + r.results.filter((s) => s.failures.length).length + r.invalid.length,
    0,
  );
  const errors = reports.filter((r) => r.file.diagnostics.length).length;
  return { files: reports, coverage, passed, failed, errors, sources };
}

// ------------------------------------------------------------------ pretty

/** The events of a scenario and what each did, for a failure report. */
export function formatTrace(result: ScenarioResult, indent = "  "): string {
  const { scenario } = result;
  const lines = [
    `${indent}Events of ${JSON.stringify(scenario.name)} (record \`${scenario.record}\`):`,
  ];
  const rows = result.trace.map((step: TraceStep) => {
    const label = step.index === null ? "as_of" : `${step.index}.`;
    const what = step.type ?? "";
    const effect =
      step.status === "rejected"
        ? `rejected (${step.reason}): ${step.message}`
        : step.status === "duplicate"
          ? "duplicate id, ignored"
          : step.status === "as_of" && !step.outcomes.length
            ? "nothing due"
            : describeOutcomes(step.outcomes, scenario.record);
    return {
      head: `${label} line ${step.line}`,
      at: step.at,
      what: step.id ? `${what} (${step.id})` : what,
      effect,
    };
  });
  const width = (key: "head" | "at" | "what") => Math.max(0, ...rows.map((r) => r[key].length));
  const [wh, wa, ww] = [width("head"), width("at"), width("what")];
  for (const r of rows)
    lines.push(
      (
        `${indent}  ${r.head.padEnd(wh)}  ${r.at.padEnd(wa)}  ${r.what.padEnd(ww)}  ` +
        `${r.effect}`
      ).replace(/\s+$/, ""),
    );
  return lines.join("\n") + "\n";
}

function formatCoverage(io: CliIo, coverage: FunnelCoverage[]): string {
  if (!coverage.length) return "";
  const c = colorsFor(io);
  let out = "Coverage:\n";
  for (const f of coverage) {
    const percent = `${f.percent}%`;
    const shownPercent = f.covered === f.total ? c.green(percent) : c.yellow(percent);
    const missing = f.rules.filter((r) => !r.exercised);
    out +=
      `  ${c.bold(f.funnel)} (${f.file}): ${f.covered} of ${plural(f.total, "rule")} ` +
      `exercised (${shownPercent})${missing.length ? "; not exercised:" : ""}\n`;
    for (const r of missing) out += `    ${c.cyan(`${r.loc.file}:${r.loc.line}`)}  ${r.text}\n`;
  }
  return out;
}

export function formatTestPretty(io: CliIo, report: TestReport): string {
  const c = colorsFor(io);
  const pretty = { colors: c, verbose: false };
  const blocks: string[] = [];
  for (const r of report.files) {
    const failed =
      r.file.diagnostics.length > 0 ||
      r.invalid.length > 0 ||
      r.results.some((s) => s.failures.length);
    let out =
      `${failed ? c.red(c.bold("FAIL")) : c.green(c.bold("PASS"))} ${r.file.shown}` +
      `${r.funnel ? c.gray(` (${r.funnel.ir.funnel.name})`) : ""}\n`;
    const order = [
      ...r.results.map((s) => ({
        name: s.scenario.name,
        line: s.scenario.nameSpan.start,
        ok: !s.failures.length,
      })),
      ...r.invalid.map((s) => ({ name: s.name, line: -1, ok: false })),
    ];
    for (const s of order) out += `  ${s.ok ? c.green("✓") : c.red("✗")} ${s.name}\n`;
    const details: string[] = [];
    if (r.funnelErrors) details.push(r.funnelErrors);
    for (const d of r.file.diagnostics) details.push(formatDiagnostic(d, report.sources, pretty));
    for (const s of r.invalid)
      for (const d of s.diagnostics) details.push(formatDiagnostic(d, report.sources, pretty));
    for (const s of r.results) {
      if (!s.failures.length) continue;
      details.push(
        s.failures.map((f) => formatDiagnostic(f.diagnostic, report.sources, pretty)).join("\n") +
          "\n" +
          formatTrace(s),
      );
    }
    if (details.length) out += "\n" + details.join("\n");
    blocks.push(out);
  }
  let out = blocks.join("\n");
  const coverage = formatCoverage(io, report.coverage);
  if (coverage) out += "\n" + coverage;
  const total = report.passed + report.failed;
  const parts = [
    report.failed ? c.red(`${report.failed} failed`) : "",
    c.green(`${report.passed} passed`),
    report.errors ? c.red(`${plural(report.errors, "file")} with errors`) : "",
  ].filter(Boolean);
  out += `\nScenarios: ${parts.join(", ")} (${total} in ${plural(report.files.length, "file")}).\n`;
  return out;
}

// ------------------------------------------------------------------ json and junit

function jsonDiagnostic(d: Diagnostic, sources: Map<string, string>) {
  return {
    code: d.code,
    name: d.name,
    severity: d.severity,
    message: d.message,
    file: d.file,
    range: locate(sources, d.file, d.span),
  };
}

function jsonFailure(f: ScenarioFailure, sources: Map<string, string>) {
  return {
    expectation: f.expectation,
    expected: f.expected,
    actual: f.actual,
    ...jsonDiagnostic(f.diagnostic, sources),
  };
}

export function formatTestJson(report: TestReport): string {
  const scenarios = report.files.flatMap((r) => [
    ...r.results.map((s) => ({
      file: r.file.shown,
      funnel: r.funnel?.shown ?? null,
      name: s.scenario.name,
      line: offsetToLineColumn({ path: r.file.shown, text: r.file.text }, s.scenario.nameSpan.start)
        .line,
      record: s.scenario.record,
      status: s.failures.length ? "failed" : "passed",
      failures: s.failures.map((f) => jsonFailure(f, report.sources)),
      events: s.trace.map((t) => ({
        index: t.index,
        line: t.line,
        at: t.at,
        type: t.type,
        id: t.id,
        status: t.status,
        ...(t.reason ? { reason: t.reason, message: t.message } : {}),
        outcomes: t.outcomes,
      })),
    })),
    ...r.invalid.map((s) => ({
      file: r.file.shown,
      funnel: r.funnel?.shown ?? null,
      name: s.name,
      line: s.line,
      status: "failed",
      failures: s.diagnostics.map((d) => ({
        expectation: "expect",
        expected: null,
        actual: null,
        ...jsonDiagnostic(d, report.sources),
      })),
      events: [],
    })),
  ]);
  const out = {
    version: 1,
    summary: {
      files: report.files.length,
      scenarios: report.passed + report.failed,
      passed: report.passed,
      failed: report.failed,
      errors: report.errors,
    },
    files: report.files.map((r) => ({
      file: r.file.shown,
      funnel: r.funnel?.shown ?? null,
      diagnostics: r.file.diagnostics.map((d) => jsonDiagnostic(d, report.sources)),
    })),
    scenarios,
    coverage: report.coverage.map((f) => ({
      funnel: f.funnel,
      file: f.file,
      covered: f.covered,
      total: f.total,
      percent: f.percent,
      rules: f.rules.map((r) => ({
        kind: r.kind,
        stage: r.stage,
        to: r.to,
        text: r.text,
        file: r.loc.file,
        line: r.loc.line,
        column: r.loc.column,
        exercised: r.exercised,
      })),
    })),
  };
  return JSON.stringify(out, null, 2) + "\n";
}

export function formatTestJunit(io: CliIo, report: TestReport): string {
  const plain: CliIo = { ...io, color: false };
  const colors = colorsFor(plain);
  const suites: JunitSuite[] = report.files.map((r) => {
    const classname = r.funnel?.ir.funnel.name ?? r.file.shown;
    const lineOf = (offset: number) =>
      offsetToLineColumn({ path: r.file.shown, text: r.file.text }, offset).line;
    const cases: JunitCase[] = [];
    if (r.file.diagnostics.length) {
      const text = [
        r.funnelErrors ?? "",
        ...r.file.diagnostics.map((d) =>
          formatDiagnostic(d, report.sources, { colors, verbose: false }),
        ),
      ].join("\n");
      cases.push({
        name: r.file.shown,
        classname,
        file: r.file.shown,
        error: { message: r.file.diagnostics[0].message, type: r.file.diagnostics[0].code, text },
      });
    }
    for (const s of r.results) {
      const c: JunitCase = {
        name: s.scenario.name,
        classname,
        file: r.file.shown,
        line: lineOf(s.scenario.nameSpan.start),
      };
      if (s.failures.length) {
        const text =
          s.failures
            .map((f) => formatDiagnostic(f.diagnostic, report.sources, { colors, verbose: false }))
            .join("\n") +
          "\n" +
          formatTrace(s);
        c.failure = {
          message: s.failures.map((f) => f.diagnostic.message).join(" "),
          type: s.failures[0].diagnostic.code,
          text,
        };
      }
      cases.push(c);
    }
    for (const s of r.invalid) {
      const text = s.diagnostics
        .map((d) => formatDiagnostic(d, report.sources, { colors, verbose: false }))
        .join("\n");
      cases.push({
        name: s.name,
        classname,
        file: r.file.shown,
        line: s.line,
        failure: {
          message: s.diagnostics.map((d) => d.message).join(" "),
          type: s.diagnostics[0].code,
          text,
        },
      });
    }
    const coverage = r.funnel ? report.coverage.find((f) => f.file === r.funnel!.shown) : undefined;
    const properties: Record<string, string> = coverage
      ? {
          funnel: coverage.funnel,
          "coverage.rules": `${coverage.covered}/${coverage.total}`,
          "coverage.percent": String(coverage.percent),
          ...(coverage.covered < coverage.total
            ? {
                "coverage.not_exercised": coverage.rules
                  .filter((x) => !x.exercised)
                  .map((x) => `${x.loc.file}:${x.loc.line} ${x.text}`)
                  .join("\n"),
              }
            : {}),
        }
      : {};
    return { name: r.file.shown, file: r.file.shown, cases, properties };
  });
  return formatJunit("funnel test", suites);
}

// ------------------------------------------------------------------ command

export function runTest(io: CliIo, paths: string[], options: TestOptions): number {
  const discovery = findScenarioFiles(io, paths);
  // A path that is missing (or holds no scenario file) is reported, and the scenario files that
  // were found still run: exit 2 at the end.
  const badPaths = discovery.diagnostics.some((d) => d.severity === "error");
  if (badPaths) {
    const colors = { colors: colorsFor(io), verbose: false };
    for (const d of discovery.diagnostics)
      io.stdout(formatDiagnostic(d, discovery.sources, colors));
    if (!discovery.files.length) return EXIT_USAGE;
  }
  const report = runScenarioFiles(io, discovery.files);
  const machine =
    options.format === "json"
      ? formatTestJson(report)
      : options.format === "junit"
        ? formatTestJunit(io, report)
        : undefined;
  if (options.outputFile) {
    const target = path.resolve(io.cwd, options.outputFile);
    try {
      writeFileSync(target, machine ?? formatTestPretty({ ...io, color: false }, report));
    } catch (error) {
      if (!(error as NodeJS.ErrnoException).code) throw error;
      // The results still reach the terminal; only the file is missing, and that is a usage error.
      io.stdout(formatTestPretty(io, report));
      return reportUnwritable(io, target, error);
    }
    io.stdout(formatTestPretty(io, report));
  } else {
    io.stdout(machine ?? formatTestPretty(io, report));
  }
  if (badPaths) return EXIT_USAGE;
  return report.failed || report.errors ? EXIT_DIAGNOSTICS : EXIT_OK;
}
