import { type AbortOrigin, abortError, ConnectorError, maskSecrets, toConnectorError } from '@hub/core';
import { untilAborted } from '@hub/provider-utils';
import type { TokenProvider } from './token-provider.js';

/** Options of `AccessTokenCache`. */
export interface AccessTokenCacheOptions {
  /** Set on errors. */
  readonly providerId: string;
  /** Refresh a token once it has less than this left, in milliseconds. Default 60 000. */
  readonly refreshMarginMs?: number;
  /** Give up on one fetch after this many milliseconds (a `timeout` error). Default 30 000. */
  readonly fetchTimeoutMs?: number;
  /** The clock, in epoch milliseconds; default `Date.now`. Tests pass a controllable one. */
  readonly now?: () => number;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

interface Refresh {
  readonly promise: Promise<CachedToken>;
  readonly controller: AbortController;
  waiters: number;
}

const DEFAULT_REFRESH_MARGIN_MS = 60_000;
const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
const MAX_DETAIL_LENGTH = 300;

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function expiryOf(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Keeps one access token from a `TokenProvider` and hands it out until it has less than a minute
 * left, then fetches a new one. Concurrent callers share a single fetch (coalescing), each
 * waiting on its own signal: one caller giving up does not fail the others, and the fetch is
 * aborted only when every waiter gave up. When a refresh fails while the old token is still
 * valid, the old token is used (it still works for its last seconds). Failures are
 * `authentication` errors (retryable when the cause was a network failure or a timeout) whose
 * messages are stripped of anything shaped like a credential.
 */
export class AccessTokenCache {
  readonly #provider: TokenProvider;
  readonly #providerId: string;
  /** Set on abort errors: who was waiting, and for what. */
  readonly #origin: AbortOrigin;
  readonly #refreshMarginMs: number;
  readonly #fetchTimeoutMs: number;
  readonly #now: () => number;
  #current: CachedToken | undefined;
  #refresh: Refresh | undefined;

  constructor(provider: TokenProvider, options: AccessTokenCacheOptions) {
    this.#provider = provider;
    this.#providerId = options.providerId;
    this.#origin = { providerId: options.providerId, during: 'fetching an access token' };
    this.#refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * A token with more than the refresh margin left, fetching one when needed.
   *
   * @throws ConnectorError `authentication` when the fetch failed; `cancelled` / `timeout` when
   *   `signal` aborted.
   */
  async get(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted === true) throw abortError(signal, this.#origin);
    const current = this.#current;
    if (current !== undefined && current.expiresAt - this.#now() > this.#refreshMarginMs)
      return current.token;
    const refresh = this.#refresh ?? this.#startRefresh();
    try {
      return (await this.#wait(refresh, signal)).token;
    } catch (error) {
      const stillValid = current !== undefined && current.expiresAt > this.#now();
      // the caller's own abort is reported, not papered over with the old token
      if (stillValid && !isAborted(signal)) return current.token;
      throw error;
    }
  }

  /**
   * Drops `token` if it is the cached one (the API rejected it), so the next `get` fetches anew.
   */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  #startRefresh(): Refresh {
    const controller = new AbortController();
    const providerId = this.#providerId;
    const timeoutMs = this.#fetchTimeoutMs;
    const timer = setTimeout(() => {
      controller.abort(
        new ConnectorError('timeout', `Fetching an access token took more than ${timeoutMs} ms.`, {
          providerId,
        }),
      );
    }, timeoutMs);
    timer.unref();
    const refresh: Refresh = {
      controller,
      waiters: 0,
      // deferred, so a provider that throws synchronously still rejects the shared promise
      promise: Promise.resolve()
        // a provider that ignores its signal must not hold the waiters past the abort
        .then(() => untilAborted(this.#provider(controller.signal), controller.signal))
        .then(
          (value) => this.#accept(value),
          (error: unknown) => {
            throw this.#failure(error, controller.signal);
          },
        )
        .finally(() => {
          clearTimeout(timer);
          if (this.#refresh === refresh) this.#refresh = undefined;
        }),
    };
    // a refresh every waiter abandoned still settles; nobody is left to observe its rejection
    refresh.promise.catch(() => undefined);
    this.#refresh = refresh;
    return refresh;
  }

  #wait(refresh: Refresh, signal: AbortSignal | undefined): Promise<CachedToken> {
    if (signal === undefined) {
      refresh.waiters++;
      return refresh.promise;
    }
    refresh.waiters++;
    return new Promise<CachedToken>((resolve, reject) => {
      const onAbort = (): void => {
        refresh.waiters--;
        if (refresh.waiters === 0) refresh.controller.abort(abortError(signal, this.#origin));
        reject(abortError(signal, this.#origin));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      refresh.promise.then(
        (token) => {
          signal.removeEventListener('abort', onAbort);
          resolve(token);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  #accept(value: unknown): CachedToken {
    const providerId = this.#providerId;
    const token = (value as { token?: unknown } | null | undefined)?.token;
    const expiresAt = expiryOf((value as { expiresAt?: unknown } | null | undefined)?.expiresAt);
    if (typeof token !== 'string' || token === '' || /[\r\n]/.test(token) || expiresAt === undefined) {
      throw new ConnectorError(
        'authentication',
        'The token provider returned no usable token (expected { token: string, expiresAt: number | Date }).',
        { providerId },
      );
    }
    const cached = { token, expiresAt };
    this.#current = cached;
    return cached;
  }

  #failure(error: unknown, signal: AbortSignal): ConnectorError {
    const providerId = this.#providerId;
    if (signal.aborted) return abortError(signal, this.#origin);
    if (ConnectorError.isInstance(error)) return error;
    const classified = toConnectorError(error, { providerId });
    const transient = classified.code === 'network' || classified.code === 'timeout';
    const raw = error instanceof Error ? error.message : String(error);
    const detail = maskSecrets(raw.length > MAX_DETAIL_LENGTH ? `${raw.slice(0, MAX_DETAIL_LENGTH)}…` : raw);
    // the cause is left out: auth library errors may carry request bodies with signed assertions
    return new ConnectorError('authentication', `Could not obtain an access token: ${detail}`, {
      providerId,
      retryable: transient,
    });
  }
}
