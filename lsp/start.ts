// Entry point shared by `funnel lsp` and the VS Code extension's bundled server: creates the
// JSON-RPC connection over the chosen transport and serves until the client disconnects.
// Contract with editors/vscode/src/server.ts: keep this signature stable.
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver/node.js";
import { serve } from "./server.js";

/**
 * Starts the Funnel language server.
 * @param transport `stdio` (stdin/stdout carry JSON-RPC) or `node-ipc` (the parent process's IPC
 * channel)
 */
export function startLanguageServer(transport: "stdio" | "node-ipc"): void {
  const connection =
    transport === "stdio"
      ? createConnection(
          ProposedFeatures.all,
          new StreamMessageReader(process.stdin),
          new StreamMessageWriter(process.stdout),
        )
      : createConnection(
          ProposedFeatures.all,
          new IPCMessageReader(process),
          new IPCMessageWriter(process),
        );
  // stdout carries JSON-RPC: anything a library prints must go to the client's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(" "));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(" "));
  // A bug in one handler must not end the session: log it and keep serving.
  process.on("uncaughtException", (error) =>
    connection.console.error(
      `Internal error: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
  process.on("unhandledRejection", (error) =>
    connection.console.error(
      `Internal error: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
  serve(connection);
}
