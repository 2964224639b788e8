// `npm run demo`: the main job end to end — check and build the examples with the CLI, show what
// was produced, then show how the compiler reports mistakes (examples/errors).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const funnel = (args) => spawnSync(process.execPath, ["bin/funnel.js", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
const section = (title) => console.log(`\n=== ${title} ===\n`);

section("funnel build   (inputs, targets and outDir from funnel.config.yaml)");
const built = funnel(["build"]);
process.stdout.write(built.stdout + built.stderr);
if (built.status !== 0) {
  console.error(`demo: funnel build failed with exit code ${built.status}`);
  process.exit(1);
}

section("out/demo/lead-to-revenue.yaml (first 30 lines)");
console.log(readFileSync("out/demo/lead-to-revenue.yaml", "utf8").split("\n").slice(0, 30).join("\n"));

section("funnel check examples/errors/FN2002-unknown-stage.funnel   (a mistake, as users see it)");
const checked = funnel(["check", "examples/errors/FN2002-unknown-stage.funnel"]);
process.stdout.write(checked.stdout + checked.stderr);
console.log(`(exit code ${checked.status}: 1 means the file has errors)`);
