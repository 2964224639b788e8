// The `funnel` command line: argument parsing (commander), --help/--version, exit codes
// (0 ok, 1 diagnostics, 2 usage, 3 internal error), and a guard that turns bugs into FN9001.
import { Command, CommanderError, Option } from "commander";
import { COMPILER_VERSION } from "../compiler/version.js";
import { targetNames } from "../compiler/emit/targets.js";
import { diagnosticRegistry } from "../core/diagnostics/registry.js";
import { formatTemplate } from "../core/diagnostics/message.js";
import { registerRuntimeCommands } from "./commands/runtime-commands.js";
import { registerDataCommands } from "./commands/data-commands.js";
import { OUTPUT_FORMATS, type OutputFormat } from "./formats.js";
import { EXIT_INTERNAL, EXIT_USAGE } from "./exit-codes.js";
import { processIo, type CliIo } from "./io.js";
import { isName } from "../core/names.js";

interface CommonFlags {
  format: OutputFormat;
  strict?: boolean;
  verbose?: boolean;
}

function formatOption() {
  return new Option("-f, --format <format>", "how to print diagnostics")
    .choices(OUTPUT_FORMATS)
    .default("pretty");
}

/** The `funnel` program: its description, version, help and where it prints. */
function createProgram(io: CliIo): Command {
  return new Command("funnel")
    .description(
      "Compile Funnel (.funnel) lead-to-revenue funnels into validated configs.\n" +
        "Docs: README.md, docs/diagnostics.md, docs/ir.md",
    )
    .version(COMPILER_VERSION, "-v, --version", "print the funnelc version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addHelpText(
      "after",
      `
Exit codes: 0 ok, 1 errors in the funnels (or warnings with --strict), 2 wrong usage, 3 internal error.

Examples:
  funnel check                          check the files of funnel.config.yaml (or all .funnel files here)
  funnel check examples --format sarif  SARIF for code scanning
  funnel build examples/lead-to-revenue.funnel --target json --target yaml --out out
  funnel generate examples/lead-to-revenue.funnel -n 1000 -o events.jsonl
                                        events to try run, explain and report on`,
    );
}

/** `funnel check`: checks files and prints diagnostics. */
function registerCheck(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("check")
    .description("check .funnel files and print diagnostics (writes nothing)")
    .argument(
      "[paths...]",
      "files, folders or globs (default: the config's inputs, or every .funnel file here)",
    )
    .addOption(formatOption())
    .option("--strict", "treat warnings as errors")
    .option("--verbose", "also print hints (unused declarations) and notes")
    .action(async (paths: string[], flags: CommonFlags) => {
      // Commands are imported when they run, so `--help` and `--version` load no compiler code.
      const { runCheck } = await import("./commands/check.js");
      setExitCode(
        runCheck(io, paths, {
          format: flags.format,
          strict: Boolean(flags.strict),
          verbose: Boolean(flags.verbose),
        }),
      );
    });
}

/** `funnel build`: compiles files and writes the targets. */
function registerBuild(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("build")
    .description("compile .funnel files and write the chosen targets")
    .argument("[paths...]", "files, folders or globs (default: the config's inputs)")
    .addOption(
      new Option(
        "-t, --target <target>",
        `output target, repeatable (${targetNames().join(", ")}; default: the config's ` +
          `targets, or json)`,
      ).argParser((value: string, previous: string[] | undefined) => [
        ...(previous ?? []),
        ...value.split(",").filter(Boolean),
      ]),
    )
    .option("-o, --out <dir>", "output folder (default: the config's outDir, or out)")
    .addOption(
      new Option(
        "--lang <code>",
        "language of the stage labels to use as terms in docs and diagrams (e.g. de)",
      ).argParser((value: string) => {
        // A label language is a Funnel name (`label de "…"`), so anything else could never match.
        // Not code "commander.invalidArgument": commander catches that one from a parser and
        // prints its own "argument is invalid" line after this one.
        if (!isName(value))
          program.error(
            `error: option '--lang <code>' argument '${value}' is not a label language ` +
              `such as de or pt_BR.`,
            { exitCode: EXIT_USAGE, code: "funnel.invalidLang" },
          );
        return value;
      }),
    )
    .addOption(formatOption())
    .option("--strict", "treat warnings as errors: build nothing if there are any")
    .option("--verbose", "also print hints (unused declarations) and notes")
    .action(
      async (
        paths: string[],
        flags: CommonFlags & { target?: string[]; out?: string; lang?: string },
      ) => {
        const { runBuild } = await import("./commands/build.js");
        setExitCode(
          await runBuild(io, paths, {
            format: flags.format,
            strict: Boolean(flags.strict),
            verbose: Boolean(flags.verbose),
            targets: flags.target,
            out: flags.out,
            lang: flags.lang,
          }),
        );
      },
    );
}

/** `funnel fmt`: formats files in place, or lists the unformatted ones. */
function registerFmt(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("fmt")
    .description(
      "rewrite .funnel files in the canonical layout (docs/style.md); files with syntax " +
        "errors are left as they are",
    )
    .argument(
      "[paths...]",
      "files, folders or globs (default: the config's inputs, or every .funnel file here)",
    )
    .option(
      "--check",
      "write nothing; list the files that are not formatted and exit 1 if there are any",
    )
    .action(async (paths: string[], flags: { check?: boolean }) => {
      // Imported on use, so that `check` and `build` start without the formatter (and prettier).
      const { runFmt } = await import("./commands/fmt.js");
      setExitCode(await runFmt(io, paths, { check: Boolean(flags.check) }));
    });
}

/** `funnel lsp`: runs the language server until the client ends the session. */
function registerLsp(program: Command): void {
  program
    .command("lsp")
    .description("run the Funnel language server for editors (JSON-RPC; see docs/lsp.md)")
    .option("--stdio", "talk over stdin/stdout (the default)")
    .option("--node-ipc", "talk over the Node IPC channel of the process that started this one")
    // Flags language clients add on their own (vscode-languageclient: --clientProcessId=<pid>,
    // --socket=<port>, --pipe=<name>): accepted and not shown; any other option is a mistake.
    .addOption(new Option("--clientProcessId <pid>").hideHelp())
    .addOption(new Option("--socket <port>").hideHelp())
    .addOption(new Option("--pipe <name>").hideHelp())
    .addHelpText(
      "after",
      "\nStarted by an editor, not by hand: the VS Code extension runs it for .funnel files.\n" +
        "Example (another editor's config): funnel lsp --stdio\n",
    )
    .action(async (flags: { stdio?: boolean; nodeIpc?: boolean }) => {
      // Imported on use, so other commands never load the server.
      const { runLsp } = await import("./commands/lsp.js");
      if (flags.stdio && flags.nodeIpc)
        program.error("error: choose one of --stdio and --node-ipc.", {
          exitCode: EXIT_USAGE,
          code: "commander.conflictingOption",
        });
      runLsp(flags.nodeIpc ? "node-ipc" : "stdio");
      // Serving ends when the client sends `exit`; the process exits then.
      await new Promise<never>(() => undefined);
    });
}

/**
 * Runs the CLI.
 * @param argv arguments after `funnel`
 * @param io output streams and working directory
 * @returns the exit code
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number) => (exitCode = code);
  const program = createProgram(io);
  registerCheck(program, io, setExitCode);
  registerBuild(program, io, setExitCode);
  registerFmt(program, io, setExitCode);
  registerLsp(program);
  registerRuntimeCommands(program, io, setExitCode);
  registerDataCommands(program, io, setExitCode);

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0; anything else commander rejects is a usage error.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return reportInternalError(io, argv, error);
  }
}

/**
 * Reports a bug (FN9001) that escaped a command.
 * @returns the exit code for an internal error
 */
function reportInternalError(io: CliIo, argv: string[], error: unknown): number {
  // No file to name here (the commands report their files' failures themselves): name the command.
  const message = error instanceof Error ? error.message : String(error);
  const command = argv.find((a) => !a.startsWith("-")) ?? "";
  const text = formatTemplate(diagnosticRegistry["internal-error"].messages.command, {
    command,
    message,
  });
  io.stderr(`error ${diagnosticRegistry["internal-error"].code}: ${text}\n`);
  if (process.env.FUNNEL_DEBUG && error instanceof Error) io.stderr(String(error.stack) + "\n");
  return EXIT_INTERNAL;
}

const isEntry =
  typeof process !== "undefined" &&
  process.argv[1] !== undefined &&
  /(?:cli|main)\.(?:js|ts)$/.test(process.argv[1]);
if (isEntry) {
  // main() reports every failure itself (FN9001 for bugs) and resolves to the exit code.
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
