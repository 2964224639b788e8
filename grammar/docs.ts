// `///` doc comments: the text of one line, and attaching each run of them to the declaration that
// starts right after it. Shared by the fast path and the recovering parser, so both agree.
import type { IToken } from "chevrotain";
import type { FileNode } from "./ast.js";
import * as T from "./tokens.js";

/** The text of a `///` line: without the slashes, one leading space and trailing blanks. */
export function docLine(image: string): string {
  return image.slice(3).replace(/^ /, "").trimEnd();
}

/** Doc lines by the start offset of the first token after them (comments are not tokens). */
export function docsByToken(commentTokens: IToken[], tokens: IToken[]): Map<number, string[]> {
  const docs = new Map<number, string[]>();
  let t = 0;
  for (const comment of commentTokens) {
    if (comment.tokenType !== T.DocComment) continue;
    while (t < tokens.length && tokens[t].startOffset < comment.startOffset) t++;
    if (t >= tokens.length) break;
    const at = tokens[t].startOffset;
    const lines = docs.get(at) ?? [];
    lines.push(docLine(comment.image));
    docs.set(at, lines);
  }
  return docs;
}

/**
 * Sets `docs` on each declaration (funnel, team, field, event, score, stage) that doc lines
 * precede.
 */
export function attachDocs(ast: FileNode, docs: Map<number, string[]> | undefined): void {
  if (docs === undefined || docs.size === 0 || !ast.funnel) return;
  const take = (node: { start: number; docs?: string }) => {
    const lines = docs.get(node.start);
    if (lines) node.docs = lines.join("\n");
  };
  take(ast.funnel);
  for (const item of ast.funnel.items) {
    if (item.kind === "Team" || item.kind === "Score" || item.kind === "Stage") take(item);
    else if (item.kind === "Fields") item.fields.forEach(take);
    else if (item.kind === "Events") {
      for (const event of item.events) {
        take(event);
        event.fields.forEach(take);
      }
    }
  }
}
