// The examples a newcomer copies first: every file that `funnel --help`, each command's help and
// the README's "First steps" name is in the repository, or is made by a command shown before it.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../helpers/cli.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const COMMANDS = ["check", "build", "fmt", "lsp", "test", "run", "explain", "report", "generate"];

/** The `.funnel` and `.yaml` paths a text names (the inputs a reader would have to have). */
function inputsNamed(text: string): string[] {
  return [...text.matchAll(/(?:^|\s)((?:[\w.-]+\/)*[\w.-]+\.(?:funnel|ya?ml))(?=\s|$)/gm)].map(
    (m) => m[1]!,
  );
}

describe("examples that name files", () => {
  it("finds the files the help texts name in the repository", async () => {
    const texts = [(await run(REPO, "--help")).stdout];
    for (const command of COMMANDS) texts.push((await run(REPO, command, "--help")).stdout);
    const named = [...new Set(texts.flatMap(inputsNamed))].sort();
    expect(named).toContain("examples/lead-to-revenue.funnel");
    const missing = named.filter((file) => !existsSync(path.join(REPO, file)));
    // funnel.config.yaml is the config the help explains, not an example input.
    expect(missing.filter((file) => file !== "funnel.config.yaml")).toEqual([]);
  });

  it("finds the files of the README's first steps, or a step that makes them before", () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const steps = /## First steps[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const made = new Set<string>();
    const missing: string[] = [];
    for (const line of steps.split("\n").filter((l) => l.startsWith("npx funnel "))) {
      const words = line.replace(/#.*$/, "").trim().split(/\s+/);
      for (const [i, word] of words.entries()) {
        const output = ["-o", "--out"].includes(words[i - 1] ?? "");
        if (output) made.add(word);
        else if (/[./]/.test(word) && !word.startsWith("-") && !word.includes("*")) {
          const exists = existsSync(path.join(REPO, word));
          const madeBefore = [...made].some((out) => word === out || word.startsWith(`${out}/`));
          if (!exists && !madeBefore) missing.push(`${word} (in: ${line.trim()})`);
        }
      }
    }
    expect(steps).toContain("npx funnel run");
    expect(missing).toEqual([]);
  });
});
