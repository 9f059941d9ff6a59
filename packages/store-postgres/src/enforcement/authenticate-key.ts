import { abortError } from '@hub/core';
import { storeUnavailable } from '../errors/store-errors.js';
import type { KeyLookup } from '../internal/key-cache.js';
import { hashKey, MAX_PRESENTED_KEY_LENGTH } from '../internal/key-secret.js';
import {
  type KeyRow,
  keyColumns,
  type TeamRow,
  teamColumns,
  toTeam,
  toVirtualKey,
  unprefix,
} from '../internal/row-mapping.js';
import type { StoreContext } from '../internal/store-context.js';
import { withDeadline } from '../internal/with-deadline.js';
import type { Authentication } from '../model/authentication.js';

const UNKNOWN: Authentication = Object.freeze({ status: 'unknown' });

/** What a lookup means at `now`: expiry and rotation grace are evaluated on every use, never cached. */
function evaluate(lookup: KeyLookup, now: number): Authentication {
  const authenticated = lookup.authenticated;
  if (authenticated === undefined) return UNKNOWN;
  const key = authenticated.key;
  if (key.revoked || (lookup.secretRevokedAt !== null && lookup.secretRevokedAt <= now)) {
    return { status: 'revoked', keyId: key.id };
  }
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now) return { status: 'expired', keyId: key.id };
  return authenticated;
}

/**
 * Builds `authenticate`: SHA-256 of the presented secret, then the cache, then one indexed query
 * (secret → key → team). Concurrent lookups of one secret share a query. Cache entries live
 * `keyCacheTtlMs` while change notifications flow and `unnotifiedCacheTtlMs` otherwise.
 */
export function createAuthenticator(
  context: StoreContext,
): (presented: string, options?: { readonly signal?: AbortSignal }) => Promise<Authentication> {
  const { driver, settings, cache, counters, changes, schema } = context;
  const statement = `SELECT ${keyColumns('k', 'k_')}, s.revoked_at AS secret_revoked_at, ${teamColumns('t', 't_')}
    FROM ${schema}.hub_key_secrets s
    JOIN ${schema}.hub_keys k ON k.id = s.key_id
    LEFT JOIN ${schema}.hub_teams t ON t.id = k.team_id
    WHERE s.hash = $1`;
  // one query per secret at a time: bounded by the number of concurrent distinct presented keys
  const inFlight = new Map<string, Promise<KeyLookup>>();

  const load = (hash: string): Promise<KeyLookup> => {
    const running = inFlight.get(hash);
    if (running !== undefined) return running;
    const generation = cache.generation;
    const lookup = (async (): Promise<KeyLookup> => {
      try {
        const rows = await driver.query<Record<string, unknown>>(statement, [hash]);
        const row = rows[0];
        const loaded: KeyLookup =
          row === undefined
            ? { authenticated: undefined, secretRevokedAt: null, loadedAt: settings.now() }
            : {
                authenticated: Object.freeze({
                  status: 'ok' as const,
                  key: toVirtualKey(unprefix<KeyRow>(row, 'k_')),
                  team: row.t_id === null ? undefined : toTeam(unprefix<TeamRow>(row, 't_')),
                }),
                secretRevokedAt:
                  row.secret_revoked_at === null ? null : new Date(row.secret_revoked_at as Date).getTime(),
                loadedAt: settings.now(),
              };
        cache.set(hash, loaded, generation);
        return loaded;
      } finally {
        inFlight.delete(hash);
      }
    })();
    inFlight.set(hash, lookup);
    return lookup;
  };

  return async (presented, options = {}) => {
    const signal = options.signal;
    if (signal?.aborted === true) throw abortError(signal, { during: 'authenticating the key' });
    if (typeof presented !== 'string' || presented === '' || presented.length > MAX_PRESENTED_KEY_LENGTH) {
      return UNKNOWN;
    }
    const hash = hashKey(presented);
    const now = settings.now();
    const cached = cache.get(hash);
    const ttl = changes.listening ? settings.keyCacheTtlMs : settings.unnotifiedCacheTtlMs;
    if (cached !== undefined && now - cached.loadedAt < ttl) {
      counters.keyCacheHits++;
      return evaluate(cached, now);
    }
    counters.keyCacheMisses++;
    try {
      const lookup = await withDeadline(
        load(hash),
        settings.queryTimeoutMs,
        signal,
        'authenticating the key',
      );
      return evaluate(lookup, settings.now());
    } catch (error) {
      // the signal may have aborted while waiting (the check above narrowed its type to "not yet")
      const aborted = signal as AbortSignal | undefined;
      if (aborted?.aborted === true) throw abortError(aborted, { during: 'authenticating the key' });
      const fallback = cached?.authenticated === undefined ? undefined : cached;
      if (
        settings.failMode === 'open' &&
        fallback !== undefined &&
        now - fallback.loadedAt < settings.staleIfErrorMs
      ) {
        counters.staleAuthentications++;
        context.report(error, 'authenticate');
        return evaluate(fallback, now);
      }
      counters.unavailableRefusals++;
      context.report(error, 'authenticate');
      throw storeUnavailable(error, settings.unavailableRetryAfterMs);
    }
  };
}
