// Code frames: the source lines of a range with a caret line under it (@babel/code-frame), as the
// pretty diagnostics reporter and `funnel explain` print them.
import { codeFrameColumns } from "@babel/code-frame";
import type { LineColumn } from "../../compiler/source-file.js";

/** Files longer than this are cut before framing (a frame never needs more). */
const MAX_FRAMED_TEXT = 2_000_000;

/**
 * Frames a range of a text, each line indented.
 * @param text the whole file
 * @param start 1-based first line and column
 * @param end 1-based end (exclusive column); an empty range still gets one caret
 * @param indent put before every line of the frame
 * @returns the frame's lines joined by `\n`, without a final line break
 */
export function formatCodeFrame(text: string, start: LineColumn, end: LineColumn, indent = "  "): string {
  const empty = end.line < start.line || (end.line === start.line && end.column <= start.column);
  const to = empty ? { line: start.line, column: start.column + 1 } : end;
  const frame = codeFrameColumns(
    text.length > MAX_FRAMED_TEXT ? text.slice(0, MAX_FRAMED_TEXT) : text,
    { start: { line: start.line, column: start.column }, end: { line: to.line, column: to.column } },
    { highlightCode: false, linesAbove: 0, linesBelow: 0 },
  );
  return frame
    .split("\n")
    .map((l) => indent + l)
    .join("\n");
}
