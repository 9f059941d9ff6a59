import { ERROR_CODES, type ErrorCode } from '@hub/core';
import { HISTOGRAM_BINS, histogramBin } from './log-histogram.js';

/** The sums a `StatsWindow` keeps per time bucket. */
export const WINDOW_FIELDS = [
  'requests',
  'errors',
  'cacheLookups',
  'cacheHits',
  'inputTokens',
  'outputTokens',
  'costUsd',
  'rateLimitWaits',
  'rateLimitRejections',
] as const;

/** One of `WINDOW_FIELDS`. */
export type WindowField = (typeof WINDOW_FIELDS)[number];

/** Index of each field, for `addAt` on the hot path (no lookup by name). */
export const FIELD = Object.freeze(
  Object.fromEntries(WINDOW_FIELDS.map((field, index) => [field, index])) as Record<WindowField, number>,
);

/** Sums of a window over a time range. */
export interface WindowSummary {
  readonly totals: Record<WindowField, number>;
  /** Latency histogram (`HISTOGRAM_BINS` counts; see `log-histogram.ts`). */
  readonly latency: Float64Array;
  /** Time-to-first-token histogram, streams only. */
  readonly timeToFirstToken: Float64Array;
  /** Failed calls or attempts per error code (only codes that occurred). */
  readonly errorsByCode: Partial<Record<ErrorCode, number>>;
}

/** Options of `StatsWindow`. */
export interface StatsWindowOptions {
  /** Width of one bucket in milliseconds. */
  readonly bucketMs: number;
  /** Buckets kept: the window covers `bucketMs × bucketCount` milliseconds. */
  readonly bucketCount: number;
}

const CODE_INDEX = new Map<string, number>(ERROR_CODES.map((code, index) => [code, index]));
const SCALARS = WINDOW_FIELDS.length;
const LATENCY_OFFSET = SCALARS;
const TTFT_OFFSET = LATENCY_OFFSET + HISTOGRAM_BINS;
const CODES_OFFSET = TTFT_OFFSET + HISTOGRAM_BINS;
const STRIDE = CODES_OFFSET + ERROR_CODES.length;

/**
 * Sums over the last `bucketMs × bucketCount` milliseconds in fixed time buckets: a ring of
 * `bucketCount` slots in one typed array, so its memory is fixed at construction (8 bytes ×
 * `bucketCount` × ~165 values) whatever the traffic. A slot is reused when time reaches its next
 * period; reads skip slots that hold a period outside the range asked for. Times are epoch ms from
 * the caller's clock; a write older than the window is dropped.
 */
export class StatsWindow {
  readonly bucketMs: number;
  readonly bucketCount: number;
  readonly #values: Float64Array;
  // the bucket period (time / bucketMs, floored) each slot holds; -1 for a slot never written
  readonly #periods: Float64Array;
  #newestPeriod = Number.NEGATIVE_INFINITY;

  constructor(options: StatsWindowOptions) {
    if (!(Number.isInteger(options.bucketMs) && options.bucketMs > 0))
      throw new RangeError('StatsWindow: bucketMs must be a positive integer.');
    if (!(Number.isInteger(options.bucketCount) && options.bucketCount > 0))
      throw new RangeError('StatsWindow: bucketCount must be a positive integer.');
    this.bucketMs = options.bucketMs;
    this.bucketCount = options.bucketCount;
    this.#values = new Float64Array(options.bucketCount * STRIDE);
    this.#periods = new Float64Array(options.bucketCount).fill(-1);
  }

  /**
   * The bucket of `time`, for the `…At` methods: one lookup per measurement however many values
   * it adds. -1 when `time` is older than the window (the `…At` methods then do nothing).
   */
  slot(time: number): number {
    const period = Math.floor(time / this.bucketMs);
    // a late write must not clear the newer bucket that now holds its slot
    if (period <= this.#newestPeriod - this.bucketCount) return -1;
    if (period > this.#newestPeriod) this.#newestPeriod = period;
    const slot = period % this.bucketCount;
    const offset = slot * STRIDE;
    if (this.#periods[slot] !== period) {
      this.#values.fill(0, offset, offset + STRIDE);
      this.#periods[slot] = period;
    }
    return offset;
  }

  /** Adds `amount` to the field at index `field` (see `FIELD`) of bucket `slot`. */
  addAt(slot: number, field: number, amount = 1): void {
    if (slot >= 0) (this.#values[slot + field] as number) += amount;
  }

  /** Counts one call's latency in bucket `slot`. */
  latencyAt(slot: number, milliseconds: number): void {
    if (slot >= 0) (this.#values[slot + LATENCY_OFFSET + histogramBin(milliseconds)] as number) += 1;
  }

  /** Counts one stream's time to first token in bucket `slot`. */
  timeToFirstTokenAt(slot: number, milliseconds: number): void {
    if (slot >= 0) (this.#values[slot + TTFT_OFFSET + histogramBin(milliseconds)] as number) += 1;
  }

  /** Counts one error of `code` in bucket `slot`. */
  errorAt(slot: number, code: ErrorCode): void {
    const index = CODE_INDEX.get(code);
    if (slot >= 0 && index !== undefined) (this.#values[slot + CODES_OFFSET + index] as number) += 1;
  }

  /** Adds `amount` to `field` in the bucket of `time`. */
  add(time: number, field: WindowField, amount = 1): void {
    this.addAt(this.slot(time), FIELD[field], amount);
  }

  /** Counts one call's latency in the bucket of `time`. */
  addLatency(time: number, milliseconds: number): void {
    this.latencyAt(this.slot(time), milliseconds);
  }

  /** Counts one stream's time to first token in the bucket of `time`. */
  addTimeToFirstToken(time: number, milliseconds: number): void {
    this.timeToFirstTokenAt(this.slot(time), milliseconds);
  }

  /** Counts one error of `code` in the bucket of `time`. */
  addError(time: number, code: ErrorCode): void {
    this.errorAt(this.slot(time), code);
  }

  /** Sums the buckets whose start lies in `[from, to)` (epoch ms). */
  summarize(from: number, to: number): WindowSummary {
    const totals = Object.fromEntries(WINDOW_FIELDS.map((field) => [field, 0])) as Record<
      WindowField,
      number
    >;
    const latency = new Float64Array(HISTOGRAM_BINS);
    const timeToFirstToken = new Float64Array(HISTOGRAM_BINS);
    const codes = new Float64Array(ERROR_CODES.length);
    const first = Math.ceil(from / this.bucketMs);
    const last = Math.ceil(to / this.bucketMs) - 1;
    // at most bucketCount periods can be held, whatever range was asked for
    for (let period = Math.max(first, last - this.bucketCount + 1); period <= last; period++) {
      const slot = period % this.bucketCount;
      if (this.#periods[slot] !== period) continue;
      const offset = slot * STRIDE;
      const values = this.#values;
      for (let index = 0; index < SCALARS; index++)
        totals[WINDOW_FIELDS[index] as WindowField] += values[offset + index] as number;
      for (let bin = 0; bin < HISTOGRAM_BINS; bin++) {
        (latency[bin] as number) += values[offset + LATENCY_OFFSET + bin] as number;
        (timeToFirstToken[bin] as number) += values[offset + TTFT_OFFSET + bin] as number;
      }
      for (let index = 0; index < ERROR_CODES.length; index++)
        (codes[index] as number) += values[offset + CODES_OFFSET + index] as number;
    }
    const errorsByCode: Partial<Record<ErrorCode, number>> = {};
    codes.forEach((count, index) => {
      if (count > 0) errorsByCode[ERROR_CODES[index] as ErrorCode] = count;
    });
    return { totals, latency, timeToFirstToken, errorsByCode };
  }
}
