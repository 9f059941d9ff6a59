/**
 * Requests-per-minute limits per virtual key: a token bucket per key, refilled continuously on
 * access (no timers), answering how long to wait when empty.
 */
export class KeyRateLimiter {
  readonly #buckets = new Map<string, { tokens: number; updatedAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Takes one request from `key`'s bucket; returns 0 when allowed, else ms to wait. */
  take(key: string, perMinute: number): number {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: perMinute, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / 60_000) * perMinute;
    bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perMinute) * 60_000);
  }
}
