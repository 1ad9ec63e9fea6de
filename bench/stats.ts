/** The nearest-rank p-th percentile of `values` (NaN when there are none). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** The median (the lower middle value of an even count). */
export const median = (values: number[]): number => percentile(values, 50);
