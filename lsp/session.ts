// What the language server keeps between messages (the workspace, the settings, what the client
// can do, the open documents as sent) and what it needs from the client; server.ts builds both.
import type { PublishDiagnosticsParams } from "vscode-languageserver/node.js";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { DEFAULT_SETTINGS, type ServerSettings } from "./settings.js";
import { Workspace } from "./workspace.js";

/** Documents larger than this are not analysed (a generated or binary file opened by mistake). */
export const MAX_DOCUMENT_SIZE = 20 * 1024 * 1024;

/** The server's state: replaced in parts by `initialize` and by settings changes. */
export interface Session {
  workspace: Workspace;
  settings: ServerSettings;
  /** Whether the client answers `workspace/configuration` (then settings are asked for). */
  configurationRequests: boolean;
  /** Whether the client lets the server register file watchers. */
  dynamicWatchers: boolean;
  /** The open documents as the client sent them, by URI: incremental changes apply to these. */
  documents: Map<string, TextDocument>;
}

/** What the server's functions ask of the client; server.ts makes it from the connection. */
export interface Client {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  /** The client's `funnel` settings section (rejects when the client cannot answer). */
  fetchSettings(): Promise<unknown>;
  /** Asks the client to report changes to `.funnel` files on disk. */
  watchFunnelFiles(): void;
  /** Asks the client to report changes to the `funnel` settings. */
  watchSettings(): void;
  /** Asks the client to request the inlay hints again (their setting changed). */
  refreshInlayHints(): void;
}

/**
 * The state of a server that has not been initialized yet.
 * @returns a session without a workspace root and with the default settings
 */
export function createSession(): Session {
  return {
    workspace: new Workspace(undefined),
    settings: DEFAULT_SETTINGS,
    configurationRequests: false,
    dynamicWatchers: false,
    documents: new Map(),
  };
}

/**
 * An error's message, for the client's log.
 * @param error anything thrown or rejected
 * @returns the message of an Error, else the value as text
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
