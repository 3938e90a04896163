// The few statistics the benchmarks print: a timed call, the median of a few runs, a latency percentile.

/**
 * Runs `work` once and waits for it: how long it took, and what it answered. The product's side is async
 * (decision 040), raw SQLite's is not; both are timed the same way, so the await is in both figures.
 */
export async function time<T>(work: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The nearest-rank percentile `p` (0–100) of `values`; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}
