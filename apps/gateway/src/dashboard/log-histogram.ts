/**
 * Bins of a log-scale latency histogram: three bins per doubling from 1 ms, so a percentile read
 * from the bins is within about 12% of the true value whatever the scale. Bin 0 holds everything
 * up to 1 ms; the last bin holds everything from about 70 minutes (2^22 ms) up.
 */
export const HISTOGRAM_BINS = 68;

const BINS_PER_DOUBLING = 3;

/** The bin of a duration in milliseconds (negative and NaN durations count as 0). */
export function histogramBin(milliseconds: number): number {
  if (!(milliseconds > 1)) return 0;
  const bin = Math.ceil(Math.log2(milliseconds) * BINS_PER_DOUBLING);
  return bin >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : bin;
}

/** Upper bound of a bin in milliseconds: the value a percentile falling in it is reported as. */
export function binUpperBound(bin: number): number {
  return 2 ** (bin / BINS_PER_DOUBLING);
}

/**
 * The `quantile` (0 to 1) of the durations counted in `bins` (`HISTOGRAM_BINS` counts starting at
 * `offset`), as the upper bound of the bin it falls in; undefined when nothing was counted.
 */
export function histogramQuantile(bins: ArrayLike<number>, quantile: number, offset = 0): number | undefined {
  let total = 0;
  for (let bin = 0; bin < HISTOGRAM_BINS; bin++) total += bins[offset + bin] as number;
  if (total === 0) return undefined;
  // the rank of the quantile, 1-based: p50 of 2 values is the first, p99 of 100 is the 99th
  const rank = Math.max(1, Math.ceil(quantile * total));
  let seen = 0;
  for (let bin = 0; bin < HISTOGRAM_BINS; bin++) {
    seen += bins[offset + bin] as number;
    if (seen >= rank) return binUpperBound(bin);
  }
  return binUpperBound(HISTOGRAM_BINS - 1);
}
