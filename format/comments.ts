// How comments find their place: which nodes prettier may attach them to, how each is printed,
// and the few exceptions to prettier's default placement, each a small named rule.
import type { AstPath, Doc } from "prettier";
import { builders } from "prettier/doc";
import type { AstNode } from "../grammar/ast.js";
import type { FormatComment, FormatRoot, PrintedNode } from "./parser.js";

const { breakParent, lineSuffix, lineSuffixBoundary } = builders;

/** Child keys per node kind: prettier walks only these when it places comments (style rule 8). */
const VISITOR_KEYS: Record<AstNode["kind"], string[]> = {
  File: ["imports", "funnel"],
  Import: ["path"],
  Funnel: ["name", "title", "items"],
  Version: ["value"],
  Description: ["value"],
  Team: ["name", "title"],
  Fields: ["fields"],
  FieldDecl: ["name", "type", "default"],
  NamedType: ["name"],
  EnumType: ["values"],
  Events: ["events"],
  EventDecl: ["name", "fields"],
  Score: ["name", "rules"],
  ScoreRule: ["on", "when"],
  FromAny: ["transitions"],
  Stage: ["name", "title", "items"],
  Definition: ["value"],
  Owner: ["team"],
  Label: ["language", "value"],
  Map: ["system", "object", "value", "probability", "forecast"],
  Outcome: ["value"],
  Transition: ["target", "on", "when"],
  Sla: ["duration", "target", "notify"],
  Warn: ["duration", "notify"],
  Target: ["measure", "percent", "duration"],
  Duration: ["unit"],
  Compare: ["left", "right"],
  IsSet: ["operand"],
  In: ["operand", "values"],
  Contains: ["operand", "value"],
  Not: ["operand"],
  And: ["operands"],
  Or: ["operands"],
  Paren: ["expr"],
  Ref: ["name"],
  Literal: [],
  Name: [],
  String: [],
};

/**
 * The keys of a node that hold child nodes.
 * @param node an AST node
 * @returns the keys prettier should visit
 */
export function getVisitorKeys(node: { kind?: string }): string[] {
  return (node.kind && VISITOR_KEYS[node.kind as AstNode["kind"]]) || [];
}

/** Every AST node but the file root can hold comments; the root has no text of its own. */
export function canAttachComment(node: { kind?: unknown; start?: unknown }): boolean {
  return (
    typeof node.kind === "string" &&
    node.kind in VISITOR_KEYS &&
    node.kind !== "File" &&
    node.start !== undefined
  );
}

export function isBlockComment(comment: FormatComment): boolean {
  return comment.kind === "block";
}

/**
 * A comment's text. Line comments lose trailing blanks; doc comments are kept exactly, because
 * their text is the declaration's `docs` in the IR; block comments are kept exactly.
 */
export function printComment(path: AstPath<FormatComment>): Doc {
  const comment = path.node;
  if (comment.kind === "block") return comment.text;
  const text = comment.kind === "line" ? comment.text.trimEnd() : comment.text;
  // An end-of-line comment still waiting for its line's end (prettier's lineSuffix) is written
  // first; otherwise it would land behind this one and become part of its text.
  return [lineSuffixBoundary, text];
}

/**
 * `// prettier-ignore` or `/* prettier-ignore *\/` (a `///` doc comment is documentation, not a
 * directive).
 */
export function isPrettierIgnoreComment(comment: FormatComment): boolean {
  if (comment.kind === "line") return comment.text.slice(2).trim() === "prettier-ignore";
  if (comment.kind === "block") return comment.text.slice(2, -2).trim() === "prettier-ignore";
  return false;
}

/**
 * Whether the node at `path` has a leading prettier-ignore comment: then prettier prints its
 * original text.
 */
export function hasPrettierIgnore(path: AstPath<PrintedNode>): boolean {
  return path.node?.comments?.some((c) => c.leading && isPrettierIgnoreComment(c)) ?? false;
}

// ---------------------------------------------------------------- placement rules
//
// Where a comment goes depends on where it stands:
// - in a block's header (`stage a "A" {`, or an empty body): in place, before the next part or the
//   `{`, or at the end of the `{` line;
// - inside a declaration (`team`, `version`, `description`, `import`, a field): in place, before
//   the next part (or the field's `?`);
// - inside a clause (`->`, `sla`, a score rule, …): after the clause, or after the top-level
//   `and`/`or` operand of its condition that holds it;
// - between declarations and clauses: prettier's default (leading the next one when on a line of
//   its own, so a `///` comment keeps documenting it; else trailing the one before).
// Every rule keeps the comments in their order, and the second formatting finds each comment where
// the first one put it, so formatting is idempotent. A `///` comment never lands right before a
// declaration it did not document (that would change the declaration's docs): it moves only within
// a declaration, or after a clause, and clauses are never followed by a declaration.

/** Nodes with a `{ … }` body, and the key of the body's items. */
const BODY_KEYS: Partial<Record<AstNode["kind"], string>> = {
  Funnel: "items",
  Stage: "items",
  Fields: "fields",
  Events: "events",
  EventDecl: "fields",
  Score: "rules",
  FromAny: "transitions",
};

/**
 * Statements printed in place with their comments: a comment moved after them could end up
 * documenting the next declaration.
 */
const DECLARATION_KINDS = new Set<AstNode["kind"]>([
  "Import",
  "Version",
  "Description",
  "Team",
  "FieldDecl",
]);

/** Marker of a comment printed right after a block's `{` (prettier's dangling-comment marker). */
export const AFTER_OPEN_BRACE = "after-open-brace";
/** Marker of a comment printed before a block's `{`. */
export const BEFORE_OPEN_BRACE = "before-open-brace";
/** Marker of a comment printed before a field's `?`. */
export const BEFORE_QUESTION_MARK = "before-question-mark";

interface CommentContext {
  comment: FormatComment;
  precedingNode?: PrintedNode;
  enclosingNode?: PrintedNode;
  followingNode?: PrintedNode;
  text: string;
  root: FormatRoot;
}

type Scope =
  | { kind: "header"; block: PrintedNode; items: PrintedNode[] }
  | { kind: "declaration"; statement: PrintedNode }
  | { kind: "clause"; statement: PrintedNode };

function within(node: { start: number; end: number }, comment: FormatComment): boolean {
  return node.start <= comment.start && comment.end <= node.end;
}

function bodyItems(node: PrintedNode): PrintedNode[] | undefined {
  const key = BODY_KEYS[node.kind];
  return key ? ((node as unknown as Record<string, PrintedNode[]>)[key] ?? []) : undefined;
}

/**
 * The innermost block header, declaration or clause that holds the comment; undefined between
 * statements.
 */
function scopeOf(root: FormatRoot, comment: FormatComment): Scope | undefined {
  const imported = root.imports.find((node) => within(node, comment));
  if (imported) return { kind: "declaration", statement: imported as PrintedNode };
  const funnel = root.funnel as PrintedNode | undefined;
  if (!funnel || !within(funnel, comment)) return undefined;
  let block: PrintedNode = funnel;
  for (;;) {
    const items: PrintedNode[] = bodyItems(block) ?? [];
    const item: PrintedNode | undefined = items.find((node) => within(node, comment));
    if (!item)
      return comment.end <= (items[0]?.start ?? block.end)
        ? { kind: "header", block, items }
        : undefined;
    if (BODY_KEYS[item.kind]) block = item;
    else
      return { kind: DECLARATION_KINDS.has(item.kind) ? "declaration" : "clause", statement: item };
  }
}

function addDangling(node: PrintedNode, comment: FormatComment, marker?: string): true {
  comment.leading = false;
  comment.trailing = false;
  if (marker) comment.marker = marker;
  (node.comments ??= []).push(comment);
  return true;
}

function addTrailing(node: PrintedNode, comment: FormatComment): true {
  comment.leading = false;
  comment.trailing = true;
  (node.comments ??= []).push(comment);
  return true;
}

function addLeading(node: PrintedNode, comment: FormatComment): true {
  comment.leading = true;
  comment.trailing = false;
  (node.comments ??= []).push(comment);
  return true;
}

/** Index of the first token at or after `offset` (the token count when there is none). */
function tokenIndexAt(root: FormatRoot, offset: number): number {
  const starts = root.tokenFacts.tokenStarts;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Start offset of the first token at or after `offset`, or -1. */
function nextTokenStart(root: FormatRoot, offset: number): number {
  return root.tokenFacts.tokenStarts[tokenIndexAt(root, offset)] ?? -1;
}

/**
 * Start of a block's `{` (the first `{` after its start and before its first item), or -1 when it
 * has no body.
 */
function openBraceOf(root: FormatRoot, block: PrintedNode, items: PrintedNode[]): number {
  const { tokenStarts, tokenImages } = root.tokenFacts;
  const bodyStart = items[0]?.start ?? block.end;
  for (
    let i = tokenIndexAt(root, block.start);
    i < tokenStarts.length && tokenStarts[i] < bodyStart;
    i++
  ) {
    if (tokenImages.get(tokenStarts[i]) === "{") return tokenStarts[i];
  }
  return -1;
}

/** Whether a line break lies between two offsets (prettier's util.hasNewlineInRange). */
function hasNewlineBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] === "\n" || text[i] === "\r") return true;
  return false;
}

/**
 * In a block's header or its empty body: in place. Before the `{` a comment leads the next part of
 * the header (`stage a // note` / `"A" {`) or stays before the `{`; after the `{` it stays on the
 * `{` line (unless it is a `///` comment, which leads the first item it documents), or leads the
 * first item, or (in an empty body) stays inside the braces.
 */
function placeInHeader(
  { comment, followingNode, text, root }: CommentContext,
  block: PrintedNode,
  items: PrintedNode[],
): boolean {
  const brace = openBraceOf(root, block, items);
  if (brace >= 0 && comment.start > brace) {
    const onBraceLine = !hasNewlineBetween(text, brace, comment.start);
    // A `///` comment there documents the first item: it goes on the line above it.
    if (onBraceLine && comment.kind !== "doc") return addDangling(block, comment, AFTER_OPEN_BRACE);
    return items.length ? addLeading(items[0], comment) : addDangling(block, comment);
  }
  if (followingNode && !items.includes(followingNode)) return addLeading(followingNode, comment);
  return addDangling(block, comment, BEFORE_OPEN_BRACE);
}

/**
 * Inside a declaration: in place, leading the next part (`team a // note` / `"A"`), or before the
 * field's `?`, or between the `-` and the digits of a negative default.
 */
function placeInDeclaration({
  comment,
  enclosingNode,
  precedingNode,
  followingNode,
  root,
}: CommentContext): boolean {
  if (followingNode) return addLeading(followingNode, comment);
  const next = nextTokenStart(root, comment.end);
  if (root.tokenFacts.tokenImages.get(next) === "?" && enclosingNode?.kind === "FieldDecl")
    return addDangling(enclosingNode, comment, BEFORE_QUESTION_MARK);
  if (enclosingNode?.kind === "Literal") return addDangling(enclosingNode, comment);
  return precedingNode ? addTrailing(precedingNode, comment) : false;
}

/**
 * Inside a clause: after the clause, or after the top-level `and`/`or` operand of its condition
 * that it stands in or after (a comment before the condition goes with the first operand, and one
 * in the last operand after the clause). A line comment forces its line to end; hung on the clause
 * or a top-level operand it ends the same line every time, where on an inner part (inside `( … or …
 * )`) the first formatting would break that part and move the comment out of it, and the second
 * would not break it again. Clauses are never followed by a declaration, so a `///` comment after
 * one documents nothing, as before.
 */
function placeInClause({ comment }: CommentContext, clause: PrintedNode): boolean {
  const condition =
    clause.kind === "Transition" || clause.kind === "ScoreRule" ? clause.when : undefined;
  if (!condition) return addTrailing(clause, comment);
  const operands = (
    condition.kind === "And" || condition.kind === "Or" ? condition.operands : [condition]
  ) as PrintedNode[];
  // The operand it stands in or after; before the condition, the first.
  let index = 0;
  operands.forEach((operand, i) => {
    if (operand.start <= comment.start) index = i;
  });
  return addTrailing(index === operands.length - 1 ? clause : operands[index], comment);
}

/**
 * Prettier's handleComments, for every placement: returns true when the comment was placed here,
 * false to let prettier place it.
 */
function placeComment(
  comment: FormatComment,
  text: string,
  _options: unknown,
  root: FormatRoot,
): boolean {
  // Prettier sets precedingNode, enclosingNode and followingNode on the comment while it attaches.
  const placed = comment as unknown as Omit<CommentContext, "comment" | "text" | "root">;
  const context: CommentContext = { ...placed, comment, text, root };
  const scope = scopeOf(root, comment);
  if (scope?.kind === "header") return placeInHeader(context, scope.block, scope.items);
  if (scope?.kind === "declaration") return placeInDeclaration(context);
  if (scope?.kind === "clause") return placeInClause(context, scope.statement);
  // Between statements prettier's default is right: a comment on its own line leads the next one (a
  // `///` comment so keeps documenting it); one at the end of a line trails the statement before,
  // at the end of that statement's line, so the next token after it stays the same.
  return false;
}

export const handleComments = {
  ownLine: placeComment,
  endOfLine: placeComment,
  remaining: placeComment,
};

// ---------------------------------------------------------------- printing dangling comments

/**
 * Prints the node's dangling comments (neither leading nor trailing) that match `filter`, and marks
 * them printed for prettier's every-comment-printed check.
 * @returns one Doc per comment, in source order
 */
export function printDanglingComments(
  path: AstPath<PrintedNode>,
  filter: (comment: FormatComment) => boolean = () => true,
): Doc[] {
  const parts: Doc[] = [];
  const comments = path.node.comments;
  if (!comments) return parts;
  path.each((commentPath) => {
    const comment = commentPath.node as unknown as FormatComment;
    if (comment.leading || comment.trailing || comment.printed || !filter(comment)) return;
    comment.printed = true;
    parts.push(printComment(commentPath as unknown as AstPath<FormatComment>));
  }, "comments");
  return parts;
}

/**
 * Dangling comments the node's printer did not place (inside a leaf, as in `- /* c *\/ 5`), printed
 * after the node. A line comment goes to the end of the line, so it never swallows code.
 */
export function printLeftoverDanglingComments(path: AstPath<PrintedNode>): Doc {
  const parts: Doc[] = [];
  const comments = path.node.comments;
  if (!comments) return "";
  path.each((commentPath) => {
    const comment = commentPath.node as unknown as FormatComment;
    if (comment.leading || comment.trailing || comment.printed) return;
    comment.printed = true;
    const text = printComment(commentPath as unknown as AstPath<FormatComment>);
    parts.push(comment.kind === "block" ? [" ", text] : [lineSuffix([" ", text]), breakParent]);
  }, "comments");
  return parts.length ? parts : "";
}
