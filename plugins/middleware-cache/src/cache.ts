import {
  type CacheStats,
  type CacheStrategy,
  type CompletionRequest,
  ConnectorError,
  type EmbeddingRequest,
  type HubOperation,
  isEmbeddingResponse,
  type Middleware,
  type MiddlewareContext,
  type RequestHookResult,
  toConnectorError,
} from '@hub/core';
import type { CacheErrorInfo } from './cache-error-info.js';
import { keyHash, keyPrefix } from './cache-key.js';
import type { CacheOptions } from './cache-options.js';
import { CACHED_OPERATIONS, type CachedOperation } from './cached-operation.js';
import type { CachedResponse } from './cached-response.js';
import { isInProcessCacheStore } from './in-process-cache-store.js';
import { readCacheControls } from './internal/read-cache-controls.js';
import { resolveCacheOptions } from './internal/resolve-cache-options.js';
import { Flight, type FlightResult, waitForFlight } from './internal/single-flight.js';
import { isCompletionResponse } from './is-completion-response.js';
import { isEmbeddingResponseShape } from './is-embedding-response-shape.js';
import { withTimeBudget } from './with-time-budget.js';

/** The `cache` middleware, with access to its store and counters. */
export interface CacheMiddleware extends Middleware<CachedOperation> {
  readonly name: string;
  /** The store answers are kept in. */
  readonly store: CacheStrategy<CachedResponse>;
  /**
   * The store's counters, with the failures the middleware itself absorbed (a store that threw,
   * exceeded the time budget or returned something that is not a response) added to `errors`.
   */
  stats(): CacheStats;
  /**
   * The key `request` (a completion or an embedding request) is cached under when sent to
   * `providerId` (a `provider/` prefix on `request.model` is ignored), for example to
   * `store.invalidate` one answer.
   */
  keyFor(request: CompletionRequest | EmbeddingRequest, providerId: string): string;
}

type Context = MiddlewareContext<CachedOperation>;
type HookResult = RequestHookResult<HubOperation>;

/** What the middleware remembers about one hub call, between its hooks. */
interface CallState {
  /** Key of the current attempt; undefined when the attempt is not cacheable. */
  key: string | undefined;
  ttlMs: number;
  /** The flight this call leads (created on its first cacheable miss). */
  flight: Flight | undefined;
}

/**
 * Creates the response cache middleware, for completions (`complete`, `stream`) and embeddings
 * (`embed`); not for `count-tokens` (see `CachedOperation`). For each cacheable attempt (see
 * `CacheOptions.shouldCache`) it looks the request up (`cacheKey`) and answers a hit without the
 * provider; the hub replays a hit to a stream caller as chunks, `finish` last. A miss is stored
 * when it succeeds (a completion only with a cacheable finish reason); for streams, only once
 * the stream finished (an aborted or failed stream is never stored).
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
 * `onError`. Whatever a store returns is checked to be a response of the call's kind.
 *
 * An `InProcessCacheStore` (the default memory cache) is read and written synchronously: no time
 * budget, timer, abort listener or promise per call, and a hit answers without an await.
 *
 * Context metadata set: `cache.key`, `cache.hit` (`true`/`false`) and `cache.status` (`hit`,
 * `coalesced`, `miss`, `refresh` or `bypass`).
 *
 * @throws ConfigError naming the option when an option is invalid.
 */
export function cache(options: CacheOptions = {}): CacheMiddleware {
  const settings = resolveCacheOptions(options);
  const store = settings.store;
  const inProcess = isInProcessCacheStore(store) ? store : undefined;
  const budget = settings.timeBudgetMs;
  const prefix = keyPrefix({ namespace: settings.namespace, version: settings.version });
  // one entry per key in flight: bounded by the calls in flight, removed when each settles
  const flights = new Map<string, Flight>();
  const calls = new WeakMap<Context, CallState>();
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

  /** `value` when it is a response of the call's kind; otherwise a corrupt entry, deleted. */
  const accept = (value: unknown, key: string, context: Context): CachedResponse | undefined => {
    if (value === undefined || value === null) return undefined;
    const embedding = context.operation === 'embed';
    if (embedding ? isEmbeddingResponseShape(value) : isCompletionResponse(value))
      return value as CachedResponse;
    report(
      new ConnectorError(
        'parse',
        `The ${store.name} cache returned a value that is not ${embedding ? 'an embedding' : 'a completion'} response.`,
      ),
      'get',
      'corrupt',
    );
    void remove(key);
    return undefined;
  };

  const readNow = (key: string, context: Context): CachedResponse | undefined => {
    let value: unknown;
    try {
      value = inProcess?.getSync(key);
    } catch (error) {
      report(error, 'get', 'failed');
      return undefined;
    }
    return accept(value, key, context);
  };

  const read = async (key: string, context: Context): Promise<CachedResponse | undefined> => {
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
    return accept(value, key, context);
  };

  const save = async (key: string, response: CachedResponse, ttlMs: number): Promise<void> => {
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

  const lead = (key: string, state: CallState): void => {
    state.flight = new Flight(key);
    flights.set(key, state.flight);
  };

  const mark = (context: Context, status: string, hit: boolean): void => {
    context.metadata.set('cache.status', status);
    context.metadata.set('cache.hit', hit ? 'true' : 'false');
  };

  const recordLookup = (context: Context, hit: boolean): void => {
    context.metrics.recordCacheLookup(context.metricLabels(), hit);
  };

  /** Counts and marks a lookup, and answers a hit (settling a flight this call leads). */
  const conclude = (
    key: string,
    state: CallState,
    context: Context,
    cached: CachedResponse | undefined,
  ): HookResult => {
    recordLookup(context, cached !== undefined);
    if (cached === undefined) {
      // an in-process store is read before leading: nothing can arrive in between
      if (settings.singleFlight && state.flight === undefined) lead(key, state);
      mark(context, 'miss', false);
      return undefined;
    }
    mark(context, 'hit', true);
    if (state.flight !== undefined && !state.flight.done)
      settleFlight(state.flight, { type: 'response', response: cached });
    return { response: cached };
  };

  /**
   * Waits for an identical call in flight and answers with its response; when it is abandoned
   * (or takes longer than `maxWaitMs`), the first waiter to notice leads and looks the key up.
   */
  const follow = async (
    leader: Flight,
    key: string,
    state: CallState,
    context: Context,
  ): Promise<HookResult> => {
    for (let current: Flight | undefined = leader; current !== undefined; current = flights.get(key)) {
      const outcome = await waitForFlight(current, context.signal, settings.maxWaitMs);
      if (outcome.type === 'response') {
        recordLookup(context, true);
        mark(context, 'coalesced', true);
        return { response: outcome.response };
      }
      if (outcome.type === 'error') {
        recordLookup(context, false);
        mark(context, 'miss', false);
        throw outcome.error;
      }
      release(current);
    }
    lead(key, state);
    return conclude(
      key,
      state,
      context,
      inProcess === undefined ? await read(key, context) : readNow(key, context),
    );
  };

  /** Looks the key up, joining or leading the flight of identical calls. */
  const lookup = (key: string, state: CallState, context: Context): HookResult | Promise<HookResult> => {
    if (settings.singleFlight && state.flight === undefined) {
      const leader = flights.get(key);
      if (leader !== undefined) return follow(leader, key, state, context);
      // registered before a lookup that awaits, so identical calls arriving meanwhile wait
      if (inProcess === undefined) lead(key, state);
    }
    if (inProcess !== undefined) return conclude(key, state, context, readNow(key, context));
    return read(key, context).then((cached) => conclude(key, state, context, cached));
  };

  const keyFor = (request: CompletionRequest | EmbeddingRequest, providerId: string): string => {
    const providerPrefix = `${providerId}/`;
    const plain = request.model.startsWith(providerPrefix)
      ? { ...request, model: request.model.slice(providerPrefix.length) }
      : request;
    return prefix + keyHash(plain, providerId);
  };

  return {
    name: settings.name,
    operations: CACHED_OPERATIONS,
    store,
    keyFor,

    stats(): CacheStats {
      const current = store.stats();
      return { ...current, errors: (current.errors ?? 0) + absorbedErrors };
    },

    onRequest(request, context) {
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
        key = prefix + keyHash(request, context.providerId);
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
      return lookup(key, state, context);
    },

    onResponse(response, context) {
      const state = calls.get(context);
      if (state?.key === undefined) return undefined;
      const flight = state.flight;
      // waiters get the answer now; the write below only delays this caller
      flight?.finish({ type: 'response', response });
      const storable =
        isEmbeddingResponse(response) || settings.cacheFinishReasons.has(response.finishReason);
      if (storable && inProcess === undefined) {
        // kept registered until stored, so nobody slips between the flight and the entry
        return save(state.key, response, state.ttlMs).then(() => {
          if (flight !== undefined) release(flight);
        });
      }
      if (storable) {
        try {
          inProcess?.setSync(state.key, response, state.ttlMs);
        } catch (error) {
          report(error, 'set', 'failed');
        }
      }
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
