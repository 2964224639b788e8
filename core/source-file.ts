// SourceFile: a file's text with lazily computed line starts; the one place offsets become lines.

export interface SourceFile {
  /** Path relative to the project root, with `/` separators (stable across machines). */
  readonly path: string;
  readonly text: string;
}

export interface LineColumn {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

const lineStartCache = new WeakMap<SourceFile, number[]>();

/** Offsets at which each line starts (after `\n`; `\r\n` counts as one break). */
export function lineStarts(file: SourceFile): number[] {
  let starts = lineStartCache.get(file);
  if (!starts) {
    starts = [0];
    const text = file.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    lineStartCache.set(file, starts);
  }
  return starts;
}

/**
 * Converts an offset into a 1-based line and column.
 * @param file the source file
 * @param offset a UTF-16 offset, clamped into the file
 */
export function offsetToLineColumn(file: SourceFile, offset: number): LineColumn {
  const starts = lineStarts(file);
  const at = Math.max(0, Math.min(offset, file.text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: at - starts[lo] + 1 };
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file);
  const start = starts[line - 1] ?? file.text.length;
  const end = line < starts.length ? starts[line] : file.text.length;
  return file.text.slice(start, end).replace(/\r?\n$|\r$/, "");
}

/**
 * Converts a 1-based line and column into an offset (the inverse of offsetToLineColumn).
 * @param file the source file
 * @param position a line and column of the file; one past its end is clamped to the end
 */
export function lineColumnToOffset(file: SourceFile, position: LineColumn): number {
  const starts = lineStarts(file);
  const start = starts[Math.max(0, Math.min(position.line - 1, starts.length - 1))];
  return Math.min(start + position.column - 1, file.text.length);
}
