// The parser's foundation: chevrotain's configuration, the recovery it adds (inserting a missing
// `}`, keeping a broken transition), and the helpers every rule builds AST nodes with. The rules
// themselves are in value-rules.ts, condition-rules.ts, stage-rules.ts and parser.ts.
import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from "chevrotain";
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { SKIP_GRAMMAR_VALIDATIONS } from "./build-flags.js";
import type { LiteralProblem } from "./literals.js";
import { funnelErrorMessages } from "./syntax-errors.js";

/** A problem found while building AST nodes (bad escapes, invalid dates, reserved names). */
export interface ParseProblem extends LiteralProblem {}

/**
 * Tokens before which a missing `}` is certain: the end of the file, and the words that start a
 * funnel clause, which no stage, `fields` or `events` block may contain where its `}` is due.
 */
const CLOSE_BEFORE = new Set<TokenType>([
  EOF,
  T.Stage,
  T.Detour,
  T.Terminal,
  T.Team,
  T.Fields,
  T.Events,
  T.From,
  T.Version,
  T.Description,
]);

/** chevrotain's own test for single-token insertion (not in its typings; pinned with 11). */
type CanInsert = (
  this: EmbeddedActionsParser,
  expected: TokenType,
  follows: TokenType[],
) => boolean;
const chevrotainCanInsert = (
  EmbeddedActionsParser.prototype as unknown as { canRecoverWithSingleTokenInsertion: CanInsert }
).canRecoverWithSingleTokenInsertion;

/**
 * What every rule of the Funnel parser shares. Only FunnelParser (parser.ts), which holds the last
 * group of rules, runs chevrotain's self-analysis, once every rule is defined.
 */
export class FunnelParserBase extends EmbeddedActionsParser {
  /** Problems found by actions during the current parse; cleared by `load()`. */
  problems: ParseProblem[] = [];

  constructor() {
    super(T.ALL_TOKENS, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: funnelErrorMessages,
      skipValidations: SKIP_GRAMMAR_VALIDATIONS,
    });
  }

  /**
   * chevrotain inserts a missing token only when the token after it may follow it in the same
   * rule, which is never so for the `}` that ends a rule: a funnel or stage missing its last `}`
   * was dropped whole, and every check of it with it. Inserting that `}` keeps the block (the
   * syntax error is still reported where the `}` is missing). Called by chevrotain's recovery.
   */
  canRecoverWithSingleTokenInsertion(expected: TokenType, follows: TokenType[]): boolean {
    if (
      expected === T.RCurly &&
      CLOSE_BEFORE.has(this.LA(1).tokenType) &&
      !(this.restSwallowed && this.LA(1).tokenType === EOF)
    )
      return true;
    return chevrotainCanInsert.call(this, expected, follows);
  }

  /**
   * Set by `load` when an unclosed comment or `"""` string hid the end of the file: the blocks
   * left open then lost what was written in them, so they are not completed (no checks on them).
   */
  protected restSwallowed = false;

  /**
   * The transition being read, once its target (and `on`) are known: when its condition breaks
   * and recovery skips to the next clause, the rule is kept as an incomplete transition (its
   * target still reachable) rather than dropped, which would make other stages look unreachable.
   */
  protected openTransition: A.TransitionNode | undefined;

  protected takeOpenTransition(): A.TransitionNode | undefined {
    const open = this.openTransition;
    this.openTransition = undefined;
    if (open) open.end = Math.max(open.start, this.endHere());
    return open;
  }

  load(tokens: IToken[], restSwallowed = false): void {
    this.openTransition = undefined;
    this.restSwallowed = restSwallowed;
    this.problems = [];
    this.input = tokens;
  }

  // ---------------------------------------------------------------- helpers
  /** End offset (exclusive) of the last consumed token. */
  protected endHere(): number {
    const last = this.LA(0);
    return Number.isFinite(last.startOffset) ? T.tokenEnd(last) : 0;
  }

  /** Start offset of a token; tokens inserted by recovery are anchored after the previous one. */
  protected startOf(token: IToken): number {
    return Number.isFinite(token.startOffset) ? token.startOffset : this.endHere();
  }

  /**
   * `{ item* }`, the body of a block: each rule calls it at most once, so chevrotain sees one
   * `{`, one repetition and one `}` in the rule, as if they were written there.
   * @param item reads one item (a SUBRULE call)
   * @returns the items read; those recovery dropped (undefined) are left out
   */
  protected braced<Item>(item: () => Item): Item[] {
    const items: Item[] = [];
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const read = item();
      this.ACTION(() => read && items.push(read));
    });
    this.CONSUME(T.RCurly);
    return items;
  }

  /** An empty range where the parser is: for nodes recovery had to invent. */
  protected here(): { start: number; end: number } {
    const at = this.endHere();
    return { start: at, end: at };
  }

  /** A name the parser had to invent while recovering; later phases skip it. */
  protected missingName(): A.NameNode {
    return { kind: "Name", name: "", missing: true, ...this.here() };
  }

  protected nameNode(token: IToken): A.NameNode {
    if (!Number.isFinite(token.startOffset) || token.isInsertedInRecovery) {
      const at = this.endHere();
      return { kind: "Name", name: "", missing: true, start: at, end: at };
    }
    return { kind: "Name", name: token.image, start: token.startOffset, end: T.tokenEnd(token) };
  }
}
