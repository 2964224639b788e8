// The HTML page in a real browser (headless Chromium via playwright-core): it loads with no
// requests and no scripts, a screenshot is a real PNG, every stage's term is visible in the
// definitions table and in the diagram, and the SVG target parses as XML (DOMParser). The browser
// comes from a devDependency (test/helpers/browser.ts): the test needs nothing installed.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeHost } from "../../compiler/host.js";
import type { FunnelIR } from "../../core/ir/types.js";
import { compile } from "../../compiler/program.js";
import { describeFunnel } from "../../compiler/emit/doc-model.js";
import { htmlEmitter } from "../../compiler/emit/html.js";
import { svgEmitter } from "../../compiler/emit/svg.js";
import { launchBrowser } from "../helpers/browser.js";
import { hostileIr } from "./hostile.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let browser: Browser;
// One page for all tests: opening a page costs about a second here, loading a file a fifth of that.
let page: Page;
const requests: string[] = [];
let opened = "";
const incidents: string[] = [];
const out = mkdtempSync(path.join(tmpdir(), "funnelc-html-"));

beforeAll(async () => {
  ({ browser } = await launchBrowser());
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Every request but the page's own file, every dialog (alert) and every script error is recorded.
  page.on("request", (r) => {
    if (r.url() !== opened) requests.push(r.url());
  });
  page.on("dialog", async (d) => {
    incidents.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  page.on("pageerror", (e) => incidents.push(`error: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
});

function irOf(entry: string): FunnelIR {
  const program = compile(createNodeHost("."), [entry]).programs[0];
  return program.ir!;
}

/** Loads a local file in the shared page, with fresh request and incident records. */
async function open(file: string): Promise<void> {
  requests.length = 0;
  incidents.length = 0;
  opened = pathToFileURL(file).href;
  const response = await page.goto(opened);
  expect(response === null || response.ok()).toBe(true);
}

const cases: [name: string, ir: () => FunnelIR, lang: string | null][] = [
  ["lead-to-revenue", () => irOf("examples/lead-to-revenue.funnel"), null],
  ["revenue-cycle", () => irOf("examples/revenue-cycle.funnel"), null],
  ["definitions", () => irOf("examples/definitions.funnel"), null],
  ["revenue-cycle.de", () => irOf("examples/revenue-cycle.funnel"), "de"],
  ["hostile", hostileIr, null],
  ["hostile.de", hostileIr, "de"],
];

describe("html page in headless Chromium", () => {
  for (const [name, ir, lang] of cases) {
    it(`${name}: shows every stage term in the table and the diagram, screenshot is a PNG`, async () => {
      const funnel = ir();
      const targetOptions = lang ? { lang } : undefined;
      const file = path.join(out, `${name}.html`);
      writeFileSync(
        file,
        (await htmlEmitter.emit(funnel, { baseName: name, targetOptions }))[0].contents,
      );
      await open(file);
      const screenshot = path.join(out, `${name}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      const png = readFileSync(screenshot);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), "PNG signature").toBe(true);
      expect(png.length).toBeGreaterThan(10_000);

      const doc = describeFunnel(funnel, { lang });
      await expect(page.title()).resolves.toBe(doc.title);
      for (const stage of doc.stages) {
        // The definitions table: the term, exactly, in the stage's row.
        const cell = page
          .locator("td.stage strong.term")
          .filter({ hasText: new RegExp(`^${escapeRegExp(stage.term)}$`) });
        await expect(cell.count(), `${stage.name} in the table`).resolves.toBeGreaterThan(0);
        expect(await cell.first().isVisible(), `${stage.name} visible in the table`).toBe(true);
        // The diagram: the node whose <title> is the stage name draws the term (maybe on several
        // lines).
        const node = page
          .locator("figure.diagram svg g.node")
          .filter({ has: page.locator("title", { hasText: new RegExp(`^${stage.name}$`) }) });
        await expect(node.count(), `${stage.name} in the diagram`).resolves.toBe(1);
        const lines = await node.locator("text").allTextContents();
        expect(lines.join(" "), `${stage.name} drawn`).toBe(stage.term);
        for (const line of await node.locator("text").all())
          expect(await line.isVisible(), `${stage.name} text visible`).toBe(true);
      }
      expect(await page.locator("script").count()).toBe(0);
      expect(requests).toEqual([]);
      expect(incidents).toEqual([]);
    });
  }

  it("the SVG target parses as XML in the browser and holds every stage term", async () => {
    for (const [name, ir, lang] of cases) {
      const funnel = ir();
      const svg = (
        await svgEmitter.emit(funnel, {
          baseName: name,
          targetOptions: lang ? { lang } : undefined,
        })
      )[0].contents;
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "image/svg+xml");
        const error = doc.querySelector("parsererror");
        const nodes = [...doc.querySelectorAll("g.node")].map((g) => ({
          name: g.querySelector("title")?.textContent ?? "",
          text: [...g.querySelectorAll("text")].map((t) => t.textContent).join(" "),
        }));
        return { error: error?.textContent ?? null, root: doc.documentElement.localName, nodes };
      }, svg);
      expect(parsed.error, name).toBeNull();
      expect(parsed.root).toBe("svg");
      const drawn = new Map(parsed.nodes.map((n) => [n.name, n.text]));
      for (const stage of describeFunnel(funnel, { lang }).stages)
        expect(drawn.get(stage.name), `${name}: ${stage.name}`).toBe(stage.term);
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
