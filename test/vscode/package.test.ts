// The packaged extension: `vsce package` builds and packs a .vsix offline, and what is inside
// works on its own: the bundles need only Node built-ins (and `vscode`), and the server from the
// package answers an editor over stdio and over Node IPC with no node_modules to fall back on.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "./server-process.js";
import { readZip } from "./zip.js";

const extensionDir = new URL("../../editors/vscode/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(extensionDir, "package.json"), "utf8"));
const vsceBin = join(
  dirname(createRequire(import.meta.url).resolve("@vscode/vsce/package.json")),
  "vsce",
);

let work: string;
let files: Map<string, Buffer>;
let unpacked: string;
let noPackages: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "funnel-vsix-"));
  const vsix = join(work, `funnel-${manifest.version}.vsix`);
  // vsce runs the manifest's vscode:prepublish (the esbuild bundling) before packing; its other
  // options come from the manifest's `vsce` field, so a plain `vsce package` works.
  const packed = spawnSync(process.execPath, [vsceBin, "package", "--out", vsix], {
    cwd: extensionDir,
    encoding: "utf8",
  });
  if (packed.status !== 0)
    throw new Error(`vsce package failed (${packed.status}):\n${packed.stdout}\n${packed.stderr}`);
  files = readZip(readFileSync(vsix));
  unpacked = join(work, "unpacked");
  for (const [name, data] of files) {
    mkdirSync(dirname(join(unpacked, name)), { recursive: true });
    writeFileSync(join(unpacked, name), data);
  }
  // A --require hook that fails every package lookup: the server must need none.
  noPackages = join(work, "no-packages.cjs");
  writeFileSync(
    noPackages,
    [
      'const Module = require("node:module");',
      "const resolve = Module._resolveFilename;",
      "Module._resolveFilename = function (request, ...rest) {",
      '  if (!Module.isBuiltin(request) && !/^[./]/.test(request)) throw Object.assign(new Error("package lookup: " + request), { code: "MODULE_NOT_FOUND" });',
      "  return resolve.call(this, request, ...rest);",
      "};",
    ].join("\n"),
  );
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The modules a CommonJS bundle requires by a literal name. */
function requiredModules(bundle: string): string[] {
  return [...new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
}

describe("vsce package", () => {
  it("packs the bundles, grammar, snippets, configuration and docs, and no node_modules or sources", () => {
    expect([...files.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/LICENSE.txt",
      "extension/changelog.md",
      "extension/dist/extension.js",
      "extension/dist/server.js",
      "extension/language-configuration.json",
      "extension/package.json",
      "extension/readme.md",
      "extension/snippets/funnel.json",
      "extension/syntaxes/funnel.tmLanguage.json",
    ]);
  });

  it("describes the extension in its VSIX manifest", () => {
    const vsixManifest = files.get("extension.vsixmanifest")!.toString("utf8");
    expect(vsixManifest).toContain(
      `<Identity Language="en-US" Id="funnel" Version="${manifest.version}" Publisher="funnelc"`,
    );
    expect(vsixManifest).toContain("<DisplayName>Funnel</DisplayName>");
    expect(vsixManifest).toContain(
      '<Property Id="Microsoft.VisualStudio.Code.Engine" Value="^1.90.0" />',
    );
    expect(JSON.parse(files.get("extension/package.json")!.toString("utf8"))).toMatchObject({
      name: "funnel",
      main: "./dist/extension.js",
    });
  });

  it("bundles the client so that it needs only vscode and Node built-ins", () => {
    const required = requiredModules(files.get("extension/dist/extension.js")!.toString("utf8"));
    expect(
      required.filter(
        (name) => name !== "vscode" && !builtinModules.includes(name.replace(/^node:/, "")),
      ),
    ).toEqual([]);
    expect(required).toContain("vscode");
  });

  it("bundles the server so that it needs only Node built-ins", () => {
    const required = requiredModules(files.get("extension/dist/server.js")!.toString("utf8"));
    expect(required.filter((name) => !builtinModules.includes(name.replace(/^node:/, "")))).toEqual(
      [],
    );
  });
});

const BROKEN = [
  "funnel demo {",
  "  team sales",
  "  stage lead {",
  '    definition "A lead."',
  "    owner sales",
  "    -> wonn when true",
  "  }",
  "  terminal won { outcome won }",
  "}",
  "",
].join("\n");
const FIXED = BROKEN.replace("wonn", "won");

/** Initializes, opens a broken file, fixes it, and shuts the server down, asserting each answer. */
async function editSession(server: ServerProcess, root: string): Promise<void> {
  const uri = pathToFileURL(join(root, "demo.funnel")).href;
  const initialized = await server.connection.sendRequest<{
    capabilities: Record<string, unknown>;
    serverInfo: { name: string; version: string };
  }>("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "demo" }],
    capabilities: {},
  });
  expect(initialized.serverInfo).toEqual({
    name: "funnel-language-server",
    version: manifest.version,
  });
  expect(initialized.capabilities).toMatchObject({
    textDocumentSync: { openClose: true, change: 2 },
    completionProvider: {},
    hoverProvider: true,
    definitionProvider: true,
    renameProvider: { prepareProvider: true },
    documentFormattingProvider: true,
  });
  await server.connection.sendNotification("initialized", {});

  const broken = server.nextDiagnostics(uri);
  await server.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "funnel", version: 1, text: BROKEN },
  });
  expect(
    (await broken).diagnostics.map(({ code, message, range, severity, source }) => ({
      code,
      message,
      range,
      severity,
      source,
    })),
  ).toEqual([
    {
      code: "FN2002",
      message: "Unknown stage `wonn`; did you mean `won`?",
      range: { start: { line: 5, character: 7 }, end: { line: 5, character: 11 } },
      severity: 1,
      source: "funnel",
    },
  ]);

  const fixed = server.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
  await server.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: FIXED }],
  });
  expect((await fixed).diagnostics).toEqual([]);

  // Formatting goes through the formatter bundled into the server (prettier included): the
  // canonical layout puts a blank line between a funnel's declarations and each stage.
  const edits = await server.connection.sendRequest<unknown[]>("textDocument/formatting", {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  expect(edits).toEqual([
    { newText: "\n", range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } },
    { newText: "\n", range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } } },
  ]);

  await server.connection.sendRequest("shutdown");
  await server.connection.sendNotification("exit");
  expect(await server.exited).toBe(0);
  expect(server.stderr()).toBe("");
}

describe("the packaged server", () => {
  it("serves an editor over stdio with no node_modules to fall back on", async () => {
    const root = mkdtempSync(join(work, "stdio-"));
    const server = startServer(join(unpacked, "extension/dist/server.js"), "stdio", root, [
      "--require",
      noPackages,
    ]);
    await editSession(server, root);
  });

  it("serves VS Code's client over Node IPC", async () => {
    const root = mkdtempSync(join(work, "ipc-"));
    const server = startServer(join(unpacked, "extension/dist/server.js"), "node-ipc", root, [
      "--require",
      noPackages,
    ]);
    await editSession(server, root);
  });
});
