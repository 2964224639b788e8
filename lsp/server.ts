// serve(connection): the Funnel language server's handlers. Documents are kept in sync
// incrementally; diagnostics are recomputed after a short quiet period (bursts of edits
// coalesce, and a pass that a newer edit overtakes is abandoned); every request is answered from
// the shared workspace program, brought up to date first, and never takes the server down:
// unknown documents get an empty answer, internal failures an error response.
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type CompletionItem,
  type RequestHandler,
  type Connection,
  type InitializeResult,
  type Position,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { COMPILER_VERSION } from "../compiler/version.js";
import { codeActions } from "./code-actions.js";
import { completionsAt, resolveCompletion } from "./completion.js";
import { collectDiagnostics, toLspDiagnostic } from "./diagnostics.js";
import { formatEdits } from "./formatting.js";
import { inlayHints } from "./inlay-hints.js";
import {
  definitionAt,
  highlightsAt,
  hoverAt,
  prepareRenameAt,
  referencesAt,
  renameAt,
} from "./navigation.js";
import { documentSymbols, foldingRanges, selectionRanges, workspaceSymbols } from "./outline.js";
import { SEMANTIC_LEGEND, semanticTokens } from "./semantic-tokens.js";
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from "./settings.js";
import { Workspace, yieldToEventLoop, type TextChange } from "./workspace.js";

/** Documents larger than this are not analysed (a generated or binary file opened by mistake). */
export const MAX_DOCUMENT_SIZE = 20 * 1024 * 1024;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function serve(connection: Connection): void {
  let workspace = new Workspace(undefined);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let configurationRequests = false;
  let dynamicWatchers = false;
  const documents = new Map<string, TextDocument>();

  // ---------------------------------------------------------------- requests
  const cancelled = () =>
    new ResponseError(LSPErrorCodes.RequestCancelled, "The request was cancelled.");

  /** Wraps a handler: cancellation before and after, unknown documents, and errors as responses. */
  function handler<P, R>(
    name: string,
    empty: R,
    fn: (params: P, token: CancellationToken) => R | Promise<R>,
  ) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      if (token.isCancellationRequested) return cancelled();
      try {
        const result = await fn(params, token);
        if (token.isCancellationRequested) return cancelled();
        return result;
      } catch (error) {
        if (error instanceof ResponseError) return error;
        connection.console.error(`${name} failed: ${errorText(error)}`);
        if (process.env.FUNNEL_DEBUG && error instanceof Error)
          connection.console.error(String(error.stack));
        return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${errorText(error)}`);
      }
    };
  }

  /** The project path of a request's document, or undefined when there is no such document. */
  function known(params: { textDocument?: { uri?: unknown } }): string | undefined {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== "string")
      throw new ResponseError(ErrorCodes.InvalidParams, "textDocument.uri must be a string.");
    const file = workspace.pathOf(uri);
    if (!workspace.isOpen(file) && !workspace.exists(file)) return undefined;
    if ((workspace.source(file)?.text.length ?? 0) > MAX_DOCUMENT_SIZE) return undefined;
    return file;
  }

  function position(params: { position?: Position }): Position {
    const p = params?.position;
    if (!p || typeof p.line !== "number" || typeof p.character !== "number")
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        "position must have a numeric line and character.",
      );
    return p;
  }

  /** Stops long requests when cancelled or when the document they started on has changed. */
  function stopWhen(token: CancellationToken, file: string) {
    const version = workspace.document(file)?.version;
    return () => token.isCancellationRequested || workspace.document(file)?.version !== version;
  }

  connection.onInitialize((params): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    let root: string | undefined;
    try {
      root = folder?.startsWith("file:") ? fileURLToPath(folder) : (params.rootPath ?? undefined);
    } catch {
      root = undefined;
    }
    workspace = new Workspace(root);
    const options = params.initializationOptions as { funnel?: unknown } | undefined;
    settings = readSettings(options?.funnel ?? options);
    configurationRequests = Boolean(params.capabilities.workspace?.configuration);
    dynamicWatchers = Boolean(
      params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    );
    return {
      capabilities: {
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
      },
      serverInfo: { name: "funnel-language-server", version: COMPILER_VERSION },
    };
  });

  connection.onInitialized(async () => {
    const found = workspace.scan();
    connection.console.info(
      `Funnel language server ${COMPILER_VERSION}: root ${workspace.root}, ${found} .funnel file(s) found.`,
    );
    if (dynamicWatchers)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.funnel" }],
      });
    if (configurationRequests) {
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: "funnel",
      });
      await refreshSettings();
    }
  });

  async function refreshSettings() {
    try {
      const section = await connection.workspace.getConfiguration("funnel");
      settings = readSettings(section);
    } catch (error) {
      connection.console.warn(`Could not read the funnel settings: ${errorText(error)}`);
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationRequests) await refreshSettings();
    else settings = readSettings((change.settings as { funnel?: unknown } | undefined)?.funnel);
    connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  // ---------------------------------------------------------------- documents and diagnostics
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let flowTimer: NodeJS.Timeout | undefined;
  /** Files whose diagnostics must be sent on the next pass even if unchanged (they were edited). */
  const mustPublish = new Set<string>();
  /** Edited files whose complete diagnostics (flow analyses included) are still to be sent. */
  const mustPublishFlow = new Set<string>();
  /** The last diagnostics sent per file, to skip sending the same again. */
  const published = new Map<string, string>();

  /** When the last first-phase pass ended (for the leading edge of the debounce). */
  let lastPass = 0;

  function scheduleDiagnostics(file?: string) {
    if (file !== undefined) mustPublish.add(file);
    generation++;
    // The first edit after a quiet period is checked at once; edits that follow it within the
    // delay wait for the delay, so a burst is checked once more at its end.
    const quiet = timer === undefined && performance.now() - lastPass > settings.diagnosticsDelay;
    if (timer) clearTimeout(timer);
    if (flowTimer) clearTimeout(flowTimer);
    flowTimer = undefined;
    const mine = generation;
    timer = setTimeout(
      () => {
        timer = undefined;
        runDiagnostics(mine)
          .catch((error) => connection.console.error(`Diagnostics failed: ${errorText(error)}`))
          .finally(() => (lastPass = performance.now()));
      },
      quiet ? 0 : settings.diagnosticsDelay,
    );
  }

  /**
   * First pass: parse, bind and check what changed, and publish (with the last flow warnings
   * carried over the edits). The flow analyses follow after a quiet period, or at once when
   * flowDelay is 0. A pass that a newer edit overtakes is abandoned; the next one is scheduled.
   */
  async function runDiagnostics(mine: number) {
    for (const file of workspace.staleOpenDocuments()) {
      if (tooLarge(file)) continue;
      workspace.program(file);
      await yieldToEventLoop();
      if (mine !== generation) return;
    }
    if (settings.flowDelay === 0 && !(await runFlow(mine))) return;
    for (const file of mustPublish) mustPublishFlow.add(file);
    publish(mustPublish);
    if (settings.flowDelay > 0 && workspace.flowPending().some((file) => !tooLarge(file))) {
      flowTimer = setTimeout(() => {
        flowTimer = undefined;
        runFlow(mine)
          .then((done) => done && publish(mustPublishFlow))
          .catch((error) => connection.console.error(`Diagnostics failed: ${errorText(error)}`));
      }, settings.flowDelay);
    } else mustPublishFlow.clear();
  }

  /** Runs the flow analyses of the open documents; false when a newer edit overtook it. */
  async function runFlow(mine: number): Promise<boolean> {
    for (const file of workspace.flowPending()) {
      if (tooLarge(file)) continue;
      workspace.runFlow(file);
      await yieldToEventLoop();
      if (mine !== generation) return false;
    }
    return true;
  }

  function publish(always: Set<string>) {
    const open = workspace.openDocuments().filter((file) => !tooLarge(file));
    const byFile = collectDiagnostics(workspace, open);
    const files = new Set([...byFile.keys(), ...published.keys(), ...always]);
    for (const file of [...files].sort()) {
      const diagnostics = (byFile.get(file) ?? []).map((d) => toLspDiagnostic(workspace, d));
      const json = JSON.stringify(diagnostics);
      if (!always.has(file) && (published.get(file) ?? "[]") === json) continue;
      const doc = workspace.document(file);
      void connection.sendDiagnostics({
        uri: workspace.uriOf(file),
        ...(doc ? { version: doc.version } : {}),
        diagnostics,
      });
      if (diagnostics.length) published.set(file, json);
      else published.delete(file);
    }
    always.clear();
  }

  function tooLarge(file: string): boolean {
    const size = workspace.document(file)?.text.length ?? 0;
    if (size <= MAX_DOCUMENT_SIZE) return false;
    return true;
  }

  connection.onDidOpenTextDocument((params) => {
    const { uri, version, text, languageId } = params.textDocument;
    documents.set(uri, TextDocument.create(uri, languageId, version, text));
    const file = workspace.openDocument(uri, version, text);
    if (text.length > MAX_DOCUMENT_SIZE)
      connection.console.warn(
        `${file} is larger than ${MAX_DOCUMENT_SIZE / 1024 / 1024} MB; it is not analysed.`,
      );
    scheduleDiagnostics(file);
  });

  connection.onDidChangeTextDocument((params) => {
    const { uri, version } = params.textDocument;
    const doc = documents.get(uri);
    if (!doc) {
      connection.console.warn(`Change for a document that is not open: ${uri}`);
      return;
    }
    // Each change's range is in the text left by the ones before it: apply them one by one and
    // note each as offsets, so the last flow warnings can be moved along with the edits.
    let current = doc;
    const changes: TextChange[] | undefined = [];
    let incremental = true;
    for (const change of params.contentChanges) {
      if ("range" in change) {
        const start = current.offsetAt(change.range.start);
        const end = current.offsetAt(change.range.end);
        changes.push({ start, end, length: change.text.length });
      } else incremental = false;
      current = TextDocument.update(current, [change], version ?? current.version + 1);
    }
    documents.set(uri, current);
    scheduleDiagnostics(
      workspace.changeDocument(
        uri,
        current.version,
        current.getText(),
        incremental ? changes : undefined,
      ),
    );
  });

  connection.onDidCloseTextDocument((params) => {
    const uri = params.textDocument.uri;
    if (!documents.delete(uri)) return;
    const file = workspace.closeDocument(uri);
    mustPublish.add(file);
    scheduleDiagnostics();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (documents.has(change.uri) && change.type !== FileChangeType.Deleted) continue;
      workspace.fileChangedOnDisk(change.uri, change.type === FileChangeType.Deleted);
    }
    scheduleDiagnostics();
  });

  // ---------------------------------------------------------------- language features
  connection.onCompletion(
    handler("completion", null, (params) => {
      const file = known(params);
      return file === undefined
        ? null
        : completionsAt(workspace, file, workspace.offsetOf(file, position(params)));
    }),
  );
  connection.onCompletionResolve(
    handler<CompletionItem, CompletionItem>("completionItem/resolve", { label: "" }, (item) =>
      item && typeof item === "object" ? resolveCompletion(workspace, item) : item,
    ) as unknown as RequestHandler<CompletionItem, CompletionItem, void>,
  );
  connection.onHover(
    handler("hover", null, (params) => {
      const file = known(params);
      return file === undefined
        ? null
        : hoverAt(workspace, file, workspace.offsetOf(file, position(params)));
    }),
  );
  connection.onDefinition(
    handler("definition", null, (params) => {
      const file = known(params);
      return file === undefined
        ? null
        : definitionAt(workspace, file, workspace.offsetOf(file, position(params)));
    }),
  );
  connection.onReferences(
    handler("references", null, async (params, token) => {
      const file = known(params);
      if (file === undefined) return null;
      const result = await referencesAt(
        workspace,
        file,
        workspace.offsetOf(file, position(params)),
        Boolean(params.context?.includeDeclaration),
        stopWhen(token, file),
      );
      if (result === undefined) throw cancelled();
      return result;
    }),
  );
  connection.onDocumentHighlight(
    handler("documentHighlight", null, (params) => {
      const file = known(params);
      return file === undefined
        ? null
        : highlightsAt(workspace, file, workspace.offsetOf(file, position(params)));
    }),
  );
  connection.onPrepareRename(
    handler("prepareRename", null, (params) => {
      const file = known(params);
      return file === undefined
        ? null
        : prepareRenameAt(workspace, file, workspace.offsetOf(file, position(params)));
    }),
  );
  connection.onRenameRequest(
    handler("rename", null, async (params, token) => {
      const file = known(params);
      if (file === undefined) return null;
      if (typeof params.newName !== "string")
        throw new ResponseError(ErrorCodes.InvalidParams, "newName must be a string.");
      const result = await renameAt(
        workspace,
        file,
        workspace.offsetOf(file, position(params)),
        params.newName,
        stopWhen(token, file),
      );
      if (result === undefined) throw cancelled();
      return result;
    }),
  );
  connection.onDocumentSymbol(
    handler("documentSymbol", null, (params) => {
      const file = known(params);
      return file === undefined ? null : documentSymbols(workspace, file);
    }),
  );
  connection.onWorkspaceSymbol(
    handler("workspaceSymbol", null, async (params, token) => {
      const result = await workspaceSymbols(
        workspace,
        typeof params?.query === "string" ? params.query : "",
        () => token.isCancellationRequested,
      );
      if (result === undefined) throw cancelled();
      return result;
    }),
  );
  connection.onFoldingRanges(
    handler("foldingRange", null, (params) => {
      const file = known(params);
      return file === undefined ? null : foldingRanges(workspace, file);
    }),
  );
  connection.onSelectionRanges(
    handler("selectionRange", null, (params) => {
      const file = known(params);
      if (file === undefined) return null;
      if (!Array.isArray(params.positions))
        throw new ResponseError(ErrorCodes.InvalidParams, "positions must be an array.");
      return selectionRanges(
        workspace,
        file,
        params.positions.map((p) => workspace.offsetOf(file, position({ position: p }))),
      );
    }),
  );
  connection.languages.semanticTokens.on(
    handler("semanticTokens", { data: [] }, (params) => {
      const file = known(params);
      return file === undefined ? { data: [] } : semanticTokens(workspace, file);
    }),
  );
  connection.languages.semanticTokens.onRange(
    handler("semanticTokens/range", { data: [] }, (params) => {
      const file = known(params);
      return file === undefined ? { data: [] } : semanticTokens(workspace, file, params.range);
    }),
  );
  connection.onCodeAction(
    handler("codeAction", null, (params) => {
      const file = known(params);
      if (file === undefined) return null;
      return codeActions(
        workspace,
        file,
        params.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        params.context?.only,
      );
    }),
  );
  connection.onDocumentFormatting(
    handler("formatting", null, async (params) => {
      const file = known(params);
      return file === undefined
        ? null
        : formatEdits(
            workspace,
            file,
            params.options ?? { tabSize: 2, insertSpaces: true },
            settings.printWidth,
          );
    }),
  );
  connection.onDocumentRangeFormatting(
    handler("rangeFormatting", null, async (params) => {
      const file = known(params);
      return file === undefined
        ? null
        : formatEdits(
            workspace,
            file,
            params.options ?? { tabSize: 2, insertSpaces: true },
            settings.printWidth,
            params.range,
          );
    }),
  );
  connection.languages.inlayHint.on(
    handler("inlayHint", null, (params) => {
      const file = known(params);
      if (file === undefined || !settings.stagePositionHints) return file === undefined ? null : [];
      return inlayHints(workspace, file, params.range);
    }),
  );

  // Not part of LSP: what the server holds, so tests and users can check a long session does not grow.
  connection.onRequest(
    "funnel/stats",
    handler("stats", null, () => ({
      ...workspace.stats(),
      publishedFiles: published.size,
      syncedDocuments: documents.size,
      heapUsed: process.memoryUsage().heapUsed,
    })),
  );

  connection.listen();
}
