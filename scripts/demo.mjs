// `npm run demo`: the main job end to end — check and build the examples with the CLI, show what
// was produced, show how the compiler reports mistakes (examples/errors), then run the funnel:
// generate an event log, stream it through the engine and report volume, conversion and velocity.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const funnel = (args) =>
  spawnSync(process.execPath, ["bin/funnel.js", ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
const section = (title) => console.log(`\n=== ${title} ===\n`);

section("funnel build   (inputs, targets and outDir from funnel.config.yaml)");
const built = funnel(["build"]);
process.stdout.write(built.stdout + built.stderr);
if (built.status !== 0) {
  console.error(`demo: funnel build failed with exit code ${built.status}`);
  process.exit(1);
}

section("out/demo/lead-to-revenue.yaml (first 30 lines)");
console.log(
  readFileSync("out/demo/lead-to-revenue.yaml", "utf8").split("\n").slice(0, 30).join("\n"),
);

section("funnel check examples/errors/FN2002-unknown-stage.funnel   (a mistake, as users see it)");
const checked = funnel(["check", "examples/errors/FN2002-unknown-stage.funnel"]);
process.stdout.write(checked.stdout + checked.stderr);
console.log(`(exit code ${checked.status}: 1 means the file has errors)`);

// Every step below must succeed: a failing step fails the demo (and CI).
const step = (title, args) => {
  section(title);
  const result = funnel(args);
  process.stdout.write(result.stdout + result.stderr);
  if (result.status !== 0) {
    console.error(`demo: funnel ${args[0]} failed with exit code ${result.status}`);
    process.exit(1);
  }
};
const LEAD = "examples/lead-to-revenue.funnel";
step("funnel test   (the scenarios next to the examples, with rule coverage)", ["test"]);
step("funnel generate   (a seeded, realistic event log for 2,000 records)", [
  "generate",
  LEAD,
  "--records",
  "2000",
  "--seed",
  "7",
  "-o",
  "out/demo/events.jsonl",
]);
step("funnel run   (stream the events through the engine; stage history as CSV)", [
  "run",
  LEAD,
  "--data",
  "out/demo/events.jsonl",
  "--history-format",
  "csv",
  "-o",
  "out/demo/run",
  "--no-progress",
]);
step("funnel report   (spec §7 figures per stage, from the stage history)", [
  "report",
  LEAD,
  "--history",
  "out/demo/run/history.csv",
]);
step("funnel report --format html", [
  "report",
  LEAD,
  "--history",
  "out/demo/run/history.csv",
  "--format",
  "html",
  "-o",
  "out/demo/report.html",
]);
console.log(
  "Open out/demo/report.html in a browser for the charts; out/demo holds everything " +
    "the demo wrote.",
);
