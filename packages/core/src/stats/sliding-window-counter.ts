/**
 * Counters over a sliding time window, kept in a fixed ring of buckets: memory and work per
 * operation depend on the bucket count only, never on traffic (no per-request arrays). The
 * window slides one bucket at a time, so a sum covers between `windowMs - bucketMs` and
 * `windowMs` of history.
 *
 * Several independent series (`channels`) share the ring, for example requests and retries.
 */
export class SlidingWindowCounter {
  readonly #bucketMs: number;
  readonly #bucketCount: number;
  readonly #channels: number;
  /** Which bucket number (time / bucketMs) each slot currently holds. */
  readonly #slots: Float64Array;
  /** `channels` values per slot. */
  readonly #values: Float64Array;

  constructor(windowMs: number, bucketCount: number, channels: number) {
    this.#bucketCount = bucketCount;
    this.#bucketMs = windowMs / bucketCount;
    this.#channels = channels;
    this.#slots = new Float64Array(bucketCount).fill(Number.NEGATIVE_INFINITY);
    this.#values = new Float64Array(bucketCount * channels);
  }

  /** Adds `amount` (default 1) to `channel` at time `nowMs`. */
  add(channel: number, nowMs: number, amount = 1): void {
    const bucket = Math.floor(nowMs / this.#bucketMs);
    const slot = bucket % this.#bucketCount;
    if (this.#slots[slot] !== bucket) {
      // the slot still holds an expired bucket: recycle it
      this.#slots[slot] = bucket;
      this.#values.fill(0, slot * this.#channels, (slot + 1) * this.#channels);
    }
    const index = slot * this.#channels + channel;
    this.#values[index] = (this.#values[index] as number) + amount;
  }

  /** Sum of `channel` over the buckets still inside the window at `nowMs`. */
  sum(channel: number, nowMs: number): number {
    const bucket = Math.floor(nowMs / this.#bucketMs);
    const oldest = bucket - this.#bucketCount;
    let total = 0;
    for (let slot = 0; slot < this.#bucketCount; slot++) {
      const held = this.#slots[slot] as number;
      if (held > oldest && held <= bucket) total += this.#values[slot * this.#channels + channel] as number;
    }
    return total;
  }

  /** Forgets everything counted so far. */
  reset(): void {
    this.#slots.fill(Number.NEGATIVE_INFINITY);
    this.#values.fill(0);
  }
}
