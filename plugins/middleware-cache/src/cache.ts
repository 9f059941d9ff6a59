import {
  type CacheStats,
  type CacheStrategy,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type MetricLabels,
  type Middleware,
  type MiddlewareContext,
  toConnectorError,
} from '@hub/core';
import type { CacheErrorInfo } from './cache-error-info.js';
import { cacheKey } from './cache-key.js';
import type { CacheOptions } from './cache-options.js';
import { readCacheControls } from './internal/read-cache-controls.js';
import { resolveCacheOptions } from './internal/resolve-cache-options.js';
import { Flight, type FlightResult, waitForFlight } from './internal/single-flight.js';
import { isCompletionResponse } from './is-completion-response.js';
import { withTimeBudget } from './with-time-budget.js';

/** The `cache` middleware, with access to its store and counters. */
export interface CacheMiddleware extends Middleware {
  readonly name: string;
  /** The store answers are kept in. */
  readonly store: CacheStrategy;
  /**
   * The store's counters, with the failures the middleware itself absorbed (a store that threw,
   * exceeded the time budget or returned something that is not a response) added to `errors`.
   */
  stats(): CacheStats;
  /**
   * The key `request` is cached under when sent to `providerId` (a `provider/` prefix on
   * `request.model` is ignored), for example to `store.invalidate` one answer.
   */
  keyFor(request: CompletionRequest, providerId: string): string;
}

/** What the middleware remembers about one hub call, between its hooks. */
interface CallState {
  /** Key of the current attempt; undefined when the attempt is not cacheable. */
  key: string | undefined;
  ttlMs: number;
  /** The flight this call leads (created on its first cacheable attempt). */
  flight: Flight | undefined;
}

/**
 * Creates the response cache middleware. For each cacheable attempt (see
 * `CacheOptions.shouldCache`) it looks the request up (`cacheKey`) and answers a hit without the
 * provider; the hub replays a hit to a stream caller as chunks, `finish` last. A miss is stored
 * when it succeeds with a cacheable finish reason; for streams, only once the stream finished
 * (an aborted or failed stream is never stored).
 *
 * Single flight: identical cacheable requests in flight at once in this process share one
 * upstream call. The first is the leader; the others wait for its answer or its error. A
 * waiter's own abort rejects only that waiter. When the leader's caller cancels (or its deadline
 * passes, or its stream is abandoned), the waiters call upstream themselves, one of them becoming
 * the new leader.
 *
 * Per-request controls in `request.metadata`: `cache.ttl` (milliseconds), `cache.bypass: 'true'`,
 * `cache.refresh: 'true'` (skip the lookup, store the fresh answer), `cache: 'true' | 'false'`
 * (opt in or out under the default predicate). The cache never fails a request: a store error or
 * an operation over `timeBudgetMs` counts as a miss (a failed write is ignored) and is reported to
 * `onError`.
 *
 * Context metadata set: `cache.key`, `cache.hit` (`true`/`false`) and `cache.status` (`hit`,
 * `coalesced`, `miss`, `refresh` or `bypass`).
 *
 * @throws ConfigError naming the option when an option is invalid.
 */
export function cache(options: CacheOptions = {}): CacheMiddleware {
  const settings = resolveCacheOptions(options);
  const store = settings.store;
  const budget = settings.timeBudgetMs;
  const scope = { namespace: settings.namespace, version: settings.version };
  const flights = new Map<string, Flight>();
  const calls = new WeakMap<MiddlewareContext, CallState>();
  let absorbedErrors = 0;

  const report = (
    error: unknown,
    operation: CacheErrorInfo['operation'],
    reason: CacheErrorInfo['reason'],
  ) => {
    absorbedErrors++;
    try {
      settings.onError?.(toConnectorError(error), { store: store.name, operation, reason });
    } catch {
      // a failing logger must not turn a cache miss into a failed request
    }
  };
  const reasonOf = (error: unknown): CacheErrorInfo['reason'] =>
    ConnectorError.isInstance(error) && error.code === 'timeout' ? 'timeout' : 'failed';

  const remove = async (key: string): Promise<void> => {
    try {
      await withTimeBudget((signal) => store.invalidate(key, { signal }), budget, 'cache invalidate');
    } catch (error) {
      report(error, 'invalidate', reasonOf(error));
    }
  };

  const lookup = async (key: string, context: MiddlewareContext): Promise<CompletionResponse | undefined> => {
    let value: unknown;
    try {
      value = await withTimeBudget(
        (signal) => store.get(key, { signal }),
        budget,
        'cache get',
        context.signal,
      );
    } catch (error) {
      // a caller who left is no store failure; the provider call that follows reports the abort
      if (!context.signal.aborted) report(error, 'get', reasonOf(error));
      return undefined;
    }
    if (value === undefined || value === null) return undefined;
    if (isCompletionResponse(value)) return value;
    report(
      new ConnectorError(
        'parse',
        `The ${store.name} cache returned a value that is not a completion response.`,
      ),
      'get',
      'corrupt',
    );
    void remove(key);
    return undefined;
  };

  const save = async (key: string, response: CompletionResponse, ttlMs: number): Promise<void> => {
    try {
      await withTimeBudget((signal) => store.set(key, response, ttlMs, { signal }), budget, 'cache set');
    } catch (error) {
      report(error, 'set', reasonOf(error));
    }
  };

  const release = (flight: Flight): void => {
    if (flights.get(flight.key) === flight) flights.delete(flight.key);
  };

  const settleFlight = (flight: Flight, result: FlightResult): void => {
    flight.finish(result);
    release(flight);
  };

  const mark = (context: MiddlewareContext, status: string, hit: boolean): void => {
    context.metadata.set('cache.status', status);
    context.metadata.set('cache.hit', hit ? 'true' : 'false');
  };

  const recordLookup = (context: MiddlewareContext, hit: boolean): void => {
    const labels: MetricLabels =
      context.route === undefined
        ? { provider: context.providerId, model: context.model, operation: context.operation }
        : {
            provider: context.providerId,
            model: context.model,
            route: context.route,
            operation: context.operation,
          };
    context.metrics.recordCacheLookup(labels, hit);
  };

  /**
   * Joins an identical call in flight and resolves its response, or registers this call as the
   * leader and resolves undefined. Checking and registering happen with no await in between, so
   * of many identical requests arriving together exactly one leads.
   */
  const joinOrLead = async (
    key: string,
    state: CallState,
    context: MiddlewareContext,
  ): Promise<CompletionResponse | undefined> => {
    for (;;) {
      const leader = flights.get(key);
      if (leader === undefined) {
        state.flight = new Flight(key);
        flights.set(key, state.flight);
        return undefined;
      }
      const outcome = await waitForFlight(leader, context.signal, settings.maxWaitMs);
      if (outcome.type === 'response') return outcome.response;
      if (outcome.type === 'error') {
        recordLookup(context, false);
        mark(context, 'miss', false);
        throw outcome.error;
      }
      // abandoned or waited too long: the first waiter to get here takes over as leader
      release(leader);
    }
  };

  const keyFor = (request: CompletionRequest, providerId: string): string => {
    const prefix = `${providerId}/`;
    const plain = request.model.startsWith(prefix)
      ? { ...request, model: request.model.slice(prefix.length) }
      : request;
    return cacheKey(plain, providerId, scope);
  };

  return {
    name: settings.name,
    store,
    keyFor,

    stats(): CacheStats {
      const current = store.stats();
      return { ...current, errors: (current.errors ?? 0) + absorbedErrors };
    },

    async onRequest(request, context) {
      let state = calls.get(context);
      if (state !== undefined) state.key = undefined;
      const controls = readCacheControls(request.metadata);
      if (controls.bypass) {
        mark(context, 'bypass', false);
        return undefined;
      }
      if (!settings.shouldCache(request, context)) return undefined;
      let key: string;
      try {
        key = cacheKey(request, context.providerId, scope);
      } catch {
        // a request that cannot be serialized (a cycle in a JSON schema) is simply not cached
        return undefined;
      }
      const ttlMs = controls.ttlMs ?? settings.ttlMs;
      if (state === undefined) {
        state = { key, ttlMs, flight: undefined };
        calls.set(context, state);
      } else {
        state.key = key;
        state.ttlMs = ttlMs;
      }
      context.metadata.set('cache.key', key);
      if (controls.refresh) {
        mark(context, 'refresh', false);
        return undefined;
      }
      // a retry of the leader: it missed a moment ago and its waiters still count on it
      if (state.flight !== undefined && state.flight.key === key && !state.flight.done) return undefined;

      if (settings.singleFlight && state.flight === undefined) {
        // the leader registers before its lookup, so identical requests arriving meanwhile wait
        const shared = await joinOrLead(key, state, context);
        if (shared !== undefined) {
          recordLookup(context, true);
          mark(context, 'coalesced', true);
          return { response: shared };
        }
      }

      const cached = await lookup(key, context);
      recordLookup(context, cached !== undefined);
      if (cached === undefined) {
        mark(context, 'miss', false);
        return undefined;
      }
      mark(context, 'hit', true);
      if (state.flight !== undefined && !state.flight.done)
        settleFlight(state.flight, { type: 'response', response: cached });
      return { response: cached };
    },

    async onResponse(response, context) {
      const state = calls.get(context);
      if (state?.key === undefined) return undefined;
      const flight = state.flight;
      // waiters get the answer now; the write below only delays this caller
      flight?.finish({ type: 'response', response });
      if (settings.cacheFinishReasons.has(response.finishReason))
        await save(state.key, response, state.ttlMs);
      // kept registered until stored, so nobody slips between the flight and the entry
      if (flight !== undefined) release(flight);
      return undefined;
    },

    onSettled(outcome, context) {
      const state = calls.get(context);
      if (state === undefined) return;
      calls.delete(context);
      const flight = state.flight;
      if (flight === undefined) return;
      if (outcome.ok) settleFlight(flight, { type: 'response', response: outcome.response });
      else if (outcome.error.code === 'cancelled' || context.signal.aborted)
        settleFlight(flight, { type: 'abandoned' });
      else settleFlight(flight, { type: 'error', error: outcome.error });
    },
  };
}
