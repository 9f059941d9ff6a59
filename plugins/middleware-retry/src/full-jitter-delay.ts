/**
 * The "full jitter" backoff of the AWS architecture blog: a delay drawn uniformly from
 * `[0, min(maxDelayMs, baseDelayMs × 2^retryIndex)]`. Spreading retries over the whole interval
 * (rather than around its end) keeps many clients that failed together from retrying together.
 *
 * @param retryIndex 0 for the first retry, 1 for the second, …
 * @param random a source of uniform numbers in [0, 1) (`Math.random` by default)
 * @returns a whole number of milliseconds in `[0, cap]`
 */
export function fullJitterDelay(
  retryIndex: number,
  options: { readonly baseDelayMs: number; readonly maxDelayMs: number },
  random: () => number = Math.random,
): number {
  return Math.round(random() * backoffCap(retryIndex, options));
}

/**
 * The upper bound of the `retryIndex`-th backoff: `min(maxDelayMs, baseDelayMs × 2^retryIndex)`.
 */
export function backoffCap(
  retryIndex: number,
  options: { readonly baseDelayMs: number; readonly maxDelayMs: number },
): number {
  // 2^retryIndex overflows to Infinity for huge indexes: min() still lands on maxDelayMs, except
  // that 0 × Infinity is NaN, hence the explicit zero
  if (options.baseDelayMs === 0) return 0;
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex);
}
