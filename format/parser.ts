// The prettier parser for `.funnel`: grammar/parse plus what the printer needs from the tokens.
// It throws on the first error on purpose (style rule 3), so a broken file is never half-formatted.
import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { offsetToLineColumn } from "../core/source-file.js";
import type { AstNode, Comment, FileNode } from "../grammar/ast.js";
import { lex } from "../grammar/lexer.js";
import { parseFile } from "../grammar/parse.js";
import * as T from "../grammar/tokens.js";

/** A comment as prettier sees it: `value` names it in prettier's own error messages. */
export interface FormatComment extends Comment {
  value: string;
  /** Set by prettier when it attaches the comment (see prettier's comments/attach.js). */
  leading?: boolean;
  trailing?: boolean;
  printed?: boolean;
  marker?: string;
  /** Where prettier found it: on its own line, at the end of a line, or between code. */
  placement?: "ownLine" | "endOfLine" | "remaining";
}

/** Token facts the AST does not keep, looked up by offset. */
export interface TokenFacts {
  /**
   * Number tokens by start offset, as written (the AST keeps only the value of a duration's amount
   * and of a score rule's points).
   */
  numbers: Map<number, string>;
  /** Start offsets of number tokens, ascending. */
  numberStarts: number[];
  /**
   * `"""…"""` strings by start offset, true when written over several lines (a string literal in a
   * condition does not record that it was triple-quoted at all).
   */
  tripleStrings: Map<number, boolean>;
  /** Start offsets of all tokens, ascending (to find the token after a comment). */
  tokenStarts: number[];
  /** Every token's text by start offset. */
  tokenImages: Map<number, string>;
  /** Every comment by its start offset (for blank-line checks that must skip trailing comments). */
  commentsByStart: Map<number, FormatComment>;
}

/**
 * The root the printer receives: the file node, its comments (prettier attaches them) and token
 * facts.
 */
export interface FormatRoot extends FileNode {
  comments: FormatComment[];
  tokenFacts: TokenFacts;
}

/** Any node the printer walks; comments hang off it once prettier has attached them. */
export type PrintedNode = AstNode & { comments?: FormatComment[] };

/**
 * The error the parser throws for a file with errors: prettier reads `loc`, the CLI reads
 * `diagnostic`.
 */
export class FunnelSyntaxError extends SyntaxError {
  /** 1-based line and column of the first error, as prettier expects. */
  readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } };
  /** The diagnostic behind it (code, message, span). */
  readonly diagnostic: Diagnostic;

  constructor(diagnostic: Diagnostic, text: string) {
    const source = { path: diagnostic.file, text };
    const start = offsetToLineColumn(source, diagnostic.span.start);
    const end = offsetToLineColumn(source, diagnostic.span.end);
    super(`${diagnostic.code}: ${diagnostic.message} (${start.line}:${start.column})`);
    this.name = "SyntaxError";
    this.loc = { start, end };
    this.diagnostic = diagnostic;
  }
}

/**
 * Parses a `.funnel` file for prettier.
 * @param text the file text (prettier has already removed a BOM and turned CRLF into LF)
 * @param filepath the file's name, used in the error's diagnostic
 * @returns the root with comments and token facts
 * @throws FunnelSyntaxError at the first error-severity diagnostic
 */
export function parseForFormat(text: string, filepath = "input.funnel"): FormatRoot {
  const { ast, comments, diagnostics } = parseFile(text, filepath);
  const firstError = diagnostics.find((d) => d.severity === "error");
  if (firstError) throw new FunnelSyntaxError(firstError, text);

  const formatComments: FormatComment[] = comments.map((c) => ({ ...c, value: c.text }));
  const facts: TokenFacts = {
    numbers: new Map(),
    numberStarts: [],
    tripleStrings: new Map(),
    tokenStarts: [],
    tokenImages: new Map(),
    commentsByStart: new Map(),
  };
  for (const comment of formatComments) facts.commentsByStart.set(comment.start, comment);
  // The lexer is cheap next to the parser; lexing again keeps grammar/parse's result small.
  for (const token of lex(text, filepath).tokens) {
    facts.tokenStarts.push(token.startOffset);
    facts.tokenImages.set(token.startOffset, token.image);
    if (token.tokenType === T.NumberLiteral) {
      facts.numbers.set(token.startOffset, token.image);
      facts.numberStarts.push(token.startOffset);
    } else if (token.tokenType === T.TripleString) {
      facts.tripleStrings.set(token.startOffset, token.image.includes("\n"));
    }
  }
  return { ...ast, comments: formatComments, tokenFacts: facts };
}

/** The prettier parser object (`parsers.funnel`). */
export const funnelParser = {
  astFormat: "funnel-ast",
  parse: (text: string, options: { filepath?: string }) =>
    parseForFormat(text, options.filepath ?? undefined),
  locStart: (node: { start: number }) => node.start,
  locEnd: (node: { end: number }) => node.end,
};
