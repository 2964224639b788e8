// Test helper: starts `funnel lsp --stdio` as an editor does and speaks JSON-RPC to it through
// vscode-languageserver-protocol's client side. One server per test file; temp workspaces.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface LspClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  root: string;
  uri(relative: string): string;
  write(relative: string, text: string): string;
  open(relative: string, text: string, version?: number): Promise<void>;
  /** Replaces the whole text (the server syncs incrementally; a full range edit is one). */
  change(relative: string, text: string, version: number): Promise<void>;
  /** Sends one incremental edit. */
  edit(
    relative: string,
    version: number,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<void>;
  close(relative: string): Promise<void>;
  /**
   * Resolves with the next diagnostics published for `relative` at `version`; without a version,
   * the next ones published without one (a file that is not open, or was just closed).
   */
  diagnostics(relative: string, version?: number): Promise<PublishDiagnosticsParams>;
  request<R>(method: string, params: unknown): Promise<R>;
  logs: string[];
  stop(): Promise<void>;
}

/** Positions of a `<|>` marker: the text without it, and the marker's line and character. */
export function marker(textWithMarker: string): {
  text: string;
  position: { line: number; character: number };
} {
  const at = textWithMarker.indexOf("<|>");
  if (at < 0) throw new Error("no <|> marker");
  const before = textWithMarker.slice(0, at);
  const lines = before.split("\n");
  return {
    text: before + textWithMarker.slice(at + 3),
    position: { line: lines.length - 1, character: lines[lines.length - 1].length },
  };
}

export async function startServer(
  options: {
    files?: Record<string, string>;
    initializationOptions?: unknown;
    capabilities?: Record<string, unknown>;
  } = {},
): Promise<LspClient> {
  const root = mkdtempSync(path.join(tmpdir(), "funnel-lsp-"));
  for (const [name, text] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repo, "cli/main.ts"), "lsp", "--stdio"],
    { cwd: repo, stdio: ["pipe", "pipe", "pipe"] },
  );
  const stderr: string[] = [];
  child.stderr!.on("data", (chunk) => stderr.push(String(chunk)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const logs: string[] = [];
  const latest = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: {
    uri: string;
    version?: number;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  connection.onNotification(
    "window/logMessage",
    (p: { message: string }) => void logs.push(p.message),
  );
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    const waiter = waiters.findIndex((w) => w.uri === p.uri && w.version === p.version);
    if (waiter >= 0) waiters.splice(waiter, 1)[0].resolve(p);
    else latest.set(p.uri, [...(latest.get(p.uri) ?? []), p]);
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("workspace/configuration", (p: { items: unknown[] }) =>
    p.items.map(() => null),
  );
  connection.onRequest("workspace/inlayHint/refresh", () => null);
  connection.listen();
  const uri = (relative: string) => pathToFileURL(path.join(root, relative)).href;
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "test" }],
    capabilities: options.capabilities ?? {},
    initializationOptions: options.initializationOptions ?? {
      diagnostics: { delay: 5, flowDelay: 0 },
    },
  });
  await connection.sendNotification("initialized", {});
  const client: LspClient = {
    connection,
    process: child,
    root,
    logs,
    uri,
    write(relative, text) {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), text);
      return uri(relative);
    },
    open: (relative, text, version = 1) =>
      connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri: uri(relative), languageId: "funnel", version, text },
      }),
    change: (relative, text, version) =>
      connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: uri(relative), version },
        contentChanges: [{ text }],
      }),
    edit: (relative, version, range, text) =>
      connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: uri(relative), version },
        contentChanges: [{ range, text }],
      }),
    close: (relative) =>
      connection.sendNotification("textDocument/didClose", {
        textDocument: { uri: uri(relative) },
      }),
    diagnostics(relative, version) {
      const target = uri(relative);
      const queued = latest.get(target) ?? [];
      const found = queued.findIndex((p) => p.version === version);
      if (found >= 0) {
        const [hit] = queued.splice(0, found + 1).slice(-1);
        return Promise.resolve(hit);
      }
      return new Promise((resolve) => waiters.push({ uri: target, version, resolve }));
    },
    request: (method, params) => connection.sendRequest(method, params),
    async stop() {
      try {
        await Promise.race([
          connection.sendRequest("shutdown"),
          new Promise((r) => setTimeout(r, 2000)),
        ]);
        await connection.sendNotification("exit");
      } catch {
        // the server may already be gone in a bad-input test
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 3000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
      rmSync(root, { recursive: true, force: true });
      if (process.env.LSP_DEBUG) process.stderr.write(stderr.join(""));
    },
  };
  return client;
}
