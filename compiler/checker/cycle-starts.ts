// Which stages the event-cycle search (graph.ts) needs to start from. The search finds each cycle
// from its earliest stage, through later stages only; a stage that lies on no such cycle of the
// rule graph (conditions ignored) would report nothing, so it is skipped. Found with strongly
// connected components, Johnson-style: the earliest stage of a component with a cycle is a start,
// and the component without it is split again.

/** One rule of a stage as the search sees it. */
export interface CycleEdge {
  /** Index of the target stage in the funnel's stage order. */
  target: number;
  /** The rule's `on` event, if any. */
  on: string | undefined;
  /** Whether the rule's condition can never be true (the search never follows it). */
  never: boolean;
}

/**
 * For each stage (by index), whether it lies on a cycle through stages at or after it.
 * Conservative: a stage marked may still have no cycle the search reports; one not marked has none.
 * @param edges each stage's rules
 * @param enabled whether the search follows a rule with this `on` event
 * @param needsEventRule the search reports only cycles with an `on` rule (an event's own search)
 */
export function cycleStarts(
  edges: readonly (readonly CycleEdge[])[],
  enabled: (on: string | undefined) => boolean,
  needsEventRule: boolean,
): Uint8Array {
  const n = edges.length;
  const starts = new Uint8Array(n);
  // The followed rules as flat arrays (stage v's are first[v] .. first[v + 1]): the search runs
  // once per event, and per-stage arrays would be most of its garbage on a large funnel.
  const first = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let count = 0;
    for (const edge of edges[v]) if (!edge.never && enabled(edge.on)) count++;
    first[v + 1] = first[v] + count;
  }
  const edgeCount = first[n];
  const next = new Int32Array(edgeCount);
  const eventRule = new Uint8Array(edgeCount);
  for (let v = 0, k = 0; v < n; v++) {
    for (const edge of edges[v]) {
      if (edge.never || !enabled(edge.on)) continue;
      next[k] = edge.target;
      eventRule[k++] = edge.on !== undefined ? 1 : 0;
    }
  }
  // Splitting can cost a pass per stage on dense graphs; past this budget the rest are all marked,
  // which only means searching from them as before.
  let budget = 32 * (n + edgeCount);

  const member = new Int32Array(n);
  const index = new Int32Array(n);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callStage = new Int32Array(n);
  const callNext = new Int32Array(n);
  // Each pass's components, one after another, and where each ends.
  const found = new Int32Array(n);
  const foundEnd = new Int32Array(n);
  let stamp = 0;
  let componentId = 0;
  const all = new Int32Array(n);
  for (let v = 0; v < n; v++) all[v] = v;
  const work: Int32Array[] = [all];
  while (work.length) {
    const subset = work.pop()!;
    stamp++;
    for (const v of subset) {
      member[v] = stamp;
      index[v] = -1;
      budget -= 1 + first[v + 1] - first[v];
    }
    if (budget < 0) {
      for (const v of subset) starts[v] = 1;
      continue;
    }
    // Tarjan's algorithm on the stages of `subset`, without recursion (10,000-stage funnels).
    let counter = 0;
    let stackSize = 0;
    let foundSize = 0;
    let components = 0;
    for (const root of subset) {
      if (index[root] !== -1) continue;
      index[root] = low[root] = counter++;
      stack[stackSize++] = root;
      onStack[root] = 1;
      let depth = 0;
      callStage[0] = root;
      callNext[0] = first[root];
      depth = 1;
      while (depth > 0) {
        const v = callStage[depth - 1];
        const k = callNext[depth - 1];
        if (k < first[v + 1]) {
          callNext[depth - 1] = k + 1;
          const w = next[k];
          if (member[w] !== stamp) continue;
          if (index[w] === -1) {
            index[w] = low[w] = counter++;
            stack[stackSize++] = w;
            onStack[w] = 1;
            callStage[depth] = w;
            callNext[depth] = first[w];
            depth++;
          } else if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
          continue;
        }
        depth--;
        if (depth > 0) {
          const parent = callStage[depth - 1];
          if (low[v] < low[parent]) low[parent] = low[v];
        }
        if (low[v] !== index[v]) continue;
        let w: number;
        do {
          w = stack[--stackSize];
          onStack[w] = 0;
          component[w] = componentId;
          found[foundSize++] = w;
        } while (w !== v);
        componentId++;
        foundEnd[components++] = foundSize;
      }
    }
    for (let c = 0, from = 0; c < components; from = foundEnd[c++]) {
      const to = foundEnd[c];
      const id = component[found[from]];
      let hasCycle = to - from > 1;
      let hasEventRule = false;
      let earliest = found[from];
      for (let m = from; m < to; m++) {
        const v = found[m];
        if (v < earliest) earliest = v;
        for (let k = first[v]; k < first[v + 1]; k++) {
          // Component ids are never reused, so an equal id means a stage of this component.
          if (component[next[k]] !== id) continue;
          if (next[k] === v) hasCycle = true;
          if (eventRule[k] === 1) hasEventRule = true;
        }
      }
      if (!hasCycle || (needsEventRule && !hasEventRule)) continue;
      starts[earliest] = 1;
      if (to - from > 1) work.push(found.slice(from, to).filter((v) => v !== earliest));
    }
  }
  return starts;
}
