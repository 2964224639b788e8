// The Funnel lexer for the recovering parser and the formatter: the hand-written scanner's tokens
// as chevrotain tokens (offset-only), and lexing problems as registry diagnostics.
import type { IToken, TokenType } from "chevrotain";
import { createDiagnostic, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import * as S from "./scanner.js";
import * as T from "./tokens.js";

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  diagnostics: Diagnostic[];
  /** Lexing errors beyond MAX_LEX_ERRORS, counted but not turned into diagnostics. */
  uncountedErrors: number;
  /**
   * An unclosed block comment or `"""` string ran to the end of the file, hiding what followed it.
   */
  restSwallowed: boolean;
  /** Set when only the first PROBE_SIZE characters were read (too many errors there). */
  skippedRest?: { size: string };
}

const MAX_LEX_ERRORS = 101;
const PROBE_SIZE = 64 * 1024;

/** Shows characters in a message: printable ones as they are, others as U+XXXX. */
/** Typographic characters that word processors and chat tools put in place of the plain ones. */
const LOOKALIKES = new Map<string, string>([
  ["\u201c", '"'],
  ["\u201d", '"'],
  ["\u201e", '"'],
  ["\u00ab", '"'],
  ["\u00bb", '"'],
  ["\u2018", '"'],
  ["\u2019", '"'],
  ["\u2265", ">="],
  ["\u2264", "<="],
  ["\u2260", "!="],
  ["\u2192", "->"],
  ["\u21d2", "->"],
  ["\u2013", "-"],
  ["\u2014", "-"],
  ["\u2212", "-"],
]);

function showCharacters(text: string): string {
  const shown = [...text.slice(0, 12)]
    .map((ch) =>
      /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch)
        ? ch
        : "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0"),
    )
    .join("");
  return "`" + shown + (text.length > 12 ? "…" : "") + "`";
}

interface Scanned {
  tokens: IToken[];
  comments: IToken[];
  /** Unclosed block comments (chevrotain's "errors" group). */
  unclosedComments: IToken[];
  /** Unterminated strings (also in `tokens`, where the parser takes them as strings). */
  unterminatedStrings: IToken[];
  errors: { offset: number; length: number }[];
}

/** A token as chevrotain's offset-only lexer makes it. */
function token(
  image: string,
  startOffset: number,
  tokenTypeIdx: number | undefined,
  tokenType: TokenType,
): IToken {
  return { image, startOffset, tokenTypeIdx, tokenType } as IToken;
}

function scanAll(text: string): Scanned {
  // Read once per call, not per token: token types are objects of many shapes (a megamorphic
  // read per token cost more than the scanning). The indexes are assigned when the parser is
  // built (parse.ts builds it before lexing); the formatter only reads `tokenType`.
  const types = T.ALL_TOKENS;
  const indexes = types.map((type) => type.tokenTypeIdx);
  const scanner = new S.Scanner(text);
  const out: Scanned = {
    tokens: [],
    comments: [],
    unclosedComments: [],
    unterminatedStrings: [],
    errors: [],
  };
  let pos = 0;
  while (pos < text.length) {
    const kind = scanner.scan(pos);
    const end = scanner.end;
    if (kind === S.ERROR) out.errors.push({ offset: pos, length: end - pos });
    else if (kind !== S.WHITESPACE) {
      // Keywords and punctuation share one string each, as chevrotain's single-character tokens do.
      const image = S.FIXED_TEXT[kind] ?? text.slice(pos, end);
      const made = token(image, pos, indexes[kind], types[kind]);
      if (kind === S.DOC_COMMENT || kind === S.LINE_COMMENT || kind === S.BLOCK_COMMENT)
        out.comments.push(made);
      else if (kind === S.UNTERMINATED_BLOCK_COMMENT) out.unclosedComments.push(made);
      else {
        out.tokens.push(made);
        if (kind === S.UNTERMINATED_STRING || kind === S.UNTERMINATED_TRIPLE_STRING)
          out.unterminatedStrings.push(made);
      }
    }
    pos = end;
  }
  return out;
}

/**
 * Splits source text into tokens.
 * @param text the whole file
 * @param file the file name for diagnostics
 */
export function lex(text: string, file: string): LexResult {
  let result: Scanned | undefined;
  let skippedRest = false;
  if (text.length > PROBE_SIZE) {
    // A large file of garbage is not Funnel source: judged by its start, as it always was (the
    // probe once saved chevrotain's slow error path; it stays so that diagnostics do not change).
    const probe = scanAll(text.slice(0, PROBE_SIZE));
    if (probe.errors.length > MAX_LEX_ERRORS) {
      result = probe;
      skippedRest = true;
    }
  }
  result ??= scanAll(text);
  const diagnostics: Diagnostic[] = [];
  // Past this many a file is not Funnel source; parse.ts reports how many more there were.
  const shownErrors = result.errors.slice(0, MAX_LEX_ERRORS);
  for (const error of shownErrors) {
    const span = { start: error.offset, end: error.offset + error.length };
    const found = text.slice(span.start, span.end);
    const replacement = LOOKALIKES.get(found);
    diagnostics.push(
      replacement
        ? createDiagnostic("unexpected-character", {
            messageId: "lookalike",
            format: { text: showCharacters(found), replacement: "`" + replacement + "`" },
            file,
            span,
          })
        : createDiagnostic("unexpected-character", {
            format: { text: showCharacters(found) },
            file,
            span,
          }),
    );
  }
  for (const token of result.unclosedComments) {
    diagnostics.push(
      createDiagnostic("unterminated-comment", {
        format: {},
        file,
        span: { start: token.startOffset, end: token.startOffset + 2 },
      }),
    );
  }
  for (const token of result.unterminatedStrings) {
    if (token.tokenType === T.UnterminatedString) {
      diagnostics.push(
        createDiagnostic("unterminated-string", {
          format: {},
          file,
          span: { start: token.startOffset, end: T.tokenEnd(token) },
        }),
      );
    } else if (token.tokenType === T.UnterminatedTripleString) {
      diagnostics.push(
        createDiagnostic("unterminated-string", {
          messageId: "triple",
          format: {},
          file,
          span: { start: token.startOffset, end: token.startOffset + 3 },
        }),
      );
    }
  }
  return {
    tokens: result.tokens,
    comments: result.comments,
    diagnostics,
    uncountedErrors: Math.max(0, result.errors.length - MAX_LEX_ERRORS),
    restSwallowed:
      result.unclosedComments.length > 0 ||
      result.unterminatedStrings.some((t) => t.tokenType === T.UnterminatedTripleString),
    ...(skippedRest ? { skippedRest: { size: `${PROBE_SIZE / 1024} KB` } } : {}),
  };
}
