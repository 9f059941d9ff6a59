import type { SqlDriver } from '../driver/sql-driver.js';
import type { StoreOperation } from '../governance-store-options.js';
import type { StoreChange } from '../model/store-change.js';
import type { StoreStats } from '../model/store-stats.js';
import type { ChangeFeed } from './change-feed.js';
import type { KeyCache } from './key-cache.js';
import type { StoreSettings } from './store-settings.js';

/** The counters of `StoreStats`; the gauges are read from their owners. */
export type StoreCounters = {
  -readonly [Name in Exclude<keyof StoreStats, 'bufferedEntries' | 'keyCacheSize' | 'listening'>]: number;
};

/** Fresh counters, all zero. */
export function createCounters(): StoreCounters {
  return {
    droppedEntries: 0,
    flushedEntries: 0,
    flushFailures: 0,
    uncheckedAdmissions: 0,
    staleAuthentications: 0,
    unavailableRefusals: 0,
    expiredReservations: 0,
    reserveStatements: 0,
    reservations: 0,
    keyCacheHits: 0,
    keyCacheMisses: 0,
  };
}

/** What the parts of one store share. */
export interface StoreContext {
  readonly driver: SqlDriver;
  readonly settings: StoreSettings;
  /** The quoted schema name, for building statements. */
  readonly schema: string;
  /** The NOTIFY channel of this schema's stores. */
  readonly channel: string;
  readonly counters: StoreCounters;
  readonly cache: KeyCache;
  readonly changes: ChangeFeed;
  /** Tells `onError`; an observer that throws is ignored (it must not change an answer). */
  report(error: unknown, operation: StoreOperation): void;
  /** Applies a change made by this store: cache first, then subscribers. */
  applyChange(change: Exclude<StoreChange, { kind: 'resync' }>): void;
}

/** Applies a change to the cache of key lookups. */
export function invalidateFor(cache: KeyCache, change: StoreChange): void {
  if (change.kind === 'resync') cache.clear();
  else if (change.kind === 'team') cache.invalidateTeam(change.id);
  else {
    cache.invalidateKey(change.id);
    // a new secret exists: a hash remembered as unknown may now be it
    if (change.action === 'created' || change.action === 'rotated') cache.forgetUnknown();
  }
}
