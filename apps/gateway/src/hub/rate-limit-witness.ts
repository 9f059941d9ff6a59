import type { ConnectorError, HubOperation, Middleware, MiddlewareContext } from '@hub/core';

/** Remembers the rate limits the attempts of each hub call met; see `rateLimitWitness`. */
export interface RateLimitWitness {
  /** Register innermost: `onError` runs innermost first, so it sees every failed attempt. */
  readonly middleware: Middleware<HubOperation>;
  /**
   * The `rate_limit` error with the shortest known wait among the attempts of the call whose
   * signal is `signal`, if any attempt was rate limited.
   */
  rateLimitOf(signal: AbortSignal): ConnectorError | undefined;
}

/**
 * When a route's targets all fail and one of them said "429, retry after N s", that is the
 * answer a client can act on, even when the last target failed otherwise (a circuit open, a 503):
 * the gateway reports the 429 with the shortest wait. The hub hands middleware the signal the
 * gateway passed with the call, so the call's signal is the key; a weak map, so nothing is kept
 * beyond the call and nothing needs a bound.
 */
export function rateLimitWitness(): RateLimitWitness {
  const seen = new WeakMap<AbortSignal, ConnectorError>();
  const record = (error: ConnectorError, context: MiddlewareContext<HubOperation>): void => {
    if (error.code !== 'rate_limit') return;
    const previous = seen.get(context.signal);
    const wait = error.retryAfterMs ?? Number.POSITIVE_INFINITY;
    if (previous === undefined || wait < (previous.retryAfterMs ?? Number.POSITIVE_INFINITY))
      seen.set(context.signal, error);
  };
  return {
    middleware: {
      name: 'gateway-rate-limit-witness',
      // embeddings fall back across targets too; counting never meets a limit but costs nothing here
      operations: ['complete', 'stream', 'embed', 'count-tokens'],
      onError(error, context) {
        record(error, context);
        return undefined;
      },
    },
    rateLimitOf: (signal) => seen.get(signal),
  };
}
