import {
  type AbortOrigin,
  abortError,
  ConfigError,
  ConnectorError,
  type ErrorCode,
  maskSecrets,
  toConnectorError,
} from '@hub/core';
import type { CredentialHeader } from './credential-header.js';
import type { Credentials, CredentialsProvider, GetCredentialsOptions } from './credentials-provider.js';
import { buildCredentials, isUsableSecret, resolvePlacement } from './internal/build-credentials.js';
import { SharedFlight } from './internal/shared-flight.js';

/** What `fetchToken` resolves with: the token and its lifetime, relative or absolute. */
export type FetchedToken =
  | { readonly token: string; readonly expiresInMs: number; readonly expiresAt?: undefined }
  | { readonly token: string; readonly expiresAt: number; readonly expiresInMs?: undefined };

/** Options of `refreshingToken`. */
export interface RefreshingTokenOptions {
  /**
   * Fetches a new token (an OAuth client-credentials grant, a cloud metadata endpoint, …). Must
   * honour `signal`: it aborts when every caller waiting for this fetch gave up. Errors it throws
   * are reported without their `cause` and with secret-shaped text masked.
   */
  readonly fetchToken: (signal: AbortSignal) => Promise<FetchedToken>;
  /** Refresh this many milliseconds before the token expires. Default 60 000. */
  readonly refreshBeforeMs?: number;
  /** Header that carries the token. Default `authorization`. */
  readonly header?: CredentialHeader;
  /** Word before the token. Default `Bearer` for `authorization`, none otherwise; `null` for none. */
  readonly scheme?: string | null;
  /** Clock in epoch milliseconds. Default `Date.now`; tests inject their own. */
  readonly now?: () => number;
}

interface CachedToken {
  readonly secret: string;
  readonly credentials: Credentials & { readonly expiresAt: number };
}

const DEFAULT_REFRESH_BEFORE_MS = 60_000;
const WAITING: AbortOrigin = { during: 'waiting for credentials' };
const FETCHING: AbortOrigin = { during: 'fetching a token' };

/**
 * Credentials from a short-lived token that is fetched on first use, cached, and fetched again
 * `refreshBeforeMs` before it expires (or when a call forces a refresh after a 401). Concurrent
 * callers share one in-flight fetch: fifty requests arriving with an expired token cause one
 * `fetchToken` call. No timers run in the background: refreshing happens on demand.
 *
 * When a refresh inside the early-refresh window fails while the cached token is still valid,
 * the cached token is served and the next call tries again.
 *
 * @throws ConfigError at creation, naming the field, for a missing `fetchToken`, a negative
 *   `refreshBeforeMs` or an invalid `header` / `scheme`.
 */
export function refreshingToken(options: RefreshingTokenOptions): CredentialsProvider {
  const subject = 'refreshingToken';
  if (typeof options !== 'object' || options === null || typeof options.fetchToken !== 'function') {
    throw new ConfigError(
      `${subject}: "fetchToken" must be a function (signal) => Promise<{ token, expiresInMs }>.`,
      {
        path: 'fetchToken',
      },
    );
  }
  const refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  if (typeof refreshBeforeMs !== 'number' || !Number.isFinite(refreshBeforeMs) || refreshBeforeMs < 0) {
    throw new ConfigError(
      `${subject}: "refreshBeforeMs" must be a finite number of milliseconds, 0 or more.`,
      {
        path: 'refreshBeforeMs',
      },
    );
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ConfigError(`${subject}: "now" must be a function returning epoch milliseconds.`, {
      path: 'now',
    });
  }
  const placement = resolvePlacement(options, subject);
  const now = options.now ?? Date.now;
  const fetchToken = options.fetchToken;
  let cached: CachedToken | undefined;
  let flight: SharedFlight<Credentials> | undefined;

  async function fetchFresh(signal: AbortSignal): Promise<Credentials> {
    const startedAt = now();
    let fetched: FetchedToken;
    try {
      fetched = await fetchToken(signal);
    } catch (error) {
      throw fetchFailure(error, signal, cached?.secret);
    }
    if (signal.aborted) throw abortError(signal, FETCHING);
    const secret = (fetched as { token?: unknown } | undefined)?.token;
    const expiresAt = expiryOf(fetched, startedAt);
    if (!isUsableSecret(secret) || expiresAt === undefined) {
      throw new ConnectorError(
        'authentication',
        'fetchToken resolved without a usable token (a non-empty string without line breaks) and a finite expiresInMs or expiresAt.',
      );
    }
    const next: CachedToken = {
      secret,
      credentials: buildCredentials(placement, secret, expiresAt) as CachedToken['credentials'],
    };
    cached = next;
    return next.credentials;
  }

  function startOrJoin(signal: AbortSignal | undefined): Promise<Credentials> {
    if (flight === undefined || !flight.joinable) {
      const started = new SharedFlight(fetchFresh);
      flight = started;
      void started.done.then(() => {
        if (flight === started) flight = undefined;
      });
    }
    return flight.join(signal);
  }

  return {
    async getCredentials(callOptions: GetCredentialsOptions = {}): Promise<Credentials> {
      const signal = callOptions.signal;
      if (signal?.aborted) throw abortError(signal, WAITING);
      const current = cached;
      if (callOptions.forceRefresh !== true && current !== undefined) {
        if (now() < current.credentials.expiresAt - refreshBeforeMs) return current.credentials;
      }
      try {
        return await startOrJoin(signal);
      } catch (error) {
        // an early refresh that failed is no reason to drop a token that still works
        const stillValid =
          callOptions.forceRefresh !== true &&
          current !== undefined &&
          now() < current.credentials.expiresAt &&
          !signal?.aborted;
        if (stillValid) return current.credentials;
        throw error;
      }
    },
  };
}

function expiryOf(fetched: FetchedToken | undefined, startedAt: number): number | undefined {
  if (typeof fetched !== 'object' || fetched === null) return undefined;
  if (typeof fetched.expiresAt === 'number' && Number.isFinite(fetched.expiresAt)) return fetched.expiresAt;
  // measured from when the fetch started, so network time never makes the token look fresher
  if (
    typeof fetched.expiresInMs === 'number' &&
    Number.isFinite(fetched.expiresInMs) &&
    fetched.expiresInMs >= 0
  )
    return startedAt + fetched.expiresInMs;
  return undefined;
}

const KEPT_CODES: ReadonlySet<ErrorCode> = new Set([
  'network',
  'timeout',
  'cancelled',
  'rate_limit',
  'overloaded',
]);

/**
 * Reports a failed `fetchToken` without leaking: no `cause` (it may hold a request with the
 * client secret), the message masked. Transport codes stay, so retry middleware may retry them.
 */
function fetchFailure(
  error: unknown,
  signal: AbortSignal,
  previousSecret: string | undefined,
): ConnectorError {
  if (signal.aborted) return abortError(signal, FETCHING);
  const converted = toConnectorError(error);
  const code: ErrorCode = KEPT_CODES.has(converted.code) ? converted.code : 'authentication';
  const known = previousSecret === undefined ? [] : [previousSecret];
  return new ConnectorError(code, `Fetching a token failed: ${maskSecrets(converted.message, known)}`, {
    ...(converted.status !== undefined && { status: converted.status }),
    ...(converted.retryAfterMs !== undefined && { retryAfterMs: converted.retryAfterMs }),
    ...(KEPT_CODES.has(converted.code) && { retryable: converted.retryable }),
  });
}
