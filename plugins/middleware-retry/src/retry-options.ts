import { ConfigError } from '@hub/core';

/** Options of `retry()`. Every field is optional; see `RETRY_DEFAULTS`. */
export interface RetryOptions {
  /**
   * Most retries of one target within one hub call (a fallback target starts again at 0).
   * Default 3. The hub also bounds attempts (`HubOptions.maxAttempts`, default 5, counting the
   * first attempt, every retry and every fallback): raise it when you allow more retries.
   */
  readonly maxRetries?: number;
  /** Backoff cap of the first retry, in ms; it doubles with each retry. Default 250. */
  readonly baseDelayMs?: number;
  /** Largest backoff cap, in ms. Default 20 000. */
  readonly maxDelayMs?: number;
  /**
   * Time budget of the whole hub call, in ms: no retry is scheduled whose wait would end after
   * it (counted from the first attempt). Default 60 000.
   */
  readonly maxElapsedMs?: number;
  /**
   * Retries allowed per provider as a fraction of its recent requests (the retry budget).
   * Default 0.2: an outage adds at most 20 % load, not `maxRetries` times as much.
   */
  readonly budgetRatio?: number;
  /** Sliding window of the retry budget, in ms. Default 10 000. */
  readonly budgetWindowMs?: number;
  /**
   * Retries per second of window always allowed per provider, so that low traffic can still
   * retry. Default 1 (10 retries per 10 s window).
   */
  readonly minRetriesPerSecond?: number;
  /** Uniform random numbers in [0, 1) for the jitter. Default `Math.random`; inject for tests. */
  readonly random?: () => number;
  /** Clock in ms for the elapsed and retry budgets. Default `Date.now`; inject for tests. */
  readonly now?: () => number;
}

/** The defaults of `RetryOptions`. */
export const RETRY_DEFAULTS = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxElapsedMs: 60_000,
  budgetRatio: 0.2,
  budgetWindowMs: 10_000,
  minRetriesPerSecond: 1,
});

/** `RetryOptions` with every default applied, validated. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * Applies defaults and validates, before any request runs.
 *
 * @throws ConfigError naming the first invalid field.
 */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved: ResolvedRetryOptions = {
    maxRetries: options.maxRetries ?? RETRY_DEFAULTS.maxRetries,
    baseDelayMs: options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
    maxElapsedMs: options.maxElapsedMs ?? RETRY_DEFAULTS.maxElapsedMs,
    budgetRatio: options.budgetRatio ?? RETRY_DEFAULTS.budgetRatio,
    budgetWindowMs: options.budgetWindowMs ?? RETRY_DEFAULTS.budgetWindowMs,
    minRetriesPerSecond: options.minRetriesPerSecond ?? RETRY_DEFAULTS.minRetriesPerSecond,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
  requireInteger(resolved.maxRetries, 'maxRetries');
  requireNonNegative(resolved.baseDelayMs, 'baseDelayMs');
  requireNonNegative(resolved.maxDelayMs, 'maxDelayMs');
  if (resolved.maxDelayMs < resolved.baseDelayMs) {
    throw new ConfigError('retry: maxDelayMs must be at least baseDelayMs.', { path: 'maxDelayMs' });
  }
  requireNonNegative(resolved.maxElapsedMs, 'maxElapsedMs');
  requireNonNegative(resolved.budgetRatio, 'budgetRatio');
  if (!(Number.isFinite(resolved.budgetWindowMs) && resolved.budgetWindowMs > 0)) {
    throw new ConfigError('retry: budgetWindowMs must be a positive number of milliseconds.', {
      path: 'budgetWindowMs',
    });
  }
  requireNonNegative(resolved.minRetriesPerSecond, 'minRetriesPerSecond');
  if (typeof resolved.random !== 'function')
    throw new ConfigError('retry: random must be a function returning [0, 1).', { path: 'random' });
  if (typeof resolved.now !== 'function')
    throw new ConfigError('retry: now must be a function returning milliseconds.', { path: 'now' });
  return resolved;
}

function requireInteger(value: number, field: string): void {
  if (!(Number.isInteger(value) && value >= 0))
    throw new ConfigError(`retry: ${field} must be a whole number of at least 0.`, { path: field });
}

function requireNonNegative(value: number, field: string): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0))
    throw new ConfigError(`retry: ${field} must be a finite number of at least 0.`, { path: field });
}
