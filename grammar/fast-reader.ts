// The fast parser's reading of tokens (fast-parse.ts builds the AST on it): straight from the
// scanner, collecting comments and doc lines on the way, interning the names and literals it cuts
// from the text, and giving up at anything the chevrotain parser has to report.
import type * as A from "./ast.js";
import { decodeString, isValidDate, isValidDateTime } from "./literals.js";
import { docLine } from "./docs.js";
import * as S from "./scanner.js";
import { EOF, IS_NAME, LPAREN, NOT, RPAREN, STRING, TRIPLE_STRING } from "./fast-token-kinds.js";

/** Thrown (one shared object) to leave the fast path; never escapes fastParse. */
export const GIVE_UP = { giveUp: true };

const MAX_INTERN_SLOTS = 8192;

/** The tokens of one text at a time, with the lists being built (fast-parse.ts reads them). */
export class FastTokenReader {
  protected text = "";
  protected maxNesting = 0;
  protected readonly scanner = new S.Scanner("");
  /** Current token: kind, start and end offsets. */
  protected kind = EOF;
  protected start = 0;
  protected end = 0;
  /** End of the last consumed token (chevrotain's `endHere()`). */
  protected lastEnd = 0;
  /** Where the scanner goes on. */
  protected pos = 0;
  protected depth = 0;
  protected notRun = 0;
  protected comments: A.Comment[] = [];
  protected docs: Map<number, string[]> | undefined = undefined;
  protected pendingDocs: string[] | undefined = undefined;
  /**
   * Strings already cut from the text, by a hash of their characters (a direct-mapped cache of
   * `internMask + 1` slots): names and literals repeat a lot, and an AST that shares them is
   * smaller and faster to build.
   */
  protected readonly interned: (string | undefined)[] = new Array(MAX_INTERN_SLOTS).fill(undefined);
  protected internMask = 0;
  /**
   * Lists are gathered here and copied out at their exact length (`take`): an array grown by
   * `push` keeps room for 16 more elements, and most lists of the AST hold one to four.
   */
  protected readonly stack: unknown[] = [];
  protected top = 0;
  /** How far the stack was used during this parse (cleared up to there by `reset`). */
  protected stackUsed = 0;

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
  protected advanceToken(): void {
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
  protected next(): void {
    this.lastEnd = this.end;
    this.advanceToken();
  }

  /** Consumes a token of the given kind; returns its start. */
  protected expect(kind: number): number {
    if (this.kind !== kind) throw GIVE_UP;
    const start = this.start;
    this.next();
    return start;
  }

  /** `text.slice(start, end)`, shared with an earlier equal slice when there is one. */
  protected slice(start: number, end: number): string {
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

  protected push(item: unknown): void {
    this.stack[this.top++] = item;
    if (this.top > this.stackUsed) this.stackUsed = this.top;
  }

  /** The items pushed since `mark`, as an array of exactly their number. */
  protected take<T>(mark: number): T[] {
    const items = this.stack.slice(mark, this.top) as T[];
    this.top = mark;
    return items;
  }

  /** A name: an identifier or a contextual keyword. */
  protected name(): A.NameNode {
    if (IS_NAME[this.kind] !== 1) throw GIVE_UP;
    const start = this.start;
    const end = this.end;
    this.next();
    return { kind: "Name", name: this.slice(start, end), start, end };
  }

  /**
   * The current token as a literal (literals.ts `literalFromToken`, with invalid dates giving up).
   * @param start where the literal starts: before the token for a negative number
   */
  protected literalToken(type: A.LiteralType, start = this.start): A.LiteralNode {
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
  protected numberValue(): number {
    const value = this.scanner.intValue;
    return value >= 0 && this.scanner.end === this.end
      ? value
      : Number(this.text.slice(this.start, this.end));
  }

  protected string(): A.StringNode {
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
}
