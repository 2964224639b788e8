// What every request handler shares: cancellation checked before and after, failures answered as
// error responses (a bug never takes the server down), and the reading of a request's document
// and position, which are checked because a client may send anything.
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Position,
} from "vscode-languageserver/node.js";
import { MAX_DOCUMENT_SIZE, errorText, type Client, type Session } from "./session.js";

/** The answer to a request the client cancelled. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, "The request was cancelled.");
}

/**
 * Wraps a request function for the connection.
 * @param client where failures are logged
 * @param name the request's name, for the log and the error response
 * @param answer computes the answer; may throw a ResponseError, which is sent as it is
 * @returns the handler: the answer, or an error response when cancelled or failed
 */
export function guardRequest<P, R>(
  client: Client,
  name: string,
  answer: (params: P, token: CancellationToken) => R | Promise<R>,
) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    if (token.isCancellationRequested) return cancelled();
    try {
      const result = await answer(params, token);
      if (token.isCancellationRequested) return cancelled();
      return result;
    } catch (error) {
      if (error instanceof ResponseError) return error;
      client.error(`${name} failed: ${errorText(error)}`);
      if (process.env.FUNNEL_DEBUG && error instanceof Error) client.error(String(error.stack));
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${errorText(error)}`);
    }
  };
}

/**
 * The project path of a request's document.
 * @param session the server's state
 * @param params the request's parameters
 * @returns the path, or undefined when there is no such document or it is too large to analyse
 */
export function requestFile(
  session: Session,
  params: { textDocument?: { uri?: unknown } },
): string | undefined {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== "string")
    throw new ResponseError(ErrorCodes.InvalidParams, "textDocument.uri must be a string.");
  const { workspace } = session;
  const file = workspace.pathOf(uri);
  if (!workspace.isOpen(file) && !workspace.exists(file)) return undefined;
  if ((workspace.source(file)?.text.length ?? 0) > MAX_DOCUMENT_SIZE) return undefined;
  return file;
}

/**
 * A request's position, checked.
 * @param params the request's parameters
 * @returns the position
 */
export function requestPosition(params: { position?: Position }): Position {
  const p = params?.position;
  if (!p || typeof p.line !== "number" || typeof p.character !== "number")
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      "position must have a numeric line and character.",
    );
  return p;
}

/**
 * A request's document and the offset of its position in it.
 * @param session the server's state
 * @param params the request's parameters
 * @returns both, or undefined when the document is unknown (its position is then not read)
 */
export function requestCursor(
  session: Session,
  params: { textDocument?: { uri?: unknown }; position?: Position },
): { file: string; offset: number } | undefined {
  const file = requestFile(session, params);
  if (file === undefined) return undefined;
  return { file, offset: session.workspace.offsetOf(file, requestPosition(params)) };
}

/**
 * A test for long requests to stop: when cancelled, or when their document has changed.
 * @param session the server's state
 * @param token the request's cancellation token
 * @param file the document the request started on
 * @returns the test
 */
export function stopWhen(session: Session, token: CancellationToken, file: string) {
  const version = session.workspace.document(file)?.version;
  return () =>
    token.isCancellationRequested || session.workspace.document(file)?.version !== version;
}
