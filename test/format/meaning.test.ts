// Formatting changes only the layout: for every example and scenario input, the formatted file has
// the same IR (without source locations), the same diagnostics and the same comments, and
// formatting it again changes nothing. Files with syntax errors are refused, never half-formatted.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatText, type FormatOptions } from "../../format/format.js";
import { FunnelSyntaxError } from "../../format/parser.js";
import { expectSameMeaning, parsesCleanly, readFunnelFiles } from "./meaning.js";

const EXAMPLES = readFunnelFiles("examples");
/** Scenario inputs import ./shared.funnel, which sits next to the inputs folder. */
const SCENARIOS = {
  ...readFunnelFiles("test/format/scenarios/inputs"),
  "shared.funnel": readFileSync("test/format/scenarios/shared.funnel", "utf8"),
};

function cases(files: Record<string, string>) {
  return Object.keys(files)
    .sort()
    .map((name) => ({ name, files }));
}

describe.each([...cases(EXAMPLES), ...cases(SCENARIOS)])("$name", ({ name, files }) => {
  const text = files[name];
  if (parsesCleanly(text)) {
    it.each<[string, FormatOptions]>([
      ["the defaults", {}],
      ["printWidth 40", { printWidth: 40 }],
      ["tabs", { useTabs: true, tabWidth: 4 }],
    ])(
      "formats with %s without changing its meaning or comments, idempotently",
      async (_label, options) => {
        const formatted = await formatText(text, options);
        expectSameMeaning(files, name, formatted);
        expect(await formatText(formatted, options)).toBe(formatted);
      },
    );
  } else {
    it("is refused with the first syntax error's position", async () => {
      const error = await formatText(text).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FunnelSyntaxError);
      const { loc, diagnostic } = error as FunnelSyntaxError;
      expect(loc.start.line).toBeGreaterThanOrEqual(1);
      expect(loc.start.column).toBeGreaterThanOrEqual(1);
      expect(diagnostic.severity).toBe("error");
    });
  }
});
