// Document and range formatting through the project's formatter (format/format.ts), loaded on
// first use because it pulls in prettier. Edits are the changed lines only; a range request
// keeps the changes that touch the range.
import type { FormattingOptions, Range, TextEdit } from "vscode-languageserver/node.js";
import { diffLines } from "./line-diff.js";
import type { Workspace } from "./workspace.js";

type FormatText = (
  text: string,
  options: { printWidth?: number; tabWidth?: number; useTabs?: boolean; filepath?: string },
) => Promise<string>;
let formatter: Promise<FormatText> | undefined;

function loadFormatter(): Promise<FormatText> {
  formatter ??= import("../format/format.js").then((m) => m.formatText);
  return formatter;
}

/**
 * Formatting edits for a file; none when it has syntax errors (the formatter refuses those, and
 * the diagnostics already say why).
 */
export async function formatEdits(
  workspace: Workspace,
  file: string,
  options: FormattingOptions,
  printWidth: number,
  range?: Range,
): Promise<TextEdit[]> {
  const source = workspace.source(file);
  if (!source) return [];
  const text = source.text;
  let formatted: string;
  try {
    const formatText = await loadFormatter();
    formatted = await formatText(text, {
      printWidth,
      tabWidth: options.tabSize,
      useTabs: !options.insertSpaces,
      filepath: file,
    });
  } catch {
    return [];
  }
  if (formatted === text) return [];
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const oldLines = text.split(/\r?\n/);
  const newLines = formatted.split(/\r?\n/);
  const hunks = diffLines(oldLines, newLines);
  const edits: TextEdit[] = [];
  for (const hunk of hunks) {
    const lastLine = hunk.oldStart + hunk.oldCount;
    if (range && (lastLine < range.start.line || hunk.oldStart > range.end.line)) continue;
    if (hunk.oldCount === 0) {
      // Pure insertion before line oldStart.
      edits.push({
        range: {
          start: { line: hunk.oldStart, character: 0 },
          end: { line: hunk.oldStart, character: 0 },
        },
        newText: hunk.lines.map((l) => l + eol).join(""),
      });
    } else if (lastLine >= oldLines.length) {
      // Replacing up to the end of the file: no line break after the last line.
      const end = { line: oldLines.length - 1, character: oldLines[oldLines.length - 1].length };
      const start = { line: hunk.oldStart, character: 0 };
      edits.push({ range: { start, end }, newText: hunk.lines.join(eol) });
    } else {
      edits.push({
        range: {
          start: { line: hunk.oldStart, character: 0 },
          end: { line: lastLine, character: 0 },
        },
        newText: hunk.lines.map((l) => l + eol).join(""),
      });
    }
  }
  return edits;
}
