// The fast path of parseFile: a hand-written recursive-descent parser for error-free files that
// builds exactly the AST the chevrotain parser (parser.ts) builds, reading tokens straight from
// the scanner (no token list, nothing kept after the parse). At the first thing it does not expect
// (a lexing problem, a syntax error, a reserved name, a bad escape or date, nesting past the
// limit, a file without a funnel) it gives up, and parseFile runs the chevrotain parser, which
// owns error recovery and every syntax diagnostic. test/property/fast-parse.test.ts checks that
// both agree. Each method mirrors the parser.ts rule of the same name; keep them in step.
import type * as A from "./ast.js";
import { decodeString, isValidDate, isValidDateTime } from "./literals.js";
import { docLine } from "./docs.js";
import * as S from "./scanner.js";
import * as T from "./tokens.js";

/** Thrown (one shared object) to leave the fast path; never escapes fastParse. */
const GIVE_UP = { giveUp: true };

const k = S.kindOf;
const IMPORT = k(T.Import);
const FUNNEL = k(T.Funnel);
const VERSION = k(T.Version);
const DESCRIPTION = k(T.Description);
const TEAM = k(T.Team);
const FIELDS = k(T.Fields);
const EVENTS = k(T.Events);
const SCORE = k(T.Score);
const FROM = k(T.From);
const ANY = k(T.Any);
const STAGE = k(T.Stage);
const DETOUR = k(T.Detour);
const TERMINAL = k(T.Terminal);
const DEFINITION = k(T.Definition);
const OWNER = k(T.Owner);
const LABEL = k(T.Label);
const MAP = k(T.MapKw);
const OUTCOME = k(T.Outcome);
const SLA = k(T.Sla);
const WARN = k(T.Warn);
const NOTIFY = k(T.Notify);
const TARGET = k(T.Target);
const ON = k(T.On);
const WHEN = k(T.When);
const AND = k(T.And);
const OR = k(T.Or);
const NOT = k(T.Not);
const IN = k(T.In);
const IS = k(T.Is);
const SET = k(T.SetKw);
const CONTAINS = k(T.Contains);
const EVENT = k(T.EventKw);
const TRUE = k(T.True);
const FALSE = k(T.False);
const ARROW = k(T.Arrow);
const LCURLY = k(T.LCurly);
const RCURLY = k(T.RCurly);
const LPAREN = k(T.LParen);
const RPAREN = k(T.RParen);
const LSQUARE = k(T.LSquare);
const RSQUARE = k(T.RSquare);
const COMMA = k(T.Comma);
const COLON = k(T.Colon);
const PIPE = k(T.Pipe);
const QUESTION = k(T.Question);
const DOT = k(T.Dot);
const EQUALS = k(T.Equals);
const PLUS = k(T.Plus);
const MINUS = k(T.Minus);
const { STRING, TRIPLE_STRING, NUMBER, PERCENT, DATE, DATETIME, IDENTIFIER, EOF, IS_NAME } = S;

/** Comparison operators by kind (the token text, as parser.ts takes it from the image). */
const COMPARE_OPS: (A.CompareOp | undefined)[] = [];
COMPARE_OPS[EQUALS] = "=";
COMPARE_OPS[k(T.NotEquals)] = "!=";
COMPARE_OPS[k(T.LessEquals)] = "<=";
COMPARE_OPS[k(T.GreaterEquals)] = ">=";
COMPARE_OPS[k(T.Less)] = "<";
COMPARE_OPS[k(T.Greater)] = ">";

const MAX_INTERN_SLOTS = 8192;

/** The result of a successful fast parse (parseFile adds the empty diagnostics list). */
export interface FastParseResult {
  ast: A.FileNode;
  comments: A.Comment[];
  /** `///` lines by the start offset of the token they precede. */
  docs: Map<number, string[]> | undefined;
}

/** The parser between parses: reused (see `FastParser.reset`), holding nothing of the last file. */
let idle: FastParser | undefined;

/**
 * Parses an error-free file.
 * @param text the file's text
 * @param maxNesting the nesting limit parse.ts enforces (parentheses plus a run of `not`s)
 * @returns the AST, comments and doc lines, or undefined when the file needs the full parser
 */
export function fastParse(text: string, maxNesting: number): FastParseResult | undefined {
  // One long-lived instance: V8 forgets the shape of a class's instances once none is alive, and
  // with it the feedback and optimised code of every method, so with a new parser per call each
  // parse after a full GC ran unoptimised while V8 compiled it again (--trace-deopt showed
  // "insufficient type feedback" at every parse; the parse took twice as long).
  const parser = idle ?? new FastParser();
  idle = undefined;
  try {
    parser.reset(text, maxNesting);
    return parser.file();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  } finally {
    parser.reset("", 0);
    idle = parser;
  }
}

class FastParser {
  private text = "";
  private maxNesting = 0;
  private readonly scanner = new S.Scanner("");
  /** Current token: kind, start and end offsets. */
  private kind = EOF;
  private start = 0;
  private end = 0;
  /** End of the last consumed token (chevrotain's `endHere()`). */
  private lastEnd = 0;
  /** Where the scanner goes on. */
  private pos = 0;
  private depth = 0;
  private notRun = 0;
  private comments: A.Comment[] = [];
  private docs: Map<number, string[]> | undefined = undefined;
  private pendingDocs: string[] | undefined = undefined;
  /**
   * Strings already cut from the text, by a hash of their characters (a direct-mapped cache of
   * `internMask + 1` slots): names and literals repeat a lot, and an AST that shares them is
   * smaller and faster to build.
   */
  private readonly interned: (string | undefined)[] = new Array(MAX_INTERN_SLOTS).fill(undefined);
  private internMask = 0;
  /**
   * Lists are gathered here and copied out at their exact length (`take`): an array grown by
   * `push` keeps room for 16 more elements, and most lists of the AST hold one to four.
   */
  private readonly stack: unknown[] = [];
  private top = 0;
  /** How far the stack was used during this parse (cleared up to there by `reset`). */
  private stackUsed = 0;

  /** Starts a parse of `text`; with the empty text, drops everything of the last parse. */
  reset(text: string, maxNesting: number): void {
    this.interned.fill(undefined, 0, this.internMask + 1);
    this.stack.fill(undefined, 0, this.stackUsed);
    this.text = text;
    this.maxNesting = maxNesting;
    this.scanner.reset(text);
    this.kind = EOF;
    this.start = this.end = this.lastEnd = this.pos = 0;
    this.depth = this.notRun = 0;
    this.comments = [];
    this.docs = undefined;
    this.pendingDocs = undefined;
    this.top = this.stackUsed = 0;
    // About one slot per 16 characters: small files (an editor's keystrokes) use a small table.
    let slots = 64;
    while (slots < MAX_INTERN_SLOTS && slots * 16 < text.length) slots *= 2;
    this.internMask = slots - 1;
    if (text !== "") this.advanceToken();
  }

  // ---------------------------------------------------------------- tokens
  /** Moves to the next real token, collecting comments and giving up at any lexing problem. */
  private advanceToken(): void {
    const text = this.text;
    const scanner = this.scanner;
    let pos = this.pos;
    for (;;) {
      if (pos >= text.length) {
        this.kind = EOF;
        this.start = this.end = pos;
        this.pos = pos;
        this.pendingDocs = undefined;
        return;
      }
      const kind = scanner.scan(pos);
      const end = scanner.end;
      if (kind === S.WHITESPACE) {
        pos = end;
        continue;
      }
      if (kind === S.DOC_COMMENT || kind === S.LINE_COMMENT || kind === S.BLOCK_COMMENT) {
        const image = text.slice(pos, end);
        const commentKind =
          kind === S.DOC_COMMENT ? "doc" : kind === S.BLOCK_COMMENT ? "block" : "line";
        this.comments.push({ kind: commentKind, text: image, start: pos, end });
        if (kind === S.DOC_COMMENT) (this.pendingDocs ??= []).push(docLine(image));
        pos = end;
        continue;
      }
      if (
        kind >= S.ERROR ||
        kind === S.UNTERMINATED_BLOCK_COMMENT ||
        kind === S.UNTERMINATED_STRING ||
        kind === S.UNTERMINATED_TRIPLE_STRING
      )
        throw GIVE_UP;
      if (this.pendingDocs !== undefined) {
        (this.docs ??= new Map()).set(pos, this.pendingDocs);
        this.pendingDocs = undefined;
      }
      // The nesting guard of parse.ts, over the same tokens: deeper input takes the full path.
      if (kind === LPAREN) this.depth++;
      else if (kind === RPAREN) this.depth = Math.max(0, this.depth - 1);
      this.notRun = kind === NOT ? this.notRun + 1 : kind === LPAREN ? this.notRun : 0;
      if (this.depth + this.notRun > this.maxNesting) throw GIVE_UP;
      this.kind = kind;
      this.start = pos;
      this.end = end;
      this.pos = end;
      return;
    }
  }

  /** Consumes the current token. */
  private next(): void {
    this.lastEnd = this.end;
    this.advanceToken();
  }

  /** Consumes a token of the given kind; returns its start. */
  private expect(kind: number): number {
    if (this.kind !== kind) throw GIVE_UP;
    const start = this.start;
    this.next();
    return start;
  }

  /** `text.slice(start, end)`, shared with an earlier equal slice when there is one. */
  private slice(start: number, end: number): string {
    const text = this.text;
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    const slot = (hash ^ (hash >>> 13)) & this.internMask;
    const known = this.interned[slot];
    if (known !== undefined && known.length === end - start) {
      let i = 0;
      while (i < known.length && known.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === known.length) return known;
    }
    const fresh = text.slice(start, end);
    this.interned[slot] = fresh;
    return fresh;
  }

  private push(item: unknown): void {
    this.stack[this.top++] = item;
    if (this.top > this.stackUsed) this.stackUsed = this.top;
  }

  /** The items pushed since `mark`, as an array of exactly their number. */
  private take<T>(mark: number): T[] {
    const items = this.stack.slice(mark, this.top) as T[];
    this.top = mark;
    return items;
  }

  /** A name: an identifier or a contextual keyword. */
  private name(): A.NameNode {
    if (IS_NAME[this.kind] !== 1) throw GIVE_UP;
    const start = this.start;
    const end = this.end;
    this.next();
    return { kind: "Name", name: this.slice(start, end), start, end };
  }

  // ---------------------------------------------------------------- file and funnel
  file(): FastParseResult {
    const mark = this.top;
    while (this.kind === IMPORT) this.push(this.importDecl());
    const imports = this.take<A.ImportNode>(mark);
    // No funnel, or anything after it, is a diagnostic: the full parser reports it.
    if (this.kind !== FUNNEL) throw GIVE_UP;
    const funnel = this.funnel();
    if (this.kind !== EOF) throw GIVE_UP;
    const ast: A.FileNode = { kind: "File", imports, funnel, start: 0, end: this.text.length };
    return { ast, comments: this.comments, docs: this.docs };
  }

  private importDecl(): A.ImportNode {
    const start = this.expect(IMPORT);
    const path = this.string();
    return { kind: "Import", path, start, end: this.lastEnd };
  }

  private funnel(): A.FunnelNode {
    const start = this.expect(FUNNEL);
    const name = this.declName();
    const title = this.kind === STRING || this.kind === TRIPLE_STRING ? this.string() : undefined;
    this.expect(LCURLY);
    const mark = this.top;
    while (this.kind !== RCURLY) this.push(this.funnelItem());
    const items = this.take<A.FunnelItemNode>(mark);
    this.next();
    return { kind: "Funnel", name, title, items, start, end: this.lastEnd };
  }

  private funnelItem(): A.FunnelItemNode {
    const kind = this.kind;
    if (kind === STAGE || kind === DETOUR || kind === TERMINAL) return this.stage();
    const start = this.start;
    if (kind === VERSION) {
      this.next();
      const value = this.string();
      return { kind: "Version", value, start, end: this.lastEnd };
    }
    if (kind === DESCRIPTION) {
      this.next();
      const value = this.string();
      return { kind: "Description", value, start, end: this.lastEnd };
    }
    if (kind === TEAM) {
      this.next();
      const name = this.declName();
      const title = this.kind === STRING || this.kind === TRIPLE_STRING ? this.string() : undefined;
      return { kind: "Team", name, title, start, end: this.lastEnd };
    }
    if (kind === FIELDS) {
      this.next();
      this.expect(LCURLY);
      const mark = this.top;
      while (this.kind !== RCURLY) this.push(this.fieldDecl());
      const fields = this.take<A.FieldDeclNode>(mark);
      this.next();
      return { kind: "Fields", fields, start, end: this.lastEnd };
    }
    if (kind === EVENTS) {
      this.next();
      this.expect(LCURLY);
      const mark = this.top;
      while (this.kind !== RCURLY) this.push(this.eventDecl());
      const events = this.take<A.EventDeclNode>(mark);
      this.next();
      return { kind: "Events", events, start, end: this.lastEnd };
    }
    if (kind === SCORE) {
      this.next();
      const name = this.declName();
      this.expect(LCURLY);
      const mark = this.top;
      while (this.kind !== RCURLY) this.push(this.scoreRule());
      const rules = this.take<A.ScoreRuleNode>(mark);
      this.next();
      return { kind: "Score", name, rules, start, end: this.lastEnd };
    }
    if (kind === FROM) {
      this.next();
      this.expect(ANY);
      this.expect(LCURLY);
      const mark = this.top;
      while (this.kind !== RCURLY) this.push(this.transition());
      const transitions = this.take<A.TransitionNode>(mark);
      this.next();
      return { kind: "FromAny", transitions, start, end: this.lastEnd };
    }
    throw GIVE_UP;
  }

  // ---------------------------------------------------------------- fields and events
  private fieldDecl(): A.FieldDeclNode {
    const name = this.declName();
    this.expect(COLON);
    const type = this.type();
    let optional = false;
    if (this.kind === QUESTION) {
      this.next();
      optional = true;
    }
    let defaultValue: A.LiteralNode | undefined;
    if (this.kind === EQUALS) {
      this.next();
      defaultValue = this.literal();
    }
    return {
      kind: "FieldDecl",
      name,
      type,
      optional,
      default: defaultValue,
      start: name.start,
      end: this.lastEnd,
    };
  }

  private type(): A.TypeNode {
    if (IS_NAME[this.kind] === 1) {
      const name = this.name();
      return { kind: "NamedType", name, start: name.start, end: name.end };
    }
    const mark = this.top;
    const first = this.string();
    this.push(first);
    while (this.kind === PIPE) {
      this.next();
      this.push(this.string());
    }
    const values = this.take<A.StringNode>(mark);
    return { kind: "EnumType", values, start: first.start, end: this.lastEnd };
  }

  private eventDecl(): A.EventDeclNode {
    const name = this.declName();
    const mark = this.top;
    if (this.kind === LCURLY) {
      this.next();
      while (this.kind !== RCURLY) this.push(this.fieldDecl());
      this.next();
    }
    const fields = this.take<A.FieldDeclNode>(mark);
    return { kind: "EventDecl", name, fields, start: name.start, end: this.lastEnd };
  }

  // ---------------------------------------------------------------- scores and rules
  private scoreRule(): A.ScoreRuleNode {
    const sign = this.kind;
    if (sign !== PLUS && sign !== MINUS) throw GIVE_UP;
    const start = this.start;
    this.next();
    if (this.kind !== NUMBER) throw GIVE_UP;
    const magnitude = this.numberValue();
    this.next();
    let on: A.NameNode | undefined;
    if (this.kind === ON) {
      this.next();
      on = this.name();
    }
    let when: A.ExprNode | undefined;
    if (this.kind === WHEN) {
      this.next();
      when = this.expr();
    }
    return {
      kind: "ScoreRule",
      points: sign === MINUS ? -magnitude : magnitude,
      on,
      when,
      start,
      end: this.lastEnd,
    };
  }

  // ---------------------------------------------------------------- stages
  private stage(): A.StageNode {
    const kind = this.kind;
    const stageKind: A.StageKind =
      kind === STAGE ? "stage" : kind === DETOUR ? "detour" : "terminal";
    const start = this.start;
    this.next();
    const name = this.declName();
    const title = this.kind === STRING || this.kind === TRIPLE_STRING ? this.string() : undefined;
    const mark = this.top;
    if (this.kind === LCURLY) {
      this.next();
      while (this.kind !== RCURLY) this.push(this.stageItem());
      this.next();
    }
    const items = this.take<A.StageItemNode>(mark);
    return { kind: "Stage", stageKind, name, title, items, start, end: this.lastEnd };
  }

  private stageItem(): A.StageItemNode {
    const kind = this.kind;
    if (kind === ARROW) return this.transition();
    const start = this.start;
    if (kind === DEFINITION) {
      this.next();
      const value = this.string();
      return { kind: "Definition", value, start, end: this.lastEnd };
    }
    if (kind === OWNER) {
      this.next();
      const team = this.name();
      return { kind: "Owner", team, start, end: this.lastEnd };
    }
    if (kind === SLA) {
      this.next();
      const duration = this.duration();
      this.expect(ARROW);
      const target = this.name();
      const notify = this.kind === NOTIFY ? this.notify() : [];
      return { kind: "Sla", duration, target, notify, start, end: this.lastEnd };
    }
    if (kind === WARN) {
      this.next();
      const duration = this.duration();
      const notify = this.kind === NOTIFY ? this.notify() : [];
      return { kind: "Warn", duration, notify, start, end: this.lastEnd };
    }
    if (kind === LABEL) {
      this.next();
      const language = this.name();
      const value = this.string();
      return { kind: "Label", language, value, start, end: this.lastEnd };
    }
    if (kind === MAP) {
      this.next();
      const system = this.name();
      const value = this.string();
      return { kind: "Map", system, value, start, end: this.lastEnd };
    }
    if (kind === OUTCOME) {
      this.next();
      const value = this.name();
      return { kind: "Outcome", value, start, end: this.lastEnd };
    }
    if (kind === TARGET) {
      this.next();
      const measure = this.name();
      let percent: A.LiteralNode | undefined;
      let duration: A.DurationNode | undefined;
      if (this.kind === PERCENT) percent = this.literalToken("percent");
      else duration = this.duration();
      return { kind: "Target", measure, percent, duration, start, end: this.lastEnd };
    }
    throw GIVE_UP;
  }

  private transition(): A.TransitionNode {
    const start = this.expect(ARROW);
    const target = this.name();
    let on: A.NameNode | undefined;
    if (this.kind === ON) {
      this.next();
      on = this.name();
    }
    let when: A.ExprNode | undefined;
    if (this.kind === WHEN) {
      this.next();
      when = this.expr();
    }
    return { kind: "Transition", target, on, when, start, end: this.lastEnd };
  }

  private notify(): A.NameNode[] {
    this.next();
    const mark = this.top;
    this.push(this.name());
    while (this.kind === COMMA) {
      this.next();
      this.push(this.name());
    }
    return this.take<A.NameNode>(mark);
  }

  private duration(): A.DurationNode {
    if (this.kind !== NUMBER) throw GIVE_UP;
    const start = this.start;
    const amount = this.numberValue();
    this.next();
    // Units are plain identifiers, never keywords (see parser.ts).
    const unit = this.kind === IDENTIFIER ? this.name() : undefined;
    return { kind: "Duration", amount, unit, start, end: Math.max(start, this.lastEnd) };
  }

  // ---------------------------------------------------------------- conditions
  private expr(): A.ExprNode {
    const first = this.andExpr();
    if (this.kind !== OR) return first;
    const mark = this.top;
    this.push(first);
    while (this.kind === OR) {
      this.next();
      this.push(this.andExpr());
    }
    const operands = this.take<A.ExprNode>(mark);
    return { kind: "Or", operands, start: first.start, end: operands[operands.length - 1].end };
  }

  private andExpr(): A.ExprNode {
    const first = this.unary();
    if (this.kind !== AND) return first;
    const mark = this.top;
    this.push(first);
    while (this.kind === AND) {
      this.next();
      this.push(this.unary());
    }
    const operands = this.take<A.ExprNode>(mark);
    return { kind: "And", operands, start: first.start, end: operands[operands.length - 1].end };
  }

  private unary(): A.ExprNode {
    if (this.kind === NOT) {
      const start = this.start;
      this.next();
      const operand = this.unary();
      return { kind: "Not", operand, start, end: this.lastEnd };
    }
    return this.primary();
  }

  private primary(): A.ExprNode {
    if (this.kind === LPAREN) {
      const start = this.start;
      this.next();
      const expr = this.expr();
      this.expect(RPAREN);
      return { kind: "Paren", expr, start, end: this.lastEnd };
    }
    const operand = this.operand();
    const kind = this.kind;
    const op = COMPARE_OPS[kind];
    if (op !== undefined) {
      this.next();
      const right = this.operand();
      return { kind: "Compare", op, left: operand, right, start: operand.start, end: this.lastEnd };
    }
    if (kind === IS) {
      this.next();
      let negated = false;
      if (this.kind === NOT) {
        this.next();
        negated = true;
      }
      this.expect(SET);
      return { kind: "IsSet", operand, negated, start: operand.start, end: this.lastEnd };
    }
    if (kind === NOT || kind === IN) {
      const negated = kind === NOT;
      if (negated) this.next();
      this.expect(IN);
      this.expect(LSQUARE);
      const mark = this.top;
      this.push(this.literal());
      while (this.kind === COMMA) {
        this.next();
        this.push(this.literal());
      }
      const values = this.take<A.LiteralNode>(mark);
      this.expect(RSQUARE);
      return { kind: "In", operand, negated, values, start: operand.start, end: this.lastEnd };
    }
    if (kind === CONTAINS) {
      this.next();
      const value = this.string();
      return { kind: "Contains", operand, value, start: operand.start, end: this.lastEnd };
    }
    return operand;
  }

  private operand(): A.OperandNode {
    if (this.kind === EVENT) {
      const start = this.start;
      this.next();
      this.expect(DOT);
      const name = this.name();
      return { kind: "Ref", event: true, name, start, end: this.lastEnd };
    }
    if (IS_NAME[this.kind] === 1) {
      const name = this.name();
      return { kind: "Ref", event: false, name, start: name.start, end: name.end };
    }
    return this.literal();
  }

  private literal(): A.LiteralNode {
    const kind = this.kind;
    if (kind === NUMBER || kind === MINUS) {
      const start = this.start;
      const minus = kind === MINUS;
      if (minus) this.next();
      if (this.kind !== NUMBER) throw GIVE_UP;
      const node = this.literalToken("number", start);
      if (minus) {
        node.value = -(node.value as number);
        node.raw = "-" + node.raw;
      }
      return node;
    }
    if (kind === PERCENT) return this.literalToken("percent");
    if (kind === DATETIME) return this.literalToken("datetime");
    if (kind === DATE) return this.literalToken("date");
    if (kind === TRUE || kind === FALSE) return this.literalToken("boolean");
    if (kind === STRING || kind === TRIPLE_STRING) {
      const text = this.string();
      return {
        kind: "Literal",
        type: "string",
        value: text.value,
        raw: "",
        start: text.start,
        end: text.end,
      };
    }
    throw GIVE_UP;
  }

  /**
   * The current token as a literal (literals.ts `literalFromToken`, with invalid dates giving up).
   * @param start where the literal starts: before the token for a negative number
   */
  private literalToken(type: A.LiteralType, start = this.start): A.LiteralNode {
    const end = this.end;
    const raw = this.slice(this.start, end);
    let value: number | string | boolean;
    if (type === "number") value = this.numberValue();
    else if (type === "percent") value = Number(raw.slice(0, -1));
    else if (type === "boolean") value = raw === "true";
    else {
      if (!(type === "date" ? isValidDate(raw) : isValidDateTime(raw))) throw GIVE_UP;
      value = raw;
    }
    this.next();
    return { kind: "Literal", type, value, raw, start, end };
  }

  /** Value of the current number token, as `Number(image)` gives it. */
  private numberValue(): number {
    const value = this.scanner.intValue;
    return value >= 0 && this.scanner.end === this.end
      ? value
      : Number(this.text.slice(this.start, this.end));
  }

  private string(): A.StringNode {
    const kind = this.kind;
    if (kind !== STRING && kind !== TRIPLE_STRING) throw GIVE_UP;
    const start = this.start;
    const end = this.end;
    const triple = kind === TRIPLE_STRING;
    let value: string;
    if (!triple && !this.scanner.escaped) value = this.slice(start + 1, end - 1);
    else {
      const decoded = decodeString(this.text.slice(start, end), start, triple);
      if (decoded.problems.length > 0) throw GIVE_UP;
      value = decoded.value;
    }
    this.next();
    return { kind: "String", value, triple, start, end };
  }

  /** A name at a declaration site: a reserved word there is a diagnostic, so the full parser runs. */
  private declName(): A.NameNode {
    return this.name();
  }
}
