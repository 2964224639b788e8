// serve(connection): wires the connection to the language server's plain functions. Documents
// are kept in sync incrementally (document-sync.ts); diagnostics follow each change after a short
// quiet period (diagnostics-scheduler.ts); every request is answered from the shared workspace
// program (requests.ts) and never takes the server down: unknown documents get an empty answer,
// internal failures an error response (request-guard.ts).
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type CancellationToken,
  type CompletionItem,
  type Connection,
  type RequestHandler,
} from "vscode-languageserver/node.js";
import { createDiagnosticsScheduler } from "./diagnostics-scheduler.js";
import {
  changeDocument,
  changeWatchedFiles,
  closeDocument,
  openDocument,
} from "./document-sync.js";
import { changeConfiguration, initialize, initialized } from "./lifecycle.js";
import { guardRequest } from "./request-guard.js";
import * as requests from "./requests.js";
import { createSession, type Client } from "./session.js";

/**
 * What the server's functions ask of the client, over the connection.
 * @param connection the JSON-RPC connection to the client
 * @returns the client
 */
function clientOf(connection: Connection): Client {
  return {
    info: (message) => connection.console.info(message),
    warn: (message) => connection.console.warn(message),
    error: (message) => connection.console.error(message),
    sendDiagnostics: (params) => void connection.sendDiagnostics(params),
    fetchSettings: () => connection.workspace.getConfiguration("funnel"),
    watchFunnelFiles: () =>
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.funnel" }],
      }),
    watchSettings: () =>
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: "funnel",
      }),
    refreshInlayHints: () => void connection.languages.inlayHint.refresh().catch(() => undefined),
  };
}

/**
 * Serves the Funnel language over a connection until the client ends the session.
 * @param connection a connection that is not listening yet
 */
export function serve(connection: Connection): void {
  const session = createSession();
  const client = clientOf(connection);
  const diagnostics = createDiagnosticsScheduler(session, client);
  const guard = <P, R>(
    name: string,
    answer: (params: P, token: CancellationToken) => R | Promise<R>,
  ) => guardRequest(client, name, answer);

  connection.onInitialize((params) => initialize(session, params));
  connection.onInitialized(() => initialized(session, client));
  connection.onDidChangeConfiguration((change) => changeConfiguration(session, change, client));
  connection.onDidOpenTextDocument((params) => openDocument(session, diagnostics, params, client));
  connection.onDidChangeTextDocument((params) =>
    changeDocument(session, diagnostics, params, client),
  );
  connection.onDidCloseTextDocument((params) => closeDocument(session, diagnostics, params));
  connection.onDidChangeWatchedFiles((params) => changeWatchedFiles(session, diagnostics, params));

  connection.onCompletion(guard("completion", (params) => requests.completion(session, params)));
  connection.onCompletionResolve(
    guard<CompletionItem, CompletionItem>("completionItem/resolve", (item) =>
      requests.completionResolve(session, item),
    ) as unknown as RequestHandler<CompletionItem, CompletionItem, void>,
  );
  connection.onHover(guard("hover", (params) => requests.hover(session, params)));
  connection.onDefinition(guard("definition", (params) => requests.definition(session, params)));
  connection.onReferences(
    guard("references", (params, token) => requests.references(session, params, token)),
  );
  connection.onDocumentHighlight(
    guard("documentHighlight", (params) => requests.documentHighlight(session, params)),
  );
  connection.onPrepareRename(
    guard("prepareRename", (params) => requests.prepareRename(session, params)),
  );
  connection.onRenameRequest(
    guard("rename", (params, token) => requests.rename(session, params, token)),
  );
  connection.onDocumentSymbol(
    guard("documentSymbol", (params) => requests.documentSymbol(session, params)),
  );
  connection.onWorkspaceSymbol(
    guard("workspaceSymbol", (params, token) => requests.workspaceSymbol(session, params, token)),
  );
  connection.onFoldingRanges(
    guard("foldingRange", (params) => requests.foldingRange(session, params)),
  );
  connection.onSelectionRanges(
    guard("selectionRange", (params) => requests.selectionRange(session, params)),
  );
  connection.languages.semanticTokens.on(
    guard("semanticTokens", (params) => requests.semanticTokensFull(session, params)),
  );
  connection.languages.semanticTokens.onRange(
    guard("semanticTokens/range", (params) => requests.semanticTokensRange(session, params)),
  );
  connection.onCodeAction(guard("codeAction", (params) => requests.codeAction(session, params)));
  connection.onDocumentFormatting(
    guard("formatting", (params) => requests.formatting(session, params)),
  );
  connection.onDocumentRangeFormatting(
    guard("rangeFormatting", (params) => requests.rangeFormatting(session, params)),
  );
  connection.languages.inlayHint.on(
    guard("inlayHint", (params) => requests.inlayHint(session, params)),
  );
  connection.onRequest(
    "funnel/stats",
    guard("stats", () => requests.stats(session, diagnostics.publishedFiles())),
  );

  connection.listen();
}
