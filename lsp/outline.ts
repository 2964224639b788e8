// The shape of a file for the editor: document symbols (outline), workspace symbols, folding
// ranges and selection ranges, all read from the compiler's AST.
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type SelectionRange,
  type SymbolInformation,
} from "vscode-languageserver/node.js";
import type * as A from "../grammar/ast.js";
import { nodePath } from "./ast-walk.js";
import type { Workspace } from "./workspace.js";
import { spanOf } from "../grammar/ast.js";

interface Declared {
  name: string;
  detail?: string;
  kind: SymbolKind;
  node: { start: number; end: number; name: A.NameNode };
  children?: Declared[];
}

function declarations(funnel: A.FunnelNode): Declared[] {
  const out: Declared[] = [];
  const title = (s?: A.StringNode) => (s ? JSON.stringify(s.value) : undefined);
  for (const item of funnel.items) {
    switch (item.kind) {
      case "Team":
        out.push({
          name: item.name.name,
          detail: title(item.title) ?? "team",
          kind: SymbolKind.Object,
          node: item,
        });
        break;
      case "Fields":
        for (const f of item.fields)
          out.push({ name: f.name.name, detail: "field", kind: SymbolKind.Field, node: f });
        break;
      case "Events":
        for (const e of item.events) {
          out.push({
            name: e.name.name,
            detail: "event",
            kind: SymbolKind.Event,
            node: e,
            children: e.fields.map((f) => ({
              name: f.name.name,
              detail: "event field",
              kind: SymbolKind.Field,
              node: f,
            })),
          });
        }
        break;
      case "Score":
        out.push({ name: item.name.name, detail: "score", kind: SymbolKind.Number, node: item });
        break;
      case "Stage":
        out.push({
          name: item.name.name,
          detail: item.stageKind + (item.title ? " " + JSON.stringify(item.title.value) : ""),
          kind: item.stageKind === "terminal" ? SymbolKind.EnumMember : SymbolKind.Class,
          node: item,
        });
        break;
    }
  }
  return out.filter((d) => d.name !== "" && !d.node.name.missing);
}

export function documentSymbols(workspace: Workspace, file: string): DocumentSymbol[] {
  workspace.program(file);
  const funnel = workspace.loaded(file)?.ast.funnel;
  if (!funnel || funnel.name.missing) return [];
  const toSymbol = (d: Declared): DocumentSymbol => ({
    name: d.name,
    detail: d.detail,
    kind: d.kind,
    range: workspace.rangeOf(file, spanOf(d.node)),
    selectionRange: workspace.rangeOf(file, spanOf(d.node.name)),
    ...(d.children ? { children: d.children.filter((c) => c.name !== "").map(toSymbol) } : {}),
  });
  return [
    {
      name: funnel.name.name,
      detail: funnel.title ? JSON.stringify(funnel.title.value) : "funnel",
      kind: SymbolKind.Module,
      range: workspace.rangeOf(file, spanOf(funnel)),
      selectionRange: workspace.rangeOf(file, spanOf(funnel.name)),
      children: declarations(funnel).map(toSymbol),
    },
  ];
}

/** Declarations of every workspace file whose name contains the query's characters in order. */
export async function workspaceSymbols(
  workspace: Workspace,
  query: string,
  shouldStop: () => boolean,
  limit = 500,
): Promise<SymbolInformation[] | undefined> {
  const files = await workspace.allFiles(shouldStop);
  if (!files) return undefined;
  const wanted = query.toLowerCase();
  const matches = (name: string) => {
    let i = 0;
    for (const ch of name.toLowerCase()) if (ch === wanted[i]) i++;
    return i === wanted.length;
  };
  const out: SymbolInformation[] = [];
  for (const file of files) {
    const funnel = workspace.loaded(file)?.ast.funnel;
    if (!funnel) continue;
    const flat = declarations(funnel).flatMap((d) => [
      d,
      ...(d.children ?? []).map((c) => ({ ...c, container: d.name })),
    ]);
    for (const d of flat) {
      if (!matches(d.name)) continue;
      out.push({
        name: d.name,
        kind: d.kind,
        location: {
          uri: workspace.uriOf(file),
          range: workspace.rangeOf(file, spanOf(d.node.name)),
        },
        containerName: "container" in d ? (d.container as string) : funnel.name.name,
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

export function foldingRanges(workspace: Workspace, file: string): FoldingRange[] {
  workspace.program(file);
  const loaded = workspace.loaded(file);
  if (!loaded) return [];
  const out: FoldingRange[] = [];
  const lineOf = (offset: number) =>
    workspace.rangeOf(file, { start: offset, end: offset }).start.line;
  const fold = (span: A.Span, kind?: FoldingRangeKind) => {
    const start = lineOf(span.start);
    // The closing brace's line stays visible.
    let end = lineOf(span.end);
    if (kind === undefined && loaded.source.text[span.end - 1] === "}") end -= 1;
    if (end > start)
      out.push(
        kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end },
      );
  };
  const funnel = loaded.ast.funnel;
  if (loaded.ast.imports.length > 1)
    fold(
      {
        start: loaded.ast.imports[0].start,
        end: loaded.ast.imports[loaded.ast.imports.length - 1].end,
      },
      FoldingRangeKind.Imports,
    );
  if (funnel) {
    fold(spanOf(funnel));
    for (const item of funnel.items) {
      if (
        item.kind === "Stage" ||
        item.kind === "Fields" ||
        item.kind === "Events" ||
        item.kind === "Score" ||
        item.kind === "FromAny"
      )
        fold(spanOf(item));
      if (item.kind === "Events") for (const e of item.events) fold(spanOf(e));
      if (item.kind === "Stage") {
        for (const clause of item.items)
          if (clause.kind === "Definition" && clause.value.triple)
            fold(spanOf(clause.value), FoldingRangeKind.Region);
      }
    }
  }
  // Runs of line comments and block comments.
  let run: A.Span | undefined;
  let runLines = 0;
  const flush = () => {
    if (run && runLines > 1) fold(run, FoldingRangeKind.Comment);
    run = undefined;
    runLines = 0;
  };
  for (const comment of loaded.comments) {
    if (comment.kind === "block") {
      flush();
      fold(comment, FoldingRangeKind.Comment);
      continue;
    }
    const line = lineOf(comment.start);
    if (
      run &&
      line === lineOf(run.end) + 1 &&
      /^\s*$/.test(
        loaded.source.text.slice(
          loaded.source.text.lastIndexOf("\n", comment.start - 1) + 1,
          comment.start,
        ),
      )
    ) {
      run = { start: run.start, end: comment.end };
      runLines++;
    } else {
      flush();
      run = spanOf(comment);
      runLines = 1;
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

export function selectionRanges(
  workspace: Workspace,
  file: string,
  offsets: number[],
): SelectionRange[] {
  workspace.program(file);
  const loaded = workspace.loaded(file);
  return offsets.map((offset) => {
    const path = loaded ? nodePath(loaded.ast, offset) : [];
    let parent: SelectionRange | undefined;
    let lastKey = "";
    for (const node of path) {
      const key = `${node.start}:${node.end}`;
      // Nested nodes with the same extent (a Ref and its Name) are one step.
      if (key === lastKey) continue;
      lastKey = key;
      parent = { range: workspace.rangeOf(file, spanOf(node)), ...(parent ? { parent } : {}) };
    }
    return parent ?? { range: workspace.rangeOf(file, { start: offset, end: offset }) };
  });
}
