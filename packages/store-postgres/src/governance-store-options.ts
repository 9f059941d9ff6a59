import type { PgPoolLike } from './driver/pg-pool-like.js';
import type { PgliteLike } from './driver/pglite-like.js';

/** Which store operation an `onError` report comes from. */
export type StoreOperation =
  | 'authenticate'
  | 'reserve'
  | 'flush'
  | 'sweep'
  | 'listen'
  | 'connection'
  | 'close'
  | 'observer';

/**
 * Options of `openGovernanceStore`. Give exactly one of `url`, `pool` (PostgreSQL through `pg`),
 * `dataDir` or `pglite` (embedded PGlite). Everything else has a default.
 */
export interface GovernanceStoreOptions {
  /** `postgres://user@host:5432/db`; the store creates, owns and closes a `pg` pool. */
  readonly url?: string;
  /** A `pg.Pool` you own (never closed by the store). One of its connections is held for LISTEN. */
  readonly pool?: PgPoolLike;
  /** A PGlite data directory (created if missing), or `memory://` for a throw-away database. */
  readonly dataDir?: string;
  /** A PGlite instance you own (never closed by the store). */
  readonly pglite?: PgliteLike;
  /**
   * PostgreSQL schema of the store's tables (all named `hub_*`), created if missing. Lower-case
   * letters, digits and `_`. Default `public`.
   */
  readonly schema?: string;
  /** Connections of the pool the store creates from `url`. Default 10. */
  readonly poolSize?: number;
  /** Apply missing migrations when opening (under an advisory lock). Default true. */
  readonly migrate?: boolean;
  /**
   * What `reserve` does when the database cannot answer (down, unreachable, timed out):
   *
   * - `closed` (default): throw `overloaded` (`STORE_UNAVAILABLE_CODE`): no call is admitted that
   *   could not be accounted for against its budget. Money wins over availability.
   * - `open`: admit the call unchecked (`reservation.degraded`), count it in
   *   `stats().uncheckedAdmissions` and report it to `onError`; its spend is still buffered and
   *   written once the database is back. `authenticate` may then also answer from a cache entry up
   *   to `staleIfErrorMs` old.
   *
   * A key this replica has never seen is refused whatever the mode: an unknown secret is never admitted.
   */
  readonly failMode?: 'open' | 'closed';
  /** The clock, in ms since the epoch: budget periods, expiry, cache ages. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * How long a key lookup is cached while change notifications are received (any change to the
   * key or its team evicts it at once on every replica). Default 60,000 ms.
   */
  readonly keyCacheTtlMs?: number;
  /**
   * How long a key lookup is cached while notifications are NOT received (the LISTEN connection is
   * down), so revocations still reach this replica within a second. Default 500 ms.
   */
  readonly unnotifiedCacheTtlMs?: number;
  /** With `failMode: 'open'`, how old a cache entry may be to authenticate while the database is down. Default 300,000 ms. */
  readonly staleIfErrorMs?: number;
  /** Most key lookups cached (and, separately, most unknown secrets remembered); oldest evicted first. Default 10,000. */
  readonly keyCacheSize?: number;
  /** Longest wait before buffered ledger rows are written. Default 200 ms. */
  readonly flushIntervalMs?: number;
  /** Most ledger rows per write statement; a full batch is written at once. Default 500. */
  readonly flushBatchSize?: number;
  /**
   * Most ledger rows buffered (while the database is slow or down). Beyond it new rows are dropped,
   * counted in `stats().droppedEntries` and reported to `onError`. Default 100,000.
   */
  readonly maxBufferedEntries?: number;
  /** Most reservations sent in one statement. Default 256. */
  readonly reserveBatchSize?: number;
  /**
   * How long a reservation may stay unsettled before the sweep charges its estimate (its replica
   * is presumed dead). Must exceed the longest call. Default 900,000 ms (15 minutes).
   */
  readonly reservationTtlMs?: number;
  /**
   * Whether a reservation's commit waits for its WAL record to reach disk. Default false: the
   * commit returns at once (PostgreSQL's `synchronous_commit = off`, for that transaction only),
   * which on disks with slow fsync is the difference between tens of microseconds and several
   * milliseconds per batch, with row locks held the whole time. What it risks: a crash of the
   * database server (not of a replica) can lose the reservations of its last fraction of a second
   * (at most 3 × `wal_writer_delay`). Those calls are still charged in full when they settle; they
   * only stopped holding their estimate early, so calls admitted right after the crash could pass
   * the budget by those estimates. Ledger writes (spend) always commit synchronously.
   */
  readonly synchronousReservations?: boolean;
  /** How often this store sweeps expired reservations; 0 disables the timer (call `sweepExpiredReservations`). Default 60,000 ms. */
  readonly sweepIntervalMs?: number;
  /**
   * Longest wait for one statement (server-side `statement_timeout` of an owned pool, and a
   * client-side deadline on hot-path statements), and for a new connection. Default 5,000 ms.
   */
  readonly queryTimeoutMs?: number;
  /** Longest wait for the advisory migration lock. Default 60,000 ms. */
  readonly migrationLockTimeoutMs?: number;
  /** Longest time `close` keeps trying to flush buffered ledger rows. Default 10,000 ms. */
  readonly closeTimeoutMs?: number;
  /** `retryAfterMs` of `overloaded` errors when the database cannot answer. Default 1,000 ms. */
  readonly unavailableRetryAfterMs?: number;
  /** Start of every generated key, 1–16 characters of `[A-Za-z0-9_-]`. Default `sk-hub-`. */
  readonly keyPrefix?: string;
  /**
   * Sees every failure that did not reach a caller as an exception: degraded answers, failed
   * flushes (retried), the notification connection, idle pool connections. Never a secret.
   */
  readonly onError?: (error: Error, operation: StoreOperation) => void;
}
