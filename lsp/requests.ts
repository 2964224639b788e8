// The language features as plain functions of the session and a request's parameters: each reads
// the request's document (an unknown one gets the empty answer) and asks the feature's module,
// against the shared workspace program. server.ts hands them to the connection.
import {
  ErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type DefinitionParams,
  type DocumentFormattingParams,
  type DocumentHighlightParams,
  type DocumentRangeFormattingParams,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type HoverParams,
  type InlayHintParams,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type SelectionRangeParams,
  type SemanticTokensParams,
  type SemanticTokensRangeParams,
  type TextEdit,
  type WorkspaceSymbolParams,
} from "vscode-languageserver/node.js";
import { codeActions } from "./code-actions.js";
import { completionsAt, resolveCompletion } from "./completion.js";
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
import { semanticTokens } from "./semantic-tokens.js";
import {
  cancelled,
  requestCursor,
  requestFile,
  requestPosition,
  stopWhen,
} from "./request-guard.js";
import type { Session } from "./session.js";
import type { Workspace } from "./workspace.js";

type CursorParams = Parameters<typeof requestCursor>[1];
type FileParams = Parameters<typeof requestFile>[1];

/** A feature's answer at the request's position; null for a document the server does not know. */
function atCursor<R>(
  session: Session,
  params: CursorParams,
  feature: (workspace: Workspace, file: string, offset: number) => R,
): R | null {
  const at = requestCursor(session, params);
  return at ? feature(session.workspace, at.file, at.offset) : null;
}

/** A feature's answer for the request's document; null for one the server does not know. */
function inFile<R>(
  session: Session,
  params: FileParams,
  feature: (workspace: Workspace, file: string) => R,
): R | null {
  const file = requestFile(session, params);
  return file === undefined ? null : feature(session.workspace, file);
}

/** `textDocument/completion`. */
export function completion(session: Session, params: CompletionParams) {
  return atCursor(session, params, completionsAt);
}

/** `completionItem/resolve`: a stage item's documentation. */
export function completionResolve(session: Session, item: CompletionItem): CompletionItem {
  return item && typeof item === "object" ? resolveCompletion(session.workspace, item) : item;
}

/** `textDocument/hover`. */
export function hover(session: Session, params: HoverParams) {
  return atCursor(session, params, hoverAt);
}

/** `textDocument/definition`. */
export function definition(session: Session, params: DefinitionParams) {
  return atCursor(session, params, definitionAt);
}

/** `textDocument/references`: stops when cancelled or when the document changes. */
export async function references(
  session: Session,
  params: ReferenceParams,
  token: CancellationToken,
) {
  const at = requestCursor(session, params);
  if (!at) return null;
  const includeDeclaration = Boolean(params.context?.includeDeclaration);
  const stop = stopWhen(session, token, at.file);
  const result = await referencesAt(
    session.workspace,
    at.file,
    at.offset,
    includeDeclaration,
    stop,
  );
  if (result === undefined) throw cancelled();
  return result;
}

/** `textDocument/documentHighlight`. */
export function documentHighlight(session: Session, params: DocumentHighlightParams) {
  return atCursor(session, params, highlightsAt);
}

/** `textDocument/prepareRename`. */
export function prepareRename(session: Session, params: PrepareRenameParams) {
  return atCursor(session, params, prepareRenameAt);
}

/** `textDocument/rename`: stops when cancelled or when the document changes. */
export async function rename(session: Session, params: RenameParams, token: CancellationToken) {
  const file = requestFile(session, params);
  if (file === undefined) return null;
  if (typeof params.newName !== "string")
    throw new ResponseError(ErrorCodes.InvalidParams, "newName must be a string.");
  const { workspace } = session;
  const offset = workspace.offsetOf(file, requestPosition(params));
  const result = await renameAt(
    workspace,
    file,
    offset,
    params.newName,
    stopWhen(session, token, file),
  );
  if (result === undefined) throw cancelled();
  return result;
}

/** `textDocument/documentSymbol`. */
export function documentSymbol(session: Session, params: DocumentSymbolParams) {
  return inFile(session, params, documentSymbols);
}

/** `workspace/symbol`: stops when cancelled. */
export async function workspaceSymbol(
  session: Session,
  params: WorkspaceSymbolParams,
  token: CancellationToken,
) {
  const query = typeof params?.query === "string" ? params.query : "";
  const result = await workspaceSymbols(
    session.workspace,
    query,
    () => token.isCancellationRequested,
  );
  if (result === undefined) throw cancelled();
  return result;
}

/** `textDocument/foldingRange`. */
export function foldingRange(session: Session, params: FoldingRangeParams) {
  return inFile(session, params, foldingRanges);
}

/** `textDocument/selectionRange`. */
export function selectionRange(session: Session, params: SelectionRangeParams) {
  const file = requestFile(session, params);
  if (file === undefined) return null;
  if (!Array.isArray(params.positions))
    throw new ResponseError(ErrorCodes.InvalidParams, "positions must be an array.");
  const { workspace } = session;
  const offsets = params.positions.map((position) =>
    workspace.offsetOf(file, requestPosition({ position })),
  );
  return selectionRanges(workspace, file, offsets);
}

/** `textDocument/semanticTokens/full`. */
export function semanticTokensFull(session: Session, params: SemanticTokensParams) {
  const file = requestFile(session, params);
  return file === undefined ? { data: [] } : semanticTokens(session.workspace, file);
}

/** `textDocument/semanticTokens/range`. */
export function semanticTokensRange(session: Session, params: SemanticTokensRangeParams) {
  const file = requestFile(session, params);
  return file === undefined ? { data: [] } : semanticTokens(session.workspace, file, params.range);
}

/** `textDocument/codeAction`. */
export function codeAction(session: Session, params: CodeActionParams) {
  const file = requestFile(session, params);
  if (file === undefined) return null;
  const range = params.range ?? {
    start: { line: 0, character: 0 },
    end: { line: 0, character: 0 },
  };
  return codeActions(session.workspace, file, range, params.context?.only);
}

/** `textDocument/formatting`. */
export function formatting(session: Session, params: DocumentFormattingParams) {
  return formatDocument(session, params);
}

/** `textDocument/rangeFormatting`. */
export function rangeFormatting(session: Session, params: DocumentRangeFormattingParams) {
  return formatDocument(session, params, params.range);
}

async function formatDocument(
  session: Session,
  params: DocumentFormattingParams,
  range?: Range,
): Promise<TextEdit[] | null> {
  const file = requestFile(session, params);
  if (file === undefined) return null;
  const options = params.options ?? { tabSize: 2, insertSpaces: true };
  return formatEdits(session.workspace, file, options, session.settings.printWidth, range);
}

/** `textDocument/inlayHint`: none when the setting is off. */
export function inlayHint(session: Session, params: InlayHintParams) {
  const file = requestFile(session, params);
  if (file === undefined) return null;
  if (!session.settings.stagePositionHints) return [];
  return inlayHints(session.workspace, file, params.range);
}

/**
 * `funnel/stats`, not part of LSP: what the server holds, so tests and users can check that a
 * long session does not grow.
 * @param publishedFiles how many files have diagnostics shown
 */
export function stats(session: Session, publishedFiles: number) {
  return {
    ...session.workspace.stats(),
    publishedFiles,
    syncedDocuments: session.documents.size,
    heapUsed: process.memoryUsage().heapUsed,
  };
}
