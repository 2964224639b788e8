// Quick fixes for the compiler's diagnostics: take the "did you mean" suggestion, add a missing
// `definition` or `owner` clause, remove an unused declaration.
import {
  CodeActionKind,
  type CodeAction,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node.js";
import type * as A from "../grammar/ast.js";
import type { Diagnostic, Span } from "../core/diagnostics/diagnostic.js";
import { toLspDiagnostic } from "./diagnostics.js";
import type { Workspace } from "./workspace.js";
import { spanOf } from "../grammar/ast.js";

export function codeActions(
  workspace: Workspace,
  file: string,
  range: Range,
  only?: string[],
): CodeAction[] {
  if (
    only &&
    !only.some(
      (kind) =>
        kind === CodeActionKind.QuickFix ||
        CodeActionKind.QuickFix.startsWith(kind + ".") ||
        kind === "",
    )
  )
    return [];
  const program = workspace.program(file);
  const loaded = workspace.loaded(file);
  if (!loaded) return [];
  const start = workspace.offsetOf(file, range.start);
  const end = workspace.offsetOf(file, range.end);
  const uri = workspace.uriOf(file);
  const actions: CodeAction[] = [];
  const text = loaded.source.text;
  for (const d of program.diagnostics) {
    if (d.file !== file || d.span.end < start || d.span.start > end) continue;
    const fix = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toLspDiagnostic(workspace, d)],
      edit: { changes: { [uri]: edits } },
      ...(preferred ? { isPreferred: true } : {}),
    });
    if (d.suggestion !== undefined) {
      actions.push(
        fix(
          `Change to ${d.suggestion.startsWith('"') ? d.suggestion : "`" + d.suggestion + "`"}`,
          [{ range: workspace.rangeOf(file, d.span), newText: d.suggestion }],
          true,
        ),
      );
    }
    if (d.name === "missing-definition" || d.name === "missing-owner") {
      const stage = program.symbols?.stageList.find(
        (s) => s.node.name.start === d.span.start && s.file === file,
      );
      if (!stage) continue;
      if (d.name === "missing-definition") {
        const clause = `definition "TODO: the one sentence that defines ${stage.name}."`;
        actions.push(
          fix(
            `Add a definition to \`${stage.name}\``,
            [insertClause(workspace, file, text, stage.node, clause)],
            true,
          ),
        );
      } else {
        const teams = [...(program.symbols?.teams.keys() ?? [])].slice(0, 5);
        if (!teams.length) teams.push("team_name");
        teams.forEach((team, i) =>
          actions.push(
            fix(
              `Add \`owner ${team}\` to \`${stage.name}\``,
              [insertClause(workspace, file, text, stage.node, `owner ${team}`)],
              i === 0,
            ),
          ),
        );
      }
    }
    if (d.name === "unused-declaration") {
      const span = declarationSpan(loaded.ast.funnel, d);
      if (span)
        actions.push(
          fix(`Remove the unused declaration \`${text.slice(d.span.start, d.span.end)}\``, [
            { range: workspace.rangeOf(file, wholeLines(text, span)), newText: "" },
          ]),
        );
    }
  }
  return actions;
}

/** An edit that adds a clause as the first line of a stage's body, indented like the others. */
function insertClause(
  workspace: Workspace,
  file: string,
  text: string,
  stage: A.StageNode,
  clause: string,
): TextEdit {
  const first = stage.items[0];
  const lineStartOf = (offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
  const stageIndent = /^[ \t]*/.exec(text.slice(lineStartOf(stage.start)))![0];
  if (first && lineStartOf(first.start) > lineStartOf(stage.start)) {
    const lineStart = lineStartOf(first.start);
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const at = workspace.rangeOf(file, { start: lineStart, end: lineStart }).start;
    return { range: { start: at, end: at }, newText: `${indent}${clause}\n` };
  }
  const headerEnd = stage.title?.end ?? stage.name.end;
  const brace = text.indexOf("{", headerEnd);
  const at = workspace.rangeOf(file, { start: brace + 1, end: brace + 1 }).start;
  return { range: { start: at, end: at }, newText: `\n${stageIndent}  ${clause}` };
}

/** The declaration an unused-declaration hint points at (by its name). */
function declarationSpan(funnel: A.FunnelNode | undefined, d: Diagnostic): Span | undefined {
  if (!funnel) return undefined;
  for (const item of funnel.items) {
    if (item.kind === "Team" && item.name.start === d.span.start) return spanOf(item);
    if (item.kind === "Fields")
      for (const f of item.fields) if (f.name.start === d.span.start) return spanOf(f);
    if (item.kind === "Events")
      for (const e of item.events) if (e.name.start === d.span.start) return spanOf(e);
  }
  return undefined;
}

/** Widens a span to whole lines when nothing else stands on them, so no blank line is left. */
function wholeLines(text: string, span: Span): Span {
  const lineStart = text.lastIndexOf("\n", span.start - 1) + 1;
  let lineEnd = text.indexOf("\n", span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, span.start);
  const after = text.slice(span.end, lineEnd);
  // Keep a trailing comment with the line: it described the declaration.
  if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\/.*)?\r?$/.test(after))
    return { start: lineStart, end: Math.min(text.length, lineEnd + 1) };
  return span;
}
