import { OTHER_LABEL_VALUE } from '../metric-label-limits.js';

/**
 * The values one metric label may take: the first `limit` distinct values seen are kept as they
 * are, every later new value is reported as `other`. First come, first kept, never evicted: a
 * series already exported must keep its labels (dropping it would reset its counters), and the
 * labels real traffic uses show up first.
 */
export class BoundedLabelValues {
  readonly #limit: number;
  // Bound: at most `limit` values, kept for the collector's lifetime (no eviction, see above).
  readonly #values = new Set<string>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** `value` when it is kept (or can still be), otherwise `other`. */
  bound(value: string): string {
    if (this.#values.has(value)) return value;
    if (this.#values.size >= this.#limit) return OTHER_LABEL_VALUE;
    this.#values.add(value);
    return value;
  }

  /** Whether `value` is one of the kept values. */
  has(value: string): boolean {
    return this.#values.has(value);
  }
}
