// Latency summaries of a benchmark's samples (milliseconds): nearest-rank percentiles.
export interface Latency {
  n: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function summarise(samples: readonly number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50Ms: r1(percentile(s, 50)),
    p95Ms: r1(percentile(s, 95)),
    p99Ms: r1(percentile(s, 99)),
    maxMs: r1(s.at(-1) ?? null),
  };
}
