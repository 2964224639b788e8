// Starts a bundled language server (dist/server.js) as an editor does, over stdio or over Node IPC
// as VS Code's LanguageClient does, and speaks JSON-RPC to it with vscode-jsonrpc.
import { fork, spawn, type ChildProcess } from "node:child_process";
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node.js";

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    code?: string | number;
    message: string;
    severity?: number;
    range: unknown;
    source?: string;
    codeDescription?: { href: string };
  }[];
}

export interface ServerProcess {
  connection: MessageConnection;
  child: ChildProcess;
  /** Everything the server wrote to stderr (it must stay empty in a healthy session). */
  stderr(): string;
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `accept`. */
  nextDiagnostics(
    uri: string,
    accept?: (published: PublishedDiagnostics) => boolean,
  ): Promise<PublishedDiagnostics>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts `node <serverPath>` and connects to it.
 * @param serverPath the bundled server
 * @param transport `stdio` (`--stdio`, as other editors start it) or `node-ipc` (as VS Code does)
 * @param cwd the process's working folder
 * @param execArgv options for node itself (a `--require` hook, for instance)
 */
export function startServer(
  serverPath: string,
  transport: "stdio" | "node-ipc",
  cwd: string,
  execArgv: string[] = [],
): ServerProcess {
  const child =
    transport === "stdio"
      ? spawn(process.execPath, [...execArgv, serverPath, "--stdio"], {
          cwd,
          stdio: ["pipe", "pipe", "pipe"],
        })
      : fork(serverPath, ["--node-ipc"], {
          cwd,
          execArgv,
          stdio: ["ignore", "ignore", "pipe", "ipc"],
        });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
  const connection =
    transport === "stdio"
      ? createMessageConnection(
          new StreamMessageReader(child.stdout!),
          new StreamMessageWriter(child.stdin!),
        )
      : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const waiting: {
    uri: string;
    accept: (p: PublishedDiagnostics) => boolean;
    resolve: (p: PublishedDiagnostics) => void;
  }[] = [];
  connection.onNotification(
    "textDocument/publishDiagnostics",
    (published: PublishedDiagnostics) => {
      const index = waiting.findIndex((w) => w.uri === published.uri && w.accept(published));
      if (index >= 0) waiting.splice(index, 1)[0].resolve(published);
    },
  );
  // Log messages and telemetry are not under test; handling them keeps the connection quiet.
  connection.onNotification("window/logMessage", () => undefined);
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("workspace/configuration", (params: { items: unknown[] }) =>
    params.items.map(() => ({})),
  );
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    connection,
    child,
    stderr: () => stderr,
    nextDiagnostics: (uri, accept = () => true) =>
      new Promise((resolve) => waiting.push({ uri, accept, resolve })),
    exited,
  };
}
