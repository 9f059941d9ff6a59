// Guards comparisons of refilled levels against float rounding (0.1 + 0.2 style errors), far
// below one token or one request.
const EPSILON = 1e-9;

/**
 * The level of a bucket after `elapsedMs` of continuous refill. An unknown level (a key without
 * state) is a full bucket. Refill is computed on access, so idle keys cost no timers.
 */
export function refill(
  level: number | undefined,
  capacity: number,
  elapsedMs: number,
  windowMs: number,
): number {
  if (level === undefined) return capacity;
  if (elapsedMs <= 0) return Math.min(capacity, level);
  // multiply before dividing: 100 ms × 10 / 1000 ms is exactly 1, 100 × (10 / 1000) is not
  return Math.min(capacity, level + (elapsedMs * capacity) / windowMs);
}

/**
 * Milliseconds until `cost` fits into a bucket at `level`, 0 when it fits now. A cost above the
 * capacity fits only into a full bucket (and then drives it into debt).
 */
export function waitMs(level: number, cost: number, capacity: number, windowMs: number): number {
  if (cost <= 0) return 0;
  const needed = Math.min(cost, capacity);
  if (level + EPSILON >= needed) return 0;
  return Math.max(1, Math.ceil(((needed - level) * windowMs) / capacity - EPSILON));
}

/** Milliseconds until a bucket at `level` is full again. */
export function msUntilFull(level: number, capacity: number, windowMs: number): number {
  if (level + EPSILON >= capacity) return 0;
  return Math.ceil(((capacity - level) * windowMs) / capacity - EPSILON);
}

/** Whole units left in a bucket (never negative, even in debt). */
export function wholeRemaining(level: number): number {
  return Math.max(0, Math.floor(level + EPSILON));
}
