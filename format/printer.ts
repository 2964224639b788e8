// The Funnel printer: a switch over node kinds, one printXxx per kind, each returning a prettier
// Doc (style rule 8). The layout it produces is described, with examples, in docs/style.md.
import type { AstPath, Doc, ParserOptions } from "prettier";
import { builders } from "prettier/doc";
import type * as A from "../grammar/ast.js";
import {
  AFTER_OPEN_BRACE,
  BEFORE_OPEN_BRACE,
  BEFORE_QUESTION_MARK,
  printComment,
  printDanglingComments,
  printLeftoverDanglingComments,
} from "./comments.js";
import type { FormatComment, FormatRoot, PrintedNode, TokenFacts } from "./parser.js";
import { encodeTripleLine, quoteString, tripleLayout } from "./strings.js";

const { group, hardline, indent, join, line, lineSuffixBoundary, literalline, markAsRoot, softline } = builders;

type Options = ParserOptions<PrintedNode>;
type Print = (selector?: string | number | Array<string | number> | AstPath) => Doc;
type PathOf<N> = AstPath<N & { comments?: PrintedNode["comments"] }>;

/**
 * Prints the node at `path` (prettier's `printer.print`).
 * @param path where prettier is in the tree
 * @param options prettier options (printWidth, tabWidth, useTabs, originalText)
 * @param print prints a child by key
 * @returns the node's Doc
 */
export function printFunnel(path: AstPath<PrintedNode>, options: Options, print: Print): Doc {
  const doc = printNode(path, options, print);
  const leftover = printLeftoverDanglingComments(path);
  return leftover === "" ? doc : [doc, leftover];
}

function printNode(path: AstPath<PrintedNode>, options: Options, print: Print): Doc {
  const node = path.node;
  // Each case narrows the path to its node type; `as never` keeps the switch free of casts per kind.
  const p = path as never;
  switch (node.kind) {
    case "File":
      return printFile(p, options, print);
    case "Import":
      return ["import ", print("path")];
    case "Funnel":
      return printFunnelDecl(p, options, print);
    case "Version":
      return ["version ", print("value")];
    case "Description":
      return ["description ", print("value")];
    case "Team":
      return printTeam(p, print);
    case "Fields":
      return ["fields ", printBody(p, options, print, "fields")];
    case "FieldDecl":
      return printFieldDecl(p, print);
    case "NamedType":
      return print("name");
    case "EnumType":
      return printEnumType(p, print);
    case "Events":
      return ["events ", printBody(p, options, print, "events")];
    case "EventDecl":
      return printEventDecl(p, options, print);
    case "Score":
      return ["score ", print("name"), " ", printBody(p, options, print, "rules")];
    case "ScoreRule":
      return printScoreRule(p, print);
    case "FromAny":
      return ["from any ", printBody(p, options, print, "transitions")];
    case "Stage":
      return printStage(p, options, print);
    case "Definition":
      return ["definition ", print("value")];
    case "Owner":
      return ["owner ", print("team")];
    case "Label":
      return ["label ", print("language"), " ", print("value")];
    case "Map":
      return ["map ", print("system"), " ", print("value")];
    case "Outcome":
      return ["outcome ", print("value")];
    case "Transition":
      return printTransition(p, print);
    case "Sla":
      return ["sla ", print("duration"), " -> ", print("target"), printNotify(p, print)];
    case "Warn":
      return ["warn ", print("duration"), printNotify(p, print)];
    case "Target":
      return printTarget(p, print);
    case "Duration":
      return printDuration(p, print);
    case "And":
    case "Or":
      return printLogical(p, print);
    case "Not":
      return ["not ", print("operand")];
    case "Paren":
      return ["(", print("expr"), ")"];
    case "Compare":
      return [print("left"), " ", node.op, " ", print("right")];
    case "IsSet":
      return [print("operand"), node.negated ? " is not set" : " is set"];
    case "In":
      return printIn(p, print);
    case "Contains":
      return [print("operand"), " contains ", print("value")];
    case "Ref":
      return node.event ? ["event.", print("name")] : print("name");
    case "Literal":
      return printLiteral(p);
    case "Name":
      return node.name;
    case "String":
      return printString(path as AstPath<A.StringNode>, node.value);
  }
}

// ---------------------------------------------------------------- blocks and blank lines

function tokenFacts(path: AstPath<unknown>): TokenFacts {
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
    i = comment.span.end;
  }
  if (text[i] !== "\n") return false;
  i++;
  while (text[i] === " " || text[i] === "\t") i++;
  return text[i] === "\n";
}

/** Whether two neighbours must have a blank line between them (true), must not (false), or keep the author's choice (undefined). */
type BlankLineRule = (previous: PrintedNode, next: PrintedNode) => boolean | undefined;

/** One statement per line; blank lines between them kept (at most one) unless `rule` decides. */
function printStatements(path: AstPath<PrintedNode>, options: Options, print: Print, key: string, rule?: BlankLineRule): Doc[] {
  const facts = tokenFacts(path);
  const parts: Doc[] = [];
  let previous: PrintedNode | undefined;
  path.each((child) => {
    const node = child.node;
    if (previous) {
      const blank = rule?.(previous, node) ?? isNextLineEmpty(options.originalText, previous.span.end, facts);
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

function dangling(path: AstPath<PrintedNode>): FormatComment[] {
  return path.node.comments?.filter((c) => !c.leading && !c.trailing) ?? [];
}

function hasDanglingComments(node: PrintedNode): boolean {
  return node.comments?.some((c) => !c.leading && !c.trailing) ?? false;
}

interface BodyOptions {
  /** A body with exactly one item may stay on the header's line when it fits (`{ outcome won }`). */
  inline?: boolean;
  rule?: BlankLineRule;
}

/** A `{ … }` body: items one per line, indented; comments of an empty body stay inside the braces. */
function printBody(path: AstPath<PrintedNode>, options: Options, print: Print, key: string, body: BodyOptions = {}): Doc {
  const items = itemsOf(path.node, key);
  const beforeBrace = printDanglingComments(path, (c) => c.marker === BEFORE_OPEN_BRACE);
  const afterBrace = printDanglingComments(path, (c) => c.marker === AFTER_OPEN_BRACE);
  const inside = printDanglingComments(path, (c) => c.marker === undefined);
  const prefix = printInPlace(dangling(path).filter((c) => c.marker === BEFORE_OPEN_BRACE), beforeBrace);
  // The first comment stays on the `{` line; any more go on their own lines (a second one on that
  // line would become part of the first, if that is a line comment).
  const open: Doc = afterBrace.length ? ["{ ", afterBrace[0]] : "{";
  const onOwnLines = [...afterBrace.slice(1), ...inside];
  if (items.length === 0) {
    if (afterBrace.length === 0 && inside.length === 0) return [prefix, "{}"];
    // `{ /* nothing yet */ }` stays on one line.
    const blockOnly = inside.length === 0 && afterBrace.length === 1 && dangling(path).every((c) => c.kind === "block");
    if (blockOnly) return [prefix, open, " }"];
    return [prefix, open, onOwnLines.length ? indent([hardline, join(hardline, onOwnLines)]) : "", hardline, "}"];
  }
  const statements = printStatements(path, options, print, key, body.rule);
  if (body.inline && items.length === 1 && afterBrace.length === 0 && inside.length === 0) {
    return [prefix, group(["{", indent([line, statements]), line, "}"])];
  }
  const lead: Doc = onOwnLines.length ? [join(hardline, onOwnLines), hardline] : "";
  return [prefix, open, indent([hardline, lead, statements]), hardline, "}"];
}

/** Comments printed where they stand, before a token: each followed by a space (block) or a line break. */
function printInPlace(comments: FormatComment[], printed: Doc[]): Doc[] {
  return printed.flatMap((doc, i) => [doc, comments[i].kind === "block" ? " " : hardline]);
}

/**
 * Dangling comments printed where they stand between two tokens of a node (`- /* c *\/ 5`, or
 * `+` `// c` `5`): a line or doc comment is followed by a line break so it cannot swallow code.
 */
function printCommentsBetweenTokens(path: AstPath<PrintedNode>): Doc[] {
  const parts: Doc[] = [];
  if (!path.node.comments) return parts;
  path.each((commentPath) => {
    const comment = commentPath.node as unknown as FormatComment;
    if (comment.leading || comment.trailing || comment.printed) return;
    comment.printed = true;
    parts.push(" ", printComment(commentPath as unknown as AstPath<FormatComment>), comment.kind === "block" ? " " : hardline);
  }, "comments");
  return parts;
}

// ---------------------------------------------------------------- file, funnel, declarations

function printFile(path: PathOf<A.FileNode>, options: Options, print: Print): Doc {
  const node = path.node;
  const parts: Doc[] = [];
  const dangling = printDanglingComments(path as AstPath<PrintedNode>);
  if (dangling.length) parts.push(join(hardline, dangling), hardline);
  if (node.imports.length) parts.push(printStatements(path as AstPath<PrintedNode>, options, print, "imports"));
  if (node.funnel) {
    // Exactly one blank line between the imports and the funnel.
    if (node.imports.length) parts.push(hardline, hardline);
    parts.push(print("funnel"));
  }
  parts.push(hardline);
  return parts;
}

/** Funnel items that always stand apart with a blank line: the brace blocks, and stages with a body of their own. */
function isBlockItem(node: PrintedNode): boolean {
  switch (node.kind) {
    case "Fields":
    case "Events":
    case "Score":
    case "FromAny":
      return true;
    case "Stage":
      return !isCompactStage(node);
    default:
      return false;
  }
}

/** A stage that prints on one line: no body, or only `outcome` (the spec's `terminal won "Closed Won" { outcome won }`). */
function isCompactStage(stage: A.StageNode): boolean {
  return stage.items.length === 0 || (stage.items.length === 1 && stage.items[0].kind === "Outcome");
}

/** Between funnel items: a blank line around every block; elsewhere (version, teams, one-line stages) the author's choice. */
const funnelItemBlankLine: BlankLineRule = (previous, next) => (isBlockItem(previous) || isBlockItem(next) ? true : undefined);

function printFunnelDecl(path: PathOf<A.FunnelNode>, options: Options, print: Print): Doc {
  const node = path.node;
  return [
    "funnel ",
    print("name"),
    node.title ? [" ", print("title")] : "",
    " ",
    printBody(path as AstPath<PrintedNode>, options, print, "items", { rule: funnelItemBlankLine }),
  ];
}

function printTeam(path: PathOf<A.TeamNode>, print: Print): Doc {
  return ["team ", print("name"), path.node.title ? [" ", print("title")] : ""];
}

function printFieldDecl(path: PathOf<A.FieldDeclNode>, print: Print): Doc {
  const node = path.node;
  const isBeforeQuestion = (c: FormatComment) => c.marker === BEFORE_QUESTION_MARK;
  const beforeQuestion = printInPlace(dangling(path as AstPath<PrintedNode>).filter(isBeforeQuestion), printDanglingComments(path as AstPath<PrintedNode>, isBeforeQuestion));
  return [
    print("name"),
    ": ",
    print("type"),
    beforeQuestion.length ? [" ", beforeQuestion] : "",
    node.optional ? "?" : "",
    node.default ? [" = ", print("default")] : "",
  ];
}

/** `"a" | "b" | "c"`; when too long, one value per line with `|` leading the continuation lines. */
function printEnumType(path: PathOf<A.EnumTypeNode>, print: Print): Doc {
  const [first, ...rest] = path.map(print, "values");
  return group([first, indent(rest.map((value) => [line, "| ", value]))]);
}

/** `name`, or `name { field }` on one line when it has one field and fits, else one field per line. */
function printEventDecl(path: PathOf<A.EventDeclNode>, options: Options, print: Print): Doc {
  const node = path.node as A.EventDeclNode & PrintedNode;
  if (node.fields.length === 0 && !hasDanglingComments(node)) return print("name");
  return [print("name"), " ", printBody(path as AstPath<PrintedNode>, options, print, "fields", { inline: true })];
}

/** The written digits of the number token that starts at or after `offset` (`1.50` stays `1.50`). */
function numberTextAfter(facts: TokenFacts, offset: number): string | undefined {
  const starts = facts.numberStarts;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length ? facts.numbers.get(starts[lo]) : undefined;
}

function printScoreRule(path: PathOf<A.ScoreRuleNode>, print: Print): Doc {
  const node = path.node;
  const negative = node.points < 0 || Object.is(node.points, -0);
  // The sign comes first in the span; the points are the next number token.
  const digits = numberTextAfter(tokenFacts(path), node.span.start + 1) ?? String(Math.abs(node.points));
  const between = printCommentsBetweenTokens(path as AstPath<PrintedNode>);
  return [negative ? "-" : "+", between, digits, node.on ? [" on ", print("on")] : "", node.when ? [" when ", print("when")] : ""];
}

// ---------------------------------------------------------------- stages and clauses

function printStage(path: PathOf<A.StageNode>, options: Options, print: Print): Doc {
  const node = path.node as A.StageNode & PrintedNode;
  const header: Doc = [node.stageKind, " ", print("name"), node.title ? [" ", print("title")] : ""];
  if (node.items.length === 0 && !hasDanglingComments(node)) return header;
  const inline = node.items.length === 1 && node.items[0].kind === "Outcome";
  return [header, " ", printBody(path as AstPath<PrintedNode>, options, print, "items", { inline })];
}

function printTransition(path: PathOf<A.TransitionNode>, print: Print): Doc {
  const node = path.node;
  return ["-> ", print("target"), node.on ? [" on ", print("on")] : "", node.when ? [" when ", print("when")] : ""];
}

function printNotify(path: PathOf<A.SlaNode | A.WarnNode>, print: Print): Doc {
  if (path.node.notify.length === 0) return "";
  return [" notify ", join(", ", path.map(print, "notify"))];
}

function printTarget(path: PathOf<A.TargetNode>, print: Print): Doc {
  const node = path.node;
  const value = node.percent ? print("percent") : node.duration ? print("duration") : "";
  return ["target ", print("measure"), " ", value];
}

/** `30 days`: the amount as written and the unit in the author's spelling (`1 day`, `2 weeks`). */
function printDuration(path: PathOf<A.DurationNode>, print: Print): Doc {
  const node = path.node;
  const amount = tokenFacts(path).numbers.get(node.span.start) ?? String(node.amount);
  return node.unit ? [amount, " ", print("unit")] : amount;
}

// ---------------------------------------------------------------- conditions

/**
 * `a and b and c`; when too long, each operand on its own line with the operator leading and the
 * continuation lines indented one level. A nested condition (an `and` inside an `or`, or inside
 * parentheses) indents its own continuation lines one level further, so the structure stays visible.
 */
function printLogical(path: PathOf<A.LogicalNode>, print: Print): Doc {
  const keyword = path.node.kind === "And" ? "and" : "or";
  const [first, ...rest] = path.map(print, "operands");
  return group([indent(first), ...rest.map((operand) => indent([line, keyword, " ", operand]))]);
}

function printIn(path: PathOf<A.InNode>, print: Print): Doc {
  const values = path.map(print, "values");
  const list = group(["[", indent([softline, join([",", line], values)]), softline, "]"]);
  return [print("operand"), path.node.negated ? " not in " : " in ", list];
}

function printLiteral(path: PathOf<A.LiteralNode>): Doc {
  const node = path.node;
  if (node.type === "string") return printString(path, node.value as string);
  const raw = node.raw || String(node.value);
  // Only a negative number has room for a comment inside it, between the `-` and the digits.
  if (raw.startsWith("-")) return ["-", printCommentsBetweenTokens(path as AstPath<PrintedNode>), raw.slice(1)];
  return raw;
}

// ---------------------------------------------------------------- strings

/**
 * A string from its decoded value: `"…"` with minimal escapes, or kept triple-quoted when written
 * so (on one line if it was written on one line and fits on one, else as an indented block).
 */
function printString(path: AstPath<A.StringNode | A.LiteralNode>, value: string): Doc {
  const triple = tokenFacts(path).tripleStrings.get(path.node.span.start);
  if (triple === undefined) return quoteString(value);
  switch (tripleLayout(value, triple)) {
    case "plain":
      return quoteString(value);
    case "inline":
      return '"""' + encodeTripleLine(value) + '"""';
    case "block":
      return printTripleBlock(value);
  }
}

/**
 * A multi-line triple-quoted string, re-indented: the lines one level deeper than the line the
 * string starts on, the closing `"""` level with that line. The decoder drops the first and last
 * line breaks and the common indentation, so the value is unchanged.
 *
 * Lines are separated with `literalline`, which (unlike `hardline`) keeps a line's trailing blanks:
 * they are part of the value. After an empty line a `hardline` is used instead, so an empty line
 * carries no indentation.
 */
function printTripleBlock(value: string): Doc {
  const lines = value.split("\n").map(encodeTripleLine);
  const content: Doc[] = [hardline];
  lines.forEach((text, i) => {
    if (i > 0) content.push(lines[i - 1] === "" ? hardline : literalline);
    content.push(text);
  });
  const close = lines[lines.length - 1] === "" ? hardline : literalline;
  // A pending end-of-line comment must not be flushed into the string's first line break.
  return [lineSuffixBoundary, markAsRoot(['"""', indent(markAsRoot(content)), close, '"""'])];
}
