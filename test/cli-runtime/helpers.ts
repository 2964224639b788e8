// Helpers for the runtime commands' tests: temporary projects, and `funnel test|run|explain` run
// in-process through a small commander program that registers them as cli/main.ts does.
import { Command } from "commander";
import { registerRuntimeCommands } from "../../cli/commands/runtime-commands.js";
import { captureIo } from "../helpers/cli.js";

export { captureIo, project } from "../helpers/cli.js";

/** Runs `funnel <argv>` with only the runtime commands registered. */
export async function run(cwd: string, ...argv: string[]) {
  const { io, out } = captureIo(cwd);
  let code = 0;
  const program = new Command("funnel")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  registerRuntimeCommands(program, io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    code = (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  return { code, ...out };
}

/**
 * A small funnel with every kind of rule: a `from any`, transitions with `on` and `when`, an SLA
 * with a warning, and a detour back. Line numbers matter to the tests.
 */
export const MINI = `funnel mini "Mini" {
  team sales "Sales"
  fields {
    email: text?
    qualified: boolean = false
    closed: date?
    spam: boolean = false
  }
  events {
    visit { url: text }
    call { minutes: number }
  }
  score heat {
    +10 on visit
    +30 on call when event.minutes >= 10
  }
  from any {
    -> junk when spam
  }
  stage lead "Lead" {
    definition "Someone we can reach."
    owner sales
    -> warm when email is set and heat >= 20
  }
  stage warm "Warm" {
    definition "Engaged enough to call."
    owner sales
    -> hot on call when event.minutes >= 10 and qualified
    sla 10 days -> cold notify sales
    warn 7 days notify sales
  }
  stage hot "Hot" {
    definition "Qualified on a call."
    owner sales
    -> won when closed is set
  }
  detour cold "Cold" {
    definition "Went quiet."
    owner sales
    -> warm on visit
  }
  terminal won "Won" { outcome won }
  terminal junk "Junk" { outcome lost }
}
`;
