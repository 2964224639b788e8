// Hover, go to definition, find references, document highlight and rename: all answered from the
// occurrence index of the funnels that read a file (occurrences.ts), never by matching text.
import {
  DocumentHighlightKind,
  ErrorCodes,
  MarkupKind,
  ResponseError,
  type DocumentHighlight,
  type Hover,
  type Location,
  type WorkspaceEdit,
  type TextEdit,
} from "vscode-languageserver/node.js";
import type * as A from "../grammar/ast.js";
import { RESERVED_WORDS } from "../grammar/tokens.js";
import { nodePath } from "./ast-walk.js";
import {
  eventMarkdown,
  fieldMarkdown,
  scoreMarkdown,
  stageMarkdown,
  teamMarkdown,
} from "./describe.js";
import { KEYWORD_DOCS } from "./keywords.js";
import { occurrenceAt, type Occurrence } from "./occurrences.js";
import { mapMarkdown } from "./vendor-maps.js";
import type { Workspace } from "./workspace.js";
import { spanOf } from "../grammar/ast.js";
import { isName } from "../core/names.js";

function occurrenceUnder(
  workspace: Workspace,
  file: string,
  offset: number,
): Occurrence | undefined {
  return occurrenceAt(workspace.index(file), file, offset);
}

function declarationOf(
  workspace: Workspace,
  file: string,
  occurrence: Occurrence,
): Occurrence | undefined {
  return workspace
    .index(file)
    .byKey.get(occurrence.key)
    ?.find((o) => o.declaration);
}

export function hoverAt(workspace: Workspace, file: string, offset: number): Hover | null {
  const program = workspace.program(file);
  const symbols = program.symbols;
  const occurrence = occurrenceUnder(workspace, file, offset);
  if (occurrence && symbols) {
    let value: string | undefined;
    switch (occurrence.kind) {
      case "stage": {
        const stage = symbols.stages.get(occurrence.name);
        if (stage) value = stageMarkdown(symbols, stage);
        break;
      }
      case "team": {
        const team = symbols.teams.get(occurrence.name);
        if (team) value = teamMarkdown(team);
        break;
      }
      case "field": {
        const field = symbols.fields.get(occurrence.name);
        if (field)
          value =
            fieldMarkdown(field.node, "record") +
            (field.imported ? `\n\nDeclared in \`${field.file}\`.` : "");
        break;
      }
      case "score": {
        const score = symbols.scores.get(occurrence.name);
        if (score) value = scoreMarkdown(score);
        break;
      }
      case "event": {
        const event = symbols.events.get(occurrence.name);
        if (event) value = eventMarkdown(event);
        break;
      }
      case "eventField": {
        const declaration = declarationOf(workspace, file, occurrence);
        for (const event of symbols.events.values()) {
          const field = event.node.fields.find(
            (f) =>
              declaration !== undefined &&
              f.name.start === declaration.span.start &&
              event.file === declaration.file,
          );
          if (field) value = fieldMarkdown(field, `event ${event.name}`);
        }
        break;
      }
    }
    if (value)
      return {
        contents: { kind: MarkupKind.Markdown, value },
        range: workspace.rangeOf(file, occurrence.span),
      };
  }
  // Not a name: explain a keyword, or name the file an import reads.
  const loaded = workspace.loaded(file);
  if (!loaded) return null;
  const path = nodePath(loaded.ast, offset);
  const importNode = path.find((n): n is A.ImportNode => n.kind === "Import");
  if (importNode) {
    const resolved = loaded.imports.find((i) => i.node === importNode)?.resolved;
    const value = resolved
      ? `Imports \`${resolved}\`.`
      : `\`${importNode.path.value.replace(/`/g, "'")}\` could not be loaded.`;
    return {
      contents: { kind: MarkupKind.Markdown, value },
      range: workspace.rangeOf(file, spanOf(importNode.path)),
    };
  }
  const map = path.find((n): n is A.MapNode => n.kind === "Map");
  const mapPart = map && [map.system, map.object, map.value, map.probability, map.forecast];
  if (map && mapPart!.some((part) => part && part.start <= offset && offset <= part.end)) {
    return {
      contents: { kind: MarkupKind.Markdown, value: mapMarkdown(map) },
      range: workspace.rangeOf(file, spanOf(map)),
    };
  }
  const text = loaded.source.text;
  let start = offset;
  let end = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1])) start--;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) end++;
  const word = text.slice(start, end);
  const innermost = path[path.length - 1];
  const onString =
    innermost &&
    (innermost.kind === "String" || (innermost.kind === "Literal" && innermost.type === "string"));
  if (word && KEYWORD_DOCS[word] && !onString && !inComment(loaded.comments, start)) {
    return {
      contents: { kind: MarkupKind.Markdown, value: KEYWORD_DOCS[word] },
      range: workspace.rangeOf(file, { start, end }),
    };
  }
  return null;
}

function inComment(comments: A.Comment[], offset: number): boolean {
  return comments.some((c) => c.start <= offset && offset < c.end);
}

export function definitionAt(workspace: Workspace, file: string, offset: number): Location[] {
  const occurrence = occurrenceUnder(workspace, file, offset);
  if (occurrence) {
    const declaration = declarationOf(workspace, file, occurrence);
    return declaration
      ? [
          {
            uri: workspace.uriOf(declaration.file),
            range: workspace.rangeOf(declaration.file, declaration.span),
          },
        ]
      : [];
  }
  const loaded = workspace.loaded(file);
  if (!loaded) return [];
  const importNode = nodePath(loaded.ast, offset).find(
    (n): n is A.ImportNode => n.kind === "Import",
  );
  const resolved = importNode && loaded.imports.find((i) => i.node === importNode)?.resolved;
  return resolved
    ? [
        {
          uri: workspace.uriOf(resolved),
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ]
    : [];
}

/** Every occurrence of the symbol under the cursor, across every funnel of the workspace. */
async function allOccurrences(
  workspace: Workspace,
  file: string,
  occurrence: Occurrence,
  shouldStop: () => boolean,
): Promise<Occurrence[] | undefined> {
  const files = await workspace.allFiles(shouldStop);
  if (!files) return undefined;
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  for (const other of [file, ...files]) {
    for (const o of workspace.index(other).byKey.get(occurrence.key) ?? []) {
      const id = `${o.file}\0${o.span.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(o);
    }
  }
  return out.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start,
  );
}

export async function referencesAt(
  workspace: Workspace,
  file: string,
  offset: number,
  includeDeclaration: boolean,
  shouldStop: () => boolean,
): Promise<Location[] | undefined> {
  const occurrence = occurrenceUnder(workspace, file, offset);
  if (!occurrence) return [];
  const all = await allOccurrences(workspace, file, occurrence, shouldStop);
  if (!all) return undefined;
  return all
    .filter((o) => includeDeclaration || !o.declaration)
    .map((o) => ({ uri: workspace.uriOf(o.file), range: workspace.rangeOf(o.file, o.span) }));
}

export function highlightsAt(
  workspace: Workspace,
  file: string,
  offset: number,
): DocumentHighlight[] {
  const occurrence = occurrenceUnder(workspace, file, offset);
  if (!occurrence) return [];
  return (workspace.index(file).byKey.get(occurrence.key) ?? [])
    .filter((o) => o.file === file)
    .sort((a, b) => a.span.start - b.span.start)
    .map((o) => ({
      range: workspace.rangeOf(file, o.span),
      kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
}

export function prepareRenameAt(workspace: Workspace, file: string, offset: number) {
  const occurrence = occurrenceUnder(workspace, file, offset);
  if (!occurrence) return null;
  return { range: workspace.rangeOf(file, occurrence.span), placeholder: occurrence.name };
}

export async function renameAt(
  workspace: Workspace,
  file: string,
  offset: number,
  newName: string,
  shouldStop: () => boolean,
): Promise<WorkspaceEdit | null | undefined> {
  const occurrence = occurrenceUnder(workspace, file, offset);
  if (!occurrence) return null;
  if (!isName(newName))
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `\`${newName}\` is not a valid name: use letters, digits and _, not starting with a digit.`,
    );
  if (RESERVED_WORDS.includes(newName))
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `\`${newName}\` is a reserved word and cannot be a name.`,
    );
  const all = await allOccurrences(workspace, file, occurrence, shouldStop);
  if (!all) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  for (const o of all)
    (changes[workspace.uriOf(o.file)] ??= []).push({
      range: workspace.rangeOf(o.file, o.span),
      newText: newName,
    });
  return { changes };
}
