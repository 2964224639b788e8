// The open documents kept in step with the client (opened, changed incrementally, closed) and
// files changed on disk, each followed by a diagnostics pass. Plain functions of the session.
import {
  FileChangeType,
  type DidChangeTextDocumentParams,
  type DidChangeWatchedFilesParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
} from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { DiagnosticsScheduler } from "./diagnostics-scheduler.js";
import { MAX_DOCUMENT_SIZE, type Client, type Session } from "./session.js";
import type { TextChange } from "./workspace.js";

/**
 * `textDocument/didOpen`.
 * @param session the server's state
 * @param diagnostics schedules the pass that follows
 * @param params the notification's parameters
 * @param client where a document too large to analyse is logged
 */
export function openDocument(
  session: Session,
  diagnostics: DiagnosticsScheduler,
  params: DidOpenTextDocumentParams,
  client: Client,
): void {
  const { uri, version, text, languageId } = params.textDocument;
  session.documents.set(uri, TextDocument.create(uri, languageId, version, text));
  const file = session.workspace.openDocument(uri, version, text);
  if (text.length > MAX_DOCUMENT_SIZE)
    client.warn(
      `${file} is larger than ${MAX_DOCUMENT_SIZE / 1024 / 1024} MB; it is not analysed.`,
    );
  diagnostics.schedule(file);
}

/**
 * `textDocument/didChange`: applies the changes one by one, noting each as offsets so that the
 * last flow warnings can be moved along with the edits.
 * @param session the server's state
 * @param diagnostics schedules the pass that follows
 * @param params the notification's parameters
 * @param client where a change to a document that is not open is logged
 */
export function changeDocument(
  session: Session,
  diagnostics: DiagnosticsScheduler,
  params: DidChangeTextDocumentParams,
  client: Client,
): void {
  const { uri, version } = params.textDocument;
  const doc = session.documents.get(uri);
  if (!doc) {
    client.warn(`Change for a document that is not open: ${uri}`);
    return;
  }
  // Each change's range is in the text left by the ones before it.
  let current = doc;
  const changes: TextChange[] = [];
  let incremental = true;
  for (const change of params.contentChanges) {
    if ("range" in change) {
      const start = current.offsetAt(change.range.start);
      const end = current.offsetAt(change.range.end);
      changes.push({ start, end, length: change.text.length });
    } else incremental = false;
    current = TextDocument.update(current, [change], version ?? current.version + 1);
  }
  session.documents.set(uri, current);
  const file = session.workspace.changeDocument(
    uri,
    current.version,
    current.getText(),
    incremental ? changes : undefined,
  );
  diagnostics.schedule(file);
}

/**
 * `textDocument/didClose`: the file's diagnostics are sent on the next pass, changed or not.
 * @param session the server's state
 * @param diagnostics schedules the pass that follows
 * @param params the notification's parameters
 */
export function closeDocument(
  session: Session,
  diagnostics: DiagnosticsScheduler,
  params: DidCloseTextDocumentParams,
): void {
  const uri = params.textDocument.uri;
  if (!session.documents.delete(uri)) return;
  diagnostics.schedule(session.workspace.closeDocument(uri));
}

/**
 * `workspace/didChangeWatchedFiles`: files changed on disk, except open documents, whose text
 * is the client's (a deleted one is forgotten all the same).
 * @param session the server's state
 * @param diagnostics schedules the pass that follows
 * @param params the notification's parameters
 */
export function changeWatchedFiles(
  session: Session,
  diagnostics: DiagnosticsScheduler,
  params: DidChangeWatchedFilesParams,
): void {
  for (const change of params.changes) {
    if (session.documents.has(change.uri) && change.type !== FileChangeType.Deleted) continue;
    session.workspace.fileChangedOnDisk(change.uri, change.type === FileChangeType.Deleted);
  }
  diagnostics.schedule();
}
