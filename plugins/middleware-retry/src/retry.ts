import {
  type ConnectorError,
  ErrorAction,
  type HubOperation,
  type Middleware,
  type MiddlewareContext,
  targetAddress,
} from '@hub/core';
import { fullJitterDelay } from './full-jitter-delay.js';
import { RetryBudget } from './retry-budget.js';
import { type RetryOptions, resolveRetryOptions } from './retry-options.js';

/** Why the retry middleware let an error through, as written to `context.metadata['retry.stopped']`. */
export type RetryStopReason = 'max-retries' | 'elapsed' | 'budget';

/**
 * The operations retry takes part in: every one. A 503 or a 429 is as transient on the
 * embeddings or token-counting endpoint as on the chat endpoint, and retrying them is as safe
 * (none of them has side effects).
 */
type RetryOperation = HubOperation;

/** The retry middleware, with a read-out of its per-provider retry budget. */
export interface RetryMiddleware extends Middleware<RetryOperation> {
  /** Requests and retries of `providerId` counted in the budget's current window. */
  budgetUsage(providerId: string): { readonly requests: number; readonly retries: number };
}

/** What the middleware remembers about one hub call. */
interface CallState {
  /** Clock reading at the first attempt: the start of the `maxElapsedMs` budget. */
  readonly startedAt: number;
  /** Providers this call already counted as a request in the budget. */
  readonly counted: string[];
  /** `provider/model` of the last failed attempt, and how often it was retried. */
  target: string;
  retriesOnTarget: number;
}

/**
 * Retries retryable errors (`error.retryable`) on the same target with exponential backoff and
 * full jitter: the n-th retry (n from 0) waits a uniform random time in
 * `[0, min(maxDelayMs, baseDelayMs × 2^n)]`, or `error.retryAfterMs` when that is longer (a
 * provider that said "not before" is never called sooner).
 *
 * It gives up — returns `propagate`, so an outer fallback middleware or the hub decides — when:
 * the target was retried `maxRetries` times; the wait would end after `maxElapsedMs` since the
 * call started; the provider's retry budget is spent (retries ≤ `budgetRatio` × recent requests
 * + a small reserve, so an outage does not multiply load); or a stream already yielded content.
 *
 * Operations: `complete`, `stream`, `embed` and `count-tokens`. Transient failures of the
 * embeddings and counting endpoints are retried like those of completions; every operation's
 * calls to a provider count in that provider's one retry budget, since an outage of a provider
 * usually takes all its endpoints down together.
 *
 * The wait itself is done by the hub, which cancels it when the call's signal aborts.
 * Register it outside (before) a circuit breaker, so the breaker sees every failed attempt, and
 * inside (after) a fallback middleware, so fallback happens only once retries gave up.
 *
 * @throws ConfigError for invalid options, when called.
 */
export function retry(options: RetryOptions = {}): RetryMiddleware {
  const settings = resolveRetryOptions(options);
  const { now, random, maxRetries, maxElapsedMs } = settings;
  const budget = new RetryBudget({
    ratio: settings.budgetRatio,
    windowMs: settings.budgetWindowMs,
    minRetriesPerSecond: settings.minRetriesPerSecond,
  });
  // one entry per call in flight, released with its context; `counted` holds at most one provider
  // per attempt (bounded by the hub's maxAttempts)
  const calls = new WeakMap<MiddlewareContext<RetryOperation>, CallState>();

  const stateOf = (context: MiddlewareContext<RetryOperation>): CallState => {
    let state = calls.get(context);
    if (state === undefined) {
      state = { startedAt: now(), counted: [], target: '', retriesOnTarget: 0 };
      calls.set(context, state);
    }
    return state;
  };

  const stop = (context: MiddlewareContext<RetryOperation>, reason: RetryStopReason): undefined => {
    context.metadata.set('retry.stopped', reason);
    return undefined;
  };

  return {
    name: 'retry',
    operations: ['complete', 'stream', 'embed', 'count-tokens'],

    onRequest(_request, context) {
      const state = stateOf(context);
      // a fallback's first attempt at another provider is a fresh request there, not a retry
      if (!state.counted.includes(context.providerId)) {
        state.counted.push(context.providerId);
        budget.recordRequest(context.providerId, now());
      }
    },

    onError(error: ConnectorError, context) {
      // once content reached the caller a retry would duplicate it; the hub refuses it anyway,
      // and asking for one would spend budget for nothing
      if (context.contentYielded || !error.retryable || context.signal.aborted) return undefined;
      const state = stateOf(context);
      const target = targetAddress(context);
      if (state.target !== target) {
        state.target = target;
        state.retriesOnTarget = 0;
      }
      if (state.retriesOnTarget >= maxRetries) return stop(context, 'max-retries');
      const jittered = fullJitterDelay(state.retriesOnTarget, settings, random);
      const retryAfterMs =
        error.retryAfterMs !== undefined && Number.isFinite(error.retryAfterMs) ? error.retryAfterMs : 0;
      const delayMs = Math.max(jittered, retryAfterMs);
      const nowMs = now();
      if (nowMs - state.startedAt + delayMs > maxElapsedMs) return stop(context, 'elapsed');
      if (!budget.tryWithdraw(context.providerId, nowMs)) return stop(context, 'budget');
      state.retriesOnTarget++;
      return ErrorAction.retry(delayMs);
    },

    budgetUsage(providerId) {
      return budget.usage(providerId, now());
    },
  };
}
