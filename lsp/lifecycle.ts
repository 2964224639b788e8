// The server's start and its settings: `initialize` (the workspace root, the client's settings and
// capabilities, what the server offers), `initialized` (the first scan, watchers) and changes of
// the `funnel` settings, as plain functions of the session and the client.
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type DidChangeConfigurationParams,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from "vscode-languageserver/node.js";
import { COMPILER_VERSION } from "../compiler/version.js";
import { SEMANTIC_LEGEND } from "./semantic-tokens.js";
import { errorText, type Client, type Session } from "./session.js";
import { readSettings } from "./settings.js";
import { Workspace } from "./workspace.js";

/** Everything the server answers (see requests.ts). */
export const SERVER_CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  completionProvider: { triggerCharacters: [".", ">", "["], resolveProvider: true },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
  semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: true },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  inlayHintProvider: true,
};

/**
 * `initialize`: opens the workspace at the client's first folder and reads its settings.
 * @param session the server's state, set up here
 * @param params the client's parameters
 * @returns the server's capabilities and name
 */
export function initialize(session: Session, params: InitializeParams): InitializeResult {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  let root: string | undefined;
  try {
    root = folder?.startsWith("file:") ? fileURLToPath(folder) : (params.rootPath ?? undefined);
  } catch {
    root = undefined;
  }
  session.workspace = new Workspace(root);
  const options = params.initializationOptions as { funnel?: unknown } | undefined;
  session.settings = readSettings(options?.funnel ?? options);
  session.configurationRequests = Boolean(params.capabilities.workspace?.configuration);
  session.dynamicWatchers = Boolean(
    params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration,
  );
  return {
    capabilities: SERVER_CAPABILITIES,
    serverInfo: { name: "funnel-language-server", version: COMPILER_VERSION },
  };
}

/**
 * `initialized`: finds the workspace's files and asks to be told of changes to them and to the
 * settings, where the client allows it.
 * @param session the server's state
 * @param client the client
 */
export async function initialized(session: Session, client: Client): Promise<void> {
  const { workspace } = session;
  const found = workspace.scan();
  client.info(
    `Funnel language server ${COMPILER_VERSION}: root ${workspace.root}, ` +
      `${found} .funnel file(s) found.`,
  );
  if (session.dynamicWatchers) client.watchFunnelFiles();
  if (session.configurationRequests) {
    client.watchSettings();
    await refreshSettings(session, client);
  }
}

/**
 * `workspace/didChangeConfiguration`: reads the new settings (asking for them when the client
 * answers configuration requests) and has the client show the inlay hints again.
 * @param session the server's state
 * @param change the notification's parameters
 * @param client the client
 */
export async function changeConfiguration(
  session: Session,
  change: DidChangeConfigurationParams,
  client: Client,
): Promise<void> {
  if (session.configurationRequests) await refreshSettings(session, client);
  else
    session.settings = readSettings((change.settings as { funnel?: unknown } | undefined)?.funnel);
  client.refreshInlayHints();
}

async function refreshSettings(session: Session, client: Client): Promise<void> {
  try {
    session.settings = readSettings(await client.fetchSettings());
  } catch (error) {
    client.warn(`Could not read the funnel settings: ${errorText(error)}`);
  }
}
