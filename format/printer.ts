// The Funnel printer: a switch over node kinds with one printXxx per kind, each returning a
// prettier Doc (style rule 8). The layout it produces is described, with examples, in
// docs/style.md.
import type { AstPath, Doc, ParserOptions } from "prettier";
import { builders } from "prettier/doc";
import type * as A from "../grammar/ast.js";
import {
  BEFORE_QUESTION_MARK,
  printDanglingComments,
  printLeftoverDanglingComments,
} from "./comments.js";
import type { PrintedNode, TokenFacts } from "./parser.js";
import {
  danglingComments,
  hasDanglingComments,
  printBody,
  printCommentsInPlace,
  printStatements,
  tokenFacts,
  type BlankLineRule,
} from "./print-blocks.js";
import { encodeTripleLine, quoteString, tripleLayout } from "./strings.js";

const {
  group,
  hardline,
  indent,
  join,
  line,
  lineSuffixBoundary,
  literalline,
  markAsRoot,
  softline,
} = builders;

type Options = ParserOptions<PrintedNode>;
type Print = (selector?: string | number | Array<string | number> | AstPath) => Doc;
/** A path at a node of one kind (prettier's AstPath is generic in the node it stands on). */
type PathTo<N> = AstPath<N & Pick<PrintedNode, "comments">>;

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
  // `at` narrows the path to the node's own type for its printer.
  const at = <N>() => path as unknown as PathTo<N>;
  switch (node.kind) {
    case "File":
      return printFile(at<A.FileNode>(), options, print);
    case "Import":
      return printImport(at<A.ImportNode>(), options, print);
    case "Funnel":
      return printFunnelDeclaration(at<A.FunnelNode>(), options, print);
    case "Version":
      return printVersion(at<A.VersionNode>(), options, print);
    case "Description":
      return printDescription(at<A.DescriptionNode>(), options, print);
    case "Team":
      return printTeam(at<A.TeamNode>(), options, print);
    case "Fields":
      return printFields(at<A.FieldsNode>(), options, print);
    case "FieldDecl":
      return printFieldDecl(at<A.FieldDeclNode>(), options, print);
    case "NamedType":
      return printNamedType(at<A.NamedTypeNode>(), options, print);
    case "EnumType":
      return printEnumType(at<A.EnumTypeNode>(), options, print);
    case "Events":
      return printEvents(at<A.EventsNode>(), options, print);
    case "EventDecl":
      return printEventDecl(at<A.EventDeclNode>(), options, print);
    case "Score":
      return printScore(at<A.ScoreNode>(), options, print);
    case "ScoreRule":
      return printScoreRule(at<A.ScoreRuleNode>(), options, print);
    case "FromAny":
      return printFromAny(at<A.FromAnyNode>(), options, print);
    case "Stage":
      return printStage(at<A.StageNode>(), options, print);
    case "Definition":
      return printDefinition(at<A.DefinitionNode>(), options, print);
    case "Owner":
      return printOwner(at<A.OwnerNode>(), options, print);
    case "Label":
      return printLabel(at<A.LabelNode>(), options, print);
    case "Map":
      return printMap(at<A.MapNode>(), options, print);
    case "Outcome":
      return printOutcome(at<A.OutcomeNode>(), options, print);
    case "Transition":
      return printTransition(at<A.TransitionNode>(), options, print);
    case "Sla":
      return printSla(at<A.SlaNode>(), options, print);
    case "Warn":
      return printWarn(at<A.WarnNode>(), options, print);
    case "Target":
      return printTarget(at<A.TargetNode>(), options, print);
    case "Duration":
      return printDuration(at<A.DurationNode>(), options, print);
    case "And":
    case "Or":
      return printLogical(at<A.LogicalNode>(), options, print);
    case "Not":
      return printNot(at<A.NotNode>(), options, print);
    case "Paren":
      return printParen(at<A.ParenNode>(), options, print);
    case "Compare":
      return printCompare(at<A.CompareNode>(), options, print);
    case "IsSet":
      return printIsSet(at<A.IsSetNode>(), options, print);
    case "In":
      return printIn(at<A.InNode>(), options, print);
    case "Contains":
      return printContains(at<A.ContainsNode>(), options, print);
    case "Ref":
      return printRef(at<A.RefNode>(), options, print);
    case "Literal":
      return printLiteral(at<A.LiteralNode>(), options, print);
    case "Name":
      return printName(at<A.NameNode>(), options, print);
    case "String":
      return printStringNode(at<A.StringNode>(), options, print);
  }
}

// ---------------------------------------------------------------- file, funnel, declarations

function printFile(path: PathTo<A.FileNode>, options: Options, print: Print): Doc {
  const node = path.node;
  const parts: Doc[] = [];
  const dangling = printDanglingComments(path as AstPath<PrintedNode>);
  if (dangling.length) parts.push(join(hardline, dangling), hardline);
  if (node.imports.length)
    parts.push(printStatements(path as AstPath<PrintedNode>, options, print, "imports"));
  if (node.funnel) {
    // Exactly one blank line between the imports and the funnel.
    if (node.imports.length) parts.push(hardline, hardline);
    parts.push(print("funnel"));
  }
  parts.push(hardline);
  return parts;
}

function printImport(_path: PathTo<A.ImportNode>, _options: Options, print: Print): Doc {
  return ["import ", print("path")];
}

/**
 * Funnel items that always stand apart with a blank line: the brace blocks, and stages with a body
 * of their own.
 */
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

/**
 * A stage that prints on one line: no body, or only `outcome` (the spec's `terminal won "Closed
 * Won" { outcome won }`).
 */
function isCompactStage(stage: A.StageNode): boolean {
  return (
    stage.items.length === 0 || (stage.items.length === 1 && stage.items[0].kind === "Outcome")
  );
}

/**
 * Between funnel items: a blank line around every block; elsewhere (version, teams, one-line
 * stages) the author's choice.
 */
const funnelItemBlankLine: BlankLineRule = (previous, next) =>
  isBlockItem(previous) || isBlockItem(next) ? true : undefined;

function printFunnelDeclaration(path: PathTo<A.FunnelNode>, options: Options, print: Print): Doc {
  const node = path.node;
  const body = printBody(path as AstPath<PrintedNode>, options, print, "items", {
    rule: funnelItemBlankLine,
  });
  return ["funnel ", print("name"), node.title ? [" ", print("title")] : "", " ", body];
}

function printVersion(_path: PathTo<A.VersionNode>, _options: Options, print: Print): Doc {
  return ["version ", print("value")];
}

function printDescription(_path: PathTo<A.DescriptionNode>, _options: Options, print: Print): Doc {
  return ["description ", print("value")];
}

function printTeam(path: PathTo<A.TeamNode>, _options: Options, print: Print): Doc {
  return ["team ", print("name"), path.node.title ? [" ", print("title")] : ""];
}

function printFields(path: PathTo<A.FieldsNode>, options: Options, print: Print): Doc {
  return ["fields ", printBody(path as AstPath<PrintedNode>, options, print, "fields")];
}

/** `name: type?`, then ` = default`; fields are not aligned in columns (docs/style.md says why). */
function printFieldDecl(path: PathTo<A.FieldDeclNode>, _options: Options, print: Print): Doc {
  const node = path.node;
  const beforeQuestionMark = printCommentsInPlace(
    path as AstPath<PrintedNode>,
    BEFORE_QUESTION_MARK,
  );
  return [
    print("name"),
    ": ",
    print("type"),
    beforeQuestionMark.length ? [" ", beforeQuestionMark] : "",
    node.optional ? "?" : "",
    node.default ? [" = ", print("default")] : "",
  ];
}

function printNamedType(_path: PathTo<A.NamedTypeNode>, _options: Options, print: Print): Doc {
  return print("name");
}

/** `"a" | "b" | "c"`; when too long, one value per line with `|` leading the continuation lines. */
function printEnumType(path: PathTo<A.EnumTypeNode>, _options: Options, print: Print): Doc {
  const [first, ...rest] = path.map(print, "values");
  return group([first, indent(rest.map((value) => [line, "| ", value]))]);
}

function printEvents(path: PathTo<A.EventsNode>, options: Options, print: Print): Doc {
  return ["events ", printBody(path as AstPath<PrintedNode>, options, print, "events")];
}

/**
 * `name`, or `name { field }` on one line when it has one field and fits, else one field per line.
 */
function printEventDecl(path: PathTo<A.EventDeclNode>, options: Options, print: Print): Doc {
  const node = path.node as A.EventDeclNode & PrintedNode;
  if (node.fields.length === 0 && !hasDanglingComments(node)) return print("name");
  return [
    print("name"),
    " ",
    printBody(path as AstPath<PrintedNode>, options, print, "fields", { inline: true }),
  ];
}

function printScore(path: PathTo<A.ScoreNode>, options: Options, print: Print): Doc {
  return [
    "score ",
    print("name"),
    " ",
    printBody(path as AstPath<PrintedNode>, options, print, "rules"),
  ];
}

/** The written digits of the first number token at or after `offset` (`1.50` stays `1.50`). */
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

/** `+5 on event when condition`: the sign, then the points as written. */
function printScoreRule(path: PathTo<A.ScoreRuleNode>, _options: Options, print: Print): Doc {
  const node = path.node;
  const negative = node.points < 0 || Object.is(node.points, -0);
  // The sign starts the rule; the points are the next number token.
  const digits = numberTextAfter(tokenFacts(path), node.start + 1) ?? String(Math.abs(node.points));
  return [
    negative ? "-" : "+",
    digits,
    node.on ? [" on ", print("on")] : "",
    node.when ? [" when ", print("when")] : "",
  ];
}

function printFromAny(path: PathTo<A.FromAnyNode>, options: Options, print: Print): Doc {
  return ["from any ", printBody(path as AstPath<PrintedNode>, options, print, "transitions")];
}

// ---------------------------------------------------------------- stages and clauses

/**
 * The header, then one clause per line; a body of only `outcome` stays on the header's line when it
 * fits.
 */
function printStage(path: PathTo<A.StageNode>, options: Options, print: Print): Doc {
  const node = path.node as A.StageNode & PrintedNode;
  const header: Doc = [node.stageKind, " ", print("name"), node.title ? [" ", print("title")] : ""];
  if (node.items.length === 0 && !hasDanglingComments(node)) return header;
  const inline = node.items.length === 1 && node.items[0].kind === "Outcome";
  return [
    header,
    " ",
    printBody(path as AstPath<PrintedNode>, options, print, "items", { inline }),
  ];
}

function printDefinition(_path: PathTo<A.DefinitionNode>, _options: Options, print: Print): Doc {
  return ["definition ", print("value")];
}

function printOwner(_path: PathTo<A.OwnerNode>, _options: Options, print: Print): Doc {
  return ["owner ", print("team")];
}

function printLabel(_path: PathTo<A.LabelNode>, _options: Options, print: Print): Doc {
  return ["label ", print("language"), " ", print("value")];
}

/** `map hubspot deal "Qualified" probability 20% forecast pipeline`, on one line. */
function printMap(path: PathTo<A.MapNode>, _options: Options, print: Print): Doc {
  const node = path.node;
  return [
    "map ",
    print("system"),
    node.object ? [" ", print("object")] : "",
    " ",
    print("value"),
    node.probability ? [" probability ", print("probability")] : "",
    node.forecast ? [" forecast ", print("forecast")] : "",
  ];
}

function printOutcome(_path: PathTo<A.OutcomeNode>, _options: Options, print: Print): Doc {
  return ["outcome ", print("value")];
}

/**
 * `-> target on event when condition`; a long condition breaks at its `and`/`or` (printLogical).
 */
function printTransition(path: PathTo<A.TransitionNode>, _options: Options, print: Print): Doc {
  const node = path.node;
  return [
    "-> ",
    print("target"),
    node.on ? [" on ", print("on")] : "",
    node.when ? [" when ", print("when")] : "",
  ];
}

function printNotify(path: PathTo<A.SlaNode | A.WarnNode>, print: Print): Doc {
  if (path.node.notify.length === 0) return "";
  return [" notify ", join(", ", path.map(print, "notify"))];
}

function printSla(path: PathTo<A.SlaNode>, _options: Options, print: Print): Doc {
  return ["sla ", print("duration"), " -> ", print("target"), printNotify(path, print)];
}

function printWarn(path: PathTo<A.WarnNode>, _options: Options, print: Print): Doc {
  return ["warn ", print("duration"), printNotify(path, print)];
}

function printTarget(path: PathTo<A.TargetNode>, _options: Options, print: Print): Doc {
  const node = path.node;
  const value = node.percent ? print("percent") : node.duration ? print("duration") : "";
  return ["target ", print("measure"), " ", value];
}

/** `30 days`: the amount as written and the unit in the author's spelling (`1 day`, `2 weeks`). */
function printDuration(path: PathTo<A.DurationNode>, _options: Options, print: Print): Doc {
  const node = path.node;
  const amount = tokenFacts(path).numbers.get(node.start) ?? String(node.amount);
  return node.unit ? [amount, " ", print("unit")] : amount;
}

// ---------------------------------------------------------------- conditions

/**
 * `a and b and c`; when too long, each operand on its own line with the operator leading and the
 * continuation lines indented one level. A nested condition (an `and` inside an `or`, or inside
 * parentheses) indents its own continuation lines one level further, so the structure stays
 * visible.
 */
function printLogical(path: PathTo<A.LogicalNode>, _options: Options, print: Print): Doc {
  const keyword = path.node.kind === "And" ? "and" : "or";
  const [first, ...rest] = path.map(print, "operands");
  return group([indent(first), ...rest.map((operand) => indent([line, keyword, " ", operand]))]);
}

function printNot(_path: PathTo<A.NotNode>, _options: Options, print: Print): Doc {
  return ["not ", print("operand")];
}

/** Parentheses stay as written: they are part of how the author grouped the condition. */
function printParen(_path: PathTo<A.ParenNode>, _options: Options, print: Print): Doc {
  return ["(", print("expr"), ")"];
}

function printCompare(path: PathTo<A.CompareNode>, _options: Options, print: Print): Doc {
  return [print("left"), " ", path.node.op, " ", print("right")];
}

function printIsSet(path: PathTo<A.IsSetNode>, _options: Options, print: Print): Doc {
  return [print("operand"), path.node.negated ? " is not set" : " is set"];
}

/** `x in ["a", "b"]`; a list too long for the line puts one value per line. */
function printIn(path: PathTo<A.InNode>, _options: Options, print: Print): Doc {
  const values = path.map(print, "values");
  const list = group(["[", indent([softline, join([",", line], values)]), softline, "]"]);
  return [print("operand"), path.node.negated ? " not in " : " in ", list];
}

function printContains(_path: PathTo<A.ContainsNode>, _options: Options, print: Print): Doc {
  return [print("operand"), " contains ", print("value")];
}

function printRef(path: PathTo<A.RefNode>, _options: Options, print: Print): Doc {
  return path.node.event ? ["event.", print("name")] : print("name");
}

/**
 * Numbers, percentages, dates and booleans as written; strings from their value. A comment inside a
 * negative number (between the `-` and the digits) stays there.
 */
function printLiteral(path: PathTo<A.LiteralNode>, _options: Options, _print: Print): Doc {
  const node = path.node;
  if (node.type === "string") return printString(path, node.value as string);
  const raw = node.raw || String(node.value);
  if (!raw.startsWith("-") || !hasDanglingComments(node as PrintedNode)) return raw;
  const comments = danglingComments(node as PrintedNode);
  const printed = printDanglingComments(path as AstPath<PrintedNode>);
  return [
    "-",
    printed.map((doc, i) => [" ", doc, comments[i].kind === "block" ? " " : hardline]),
    raw.slice(1),
  ];
}

function printName(path: PathTo<A.NameNode>, _options: Options, _print: Print): Doc {
  return path.node.name;
}

function printStringNode(path: PathTo<A.StringNode>, _options: Options, _print: Print): Doc {
  return printString(path, path.node.value);
}

// ---------------------------------------------------------------- strings

/**
 * A string from its decoded value: `"…"` with minimal escapes, or kept triple-quoted when written
 * so (on one line if it was written on one line and fits on one, else as an indented block).
 */
function printString(path: AstPath<A.StringNode | A.LiteralNode>, value: string): Doc {
  const triple = tokenFacts(path).tripleStrings.get(path.node.start);
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
