// Golden files under test/emit/golden: compared byte for byte, rewritten by UPDATE_BASELINES=1
// (`npm run test:update`), whose diff is then reviewed by hand.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";

const UPDATE = process.env.UPDATE_BASELINES === "1";
const GOLDEN = "test/emit/golden";

/**
 * Compares emitted text with its golden file, or writes the file (when updating or missing).
 * @param name the path below test/emit/golden
 * @param actual the emitted text
 */
export function compareOrUpdate(name: string, actual: string): void {
  const file = `${GOLDEN}/${name}`;
  if (UPDATE || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE)
      throw new Error(`New golden file ${file} written; review it and run the tests again.`);
  }
  expect(actual, `${file} differs: run npm run test:update and review the diff`).toBe(
    readFileSync(file, "utf8"),
  );
}
