// The parser's rules for conditions (spec §4 Expr): `or` over `and` over `not`, then a primary
// (parentheses, or an operand with an optional test). Composed into FunnelParser via parser.ts.
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { ValueRules } from "./value-rules.js";

/** Conditions, from `expr` down to operands. */
export class ConditionRules extends ValueRules {
  expr = this.RULE(
    "expr",
    (): A.ExprNode => {
      const operands: A.ExprNode[] = [];
      const first = this.SUBRULE(this.andExpr);
      this.ACTION(() => operands.push(first));
      this.MANY(() => {
        this.CONSUME(T.Or);
        const next = this.SUBRULE2(this.andExpr);
        this.ACTION(() => operands.push(next));
      });
      return this.ACTION(() => this.logical("Or", operands));
    },
    {
      recoveryValueFunc: () => ({
        kind: "Ref" as const,
        event: false,
        name: this.missingName(),
        ...this.here(),
      }),
    },
  );

  andExpr = this.RULE("andExpr", (): A.ExprNode => {
    const operands: A.ExprNode[] = [];
    const first = this.SUBRULE(this.unary);
    this.ACTION(() => operands.push(first));
    this.MANY(() => {
      this.CONSUME(T.And);
      const next = this.SUBRULE2(this.unary);
      this.ACTION(() => operands.push(next));
    });
    return this.ACTION(() => this.logical("And", operands));
  });

  protected logical(kind: "And" | "Or", operands: (A.ExprNode | undefined)[]): A.ExprNode {
    const present = operands.filter((o): o is A.ExprNode => o !== undefined);
    if (present.length === 1) return present[0];
    if (present.length === 0) {
      const at = this.endHere();
      return { kind: "Literal", type: "boolean", value: false, raw: "", start: at, end: at };
    }
    return {
      kind,
      operands: present,
      start: present[0].start,
      end: present[present.length - 1].end,
    };
  }

  unary = this.RULE("unary", (): A.ExprNode => {
    return this.OR([
      {
        ALT: () => {
          const keyword = this.CONSUME(T.Not);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION(() => ({
            kind: "Not" as const,
            operand,
            start: keyword.startOffset,
            end: this.endHere(),
          }));
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  primary = this.RULE("primary", (): A.ExprNode => {
    return this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const expr = this.SUBRULE(this.expr);
          this.CONSUME(T.RParen);
          return this.ACTION(() => ({
            kind: "Paren" as const,
            expr,
            start: open.startOffset,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          const operand = this.SUBRULE(this.operand);
          const test = this.OPTION(() => this.SUBRULE(this.test, { ARGS: [operand] }));
          return this.ACTION(() => test ?? operand);
        },
      },
    ]);
  });

  test = this.RULE("test", (operand: A.OperandNode): A.ExprNode => {
    return this.OR([
      {
        ALT: () => {
          const op = this.SUBRULE(this.compareOp);
          const right = this.SUBRULE(this.operand);
          return this.ACTION(() => ({
            kind: "Compare" as const,
            op,
            left: operand,
            right,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Is);
          const not = this.OPTION(() => this.CONSUME(T.Not));
          this.CONSUME(T.SetKw);
          return this.ACTION(() => ({
            kind: "IsSet" as const,
            operand,
            negated: not !== undefined,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          const not = this.OPTION2(() => this.CONSUME2(T.Not));
          this.CONSUME(T.In);
          this.CONSUME(T.LSquare);
          const values: A.LiteralNode[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => {
              const value = this.SUBRULE(this.literal);
              this.ACTION(() => value && values.push(value));
            },
          });
          this.CONSUME(T.RSquare);
          return this.ACTION(() => ({
            kind: "In" as const,
            operand,
            negated: not !== undefined,
            values,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Contains);
          const value = this.SUBRULE(this.string);
          return this.ACTION(() => ({
            kind: "Contains" as const,
            operand,
            value,
            start: operand.start,
            end: this.endHere(),
          }));
        },
      },
    ]);
  });

  compareOp = this.RULE("compareOp", (): A.CompareOp => {
    const token = this.OR([
      { ALT: () => this.CONSUME(T.Equals) },
      { ALT: () => this.CONSUME(T.NotEquals) },
      { ALT: () => this.CONSUME(T.LessEquals) },
      { ALT: () => this.CONSUME(T.GreaterEquals) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Greater) },
    ]);
    return token.image as A.CompareOp;
  });

  operand = this.RULE(
    "operand",
    (): A.OperandNode => {
      return this.OR([
        {
          ALT: () => {
            const keyword = this.CONSUME(T.EventKw);
            this.CONSUME(T.Dot);
            const name = this.CONSUME(T.Name);
            return this.ACTION(() => ({
              kind: "Ref" as const,
              event: true,
              name: this.nameNode(name),
              start: keyword.startOffset,
              end: this.endHere(),
            }));
          },
        },
        {
          ALT: () => {
            const name = this.CONSUME2(T.Name);
            return this.ACTION(() => {
              const node = this.nameNode(name);
              return {
                kind: "Ref" as const,
                event: false,
                name: node,
                start: node.start,
                end: node.end,
              };
            });
          },
        },
        { ALT: () => this.SUBRULE(this.literal) },
      ]);
    },
    {
      recoveryValueFunc: () => ({
        kind: "Ref" as const,
        event: false,
        name: this.missingName(),
        ...this.here(),
      }),
    },
  );
}
