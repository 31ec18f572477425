// Share a whole number among parts in proportion to weights, each part within [min, max]
// (largest-remainder style), e.g. 105 urban grids over 23 communities at 4–5 each.
export function allocate(weights: readonly number[], total: number, min: number, max: number): number[] {
  const n = weights.length;
  if (n * min > total || n * max < total) throw new Error(`cannot share ${total} among ${n} parts of ${min}–${max}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const ideal = weights.map((w) => (sum > 0 ? (total * w) / sum : total / n));
  const counts = ideal.map((x) => Math.min(max, Math.max(min, Math.round(x))));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    // add where the ideal is furthest above the count, remove where it is furthest below; ties by index
    let best = -1;
    let bestGap = -Infinity;
    for (let i = 0; i < n; i++) {
      const c = counts[i]!;
      if (diff > 0 ? c >= max : c <= min) continue;
      const gap = diff > 0 ? ideal[i]! - c : c - ideal[i]!;
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    counts[best]! += diff > 0 ? 1 : -1;
    diff += diff > 0 ? -1 : 1;
  }
  return counts;
}
