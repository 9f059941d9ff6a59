import {
  ConfigError,
  ConnectorError,
  ErrorAction,
  type HubOperation,
  type Middleware,
  type MiddlewareContext,
  maskSecrets,
} from '@hub/core';
import type { Credentials, CredentialsProvider } from './credentials-provider.js';
import { credentialsFailure } from './internal/credentials-failure.js';
import { SharedFlight } from './internal/shared-flight.js';

/** Options of `auth`. */
export interface AuthOptions {
  /**
   * Credentials per provider id (`openai`, `anthropic`, …). Calls to providers not listed here are
   * left untouched (they use the key from their own configuration).
   */
  readonly providers: Readonly<Record<string, CredentialsProvider>>;
}

/** What one hub call remembers between its hooks. */
interface CallState {
  /** Credentials sent on the current attempt; undefined when this attempt sent none. */
  used: Credentials | undefined;
  /** Whether this call already spent its one authentication retry. */
  retried: boolean;
}

/** A forced refresh in flight for one provider, and the credentials whose rejection started it. */
interface PendingRefresh {
  readonly rejected: Credentials;
  readonly flight: SharedFlight<Credentials>;
}

const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Middleware that authenticates provider calls with credentials it obtains per attempt, sent as
 * HTTP headers through `context.setHeader` (so they reach only the current attempt's provider,
 * never a fallback target, and never the request body or metadata).
 *
 * On an `authentication` error (HTTP 401) it forces one refresh and returns `ErrorAction.retry()`,
 * at most once per hub call, and only when the refreshed credentials differ from the rejected
 * ones (retrying a static key that was just rejected would fail the same way). Refreshes are
 * coalesced: when fifty calls fail with the same stale token, the credentials provider is asked
 * for a forced refresh once, and calls whose 401 arrives after the refresh finished simply retry
 * with the new token.
 *
 * When the refresh itself fails, the call fails with an `authentication` error saying so (or
 * `cancelled` when the call was aborted meanwhile). Neither the headers nor a token ever appear in
 * an error, `context.metadata` or a log line written by this middleware.
 *
 * Operations: all four (`complete`, `stream`, `embed`, `count-tokens`). Embedding and counting
 * endpoints take the same credentials as the chat endpoint, and a middleware left out of them
 * would let those calls go out with the provider's configured key (or none) instead.
 *
 * Register it inside (after) a retry middleware so that its one retry is not counted as
 * another's, and outside a cache so that cache hits skip the token lookup.
 *
 * @throws ConfigError naming the field when `providers` is not an object of credentials providers
 *   keyed by valid provider ids.
 */
export function auth(options: AuthOptions): Middleware<HubOperation> {
  const providers = validateProviders(options);
  // one entry per call in flight, released with the call's context
  const calls = new WeakMap<MiddlewareContext<HubOperation>, CallState>();
  // Bound: at most one entry per provider id configured in `providers` (the only ids a refresh is
  // started for), deleted as soon as its refresh settles
  const refreshes = new Map<string, PendingRefresh>();

  const forcedRefresh = (
    providerId: string,
    provider: CredentialsProvider,
    rejected: Credentials,
    signal: AbortSignal,
  ): Promise<Credentials> => {
    let pending = refreshes.get(providerId);
    if (pending === undefined || !pending.flight.joinable || !sameCredentials(pending.rejected, rejected)) {
      const flight = new SharedFlight((flightSignal) =>
        provider.getCredentials({ signal: flightSignal, forceRefresh: true }),
      );
      const started: PendingRefresh = { rejected, flight };
      pending = started;
      refreshes.set(providerId, started);
      void flight.done.then(() => {
        if (refreshes.get(providerId) === started) refreshes.delete(providerId);
      });
    }
    return pending.flight.join(signal);
  };

  return {
    name: 'auth',
    operations: ['complete', 'stream', 'embed', 'count-tokens'],

    async onRequest(_request, context) {
      const state = calls.get(context);
      if (state !== undefined) state.used = undefined;
      const provider = providers.get(context.providerId);
      if (provider === undefined) return;
      const setHeader = (context as Partial<Pick<MiddlewareContext<HubOperation>, 'setHeader'>>).setHeader;
      if (typeof setHeader !== 'function') {
        // without per-attempt headers the provider would be called unauthenticated: fail loudly
        throw new ConnectorError(
          'config',
          'The auth middleware needs a @hub/core whose MiddlewareContext has setHeader(name, value); upgrade @hub/core.',
          { providerId: context.providerId },
        );
      }
      let credentials: Credentials;
      try {
        credentials = await provider.getCredentials({ signal: context.signal });
      } catch (error) {
        throw credentialsFailure(error, context.providerId);
      }
      for (const name of Object.keys(credentials.headers)) {
        setHeader.call(context, name, credentials.headers[name] as string);
      }
      if (state === undefined) calls.set(context, { used: credentials, retried: false });
      else state.used = credentials;
    },

    async onError(error, context) {
      if (error.code !== 'authentication') return;
      const state = calls.get(context);
      const rejected = state?.used;
      if (state === undefined || rejected === undefined || state.retried || context.contentYielded) return;
      const provider = providers.get(context.providerId);
      if (provider === undefined) return;
      state.retried = true;
      let fresh: Credentials;
      try {
        // another call may have refreshed already: then the cached credentials are newer
        const current = await provider.getCredentials({ signal: context.signal });
        fresh = sameCredentials(current, rejected)
          ? await forcedRefresh(context.providerId, provider, rejected, context.signal)
          : current;
      } catch (refreshError) {
        throw refreshFailure(refreshError, error, context.providerId);
      }
      return sameCredentials(fresh, rejected) ? undefined : ErrorAction.retry();
    },
  };
}

function validateProviders(options: AuthOptions): Map<string, CredentialsProvider> {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('auth: options must be an object with "providers".', { path: '' });
  }
  const given = options.providers;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new ConfigError('auth: "providers" must map provider ids to credentials providers.', {
      path: 'providers',
    });
  }
  const providers = new Map<string, CredentialsProvider>();
  for (const providerId of Object.keys(given)) {
    const provider = given[providerId];
    if (!PROVIDER_ID.test(providerId)) {
      throw new ConfigError(
        `auth: "${providerId}" is not a provider id (lowercase letters, digits, ".", "_", "-").`,
        {
          path: `providers.${providerId}`,
        },
      );
    }
    if (typeof provider?.getCredentials !== 'function') {
      throw new ConfigError(
        `auth: providers.${providerId} must be a credentials provider (staticKey, envKey, refreshingToken or an object with getCredentials).`,
        { path: `providers.${providerId}` },
      );
    }
    providers.set(providerId, provider);
  }
  return providers;
}

/** Compares by header content, so providers that rebuild equal objects are still "unchanged". */
function sameCredentials(left: Credentials, right: Credentials): boolean {
  if (left === right) return true;
  const leftNames = Object.keys(left.headers);
  if (leftNames.length !== Object.keys(right.headers).length) return false;
  return leftNames.every((name) => left.headers[name] === right.headers[name]);
}

function refreshFailure(refreshError: unknown, original: ConnectorError, providerId: string): ConnectorError {
  if (
    ConnectorError.isInstance(refreshError) &&
    (refreshError.code === 'cancelled' || refreshError.code === 'timeout')
  )
    return refreshError;
  const reason = ConnectorError.isInstance(refreshError)
    ? refreshError.message
    : maskSecrets(refreshError instanceof Error ? refreshError.message : String(refreshError));
  return new ConnectorError(
    'authentication',
    `Provider "${providerId}" rejected the credentials and refreshing them failed: ${reason}`,
    {
      providerId,
      ...(original.status !== undefined && { status: original.status }),
      ...(original.model !== undefined && { model: original.model }),
    },
  );
}
