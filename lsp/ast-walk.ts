// Generic walks over the compiler's AST: the chain of nodes around an offset (selection ranges,
// completion and hover context) and every node of a kind. Reads the AST; never parses.
import type * as A from "../grammar/ast.js";

export type AnyNode = A.AstNode;

function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    typeof (value as { start?: unknown }).start === "number"
  );
}

/** The direct child nodes of a node, in source order. */
export function childrenOf(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The nodes whose span holds `offset`, outermost first. The end is inclusive, so a cursor right
 * after a name still counts as on it.
 */
export function nodePath(root: AnyNode, offset: number): AnyNode[] {
  const path: AnyNode[] = [];
  let current: AnyNode | undefined = root;
  while (current) {
    path.push(current);
    // A funnel's items are in source order: find the one at the offset without listing thousands.
    const candidates =
      current.kind === "Funnel" ? funnelChildrenNear(current, offset) : childrenOf(current);
    const inner: AnyNode[] = candidates.filter(
      (c) => c.start <= offset && offset <= c.end && c.end > c.start,
    );
    // Prefer the child that starts at or before the offset and ends after it (not one merely
    // touching).
    current = inner.find((c) => offset < c.end) ?? inner[inner.length - 1];
  }
  return path;
}

function funnelChildrenNear(
  funnel: Extract<AnyNode, { kind: "Funnel" }>,
  offset: number,
): AnyNode[] {
  const items = funnel.items;
  let lo = 0;
  let hi = items.length;
  // First item that ends at or after the offset.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  const near: AnyNode[] = [funnel.name, ...(funnel.title ? [funnel.title] : [])];
  for (let i = lo; i < items.length && items[i].start <= offset; i++) near.push(items[i]);
  return near;
}

/** Calls `visit` for every node under `root` (root included), depth first in source order. */
export function walk(root: AnyNode, visit: (node: AnyNode) => void): void {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Every `event.x` reference in a condition. */
export function eventRefs(expr: A.ExprNode | undefined): A.RefNode[] {
  const out: A.RefNode[] = [];
  if (!expr) return out;
  walk(expr, (node) => {
    if (node.kind === "Ref" && node.event) out.push(node);
  });
  return out;
}
