// The CLI's connection to the world: output streams, working directory, colour. Commands take it
// as a parameter, so tests run them in-process.
import pc from "picocolors";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Whether to colour output (a terminal without NO_COLOR). */
  color: boolean;
  /**
   * Whether progress bars may be drawn on the process's stderr: stdout and stderr are terminals
   * (nothing is piped) and the CI variable is not set. Absent means no (in-process tests).
   */
  interactive?: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb",
    interactive: isInteractive(process.env, process.stdout.isTTY, process.stderr.isTTY),
  };
}

export type Colors = ReturnType<typeof pc.createColors>;
export function colorsFor(io: CliIo): Colors {
  return pc.createColors(io.color);
}

/** Progress bars only for people watching: both streams on a terminal and not in CI. */
export function isInteractive(
  env: NodeJS.ProcessEnv,
  stdoutIsTTY: boolean | undefined,
  stderrIsTTY: boolean | undefined,
): boolean {
  const ci =
    env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI.toLowerCase() !== "false";
  return Boolean(stdoutIsTTY) && Boolean(stderrIsTTY) && !ci && env.TERM !== "dumb";
}
