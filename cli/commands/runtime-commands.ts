// Commander registration of the commands that run funnels: `test`, `run` and `explain`.
// cli/main.ts calls registerRuntimeCommands(program, io, setExitCode) once.
import { Option, type Command } from "commander";
import type { CliIo } from "../io.js";
import { asOfValue, wholeNumber } from "./option-values.js";
import { TEST_FORMATS, type TestFormat } from "../formats.js";

/** The help of `--as-of`, the same for `funnel run` and `funnel explain`. */
const AS_OF_HELP =
  "apply SLAs up to this time at the end: a datetime with a zone, or a date for the end of " +
  "that day (default: the latest event's time)";

/**
 * Adds `funnel test`, `funnel run` and `funnel explain` to a commander program.
 * @param program the `funnel` program (its exitOverride and output settings are inherited)
 * @param io output streams and working directory
 * @param setExitCode receives each command's exit code
 */
export function registerRuntimeCommands(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command("test")
    .description(
      "run the scenarios of *.scenarios.yaml files and report failures and rule coverage",
    )
    .argument(
      "[paths...]",
      "scenario files, folders, globs or .funnel files (default: the scenario files next " +
        "to the project's funnels)",
    )
    .addOption(
      new Option("-f, --format <format>", "report format").choices(TEST_FORMATS).default("pretty"),
    )
    .addOption(
      new Option("--reporter <format>", "same as --format (e.g. --reporter junit for CI)").choices(
        TEST_FORMATS,
      ),
    )
    .option(
      "-o, --output-file <file>",
      "write the report to this file (stdout then gets the pretty report)",
    )
    .addHelpText(
      "after",
      `
Exit codes: 0 every scenario passed, 1 a scenario failed or a scenario file has errors, 2 wrong usage.

Examples:
  funnel test                                       scenarios next to the funnels of funnel.config.yaml
  funnel test examples/lead-to-revenue.funnel       the scenario files that name this funnel
  funnel test --reporter junit -o junit.xml         JUnit XML for CI, pretty report on stdout`,
    )
    .action(
      async (
        paths: string[],
        flags: { format: TestFormat; reporter?: TestFormat; outputFile?: string },
      ) => {
        // Commands are imported when they run, so `funnel --help` loads none of them.
        const { runTest } = await import("./test.js");
        setExitCode(
          runTest(io, paths, {
            format: flags.reporter ?? flags.format,
            outputFile: flags.outputFile,
          }),
        );
      },
    );

  program
    .command("run")
    .description(
      "stream events (JSONL or CSV) through a funnel; write the stage history and each " +
        "record's final state",
    )
    .argument("<funnel>", "the .funnel file")
    .requiredOption(
      "-d, --data <file>",
      "events: .jsonl/.ndjson (one JSON object a line) or .csv (header " +
        "id,record,at,type,data.<field>…,set.<field>…)",
    )
    .option(
      "-o, --out <dir>",
      "output folder for history.jsonl, records.jsonl and summary.json",
      "out/run",
    )
    .option("--as-of <datetime>", AS_OF_HELP, asOfValue)
    .option(
      "--show-rejected <n>",
      "how many rejected lines to print (all are counted)",
      wholeNumber(0),
      20,
    )
    .option(
      "--no-progress",
      "never draw the progress bar (it is drawn only on a terminal, and not in CI)",
    )
    .option("--strict", "exit 1 when any line was rejected")
    .addOption(
      new Option(
        "--history-format <format>",
        "stage history as history.jsonl or history.csv (for funnel report --history)",
      )
        .choices(["jsonl", "csv"])
        .default("jsonl"),
    )
    .addHelpText(
      "after",
      `
Exit codes: 0 events were applied (also when some lines were rejected), 1 no event was applied while
some line was rejected (or, with --strict, any line was rejected; or the funnel has errors), 2 wrong usage.`,
    )
    .action(
      async (
        funnel: string,
        flags: {
          data: string;
          out: string;
          asOf?: string;
          showRejected: number;
          progress: boolean;
          strict?: boolean;
          historyFormat: "jsonl" | "csv";
        },
      ) => {
        const { runRun } = await import("./run.js");
        setExitCode(
          await runRun(io, funnel, {
            data: flags.data,
            out: flags.out,
            asOf: flags.asOf,
            showRejected: flags.showRejected,
            progress: flags.progress ? undefined : false,
            strict: Boolean(flags.strict),
            historyFormat: flags.historyFormat,
          }),
        );
      },
    );

  program
    .command("explain")
    .description(
      "explain how one record got to its stage: each move with its event and rule, " +
        "and why it has not moved on",
    )
    .argument("<funnel>", "the .funnel file")
    .requiredOption("-d, --data <file>", "events: .jsonl/.ndjson or .csv, as for run")
    .requiredOption("-r, --record <id>", "the record to explain")
    .option("--as-of <datetime>", AS_OF_HELP, asOfValue)
    .action(async (funnel: string, flags: { data: string; record: string; asOf?: string }) => {
      const { runExplain } = await import("./explain.js");
      setExitCode(
        await runExplain(io, funnel, { data: flags.data, record: flags.record, asOf: flags.asOf }),
      );
    });
}
