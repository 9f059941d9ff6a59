import { ConfigError, throwIfAborted } from '@hub/core';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import type { ResponseStore } from './response-store.js';
import type { StoredResponse } from './stored-response.js';

/** Options of `memoryResponseStore`. */
export interface MemoryResponseStoreOptions {
  /** Lifetime of an entry after it was stored or refreshed, in milliseconds. */
  readonly ttlMs: number;
  /** Most entries kept; past it the least recently stored or refreshed is dropped. */
  readonly maxEntries: number;
  /** Most characters of JSON kept in all entries together; past it, same eviction. */
  readonly maxBytes: number;
  /** Clock, epoch milliseconds; default `Date.now`. Tests pass their own. */
  readonly now?: () => number;
}

interface Entry {
  readonly json: string;
  readonly expiresAt: number;
}

/**
 * The default store: entries in process memory as JSON text (a stored response cannot be
 * changed through a reference the caller kept). Bounded by `maxEntries` and `maxBytes`; past
 * either, the entry stored or refreshed longest ago goes first. Expiry is checked on every read,
 * and expired entries are dropped from the front on every write: entries are kept in the order
 * they were stored or refreshed, which with one TTL is the order they expire in, so the sweep
 * stops at the first live one (amortized constant work per write).
 *
 * @throws ConfigError naming the option when an option is not a positive integer.
 */
export function memoryResponseStore(options: MemoryResponseStoreOptions): ResponseStore {
  for (const name of ['ttlMs', 'maxEntries', 'maxBytes'] as const) {
    const value = options[name];
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new ConfigError(`Invalid response store option ${name}: must be a positive integer.`, {
        path: name,
      });
  }
  const { ttlMs, maxEntries, maxBytes } = options;
  const now = options.now ?? Date.now;
  // id → entry, in the order entries were stored or refreshed (Map keeps insertion order);
  // bounded by maxEntries and maxBytes, evicted from the front
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remove = (id: string): boolean => {
    const entry = entries.get(id);
    if (entry === undefined) return false;
    entries.delete(id);
    bytes -= entry.json.length;
    return true;
  };
  const sweep = (at: number): void => {
    for (const [id, entry] of entries) {
      if (entry.expiresAt > at) return;
      remove(id);
    }
  };
  const read = (id: string, signal: AbortSignal | undefined): StoredResponse | undefined => {
    throwIfAborted(signal, { during: 'using the response store' });
    const entry = entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      remove(id);
      return undefined;
    }
    return JSON.parse(entry.json) as StoredResponse;
  };

  return {
    kind: 'memory',
    ttlMs,
    async get(id, signal) {
      return read(id, signal);
    },
    async getMany(ids, signal) {
      return ids.map((id) => read(id, signal));
    },
    async put(entry, signal) {
      throwIfAborted(signal, { during: 'using the response store' });
      const json = JSON.stringify(entry);
      if (json.length > maxBytes) {
        throw new GatewayRequestError(
          'invalid_request',
          413,
          `The response is too large to store (${json.length} characters; the store keeps ${maxBytes}, responses.maxBytes). Send store: false to get it without storing it.`,
          { wireCode: 'response_too_large_to_store' },
        );
      }
      const at = now();
      sweep(at);
      const expiresAt = at + ttlMs;
      remove(entry.id);
      // a continued conversation keeps its earlier turns alive: they move to the back
      for (const ancestor of entry.ancestors) {
        const kept = entries.get(ancestor);
        if (kept === undefined) continue;
        entries.delete(ancestor);
        entries.set(ancestor, { json: kept.json, expiresAt });
      }
      entries.set(entry.id, { json, expiresAt });
      bytes += json.length;
      for (const id of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(id);
      }
    },
    async delete(id, signal) {
      throwIfAborted(signal, { during: 'using the response store' });
      const entry = entries.get(id);
      if (entry === undefined || entry.expiresAt <= now()) {
        if (entry !== undefined) remove(id);
        return false;
      }
      return remove(id);
    },
    async close() {
      entries.clear();
      bytes = 0;
    },
  };
}
