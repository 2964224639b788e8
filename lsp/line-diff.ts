// Line-level diff (Myers' O(ND) algorithm) between a file and its formatted text, so formatting
// sends only the changed lines and range formatting can keep the hunks inside the range.

export interface Hunk {
  /** First old line replaced (0-based), and how many. */
  oldStart: number;
  oldCount: number;
  /** The new lines that replace them. */
  lines: string[];
}

/** Beyond this many differing lines the diff is one hunk over the differing middle. */
const MAX_EDIT_DISTANCE = 2_000;

export function diffLines(oldLines: string[], newLines: string[]): Hunk[] {
  let prefix = 0;
  while (
    prefix < oldLines.length &&
    prefix < newLines.length &&
    oldLines[prefix] === newLines[prefix]
  )
    prefix++;
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]
  )
    suffix++;
  const a = oldLines.slice(prefix, oldLines.length - suffix);
  const b = newLines.slice(prefix, newLines.length - suffix);
  if (a.length === 0 && b.length === 0) return [];
  const script = myers(a, b);
  if (!script) return [{ oldStart: prefix, oldCount: a.length, lines: b }];
  // Group the edit script into hunks of consecutive changes.
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let current: Hunk | undefined;
  for (const op of script) {
    if (op === "=") {
      if (current) hunks.push(current);
      current = undefined;
      i++;
      j++;
      continue;
    }
    current ??= { oldStart: prefix + i, oldCount: 0, lines: [] };
    if (op === "-") {
      current.oldCount++;
      i++;
    } else {
      current.lines.push(b[j]);
      j++;
    }
  }
  if (current) hunks.push(current);
  return hunks;
}

/** The shortest edit script from a to b as "=", "-", "+" steps; undefined when too far apart. */
function myers(a: string[], b: string[]): ("=" | "-" | "+")[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a.length, b.length, offset, d);
    }
  }
  return undefined;
}

function backtrack(
  trace: Int32Array[],
  n: number,
  m: number,
  offset: number,
  dEnd: number,
): ("=" | "-" | "+")[] {
  const ops: ("=" | "-" | "+")[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("=");
      x--;
      y--;
    }
    ops.push(x === prevX ? "+" : "-");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push("=");
    x--;
    y--;
  }
  return ops.reverse();
}
