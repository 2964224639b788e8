// `funnel lsp` starts on either transport, and its --help explains it.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { run } from "../helpers/cli.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("funnel lsp", () => {
  it("serves over the Node IPC channel, with the flags a language client adds", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(repo, "cli/main.ts"),
        "lsp",
        "--node-ipc",
        `--clientProcessId=${process.pid}`,
      ],
      { cwd: repo, stdio: ["ignore", "pipe", "pipe", "ipc"] },
    );
    const connection = createProtocolConnection(
      new IPCMessageReader(child),
      new IPCMessageWriter(child),
    );
    connection.listen();
    const result = await connection.sendRequest<{
      serverInfo: { name: string };
      capabilities: Record<string, unknown>;
    }>("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    expect(result.serverInfo.name).toBe("funnel-language-server");
    expect(Object.keys(result.capabilities).sort()).toEqual([
      "codeActionProvider",
      "completionProvider",
      "definitionProvider",
      "documentFormattingProvider",
      "documentHighlightProvider",
      "documentRangeFormattingProvider",
      "documentSymbolProvider",
      "foldingRangeProvider",
      "hoverProvider",
      "inlayHintProvider",
      "referencesProvider",
      "renameProvider",
      "selectionRangeProvider",
      "semanticTokensProvider",
      "textDocumentSync",
      "workspaceSymbolProvider",
    ]);
    await connection.sendRequest("shutdown");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await connection.sendNotification("exit");
    await exited;
    connection.dispose();
  });

  it("serves over stdio with the flags other transports' clients add (--socket, --pipe, --clientProcessId)", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(repo, "cli/main.ts"),
        "lsp",
        "--stdio",
        "--socket=5007",
        "--pipe=p",
        `--clientProcessId=${process.pid}`,
      ],
      { cwd: repo, stdio: ["pipe", "pipe", "pipe"] },
    );
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    connection.listen();
    const result = await connection.sendRequest<{ serverInfo: { name: string } }>("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    expect(result.serverInfo.name).toBe("funnel-language-server");
    await connection.sendRequest("shutdown");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await connection.sendNotification("exit");
    await exited;
    connection.dispose();
  });

  it("refuses an unknown option and extra arguments with exit 2", async () => {
    const dir = repo;
    expect(await run(dir, "lsp", "--foo")).toMatchObject({
      code: 2,
      stderr: "error: unknown option '--foo'\n",
    });
    expect((await run(dir, "lsp", "extra")).code).toBe(2);
  });

  it("explains itself in --help", async () => {
    const result = await run(repo, "lsp", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--stdio");
    expect(result.stdout).toContain("--node-ipc");
    expect(result.stdout).toContain("run the Funnel language server for editors");
  });
});
