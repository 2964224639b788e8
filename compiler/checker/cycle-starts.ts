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
 * Finds, per event, the stages the cycle search starts from. The rule graph is flattened once
 * (stage v's rules are first[v] .. first[v + 1]) and the work arrays are shared by every event's
 * pass: per-event copies would be most of the garbage on a large funnel.
 */
export class CycleStartFinder {
  private readonly n: number;
  private readonly first: Int32Array;
  private readonly next: Int32Array;
  /** Per rule: -1 without `on`, else the index of its event in `events`. */
  private readonly onEvent: Int32Array;
  private readonly events: string[] = [];
  private readonly member: Int32Array;
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly component: Int32Array;
  private readonly stack: Int32Array;
  private readonly callStage: Int32Array;
  private readonly callNext: Int32Array;
  private readonly found: Int32Array;
  private readonly foundEnd: Int32Array;
  private stamp = 0;
  private componentId = 0;

  /** @param edges each stage's rules; rules that are never true are left out (never followed) */
  constructor(edges: readonly (readonly CycleEdge[])[]) {
    const n = (this.n = edges.length);
    this.first = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) {
      let count = 0;
      for (const edge of edges[v]) if (!edge.never) count++;
      this.first[v + 1] = this.first[v] + count;
    }
    this.next = new Int32Array(this.first[n]);
    this.onEvent = new Int32Array(this.first[n]);
    const eventIds = new Map<string, number>();
    for (let v = 0, k = 0; v < n; v++) {
      for (const edge of edges[v]) {
        if (edge.never) continue;
        this.next[k] = edge.target;
        let id = -1;
        if (edge.on !== undefined) {
          id = eventIds.get(edge.on) ?? eventIds.size;
          if (id === eventIds.size) {
            eventIds.set(edge.on, id);
            this.events.push(edge.on);
          }
        }
        this.onEvent[k++] = id;
      }
    }
    this.member = new Int32Array(n);
    this.index = new Int32Array(n);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.component = new Int32Array(n).fill(-1);
    this.stack = new Int32Array(n);
    this.callStage = new Int32Array(n);
    this.callNext = new Int32Array(n);
    this.found = new Int32Array(n);
    this.foundEnd = new Int32Array(n);
  }

  /**
   * For each stage (by index), whether it lies on a cycle through stages at or after it, of the
   * rules without `on` and those on `event`; for an event (not undefined), a cycle with a rule on
   * it, since its search reports only those. Conservative: a stage marked may still have no cycle
   * the search reports; one not marked has none.
   */
  starts(event: string | undefined): Uint8Array {
    const {
      n,
      first,
      next,
      onEvent,
      member,
      index,
      low,
      onStack,
      component,
      stack,
      callStage,
      callNext,
      found,
      foundEnd,
    } = this;
    const starts = new Uint8Array(n);
    const eventId = event === undefined ? -1 : this.events.indexOf(event);
    // No rule on this event: its search could only find cycles without one, which it skips.
    if (event !== undefined && eventId === -1) return starts;
    const followed = (k: number) => onEvent[k] === -1 || onEvent[k] === eventId;
    // Splitting can cost a pass per stage on dense graphs; past this budget the rest are all
    // marked, which only means searching from them as before.
    let budget = 32 * (n + first[n]);
    const all = new Int32Array(n);
    for (let v = 0; v < n; v++) all[v] = v;
    const work: Int32Array[] = [all];
    while (work.length) {
      const subset = work.pop()!;
      const stamp = ++this.stamp;
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
        callStage[0] = root;
        callNext[0] = first[root];
        let depth = 1;
        while (depth > 0) {
          const v = callStage[depth - 1];
          const k = callNext[depth - 1];
          if (k < first[v + 1]) {
            callNext[depth - 1] = k + 1;
            const w = next[k];
            if (member[w] !== stamp || !followed(k)) continue;
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
            component[w] = this.componentId;
            found[foundSize++] = w;
          } while (w !== v);
          this.componentId++;
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
            if (component[next[k]] !== id || !followed(k)) continue;
            if (next[k] === v) hasCycle = true;
            if (onEvent[k] !== -1) hasEventRule = true;
          }
        }
        if (!hasCycle || (event !== undefined && !hasEventRule)) continue;
        starts[earliest] = 1;
        if (to - from > 1) work.push(found.slice(from, to).filter((v) => v !== earliest));
      }
    }
    return starts;
  }
}
