/**
 * Counters and gauges of one store, for a metrics endpoint. Counters only grow; gauges
 * (`bufferedEntries`, `keyCacheSize`, `listening`) say how things are now.
 */
export interface StoreStats {
  /** Gauge: ledger writes waiting to be flushed (bounded by `maxBufferedEntries`). */
  readonly bufferedEntries: number;
  /** Ledger writes refused because the buffer was full: spend that was not recorded. */
  readonly droppedEntries: number;
  /** Ledger rows written. */
  readonly flushedEntries: number;
  /** Flushes that failed (the entries stayed buffered and were retried). */
  readonly flushFailures: number;
  /** Calls admitted without a budget check because the database could not answer (`failMode: 'open'`). */
  readonly uncheckedAdmissions: number;
  /** Authentications answered from an expired cache entry because the database could not answer. */
  readonly staleAuthentications: number;
  /** Operations refused because the database could not answer (`failMode: 'closed'`, or uncached keys). */
  readonly unavailableRefusals: number;
  /** Reservations the sweep charged at their estimate because they were never settled. */
  readonly expiredReservations: number;
  readonly reserveStatements: number;
  readonly reservations: number;
  readonly keyCacheHits: number;
  readonly keyCacheMisses: number;
  /** Gauge: cached key lookups (bounded by `keyCacheSize`). */
  readonly keyCacheSize: number;
  /** Gauge: whether change notifications are being received (always true on PGlite). */
  readonly listening: boolean;
}
