// The Funnel lexer: tokens.ts → chevrotain Lexer; lexing problems → registry diagnostics.
import { Lexer, type IToken } from "chevrotain";
import { createDiagnostic, type Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import * as T from "./tokens.js";
import { SKIP_GRAMMAR_VALIDATIONS } from "./build-flags.js";

let lexer: Lexer | undefined;
function getLexer(): Lexer {
  // Offsets only: lines and columns are computed lazily at the edges (source-file.ts).
  lexer ??= new Lexer(T.ALL_TOKENS, { positionTracking: "onlyOffset", ensureOptimizations: false, skipValidations: SKIP_GRAMMAR_VALIDATIONS });
  return lexer;
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
  /** Lexing errors beyond MAX_LEX_ERRORS, counted but not turned into diagnostics. */
  uncountedErrors: number;
  /** Set when only the first PROBE_SIZE characters were read (too many errors there). */
  skippedRest?: { size: string };
}

const MAX_LEX_ERRORS = 101;
const PROBE_SIZE = 64 * 1024;

/** Shows characters in a message: printable ones as they are, others as U+XXXX. */
function showCharacters(text: string): string {
  const shown = [...text.slice(0, 12)]
    .map((ch) => (/[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? ch : "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")))
    .join("");
  return "`" + shown + (text.length > 12 ? "…" : "") + "`";
}

/**
 * Splits source text into tokens.
 * @param text the whole file
 * @param file the file name for diagnostics
 */
export function lex(text: string, file: string): LexResult {
  let result = undefined;
  let skippedRest = false;
  if (text.length > PROBE_SIZE) {
    // Lexing errors are slow in chevrotain (~15 µs each): a large file of garbage would take
    // many seconds. Probe the start first and stop there when it is clearly not Funnel source.
    const probe = getLexer().tokenize(text.slice(0, PROBE_SIZE));
    if (probe.errors.length > MAX_LEX_ERRORS) {
      result = probe;
      skippedRest = true;
    }
  }
  result ??= getLexer().tokenize(text);
  const diagnostics: Diagnostic[] = [];
  // Past this many a file is not Funnel source; parse.ts reports how many more there were.
  const shownErrors = result.errors.slice(0, MAX_LEX_ERRORS);
  for (const error of shownErrors) {
    const span = { start: error.offset, end: error.offset + error.length };
    diagnostics.push(createDiagnostic("unexpected-character", { format: { text: showCharacters(text.slice(span.start, span.end)) }, file, span }));
  }
  for (const token of (result.groups.errors ?? []) as IToken[]) {
    // The only token in the errors group: an unclosed block comment.
    diagnostics.push(createDiagnostic("unterminated-comment", { format: {}, file, span: { start: token.startOffset, end: token.startOffset + 2 } }));
  }
  for (const token of result.tokens) {
    if (token.tokenType === T.UnterminatedString) {
      diagnostics.push(createDiagnostic("unterminated-string", { format: {}, file, span: { start: token.startOffset, end: T.tokenEnd(token) } }));
    } else if (token.tokenType === T.UnterminatedTripleString) {
      diagnostics.push(createDiagnostic("unterminated-string", { messageId: "triple", format: {}, file, span: { start: token.startOffset, end: token.startOffset + 3 } }));
    }
  }
  return {
    tokens: result.tokens,
    comments: (result.groups.comments ?? []) as IToken[],
    diagnostics,
    uncountedErrors: Math.max(0, result.errors.length - MAX_LEX_ERRORS),
    ...(skippedRest ? { skippedRest: { size: `${PROBE_SIZE / 1024} KB` } } : {}),
  };
}
