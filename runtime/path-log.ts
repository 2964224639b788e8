// The engine's record paths (spec §6: every stage a record entered, with the time), kept as one
// append-only log per engine so that entering a stage allocates nothing. The `ts` target's modules
// carry a copy of this class (scripts/gen-module-runtime.ts); index reads say `!` for them.

/**
 * Entries per chunk of a PathLog: 3 doubles each, 96 KB, allocated in the young generation (a
 * chunk in the large-object space, 16,384 entries, cost more to allocate than copying it does).
 */
const PATH_CHUNK = 4096;

/**
 * The paths of all records of one engine, as entries (stage, time, the record's previous entry)
 * appended to chunks, plain arrays of doubles; a record holds the number of its last entry.
 * Entering a stage allocates nothing (a path array per record, copied on every move, cost an eighth
 * of the engine's time at 100,000 records), and the chunks hold no pointers for the collector to
 * trace. Plain arrays, not typed arrays, so that the heap figures count them.
 */
export class PathLog {
  private chunks: number[][] = [];
  /** The chunk being filled, its capacity and used entries, and the number of its first entry. */
  private chunk: number[] = [];
  private capacity = 0;
  private used = 0;
  private base = 0;

  /** Appends an entry; returns its number. */
  add(stage: number, at: number, previous: number): number {
    if (this.used === this.capacity) this.grow();
    const chunk = this.chunk;
    const o = this.used * 3;
    chunk[o] = stage;
    chunk[o + 1] = at;
    chunk[o + 2] = previous;
    return this.base + this.used++;
  }

  /** The path that ends at entry `last`, first stop first. */
  read<T>(last: number, stop: (stage: number, at: number) => T): T[] {
    const stops: T[] = [];
    for (let n = last; n >= 0;) {
      const chunk = this.chunks[Math.floor(n / PATH_CHUNK)]!;
      const o = (n % PATH_CHUNK) * 3;
      stops.push(stop(chunk[o]!, chunk[o + 1]!));
      n = chunk[o + 2]!;
    }
    return stops.reverse();
  }

  /**
   * Small engines (a scenario's) start small: the first chunk doubles up to full size; later
   * ones start full.
   */
  private grow(): void {
    const full = this.capacity === PATH_CHUNK;
    const capacity = full ? PATH_CHUNK : Math.max(16, this.capacity * 2);
    const chunk = new Array<number>(capacity * 3);
    // A double in it now makes it an array of doubles (one conversion, here) before add() stores
    // times.
    chunk[0] = 0.5;
    if (full) {
      this.base += PATH_CHUNK;
      this.used = 0;
      this.chunks.push(chunk);
    } else {
      for (let i = 0; i < this.used * 3; i++) chunk[i] = this.chunk[i]!;
      this.chunks[this.base / PATH_CHUNK] = chunk;
    }
    this.chunk = chunk;
    this.capacity = capacity;
  }
}
