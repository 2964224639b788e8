// The CLI's connection to the world: output streams, working directory, colour. Commands take it
// as a parameter, so tests run them in-process.
import pc from "picocolors";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Whether to colour output (a terminal without NO_COLOR). */
  color: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb",
  };
}

export type Colors = ReturnType<typeof pc.createColors>;
export function colorsFor(io: CliIo): Colors {
  return pc.createColors(io.color);
}
