// The hand-written Funnel scanner: one pass over char codes, no regex per token, no allocation.
// It recognises exactly the tokens that grammar/tokens.ts defines (those patterns stay the
// reference, and test/grammar/scanner.test.ts checks this scanner against chevrotain's lexer
// built from them). A token's kind is its index in T.ALL_TOKENS; keywords come from the same
// token definitions, so tokens.ts stays the one source of truth for them.
import type { TokenType } from "chevrotain";
import * as T from "./tokens.js";

/** The kind of a token: its index in T.ALL_TOKENS. */
export function kindOf(token: TokenType): number {
  const kind = T.ALL_TOKENS.indexOf(token);
  if (kind < 0) throw new Error(`not a lexed token: ${token.name}`);
  return kind;
}

/** Characters that start no token; a run of them is one lexing error (as chevrotain reports it). */
export const ERROR = T.ALL_TOKENS.length;
/** The end of the input. */
export const EOF = ERROR + 1;

export const WHITESPACE = kindOf(T.WhiteSpace);
export const DOC_COMMENT = kindOf(T.DocComment);
export const LINE_COMMENT = kindOf(T.LineComment);
export const BLOCK_COMMENT = kindOf(T.BlockComment);
export const UNTERMINATED_BLOCK_COMMENT = kindOf(T.UnterminatedBlockComment);
export const TRIPLE_STRING = kindOf(T.TripleString);
export const UNTERMINATED_TRIPLE_STRING = kindOf(T.UnterminatedTripleString);
export const STRING = kindOf(T.StringLiteral);
export const UNTERMINATED_STRING = kindOf(T.UnterminatedString);
export const DATETIME = kindOf(T.DateTimeLiteral);
export const DATE = kindOf(T.DateLiteral);
export const PERCENT = kindOf(T.PercentLiteral);
export const NUMBER = kindOf(T.NumberLiteral);
export const IDENTIFIER = kindOf(T.Identifier);
const ARROW = kindOf(T.Arrow);
const MINUS = kindOf(T.Minus);
const NOT_EQUALS = kindOf(T.NotEquals);
const LESS = kindOf(T.Less);
const LESS_EQUALS = kindOf(T.LessEquals);
const GREATER = kindOf(T.Greater);
const GREATER_EQUALS = kindOf(T.GreaterEquals);

/**
 * Per kind: the text of every token of a kind that has only one spelling (keywords, punctuation).
 */
export const FIXED_TEXT: (string | undefined)[] = new Array(EOF + 1).fill(undefined);
/**
 * Per kind: whether a token of it may stand where a name is expected (identifier or contextual
 * keyword).
 */
export const IS_NAME = new Uint8Array(EOF + 1);
/** Per kind: whether it is a reserved word. */
export const IS_RESERVED = new Uint8Array(EOF + 1);

// Character classes of ASCII; everything else is an error except the two non-ASCII blanks.
const C_ERROR = 0;
const C_SPACE = 1;
const C_WORD = 2;
const C_DIGIT = 3;
const C_SINGLE = 4; // a one-character token; its kind is in SINGLE_KIND
const C_QUOTE = 5;
const C_SLASH = 6;
const C_MINUS = 7;
const C_BANG = 8;
const C_LESS = 9;
const C_GREATER = 10;
const CLASS = new Uint8Array(128);
const SINGLE_KIND = new Int16Array(128);
/** Whether an ASCII character may continue a name. */
const WORD_PART = new Uint8Array(128);

/**
 * Keywords by first letter: [word, kind, char codes of the word] (lengths differ within a letter
 * rarely).
 */
const KEYWORDS_BY_FIRST: { length: number; kind: number; codes: Uint16Array }[][] = [];

(function initTables() {
  const code = (ch: string) => ch.charCodeAt(0);
  for (const ch of " \t\r\n\f\v") CLASS[code(ch)] = C_SPACE;
  for (let c = code("A"); c <= code("Z"); c++) CLASS[c] = C_WORD;
  for (let c = code("a"); c <= code("z"); c++) CLASS[c] = C_WORD;
  CLASS[code("_")] = C_WORD;
  for (let c = code("0"); c <= code("9"); c++) CLASS[c] = C_DIGIT;
  for (let c = 0; c < 128; c++) WORD_PART[c] = CLASS[c] === C_WORD || CLASS[c] === C_DIGIT ? 1 : 0;
  const singles: [string, TokenType][] = [
    ["{", T.LCurly],
    ["}", T.RCurly],
    ["(", T.LParen],
    [")", T.RParen],
    ["[", T.LSquare],
    ["]", T.RSquare],
    [",", T.Comma],
    [":", T.Colon],
    ["|", T.Pipe],
    ["?", T.Question],
    [".", T.Dot],
    ["=", T.Equals],
    ["+", T.Plus],
  ];
  for (const [ch, token] of singles) {
    CLASS[code(ch)] = C_SINGLE;
    SINGLE_KIND[code(ch)] = kindOf(token);
    FIXED_TEXT[kindOf(token)] = ch;
  }
  const pairs: [string, TokenType][] = [
    ["->", T.Arrow],
    ["-", T.Minus],
    ["!=", T.NotEquals],
    ["<", T.Less],
    ["<=", T.LessEquals],
    [">", T.Greater],
    [">=", T.GreaterEquals],
  ];
  for (const [text, token] of pairs) FIXED_TEXT[kindOf(token)] = text;
  CLASS[code('"')] = C_QUOTE;
  CLASS[code("/")] = C_SLASH;
  CLASS[code("-")] = C_MINUS;
  CLASS[code("!")] = C_BANG;
  CLASS[code("<")] = C_LESS;
  CLASS[code(">")] = C_GREATER;

  const words = [...T.CONTEXTUAL_KEYWORD_TOKENS, ...T.RESERVED_TOKENS];
  for (const token of words) {
    const word = (token.PATTERN as RegExp).source;
    const kind = kindOf(token);
    const first = code(word);
    (KEYWORDS_BY_FIRST[first] ??= []).push({
      length: word.length,
      kind,
      codes: Uint16Array.from(word, code),
    });
    FIXED_TEXT[kind] = word;
    if (T.RESERVED_TOKENS.includes(token)) IS_RESERVED[kind] = 1;
    else IS_NAME[kind] = 1;
  }
  IS_NAME[IDENTIFIER] = 1;
})();

function isSpace(c: number): boolean {
  return c < 128 ? CLASS[c] === C_SPACE : c === 0xfeff || c === 0xa0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digitAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}

/**
 * Reads one token at a time from a text. `scan(pos)` recognises the raw token starting at `pos`
 * (whitespace and comments included) and leaves its end in `end`; callers decide what to keep.
 */
export class Scanner {
  /** Exclusive end of the token last scanned. */
  end = 0;
  /** Whether the string last scanned holds a backslash (so its value needs decoding). */
  escaped = false;
  /** Value of the number last scanned when it is a plain integer of at most 15 digits, else -1. */
  intValue = -1;

  constructor(private text: string) {}

  /** Starts over on another text (the fast parser reuses one scanner). */
  reset(text: string): void {
    this.text = text;
    this.end = 0;
    this.escaped = false;
    this.intValue = -1;
  }

  /**
   * Scans the token that starts at `pos` (which must be inside the text).
   * @returns its kind; ERROR for a run of characters that start no token
   */
  scan(pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (c >= 128) {
      if (c === 0xfeff || c === 0xa0) return this.space(pos);
      return this.error(pos);
    }
    switch (CLASS[c]) {
      case C_WORD:
        return this.word(pos);
      case C_SPACE:
        return this.space(pos);
      case C_SINGLE:
        this.end = pos + 1;
        return SINGLE_KIND[c];
      case C_DIGIT:
        return this.number(pos);
      case C_QUOTE:
        return this.string(pos);
      case C_SLASH:
        return this.slash(pos);
      case C_MINUS:
        if (text.charCodeAt(pos + 1) === 62 /* > */) {
          this.end = pos + 2;
          return ARROW;
        }
        this.end = pos + 1;
        return MINUS;
      case C_LESS:
        return this.twoChar(pos, LESS_EQUALS, LESS);
      case C_GREATER:
        return this.twoChar(pos, GREATER_EQUALS, GREATER);
      case C_BANG:
        if (text.charCodeAt(pos + 1) === 61 /* = */) {
          this.end = pos + 2;
          return NOT_EQUALS;
        }
        return this.error(pos);
      default:
        return this.error(pos);
    }
  }

  private twoChar(pos: number, withEquals: number, alone: number): number {
    if (this.text.charCodeAt(pos + 1) === 61 /* = */) {
      this.end = pos + 2;
      return withEquals;
    }
    this.end = pos + 1;
    return alone;
  }

  private space(pos: number): number {
    const text = this.text;
    let i = pos + 1;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    this.end = i;
    return WHITESPACE;
  }

  private word(pos: number): number {
    const text = this.text;
    let i = pos + 1;
    for (;;) {
      const c = text.charCodeAt(i); // NaN past the end
      if (c < 128 && WORD_PART[c] === 1) i++;
      else break;
    }
    this.end = i;
    const candidates = KEYWORDS_BY_FIRST[text.charCodeAt(pos)];
    if (candidates !== undefined) {
      const length = i - pos;
      outer: for (let k = 0; k < candidates.length; k++) {
        const keyword = candidates[k];
        if (keyword.length !== length) continue;
        const codes = keyword.codes;
        for (let j = 1; j < length; j++) if (text.charCodeAt(pos + j) !== codes[j]) continue outer;
        return keyword.kind;
      }
    }
    return IDENTIFIER;
  }

  /** DateTime, Date, Percent or Number, tried in that order as tokens.ts lists them. */
  private number(pos: number): number {
    const text = this.text;
    if (
      isDigit(text.charCodeAt(pos + 1)) &&
      isDigit(text.charCodeAt(pos + 2)) &&
      isDigit(text.charCodeAt(pos + 3)) &&
      text.charCodeAt(pos + 4) === 45 &&
      isDigit(text.charCodeAt(pos + 5)) &&
      isDigit(text.charCodeAt(pos + 6)) &&
      text.charCodeAt(pos + 7) === 45 &&
      isDigit(text.charCodeAt(pos + 8)) &&
      isDigit(text.charCodeAt(pos + 9))
    ) {
      const end = this.timeAfterDate(pos + 10);
      this.intValue = -1;
      if (end > 0) {
        this.end = end;
        return DATETIME;
      }
      this.end = pos + 10;
      return DATE;
    }
    let i = pos;
    let value = 0;
    while (isDigit(text.charCodeAt(i))) value = value * 10 + (text.charCodeAt(i++) - 48);
    this.intValue = i - pos <= 15 ? value : -1;
    if (text.charCodeAt(i) === 46 /* . */ && isDigit(text.charCodeAt(i + 1))) {
      this.intValue = -1;
      i += 2;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    if (text.charCodeAt(i) === 37 /* % */) {
      this.end = i + 1;
      this.intValue = -1;
      return PERCENT;
    }
    this.end = i;
    return NUMBER;
  }

  /** End of `Thh:mm[:ss[.f+]](Z|±hh:mm)` at `i`, or -1 (then the token is a plain date). */
  private timeAfterDate(i: number): number {
    const text = this.text;
    if (!(
      text.charCodeAt(i) === 84 /* T */ &&
      digitAt(text, i + 1) &&
      digitAt(text, i + 2) &&
      text.charCodeAt(i + 3) === 58 &&
      digitAt(text, i + 4) &&
      digitAt(text, i + 5)
    ))
      return -1;
    i += 6;
    if (text.charCodeAt(i) === 58 /* : */ && digitAt(text, i + 1) && digitAt(text, i + 2)) {
      i += 3;
      if (text.charCodeAt(i) === 46 /* . */ && digitAt(text, i + 1)) {
        i += 2;
        while (digitAt(text, i)) i++;
      }
    }
    const zone = text.charCodeAt(i);
    if (zone === 90 /* Z */) return i + 1;
    if (
      (zone === 43 || zone === 45) &&
      digitAt(text, i + 1) &&
      digitAt(text, i + 2) &&
      text.charCodeAt(i + 3) === 58 &&
      digitAt(text, i + 4) &&
      digitAt(text, i + 5)
    )
      return i + 6;
    return -1;
  }

  /**
   * `"""…"""` ends at the first `"""` not started by an escaping backslash; `"…"` at the first
   * unescaped quote, and is unterminated at a line break (keeping a final lone backslash).
   */
  private string(pos: number): number {
    const text = this.text;
    const length = text.length;
    let escaped = false;
    if (text.charCodeAt(pos + 1) === 34 && text.charCodeAt(pos + 2) === 34) {
      let i = pos + 3;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 92 /* \ */) {
          if (i + 1 >= length) break;
          escaped = true;
          i += 2;
        } else if (c === 34 && text.charCodeAt(i + 1) === 34 && text.charCodeAt(i + 2) === 34) {
          this.end = i + 3;
          this.escaped = escaped;
          return TRIPLE_STRING;
        } else i++;
      }
      this.end = length;
      this.escaped = true;
      return UNTERMINATED_TRIPLE_STRING;
    }
    let i = pos + 1;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.end = i + 1;
        this.escaped = escaped;
        return STRING;
      }
      if (c === 10 || c === 13) break;
      if (c === 92) {
        const next = text.charCodeAt(i + 1);
        if (i + 1 >= length || next === 10 || next === 13) {
          i++; // the lone backslash belongs to the unterminated string
          break;
        }
        escaped = true;
        i += 2;
      } else i++;
    }
    this.end = i;
    this.escaped = true;
    return UNTERMINATED_STRING;
  }

  private slash(pos: number): number {
    const text = this.text;
    const next = text.charCodeAt(pos + 1);
    if (next === 47 /* / */) {
      let i = pos + 2;
      for (;;) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13 || i >= text.length) break;
        i++;
      }
      this.end = i;
      return text.charCodeAt(pos + 2) === 47 ? DOC_COMMENT : LINE_COMMENT;
    }
    if (next === 42 /* * */) {
      const close = text.indexOf("*/", pos + 2);
      if (close < 0) {
        this.end = text.length;
        return UNTERMINATED_BLOCK_COMMENT;
      }
      this.end = close + 2;
      return BLOCK_COMMENT;
    }
    return this.error(pos);
  }

  /** A run of characters at which no token can start, as chevrotain's lexer drops them. */
  private error(pos: number): number {
    let i = pos + 1;
    while (i < this.text.length && !this.canStartToken(i)) i++;
    this.end = i;
    return ERROR;
  }

  private canStartToken(i: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c >= 128) return c === 0xfeff || c === 0xa0;
    switch (CLASS[c]) {
      case C_ERROR:
        return false;
      case C_SLASH: {
        const next = text.charCodeAt(i + 1);
        return next === 47 || next === 42;
      }
      case C_BANG:
        return text.charCodeAt(i + 1) === 61;
      default:
        return true;
    }
  }
}
