// Code frames: the source lines of a range with a caret line under it (@babel/code-frame), as the
// pretty diagnostics reporter and `funnel explain` print them. Control characters in the framed
// lines are shown as `\uXXXX` (reporters/visible.ts), with the carets moved to match.
import { codeFrameColumns, type BabelCodeFrameOptions } from "@babel/code-frame";
import type { LineColumn } from "../../core/source-file.js";
import { visibleLine } from "./visible.js";

/** Files longer than this are cut before framing (a frame never needs more). */
const MAX_FRAMED_TEXT = 2_000_000;
/** The line breaks @babel/code-frame splits on. */
const NEWLINE = /\r\n|[\n\r\u2028\u2029]/;

/**
 * Frames a range of a text, each line indented.
 * @param text the whole file
 * @param start 1-based first line and column
 * @param end 1-based end (exclusive column); an empty range still gets one caret
 * @param indent put before every line of the frame
 * @returns the frame's lines joined by `\n`, without a final line break
 */
export function formatCodeFrame(
  text: string,
  start: LineColumn,
  end: LineColumn,
  indent = "  ",
): string {
  const empty = end.line < start.line || (end.line === start.line && end.column <= start.column);
  const to = empty ? { line: start.line, column: start.column + 1 } : end;
  const lines = (text.length > MAX_FRAMED_TEXT ? text.slice(0, MAX_FRAMED_TEXT) : text).split(
    NEWLINE,
  );
  // Only the framed lines go to code-frame (numbered from `startLine`), made visible first.
  const framed = lines.slice(start.line - 1, to.line).map((line) => visibleLine(line).text);
  const column = (line: number, col: number) => visibleLine(lines[line - 1] ?? "").column(col);
  const options: BabelCodeFrameOptions & { startLine: number } = {
    highlightCode: false,
    linesAbove: 0,
    linesBelow: 0,
    startLine: start.line,
  };
  const frame = codeFrameColumns(
    framed.join("\n"),
    {
      start: { line: start.line, column: column(start.line, start.column) },
      end: { line: to.line, column: column(to.line, to.column) },
    },
    options,
  );
  return frame
    .split("\n")
    .map((l) => indent + l)
    .join("\n");
}
