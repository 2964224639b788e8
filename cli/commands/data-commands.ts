// Commander registration of the commands about funnel data: `report` (spec §7 metrics from events
// or a stage history) and `generate` (synthetic event logs for any funnel).
// cli/main.ts calls registerDataCommands(program, io, setExitCode) once.
import { Option, type Command } from "commander";
import type { GenerateCommandOptions } from "./generate.js";
import type { CliIo } from "../io.js";
import { asOfValue, wholeNumber } from "./option-values.js";

/**
 * Adds `funnel report` and `funnel generate` to a commander program.
 * @param program the `funnel` program (its exitOverride and output settings are inherited)
 * @param io output streams and working directory
 * @param setExitCode receives each command's exit code
 */
export function registerDataCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  registerReport(program, io, setExitCode);
  registerGenerate(program, io, setExitCode);
}

/** `funnel report`: its options and help, and the call of runReport. */
function registerReport(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("report")
    .description(
      "volume, conversion, velocity, SLA breaches and inventory per stage over a " +
        "time window (spec §7)",
    )
    .argument("<funnel>", "the .funnel file")
    .option(
      "-d, --data <file>",
      "events (.jsonl/.ndjson or .csv, as for run): run through the engine",
    )
    .option(
      "--history <file>",
      "or a stage history funnel run wrote (history.jsonl or history.csv): read, not run",
    )
    .option(
      "--from <date>",
      "window start: a date (UTC midnight) or a datetime with a zone (default: open)",
    )
    .option(
      "--to <date>",
      "window end: a date includes that whole day; a datetime is exclusive (default: open)",
    )
    .option(
      "--as-of <datetime>",
      "inventory, conversions and SLAs up to this time: a datetime with a zone, or a date for " +
        "the end of that day (default: the latest event, or the run's as-of for --history)",
      asOfValue,
    )
    .addOption(
      new Option("--by <period>", "cohorts by month or quarter of entry into each stage").choices([
        "month",
        "quarter",
      ]),
    )
    .option(
      "--compare-to <baseline>",
      "another window FROM..TO (e.g. 2025-01-01..2025-03-31), or another version of the funnel " +
        "(a .funnel file; needs --data)",
    )
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["table", "json", "csv", "html"])
        .default("table"),
    )
    .option("-o, --out <file>", "write the report to this file (default: stdout)")
    .option(
      "--show-rejected <n>",
      "how many rejected lines to list (all are counted)",
      wholeNumber(0),
      20,
    )
    .option(
      "--no-progress",
      "never draw the progress bar (it is drawn only on a terminal, and not in CI)",
    )
    .addHelpText(
      "after",
      `
Figures (docs/report.md): volume = distinct records entering the stage in the window; conversion = share
of them that later (by the as-of time) entered the next success-path stage or one after it; velocity =
days from their first entry in the window to that later entry (median, mean, p90); SLA breaches and
warnings due in the window; inventory = records in the stage at the as-of time; targets pass/fail.

Exit codes: 0 report written (rejected lines are listed in it), 1 the funnel has errors or reading the input
failed part-way, 2 wrong usage (a bad option, a missing file, an output file that cannot be written).

Examples:
  funnel generate examples/lead-to-revenue.funnel -n 1000 -o events.jsonl   (events to report on)
  funnel report examples/lead-to-revenue.funnel --data events.jsonl
  funnel report examples/lead-to-revenue.funnel --data events.jsonl --from 2025-01-01 --to 2025-03-31 --by month
  funnel run examples/lead-to-revenue.funnel --data events.jsonl --history-format csv
  funnel report examples/lead-to-revenue.funnel --history out/run/history.csv
  funnel report examples/lead-to-revenue.funnel --data events.jsonl --from 2025-04-01 --to 2025-06-30 \
    --compare-to 2025-01-01..2025-03-31
  funnel report examples/lead-to-revenue.funnel --data events.jsonl --format html -o report.html`,
    )
    .action(
      async (
        funnel: string,
        flags: {
          data?: string;
          history?: string;
          from?: string;
          to?: string;
          asOf?: string;
          by?: "month" | "quarter";
          compareTo?: string;
          format: "table" | "json" | "csv" | "html";
          out?: string;
          showRejected: number;
          progress: boolean;
        },
      ) => {
        // Imported on use, so `funnel --help` loads no report code.
        const { runReport } = await import("./report.js");
        setExitCode(
          await runReport(io, funnel, {
            data: flags.data,
            history: flags.history,
            from: flags.from,
            to: flags.to,
            asOf: flags.asOf,
            by: flags.by,
            compareTo: flags.compareTo,
            format: flags.format,
            output: flags.out,
            showRejected: flags.showRejected,
            progress: flags.progress ? undefined : false,
          }),
        );
      },
    );
}

/** `funnel generate`: its options and help, and the call of runGenerate. */
function registerGenerate(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("generate")
    .description(
      "write a realistic, deterministic event log for a funnel (for demos, tests and benchmarks)",
    )
    .argument("<funnel>", "the .funnel file")
    .requiredOption("-n, --records <n>", "how many records (leads)", wholeNumber(1))
    .option(
      "-s, --seed <n>",
      "random seed: the same seed, funnel and options give byte-identical output",
      wholeNumber(0),
      1,
    )
    .option(
      "-o, --out <file>",
      "write to this file, named .jsonl, .ndjson or .csv (the format, unless --format); " +
        "default stdout",
    )
    .addOption(
      new Option(
        "-f, --format <format>",
        "jsonl or csv (default: from the --out name, else jsonl); must agree with " +
          "a .jsonl/.csv name",
      ).choices(["jsonl", "csv"]),
    )
    .option(
      "--profile <file>",
      "YAML profile: conversion rates, delays and stalls per stage (docs/report.md)",
    )
    .option("--conversion <share>", "default share of records that move on from each stage (0..1)")
    .option("--delay <duration>", 'default mean time between steps, e.g. "3 days" or "12 hours"')
    .option(
      "--stall <share>",
      "share of records that stall past a stage's SLA before moving on (0..1)",
    )
    .option(
      "--start <date>",
      "the first record's creation date, a real day like 2025-02-28 (default 2025-01-01)",
    )
    .option("--span <duration>", 'records are created over this period (default "365 days")')
    .option("--ids", "give every event an id (e1, e2, …)")
    .option("--no-progress", "never draw the progress bar")
    .addHelpText(
      "after",
      `
Each record walks the funnel from its first stage: at every stage it moves on towards the next
success-path stage with the stage's conversion rate (else it stops there, or takes a detour), after a
delay drawn around the stage's mean; some wait past their stage's warn/SLA first. Events are built from
the funnel itself (the event a transition waits for, with data and set fields that make its condition
true, and score events until a score threshold is reached), checked against the engine as they are made,
and written in time order.

Examples:
  funnel generate examples/lead-to-revenue.funnel --records 1000 --seed 7 -o events.jsonl
  funnel generate examples/lead-to-revenue.funnel -n 1000000 -o events.csv --conversion 0.5 --delay "2 days"
  funnel generate examples/revenue-cycle.funnel -n 5000 > events.jsonl`,
    )
    .action(
      async (
        funnel: string,
        flags: Omit<GenerateCommandOptions, "progress"> & { progress: boolean },
      ) => {
        const { runGenerate } = await import("./generate.js");
        setExitCode(
          await runGenerate(io, funnel, { ...flags, progress: flags.progress ? undefined : false }),
        );
      },
    );
}
