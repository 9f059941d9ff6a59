/**
 * What the hub does after a failed attempt, as decided by a middleware's `onError`:
 *
 * - `retry`: call the same target again, after `delayMs` (waited out cancellably);
 * - `fallback`: call `target` (`"provider"` or `"provider/model"`), or the next candidate of the
 *   route when `target` is absent;
 * - `propagate`: let the next middleware decide; when none does, the hub may still fall back
 *   along the route (`HubOptions.fallbackWhen`);
 * - `fail`: end the call with the error now, with no further retry or fallback.
 *
 * The hub bounds retries and fallbacks (`HubOptions.maxAttempts`) and ignores `retry` and
 * `fallback` once a stream has yielded content to its caller.
 */
export type ErrorAction =
  | { readonly type: 'retry'; readonly delayMs?: number }
  | { readonly type: 'fallback'; readonly target?: string }
  | { readonly type: 'propagate' }
  | { readonly type: 'fail' };

const PROPAGATE: ErrorAction = Object.freeze({ type: 'propagate' });
const FAIL: ErrorAction = Object.freeze({ type: 'fail' });

/** Factories for `ErrorAction` values. */
export const ErrorAction = Object.freeze({
  /** Try the same target again after `delayMs` milliseconds (0 when absent). */
  retry(delayMs?: number): ErrorAction {
    return delayMs === undefined ? { type: 'retry' } : { type: 'retry', delayMs };
  },
  /** Try `target`, or the next candidate of the route when absent. */
  fallback(target?: string): ErrorAction {
    return target === undefined ? { type: 'fallback' } : { type: 'fallback', target };
  },
  /** Leave the decision to the next middleware (or fail). */
  propagate(): ErrorAction {
    return PROPAGATE;
  },
  /** End the call with the error: no retry, no fallback (not even the hub's default one). */
  fail(): ErrorAction {
    return FAIL;
  },
});
