/**
 * The `fraction` percentile (0.5 for the median, 0.99 for p99) of ascending `sorted` values, by
 * the nearest-rank method: the smallest value with at least that fraction of samples at or below
 * it. Nearest rank never invents a value that was not measured, which matters for tail latencies
 * taken from a few thousand samples.
 *
 * @param sorted - Samples in ascending order (not checked, to keep this cheap on large arrays).
 * @param fraction - Between 0 (exclusive) and 1 (inclusive).
 * @returns The percentile, or `NaN` for no samples.
 * @throws RangeError when `fraction` is outside (0, 1].
 */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError('fraction must be in (0, 1]');
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
