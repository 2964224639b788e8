// Headless Chromium for the tests that open our HTML in a real browser. By default the browser
// comes from the @sparticuz/chromium devDependency, which ships a self-contained Chromium inside
// the npm package (unpacked to the temp folder on first use; nothing is downloaded), so
// `npm ci && npm test` needs no browser on the machine. FUNNEL_CHROMIUM=/path/to/chromium uses
// another one instead (e.g. Debian's /usr/bin/chromium).
import packagedChromium from "@sparticuz/chromium";
import { chromium, type Browser } from "playwright-core";

/**
 * Flags for a closed network: without the background-networking flags Chromium keeps trying to
 * reach Google's hosts, which this machine refuses (slow starts, noise in the request log).
 */
const QUIET_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Which Chromium a test run uses, and why (shown when it cannot start). */
export interface BrowserChoice {
  executablePath: string;
  source: "FUNNEL_CHROMIUM" | "@sparticuz/chromium";
  args: string[];
}

/**
 * The Chromium to launch: FUNNEL_CHROMIUM when set, else the packaged one.
 * @returns its path, where it came from and the flags to start it with
 */
export async function chooseBrowser(): Promise<BrowserChoice> {
  const fromEnvironment = process.env.FUNNEL_CHROMIUM;
  if (fromEnvironment)
    return { executablePath: fromEnvironment, source: "FUNNEL_CHROMIUM", args: QUIET_FLAGS };
  const executablePath = await packagedChromium.executablePath();
  const args = [...new Set([...packagedChromium.args, ...QUIET_FLAGS])];
  return { executablePath, source: "@sparticuz/chromium", args };
}

/**
 * Starts headless Chromium.
 * @returns the browser and the choice behind it
 * @throws an Error that names the executable and how to pick another when it cannot start
 */
export async function launchBrowser(): Promise<{ browser: Browser; choice: BrowserChoice }> {
  const choice = await chooseBrowser();
  try {
    const browser = await chromium.launch({
      executablePath: choice.executablePath,
      args: choice.args,
    });
    return { browser, choice };
  } catch (error) {
    throw new Error(
      `Could not start Chromium at ${choice.executablePath} (from ${choice.source}): ${(error as Error).message}\n` +
        "Set FUNNEL_CHROMIUM to another Chromium executable to use that one instead.",
    );
  }
}
