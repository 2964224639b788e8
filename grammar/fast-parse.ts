// The fast path of parseFile: a hand-written recursive-descent parser for error-free files that
// builds exactly the AST the chevrotain parser (parser.ts) builds, reading tokens straight from
// the scanner (no token list, nothing kept after the parse). At the first thing it does not expect
// (a lexing problem, a syntax error, a reserved name, a bad escape or date, nesting past the
// limit, a file without a funnel) it gives up, and parseFile runs the chevrotain parser, which
// owns error recovery and every syntax diagnostic. test/property/fast-parse.test.ts checks that
// both agree. Each method mirrors the chevrotain rule of the same name (parser.ts and the groups of
// rules it extends); keep them in step. Tokens are read by fast-reader.ts.
import type * as A from "./ast.js";
import {
  AND,
  ANY,
  ARROW,
  COLON,
  COMMA,
  COMPARE_OPS,
  CONTAINS,
  DATE,
  DATETIME,
  DEFINITION,
  DESCRIPTION,
  DETOUR,
  DOT,
  EOF,
  EQUALS,
  EVENT,
  EVENTS,
  FALSE,
  FIELDS,
  FORECAST,
  FROM,
  FUNNEL,
  IDENTIFIER,
  IMPORT,
  IN,
  IS,
  IS_NAME,
  LABEL,
  LCURLY,
  LPAREN,
  LSQUARE,
  MAP,
  MINUS,
  NOT,
  NOTIFY,
  NUMBER,
  ON,
  OR,
  OUTCOME,
  OWNER,
  PERCENT,
  PIPE,
  PLUS,
  PROBABILITY,
  QUESTION,
  RCURLY,
  RPAREN,
  RSQUARE,
  SCORE,
  SET,
  SLA,
  STAGE,
  STRING,
  TARGET,
  TEAM,
  TERMINAL,
  TRIPLE_STRING,
  TRUE,
  VERSION,
  WARN,
  WHEN,
} from "./fast-token-kinds.js";
import { FastTokenReader, GIVE_UP } from "./fast-reader.js";

/** The result of a successful fast parse (parseFile adds the empty diagnostics list). */
export interface FastParseResult {
  ast: A.FileNode;
  comments: A.Comment[];
  /** `///` lines by the start offset of the token they precede. */
  docs: Map<number, string[]> | undefined;
}

/**
 * The parser between parses: reused (`FastTokenReader.reset`), holding nothing of the last file.
 */
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

/** The grammar of the fast path: one method per rule of the chevrotain parser. */
class FastParser extends FastTokenReader {
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

  protected importDecl(): A.ImportNode {
    const start = this.expect(IMPORT);
    const path = this.string();
    return { kind: "Import", path, start, end: this.lastEnd };
  }

  protected funnel(): A.FunnelNode {
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

  protected funnelItem(): A.FunnelItemNode {
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
  protected fieldDecl(): A.FieldDeclNode {
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

  protected type(): A.TypeNode {
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

  protected eventDecl(): A.EventDeclNode {
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
  protected scoreRule(): A.ScoreRuleNode {
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
  protected stage(): A.StageNode {
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

  protected stageItem(): A.StageItemNode {
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
      const object = this.kind === STRING || this.kind === TRIPLE_STRING ? undefined : this.name();
      const value = this.string();
      let probability: A.LiteralNode | undefined;
      if (this.kind === PROBABILITY) {
        this.next();
        if (this.kind !== PERCENT) throw GIVE_UP;
        probability = this.literalToken("percent");
      }
      let forecast: A.NameNode | undefined;
      if (this.kind === FORECAST) {
        this.next();
        forecast = this.name();
      }
      return {
        kind: "Map",
        system,
        object,
        value,
        probability,
        forecast,
        start,
        end: this.lastEnd,
      };
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

  protected transition(): A.TransitionNode {
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

  protected notify(): A.NameNode[] {
    this.next();
    const mark = this.top;
    this.push(this.name());
    while (this.kind === COMMA) {
      this.next();
      this.push(this.name());
    }
    return this.take<A.NameNode>(mark);
  }

  protected duration(): A.DurationNode {
    if (this.kind !== NUMBER) throw GIVE_UP;
    const start = this.start;
    const amount = this.numberValue();
    this.next();
    // Units are plain identifiers, never keywords (see parser.ts).
    const unit = this.kind === IDENTIFIER ? this.name() : undefined;
    return { kind: "Duration", amount, unit, start, end: Math.max(start, this.lastEnd) };
  }

  // ---------------------------------------------------------------- conditions
  protected expr(): A.ExprNode {
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

  protected andExpr(): A.ExprNode {
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

  protected unary(): A.ExprNode {
    if (this.kind === NOT) {
      const start = this.start;
      this.next();
      const operand = this.unary();
      return { kind: "Not", operand, start, end: this.lastEnd };
    }
    return this.primary();
  }

  protected primary(): A.ExprNode {
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

  protected operand(): A.OperandNode {
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

  protected literal(): A.LiteralNode {
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
  /** A name at a declaration site: a reserved word there is a diagnostic, for the full parser. */
  protected declName(): A.NameNode {
    return this.name();
  }
}
