// The layout of blocks in the Funnel printer: statements one per line with the author's blank
// lines (at most one) kept, `{ … }` bodies, and comments that stand between tokens.
import type { AstPath, Doc, ParserOptions } from "prettier";
import { builders } from "prettier/doc";
import { AFTER_OPEN_BRACE, BEFORE_OPEN_BRACE, printDanglingComments } from "./comments.js";
import type { FormatComment, FormatRoot, PrintedNode, TokenFacts } from "./parser.js";

const { group, hardline, indent, join, line } = builders;

type Options = ParserOptions<PrintedNode>;
type Print = (selector?: string | number | Array<string | number> | AstPath) => Doc;

export function tokenFacts(path: AstPath<unknown>): TokenFacts {
  return (path.root as FormatRoot).tokenFacts;
}

/**
 * Whether the line after `offset` is empty (after skipping the rest of this line: blanks and the
 * comments that start on it). Blank lines the author wrote between clauses are kept, at most one.
 */
function isNextLineEmpty(text: string, offset: number, facts: TokenFacts): boolean {
  let i = offset;
  for (;;) {
    while (text[i] === " " || text[i] === "\t") i++;
    const comment = facts.commentsByStart.get(i);
    if (!comment) break;
    i = comment.end;
  }
  if (text[i] !== "\n") return false;
  i++;
  while (text[i] === " " || text[i] === "\t") i++;
  return text[i] === "\n";
}

/**
 * Whether two neighbours must have a blank line between them (true) or keep the author's choice
 * (undefined).
 */
export type BlankLineRule = (previous: PrintedNode, next: PrintedNode) => true | undefined;

/**
 * One statement per line; blank lines between them kept (at most one) unless `rule` asks for one.
 */
export function printStatements(
  path: AstPath<PrintedNode>,
  options: Options,
  print: Print,
  key: string,
  rule?: BlankLineRule,
): Doc[] {
  const facts = tokenFacts(path);
  const parts: Doc[] = [];
  let previous: PrintedNode | undefined;
  path.each((child) => {
    const node = child.node;
    if (previous) {
      const blank =
        rule?.(previous, node) ?? isNextLineEmpty(options.originalText, previous.end, facts);
      parts.push(blank ? [hardline, hardline] : hardline);
    }
    parts.push(print());
    previous = node;
  }, key as never);
  return parts;
}

function itemsOf(node: PrintedNode, key: string): PrintedNode[] {
  return (node as unknown as Record<string, PrintedNode[]>)[key] ?? [];
}

/**
 * The node's comments that are neither leading nor trailing (comments.ts places them with a
 * marker).
 */
export function danglingComments(node: PrintedNode, marker?: string): FormatComment[] {
  return node.comments?.filter((c) => !c.leading && !c.trailing && c.marker === marker) ?? [];
}

export function hasDanglingComments(node: PrintedNode): boolean {
  return node.comments?.some((c) => !c.leading && !c.trailing) ?? false;
}

/**
 * Comments printed where they stand, before a token: each followed by a space (block) or a line
 * break.
 */
export function printCommentsInPlace(path: AstPath<PrintedNode>, marker: string): Doc[] {
  const comments = danglingComments(path.node, marker);
  return printDanglingComments(path, (c) => c.marker === marker).flatMap((doc, i) => [
    doc,
    comments[i].kind === "block" ? " " : hardline,
  ]);
}

interface BodyOptions {
  /**
   * A body with exactly one item may stay on the header's line when it fits (`{ outcome won }`).
   */
  inline?: boolean;
  rule?: BlankLineRule;
}

/**
 * A `{ … }` body: items one per line, indented; the comments of an empty body stay inside the
 * braces.
 */
export function printBody(
  path: AstPath<PrintedNode>,
  options: Options,
  print: Print,
  key: string,
  body: BodyOptions = {},
): Doc {
  const items = itemsOf(path.node, key);
  const beforeBrace = printCommentsInPlace(path, BEFORE_OPEN_BRACE);
  const afterBraceComments = danglingComments(path.node, AFTER_OPEN_BRACE);
  const afterBrace = printDanglingComments(path, (c) => c.marker === AFTER_OPEN_BRACE);
  const inside = printDanglingComments(path, (c) => c.marker === undefined);
  // The first comment stays on the `{` line; any more go on lines of their own (a second one on
  // that line would become part of the first, if that is a line comment).
  const open: Doc = afterBrace.length ? ["{ ", afterBrace[0]] : "{";
  const onOwnLines = [...afterBrace.slice(1), ...inside];
  if (items.length === 0) {
    if (afterBrace.length === 0 && inside.length === 0) return [beforeBrace, "{}"];
    // `{ /* nothing yet */ }` stays on one line.
    if (onOwnLines.length === 0 && afterBraceComments[0].kind === "block")
      return [beforeBrace, open, " }"];
    return [
      beforeBrace,
      open,
      onOwnLines.length ? indent([hardline, join(hardline, onOwnLines)]) : "",
      hardline,
      "}",
    ];
  }
  const statements = printStatements(path, options, print, key, body.rule);
  if (body.inline && items.length === 1 && afterBrace.length === 0 && inside.length === 0) {
    return [beforeBrace, group(["{", indent([line, statements]), line, "}"])];
  }
  const lead: Doc = onOwnLines.length ? [join(hardline, onOwnLines), hardline] : "";
  return [beforeBrace, open, indent([hardline, lead, statements]), hardline, "}"];
}
