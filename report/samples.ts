// Velocity samples for report/ (runtime/ -> report/ -> cli/): a growable Float64Array per stage,
// so memory is 8 bytes a converted record and quantiles are exact (not sketched).

/**
 * Days a record took, collected in any order; quantiles interpolate like DuckDB's quantile_cont.
 */
export class Samples {
  private values = new Float64Array(64);
  private n = 0;
  private total = 0;

  push(value: number): void {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = value;
    this.total += value;
  }

  get count(): number {
    return this.n;
  }

  /**
   * Median, mean and 90th percentile, or null when there are no samples (never NaN).
   * Percentiles are linear between the two nearest ranks (quantile_cont in SQL, numpy's default).
   */
  summary(): { count: number; median: number; mean: number; p90: number } | null {
    if (this.n === 0) return null;
    const sorted = this.values.slice(0, this.n).sort();
    return {
      count: this.n,
      median: quantile(sorted, 0.5),
      mean: this.total / this.n,
      p90: quantile(sorted, 0.9),
    };
  }
}

/** The q-quantile of sorted values, linear between the two nearest ranks. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
}
