// Condition analysis: each condition becomes a disjunction of boxes (per variable, the set of
// values that pass), which answers "can this ever be true?" and "does this imply that?" for
// numeric ranges, dates, booleans, enums and is-set (spec §5 warnings).
import type * as A from "../../grammar/ast.js";
import type { ResolvedRef } from "./check-context.js";
import type { ValueType } from "./types.js";

interface Interval {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

/** The values of one variable that pass. `unset` is whether "no value" passes. */
export type Domain =
  | { kind: "range"; unset: boolean; intervals: Interval[] }
  | { kind: "set"; unset: boolean; negated: boolean; values: Set<string> };

/** One conjunction: variable → allowed values. Variables not present are unconstrained. */
export type Box = Map<string, Domain>;
/** A condition in disjunctive normal form; `undefined` means "too big to analyse". */
export type Dnf = Box[] | undefined;

const MAX_BOXES = 64;
const FULL: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };

// ---------------------------------------------------------------- intervals
function intervalEmpty(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen));
}
function intersectIntervals(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      const loOpen = x.lo === y.lo ? x.loOpen || y.loOpen : x.lo > y.lo ? x.loOpen : y.loOpen;
      const hiOpen = x.hi === y.hi ? x.hiOpen || y.hiOpen : x.hi < y.hi ? x.hiOpen : y.hiOpen;
      const i = { lo, hi, loOpen, hiOpen };
      if (!intervalEmpty(i)) out.push(i);
    }
  }
  return out.sort((p, q) => p.lo - q.lo);
}
function complementIntervals(list: Interval[]): Interval[] {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loOpen = true;
  for (const i of [...list].sort((p, q) => p.lo - q.lo)) {
    const gap = { lo, hi: i.lo, loOpen, hiOpen: !i.loOpen };
    if (!intervalEmpty(gap)) out.push(gap);
    lo = i.hi;
    loOpen = !i.hiOpen;
  }
  const last = { lo, hi: Infinity, loOpen, hiOpen: true };
  if (!intervalEmpty(last)) out.push(last);
  return out;
}

// ---------------------------------------------------------------- domains
// Every value (and none) passes; shared, as domains are never changed once built.
const FULL_RANGE: Domain = { kind: "range", unset: true, intervals: [FULL] };
const FULL_SET: Domain = { kind: "set", unset: true, negated: true, values: new Set() };
function fullDomain(like: Domain): Domain {
  return like.kind === "range" ? FULL_RANGE : FULL_SET;
}

function intersect(a: Domain, b: Domain): Domain {
  const unset = a.unset && b.unset;
  if (a.kind === "range" && b.kind === "range")
    return { kind: "range", unset, intervals: intersectIntervals(a.intervals, b.intervals) };
  if (a.kind === "set" && b.kind === "set") {
    if (!a.negated && !b.negated)
      return {
        kind: "set",
        unset,
        negated: false,
        values: new Set([...a.values].filter((v) => b.values.has(v))),
      };
    if (a.negated && b.negated)
      return { kind: "set", unset, negated: true, values: new Set([...a.values, ...b.values]) };
    const [pos, neg] = a.negated ? [b, a] : [a, b];
    return {
      kind: "set",
      unset,
      negated: false,
      values: new Set([...pos.values].filter((v) => !neg.values.has(v))),
    };
  }
  return a; // mixed kinds cannot happen for one variable; keep the first
}

function complement(d: Domain): Domain {
  if (d.kind === "range")
    return { kind: "range", unset: !d.unset, intervals: complementIntervals(d.intervals) };
  return { kind: "set", unset: !d.unset, negated: !d.negated, values: d.values };
}

function isEmpty(d: Domain): boolean {
  if (d.unset) return false;
  return d.kind === "range" ? d.intervals.length === 0 : !d.negated && d.values.size === 0;
}

/** a ⊆ b */
function isSubset(a: Domain, b: Domain): boolean {
  return isEmpty(intersect(a, complement(b)));
}

// ---------------------------------------------------------------- atoms
export interface AtomContext {
  refs: Map<A.RefNode, ResolvedRef>;
}

function variableOf(ref: A.RefNode, resolved: ResolvedRef): string {
  return (ref.event ? "event." : "") + resolved.name;
}

function literalKey(literal: A.LiteralNode): number | string {
  if (literal.type === "date") return Date.parse(literal.value + "T00:00:00Z");
  if (literal.type === "datetime") return Date.parse(String(literal.value));
  if (literal.type === "percent") return (literal.value as number) / 100;
  if (typeof literal.value === "number") return literal.value;
  return String(literal.value);
}

/** Restricts a set domain to a finite universe (enums, booleans), so `!=` becomes a plain set. */
function finite(domain: Domain, type: ValueType): Domain {
  if (domain.kind !== "set" || !domain.negated) return domain;
  const universe =
    type.kind === "enum" ? type.values : type.kind === "boolean" ? ["true", "false"] : undefined;
  if (!universe) return domain;
  return {
    kind: "set",
    unset: domain.unset,
    negated: false,
    values: new Set(universe.filter((v) => !domain.values.has(v))),
  };
}

function pointDomain(type: ValueType, op: A.CompareOp, value: number | string): Domain | undefined {
  if (type.kind === "number" || type.kind === "date" || type.kind === "datetime") {
    if (typeof value !== "number" || Number.isNaN(value)) return undefined;
    return { kind: "range", unset: false, intervals: comparisonIntervals(op, value) };
  }
  if (op !== "=" && op !== "!=") return undefined;
  return finite(
    { kind: "set", unset: false, negated: op === "!=", values: new Set([String(value)]) },
    type,
  );
}

/** The numbers that pass `x <op> v`. */
function comparisonIntervals(op: A.CompareOp, v: number): Interval[] {
  switch (op) {
    case "=":
      return [{ lo: v, hi: v, loOpen: false, hiOpen: false }];
    case "!=":
      return [
        { lo: -Infinity, hi: v, loOpen: true, hiOpen: true },
        { lo: v, hi: Infinity, loOpen: true, hiOpen: true },
      ];
    case "<":
      return [{ lo: -Infinity, hi: v, loOpen: true, hiOpen: true }];
    case "<=":
      return [{ lo: -Infinity, hi: v, loOpen: true, hiOpen: false }];
    case ">":
      return [{ lo: v, hi: Infinity, loOpen: true, hiOpen: true }];
    case ">=":
      return [{ lo: v, hi: Infinity, loOpen: false, hiOpen: true }];
  }
}

const FLIP: Record<A.CompareOp, A.CompareOp> = {
  "=": "=",
  "!=": "!=",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

/** An opaque test (contains, field against field) becomes a yes/no variable named by its text. */
function opaque(key: string): Dnf {
  return [
    new Map([
      [
        "?" + key,
        { kind: "set", unset: false, negated: false, values: new Set(["true"]) } as Domain,
      ],
    ]),
  ];
}

function atom(expr: A.ExprNode, ctx: AtomContext, text: (e: A.ExprNode) => string): Dnf {
  const single = (ref: A.RefNode, build: (type: ValueType) => Domain | undefined): Dnf => {
    const resolved = ctx.refs.get(ref);
    if (!resolved) return opaque(text(expr));
    const domain = build(resolved.type);
    if (!domain) return opaque(text(expr));
    // A single test can be impossible on its own (`k not in [every value of k]`).
    return isEmpty(domain) ? [] : [new Map([[variableOf(ref, resolved), domain]])];
  };
  switch (expr.kind) {
    case "Compare": {
      let { left, right, op } = expr;
      if (left.kind === "Literal" && right.kind === "Ref")
        [left, right, op] = [right, left, FLIP[op]];
      if (left.kind === "Ref" && right.kind === "Literal") {
        const literal = right;
        return single(left, (type) => pointDomain(type, op, literalKey(literal)));
      }
      return opaque(text(expr));
    }
    case "IsSet":
      if (expr.operand.kind !== "Ref") return opaque(text(expr));
      return single(expr.operand, (type) =>
        type.kind === "number" || type.kind === "date" || type.kind === "datetime"
          ? { kind: "range", unset: expr.negated, intervals: expr.negated ? [] : [FULL] }
          : { kind: "set", unset: expr.negated, negated: !expr.negated, values: new Set() },
      );
    case "In": {
      if (expr.operand.kind !== "Ref") return opaque(text(expr));
      const values = expr.values.map(literalKey);
      return single(expr.operand, (type) => {
        let domain: Domain | undefined;
        if (type.kind === "number" || type.kind === "date" || type.kind === "datetime") {
          domain = {
            kind: "range",
            unset: false,
            intervals: values
              .filter((v): v is number => typeof v === "number")
              .map((v) => ({ lo: v, hi: v, loOpen: false, hiOpen: false })),
          };
        } else
          domain = finite(
            { kind: "set", unset: false, negated: false, values: new Set(values.map(String)) },
            type,
          );
        // `x not in [...]` is false on an unset field, like `!=` (spec §6).
        if (expr.negated) domain = { ...complement(domain), unset: false } as Domain;
        return finite(domain, type);
      });
    }
    case "Ref":
      return single(expr, (type) =>
        type.kind === "boolean"
          ? { kind: "set", unset: false, negated: false, values: new Set(["true"]) }
          : undefined,
      );
    case "Literal":
      if (expr.type === "boolean") return expr.value ? [new Map()] : [];
      return opaque(text(expr));
    default:
      return opaque(text(expr));
  }
}

// ---------------------------------------------------------------- DNF
function andDnf(a: Dnf, b: Dnf): Dnf {
  if (!a || !b) return undefined;
  const out: Box[] = [];
  for (const x of a) {
    for (const y of b) {
      const box: Box = new Map(x);
      let empty = false;
      for (const [variable, domain] of y) {
        const merged = box.has(variable) ? intersect(box.get(variable)!, domain) : domain;
        if (isEmpty(merged)) {
          empty = true;
          break;
        }
        box.set(variable, merged);
      }
      if (!empty) out.push(box);
      if (out.length > MAX_BOXES) return undefined;
    }
  }
  return out;
}

function orDnf(a: Dnf, b: Dnf): Dnf {
  if (!a || !b) return undefined;
  const out = [...a, ...b];
  return out.length > MAX_BOXES ? undefined : out;
}

function notDnf(a: Dnf): Dnf {
  if (!a) return undefined;
  // not (B1 or B2 …) = and over boxes of (or over variables of the complement)
  let result: Dnf = [new Map()];
  for (const box of a) {
    const negatedBox: Box[] = [...box].map(
      ([variable, domain]) => new Map([[variable, complement(domain)]]),
    );
    result = andDnf(
      result,
      negatedBox.filter((b) => !isEmpty([...b.values()][0])),
    );
    if (!result) return undefined;
  }
  return result;
}

/**
 * A condition in disjunctive normal form over its variables.
 * @param expr the condition; undefined means "always"
 * @param ctx resolved references from the checker
 * @param text prints an expression, to name opaque tests
 */
export function toDnf(
  expr: A.ExprNode | undefined,
  ctx: AtomContext,
  text: (e: A.ExprNode) => string,
): Dnf {
  if (!expr) return [new Map()];
  switch (expr.kind) {
    case "And":
      return expr.operands.reduce<Dnf>((acc, o) => andDnf(acc, toDnf(o, ctx, text)), [new Map()]);
    case "Or":
      return expr.operands.reduce<Dnf>((acc, o) => orDnf(acc, toDnf(o, ctx, text)), []);
    case "Not":
      return notDnf(toDnf(expr.operand, ctx, text));
    case "Paren":
      return toDnf(expr.expr, ctx, text);
    default:
      return atom(expr, ctx, text);
  }
}

export const conjoin = andDnf;

/** Whether the condition can never be true (false when unknown). */
export function neverTrue(dnf: Dnf): boolean {
  return dnf !== undefined && dnf.length === 0;
}

/** Whether every value passing `a` also passes `b` (false when unknown). */
export function implies(a: Dnf, b: Dnf): boolean {
  if (!a || !b) return false;
  return a.every((boxA) => b.some((boxB) => boxImplies(boxA, boxB)));
}

function boxImplies(boxA: Box, boxB: Box): boolean {
  for (const [variable, domainB] of boxB)
    if (!isSubset(boxA.get(variable) ?? fullDomain(domainB), domainB)) return false;
  return true;
}

/** For a condition that is never true because of one variable, that variable's name. */
export function contradictingVariable(
  expr: A.ExprNode,
  ctx: AtomContext,
  text: (e: A.ExprNode) => string,
): string | undefined {
  if (expr.kind !== "And") return undefined;
  const parts = expr.operands.map((o) => toDnf(o, ctx, text));
  const vars = new Set(parts.flatMap((p) => (p ?? []).flatMap((box) => [...box.keys()])));
  for (const variable of vars) {
    const only = parts.map((p) =>
      p?.map((box) => new Map([...box].filter(([k]) => k === variable))),
    );
    if (
      neverTrue(only.reduce<Dnf>((acc, p) => andDnf(acc, p), [new Map()])) &&
      !variable.startsWith("?")
    )
      return variable;
  }
  return undefined;
}
