// Golden formatting scenarios: scenarios/inputs/X.funnel formats to scenarios/outputs/X.funnel
// (with the options below), the output is a fixed point, and only the layout changed.
// `npm run test:update` rewrites the outputs; review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatText, type FormatOptions } from "../../format/format.js";
import { expectSameMeaning } from "./meaning.js";

const UPDATE = process.env.UPDATE_BASELINES === "1";
const DIR = "test/format/scenarios";
/** Options per scenario; the rest use the defaults (printWidth 100, two spaces). */
const OPTIONS: Record<string, FormatOptions> = {
  "tabs.funnel": { useTabs: true },
  "print-width-40.funnel": { printWidth: 40 },
};
const SHARED = readFileSync(`${DIR}/shared.funnel`, "utf8");
const NAMES = readdirSync(`${DIR}/inputs`)
  .filter((f) => f.endsWith(".funnel"))
  .sort();

describe.each(NAMES)("scenario %s", (name) => {
  const input = readFileSync(`${DIR}/inputs/${name}`, "utf8");
  const options = OPTIONS[name] ?? {};

  it("formats to the expected output", async () => {
    const actual = await formatText(input, options);
    const expectedPath = `${DIR}/outputs/${name}`;
    if (UPDATE || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, actual);
      if (!UPDATE)
        throw new Error(`New output ${expectedPath} written; review it and run the tests again.`);
    }
    expect(actual, `${expectedPath} differs: run npm run test:update and review the diff`).toBe(
      readFileSync(expectedPath, "utf8"),
    );
  });

  it("is idempotent: formatting the output changes nothing", async () => {
    const once = await formatText(input, options);
    expect(await formatText(once, options)).toBe(once);
  });

  it("keeps the IR, the diagnostics and every comment", async () => {
    const formatted = await formatText(input, options);
    expectSameMeaning({ [name]: input, "shared.funnel": SHARED }, name, formatted);
  });
});

it("has the scenarios the style guide promises", () => {
  for (const name of [
    "messy-spacing",
    "long-conditions",
    "comments",
    "prettier-ignore",
    "triple-strings",
    "string-escapes",
    "tabs",
    "print-width-40",
    "blank-lines",
  ]) {
    expect(NAMES).toContain(`${name}.funnel`);
  }
});
