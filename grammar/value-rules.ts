// The parser's rules for values: literals, strings, durations and declared names (spec §4),
// which every other group of rules reads. Composed into FunnelParser through parser.ts.
import type { IToken, TokenType } from "chevrotain";
import type * as A from "./ast.js";
import { spanOf } from "./ast.js";
import * as T from "./tokens.js";
import { decodeString, literalFromToken } from "./literals.js";
import { FunnelParserBase } from "./parser-base.js";

/** Literals, strings, durations and declared names. */
export class ValueRules extends FunnelParserBase {
  literal = this.RULE("literal", (): A.LiteralNode => {
    return this.OR([
      {
        ALT: () => {
          const minus = this.OPTION(() => this.CONSUME(T.Minus));
          const number = this.CONSUME(T.NumberLiteral);
          return this.ACTION(() => {
            const start = minus ? minus.startOffset : this.startOf(number);
            const node = this.literalNode(number, "number");
            if (minus) {
              node.value = -(node.value as number);
              node.raw = "-" + node.raw;
            }
            node.start = start;
            node.end = Math.max(start, this.endHere());
            return node;
          });
        },
      },
      { ALT: () => this.literalNode(this.CONSUME(T.PercentLiteral), "percent") },
      { ALT: () => this.literalNode(this.CONSUME(T.DateTimeLiteral), "datetime") },
      { ALT: () => this.literalNode(this.CONSUME(T.DateLiteral), "date") },
      { ALT: () => this.literalNode(this.CONSUME(T.True), "boolean") },
      { ALT: () => this.literalNode(this.CONSUME(T.False), "boolean") },
      {
        ALT: () => {
          const text = this.SUBRULE(this.string);
          return this.ACTION(() => ({
            kind: "Literal" as const,
            type: "string" as const,
            value: text.value,
            raw: "",
            start: text.start,
            end: text.end,
          }));
        },
      },
    ]);
  });

  protected literalNode(token: IToken, type: A.LiteralType): A.LiteralNode {
    const result = this.ACTION(() => {
      const start = this.startOf(token);
      const end = Number.isFinite(token.startOffset) ? T.tokenEnd(token) : start;
      const { value, problem } = literalFromToken(token.image, type, { start, end });
      if (problem) this.problems.push(problem);
      return { kind: "Literal" as const, type, value, raw: token.image, start, end };
    });
    return result as A.LiteralNode;
  }

  string = this.RULE(
    "string",
    (): A.StringNode => {
      const token = this.OR([
        { ALT: () => this.CONSUME(T.StringLiteral) },
        { ALT: () => this.CONSUME(T.TripleString) },
      ]);
      return this.ACTION(() => {
        const start = this.startOf(token);
        if (!Number.isFinite(token.startOffset)) {
          return { kind: "String" as const, value: "", triple: false, start, end: start };
        }
        const triple =
          token.tokenType === T.TripleString || token.tokenType === T.UnterminatedTripleString;
        // An unterminated string (already reported by the lexer) has no closing quote to strip.
        const image =
          token.tokenType === T.UnterminatedString
            ? token.image + '"'
            : token.tokenType === T.UnterminatedTripleString
              ? token.image + '"""'
              : token.image;
        const { value, problems } = decodeString(image, start, triple);
        this.problems.push(...problems);
        return { kind: "String" as const, value, triple, start, end: T.tokenEnd(token) };
      });
    },
    {
      recoveryValueFunc: () => ({
        kind: "String" as const,
        value: "",
        triple: false,
        ...this.here(),
      }),
    },
  );

  /** A name at a declaration site: reserved words are accepted here to give a precise error. */
  declName = this.RULE(
    "declName",
    (): A.NameNode => {
      const token = this.OR([
        { ALT: () => this.CONSUME(T.Name) },
        ...T.RESERVED_TOKENS.map((reserved: TokenType) => ({ ALT: () => this.CONSUME(reserved) })),
      ]);
      return this.ACTION(() => {
        const node = this.nameNode(token);
        if (token.tokenType && T.RESERVED_TOKENS.includes(token.tokenType)) {
          this.problems.push({
            name: "reserved-word",
            format: { name: token.image },
            span: spanOf(node),
          });
        }
        return node;
      });
    },
    { recoveryValueFunc: () => this.missingName() },
  );

  duration = this.RULE(
    "duration",
    (): A.DurationNode => {
      const amount = this.CONSUME(T.NumberLiteral);
      // Units are plain identifiers (not keywords), so a missing unit before `notify` or `->` is
      // reported as a missing unit instead of swallowing the next clause.
      const unit = this.OPTION(() => this.CONSUME(T.Identifier));
      return this.ACTION(() => {
        const start = this.startOf(amount);
        return {
          kind: "Duration" as const,
          amount: Number.isFinite(amount.startOffset) ? Number(amount.image) : 0,
          unit: unit ? this.nameNode(unit) : undefined,
          // A number inserted by recovery: the syntax error is reported, the duration is not real.
          ...(Number.isFinite(amount.startOffset) && !amount.isInsertedInRecovery
            ? {}
            : { missing: true }),
          start,
          end: Math.max(start, this.endHere()),
        };
      });
    },
    {
      recoveryValueFunc: () => ({
        kind: "Duration" as const,
        amount: 0,
        missing: true,
        ...this.here(),
      }),
    },
  );
}
