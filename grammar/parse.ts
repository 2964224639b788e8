// parseFile(text) → { ast, comments, diagnostics }: the grammar layer's one entry point. Never
// throws.
import type { IToken, TokenType } from "chevrotain";
import {
  createDiagnostic,
  compareDiagnostics,
  type Diagnostic,
} from "../core/diagnostics/diagnostic.js";
import type { Comment, FileNode } from "./ast.js";
import { attachDocs, docsByToken } from "./docs.js";
import { fastParse } from "./fast-parse.js";
import { lex } from "./lexer.js";
import { getParser } from "./parser.js";
import { toSyntaxDiagnostics } from "./syntax-errors.js";
import * as T from "./tokens.js";
import { isName } from "../core/names.js";

export interface ParseResult {
  ast: FileNode;
  comments: Comment[];
  diagnostics: Diagnostic[];
  /**
   * Whether the AST lacks part of the file: the lexer or the parser skipped or inserted
   * something. A bad escape, an impossible date or a reserved word as a name leave the AST whole.
   */
  partial: boolean;
  /**
   * In a partial file only: names the text declares (after `stage`, `terminal`, `detour`, `team`,
   * `score`, or before `:` or `{`), read from the tokens. A reference to one of them that the
   * checker cannot resolve was most likely declared in the part the parser lost.
   */
  declaredInText?: Set<string>;
}

/** Conditions deeper than this are refused before parsing, so recursion can never overflow. */
export const MAX_NESTING = 64;
/** Past this many diagnostics a file is almost certainly not Funnel source. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/**
 * Parses one `.funnel` file.
 * @param text the file's text (a BOM and CRLF line ends are fine)
 * @param file the name used in diagnostics
 * @returns the AST (possibly partial), every comment, and the syntax diagnostics
 */
export function parseFile(text: string, file: string): ParseResult {
  // Error-free files (nearly every file, nearly every keystroke) take the hand-written fast path;
  // anything else goes to the chevrotain parser, which recovers and reports every diagnostic.
  return parseFast(text) ?? parseWithRecovery(text, file);
}

/**
 * The fast path alone: the AST of an error-free file, or undefined (then nothing was reported).
 * Exported for the tests that check it against the recovering parser.
 */
export function parseFast(text: string): ParseResult | undefined {
  const fast = fastParse(text, MAX_NESTING);
  if (!fast) return undefined;
  attachDocs(fast.ast, fast.docs);
  return { ast: fast.ast, comments: fast.comments, diagnostics: [], partial: false };
}

/**
 * The chevrotain parser with error recovery: every syntax diagnostic comes from here.
 * Exported for the tests that check the fast path against it; use parseFile.
 */
export function parseWithRecovery(text: string, file: string): ParseResult {
  // Built before lexing: building it gives the token types the indexes the tokens carry.
  const parser = getParser();
  const lexed = lex(text, file);
  const diagnostics = [...lexed.diagnostics];
  const comments = lexed.comments.map(toComment);
  const empty: FileNode = { kind: "File", imports: [], start: 0, end: text.length };

  if (lexed.skippedRest) {
    const kept = diagnostics.sort(compareDiagnostics).slice(0, MAX_DIAGNOSTICS_PER_FILE);
    const last = kept[kept.length - 1]?.span ?? { start: 0, end: 0 };
    kept.push(
      createDiagnostic("too-many-errors", {
        messageId: "skipped",
        format: lexed.skippedRest,
        file,
        span: last,
      }),
    );
    return { ast: empty, comments, diagnostics: kept, partial: true };
  }
  const tooDeep = findTooDeep(lexed.tokens);
  if (tooDeep) {
    diagnostics.push(
      createDiagnostic("nesting-too-deep", { format: { limit: MAX_NESTING }, file, span: tooDeep }),
    );
    return {
      ast: empty,
      comments,
      diagnostics: cap(diagnostics, file, lexed.uncountedErrors),
      partial: true,
    };
  }

  parser.load(lexed.tokens, lexed.restSwallowed);
  const ast = parser.file() ?? empty;
  const partial = lexed.diagnostics.length > 0 || parser.errors.length > 0;
  let syntax = toSyntaxDiagnostics(parser.errors, file, text.length);
  for (const problem of parser.problems) {
    diagnostics.push(
      createDiagnostic(problem.name, {
        messageId: problem.messageId as never,
        format: problem.format as never,
        file,
        span: problem.span,
      }),
    );
  }
  // Drop the token list: chevrotain would otherwise keep it alive until the next parse.
  parser.load([]);
  const first = lexed.tokens.find(
    (t) => t.tokenType !== T.Import && t.tokenType !== T.StringLiteral,
  );
  if (!ast.funnel && first?.tokenType !== T.Funnel) {
    // No funnel was even started: say what is missing instead of "unexpected X after the funnel".
    syntax = syntax.filter((d) => !d.message.startsWith("Unexpected "));
    const span = first
      ? { start: first.startOffset, end: T.tokenEnd(first) }
      : { start: text.length, end: text.length };
    diagnostics.push(createDiagnostic("missing-funnel", { format: {}, file, span }));
  }
  diagnostics.push(...syntax);
  attachDocs(ast, docsByToken(lexed.comments, lexed.tokens));
  ast.start = 0;
  ast.end = text.length;
  const result: ParseResult = {
    ast,
    comments,
    diagnostics: cap(diagnostics, file, lexed.uncountedErrors),
    partial: partial || !ast.funnel,
  };
  if (result.partial) result.declaredInText = declaredNames(lexed.tokens);
  return result;
}

const DECLARING = new Set<TokenType>([T.Stage, T.Terminal, T.Detour, T.Team, T.Score]);

/** Names in declaring positions, whether or not the parser could read the declaration. */
function declaredNames(tokens: IToken[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1]!;
    if (DECLARING.has(token.tokenType) && isName(next.image)) names.add(next.image);
    else if ((next.tokenType === T.Colon || next.tokenType === T.LCurly) && isName(token.image))
      names.add(token.image);
  }
  return names;
}

function toComment(token: IToken): Comment {
  const kind =
    token.tokenType === T.DocComment
      ? "doc"
      : token.tokenType === T.BlockComment
        ? "block"
        : "line";
  return { kind, text: token.image, start: token.startOffset, end: T.tokenEnd(token) };
}

function cap(diagnostics: Diagnostic[], file: string, uncounted: number): Diagnostic[] {
  diagnostics.sort(compareDiagnostics);
  if (diagnostics.length + uncounted <= MAX_DIAGNOSTICS_PER_FILE) return diagnostics;
  const kept = diagnostics.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  const last = kept[kept.length - 1].span;
  const omitted = diagnostics.length + uncounted - MAX_DIAGNOSTICS_PER_FILE;
  // `omitted` lets a summary count the errors this one stands for.
  kept.push(
    createDiagnostic("too-many-errors", { format: { count: omitted }, file, span: last, omitted }),
  );
  return kept;
}

/** The first `(` or `not` nested past MAX_NESTING, if any. */
function findTooDeep(tokens: IToken[]) {
  let depth = 0;
  let notRun = 0;
  for (const token of tokens) {
    if (token.tokenType === T.LParen) depth++;
    else if (token.tokenType === T.RParen) depth = Math.max(0, depth - 1);
    notRun = token.tokenType === T.Not ? notRun + 1 : token.tokenType === T.LParen ? notRun : 0;
    if (depth + notRun > MAX_NESTING) return { start: token.startOffset, end: T.tokenEnd(token) };
  }
  return undefined;
}
