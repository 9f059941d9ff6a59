import type { ConnectorError } from '@hub/core';

/** Where a cache failure happened. It was absorbed: the request went on as a miss. */
export interface CacheErrorInfo {
  /** The store's `name` (`memory`, `redis`). */
  readonly store: string;
  /** The operation that failed (`connect` for a store's connection). */
  readonly operation: 'get' | 'set' | 'invalidate' | 'clear' | 'connect';
  /**
   * `failed`: the store threw or rejected; `timeout`: it exceeded its time budget; `corrupt`: it
   * returned a value that is not a response (the entry is deleted).
   */
  readonly reason: 'failed' | 'timeout' | 'corrupt';
}

/**
 * Receives every cache failure that was turned into a miss, for logging. Must not throw (a throw
 * is ignored). The error never contains cached content or credentials.
 */
export type CacheErrorHandler = (error: ConnectorError, info: CacheErrorInfo) => void;
