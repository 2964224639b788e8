// Orders things that depend on each other (scores that read other scores, spec §6 step 3): the one
// depth-first walk that the checker uses to find cycles (FN4008) and the engine and the generated
// module use to evaluate scores after the scores they read.

/**
 * A dependency that leads back to a key still being ordered: `chain` runs from that key round to it
 * again.
 */
export interface DependencyCycle<K, E> {
  chain: K[];
  /** The key whose dependency closes the cycle, and that dependency. */
  from: K;
  edge: E;
}

/**
 * Orders `keys` so that each comes after everything it depends on (depth-first, in the order
 * given: keys first to last, each key's dependencies in their order), and lists the cycles met.
 * @param keys the things to order
 * @param dependenciesOf what a key depends on, as edges (an edge may carry where it is written)
 * @param targetOf the key an edge leads to
 * @returns `order` (every key once) and `cycles` (empty when the dependencies form no cycle)
 */
export function orderByDependencies<K, E>(
  keys: Iterable<K>,
  dependenciesOf: (key: K) => Iterable<E>,
  targetOf: (edge: E) => K,
): { order: K[]; cycles: DependencyCycle<K, E>[] } {
  const state = new Map<K, "visiting" | "done">();
  const stack: K[] = [];
  const order: K[] = [];
  const cycles: DependencyCycle<K, E>[] = [];
  const visit = (key: K) => {
    state.set(key, "visiting");
    stack.push(key);
    for (const edge of dependenciesOf(key)) {
      const next = targetOf(edge);
      const seen = state.get(next);
      if (seen === "visiting")
        cycles.push({ chain: [...stack.slice(stack.indexOf(next)), next], from: key, edge });
      else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(key, "done");
    order.push(key);
  };
  for (const key of keys) if (!state.has(key)) visit(key);
  return { order, cycles };
}
