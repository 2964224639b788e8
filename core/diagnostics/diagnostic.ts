// The Diagnostic value and the one way to make one: by registry name, with typed parameters.
import { formatTemplate, type MessageTemplate } from "./message.js";
import {
  diagnosticRegistry,
  relatedMessages,
  type DiagnosticName,
  type DiagnosticPhase,
  type Severity,
} from "./registry.js";

/** Half-open range of UTF-16 offsets into a file's text. */
export interface Span {
  start: number;
  end: number;
}

export interface RelatedLocation {
  message: string;
  file: string;
  span: Span;
}

export interface Diagnostic {
  /** Stable code, e.g. `FN2002`. */
  code: string;
  /** Registry name, e.g. `unknown-stage`. */
  name: DiagnosticName;
  severity: Severity;
  message: string;
  /** Path of the file, as the compiler host names it. */
  file: string;
  span: Span;
  related?: RelatedLocation[];
  tags?: readonly ("unnecessary" | "deprecated")[];
  /** For quick fixes: the suggested replacement name, when a "did you mean" was found. */
  suggestion?: string;
  /**
   * The problem has no place in a text: a path that does not exist, an option of the command line.
   * Reporters then print no line and column (and no file when `file` is empty), never a fake 1:1.
   */
  unlocated?: true;
  /** FN1010: how many further diagnostics of the file it stands for (not shown, not counted). */
  omitted?: number;
}

type Messages<N extends DiagnosticName> = (typeof diagnosticRegistry)[N]["messages"];
type ParamsOf<T> = T extends MessageTemplate<infer P> ? P : never;
export type MessageId<N extends DiagnosticName> = keyof Messages<N> & string;

export interface ReportOptions<N extends DiagnosticName, M extends MessageId<N>> {
  messageId?: M;
  format: Record<ParamsOf<Messages<N>[M]>, string | number>;
  file: string;
  span: Span;
  related?: RelatedLocation[];
  suggestion?: string;
  unlocated?: true;
  omitted?: number;
}

/**
 * Builds a diagnostic from its registry entry.
 * @param name registry name of the diagnostic
 * @param options message variant, parameters and location
 * @returns the diagnostic, with code, severity and tags from the registry
 */
export function createDiagnostic<N extends DiagnosticName, M extends MessageId<N> = "default">(
  name: N,
  options: ReportOptions<N, M>,
): Diagnostic {
  const definition = diagnosticRegistry[name];
  const messages = definition.messages as Record<string, MessageTemplate>;
  const template = messages[options.messageId ?? "default"];
  const diagnostic: Diagnostic = {
    code: definition.code,
    name,
    severity: definition.severity,
    message: formatTemplate(template, options.format as Record<string, string | number>),
    file: options.file,
    span: options.span,
  };
  if (options.related?.length) diagnostic.related = options.related;
  if ("tags" in definition) diagnostic.tags = definition.tags;
  if (options.suggestion !== undefined) diagnostic.suggestion = options.suggestion;
  if (options.unlocated) diagnostic.unlocated = true;
  if (options.omitted !== undefined) diagnostic.omitted = options.omitted;
  return diagnostic;
}

type RelatedId = keyof typeof relatedMessages;

/** Builds a secondary location with a registry note text. */
export function relatedLocation<R extends RelatedId>(
  id: R,
  format: Record<ParamsOf<(typeof relatedMessages)[R]>, string | number>,
  file: string,
  span: Span,
): RelatedLocation {
  const template = relatedMessages[id] as MessageTemplate;
  return {
    message: formatTemplate(template, format as Record<string, string | number>),
    file,
    span,
  };
}

/**
 * The phase a diagnostic belongs to, from its registry entry.
 * @param diagnostic any diagnostic made by createDiagnostic
 * @returns its phase: `syntax`, `names`, …, `internal`
 */
export function phaseOf(diagnostic: Pick<Diagnostic, "name">): DiagnosticPhase {
  return diagnosticRegistry[diagnostic.name].phase;
}

/** Orders diagnostics by file, position, then code: the order every reporter prints. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.span.start - b.span.start ||
    a.span.end - b.span.end ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
