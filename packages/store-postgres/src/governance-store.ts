import type { AdminCallOptions } from './admin/admin-operation.js';
import type { RotateKeyOptions } from './admin/key-admin.js';
import type { PruneLedgerQuery } from './admin/maintenance.js';
import type { ReserveRequest } from './enforcement/budget-enforcer.js';
import type { AuthenticatedKey, Authentication } from './model/authentication.js';
import type { CallRecord } from './model/call-record.js';
import type { KeyListQuery, Page, PageQuery } from './model/page.js';
import type { Reservation, ReserveResult } from './model/reservation.js';
import type { SpendReportQuery, SpendReportRow } from './model/spend-report.js';
import type { StoreChange } from './model/store-change.js';
import type { StoreStats } from './model/store-stats.js';
import type { Team, TeamInput, TeamPatch } from './model/team.js';
import type { KeyUsage, TeamUsage } from './model/usage.js';
import type { CreatedKey, KeyInput, KeyPatch, VirtualKey } from './model/virtual-key.js';

/**
 * Virtual keys, teams, budgets and the spend ledger, on PostgreSQL or PGlite. One store per
 * process; any number of processes may share a PostgreSQL database (budgets stay exact across
 * them). A gateway uses it per call like this:
 *
 * ```
 * authenticate(secret) ──ok──► reserve(auth, { estimatedCost }) ──admitted──► call the model
 *        │                         │                                              │
 *   unknown/revoked/expired    refused (budgetExceededError)          settle(reservation, record)
 *        ▼                         ▼                                  (or release() if never sent)
 *       401                       429
 * ```
 *
 * Errors: bad input throws `ConnectorError` `invalid_request` with `field` naming the input,
 * before any I/O; a missing key or team `not_found`; a conflicting write `invalid_request` with
 * `providerCode: 'conflict'`; a database that cannot answer `overloaded` with
 * `providerCode: 'governance_store_unavailable'`; an aborted signal `cancelled`. Messages never
 * contain a key.
 */
export interface GovernanceStore {
  /** `postgres` (node-postgres pool) or `pglite` (embedded). */
  readonly kind: 'postgres' | 'pglite';

  // ── enforcement (per call) ──────────────────────────────────────────────────────────────────

  /**
   * Identifies a presented secret. Cached per replica (see `keyCacheTtlMs`); any change to the key
   * or its team evicts it on every replica within a second. Expiry and rotation grace are evaluated
   * against the store clock on every call. Never throws for a bad key: it answers `unknown`.
   *
   * @throws ConnectorError `overloaded` when the database cannot answer and nothing usable is cached.
   */
  authenticate(presentedKey: string, options?: AdminCallOptions): Promise<Authentication>;

  /**
   * Holds `estimatedCost` against the key's and the team's budgets for their current periods, in
   * one statement shared with concurrent reservations (admitted only if both have room). Refusals
   * are values, not exceptions. A key and team without budgets are admitted without a round trip.
   * Once a budget is reached no later call is admitted: spend can pass it only by what calls already
   * in flight then cost beyond their estimates.
   *
   * @throws ConnectorError `overloaded` when the database cannot answer and `failMode` is `closed`;
   *   `cancelled` when the signal aborts (anything held is given back).
   */
  reserve(authenticated: AuthenticatedKey, request: ReserveRequest): Promise<ReserveResult>;

  /**
   * Records what an admitted call really cost: the estimate is given back and `record.cost`
   * charged, in the period the call was admitted in, together with its ledger row. Synchronous:
   * the write is buffered and flushed off the request path; settling the same reservation twice
   * counts once. Use cost 0 and status `error` for a failed call the provider did not bill.
   *
   * @returns false when the ledger buffer is full and the write was dropped (counted, reported).
   * @throws ConnectorError `invalid_request` naming a bad field of `record`.
   */
  settle(reservation: Reservation, record: CallRecord): boolean;

  /**
   * Gives back a reservation whose call was never made (refused by a rate limit afterwards,
   * client gone before sending). No ledger row. Buffered like `settle`.
   */
  release(reservation: Reservation): boolean;

  /**
   * Records a call that had no reservation (an open gateway without keys passes undefined).
   * Buffered like `settle`; counts against the key's and team's current periods.
   */
  record(authenticated: AuthenticatedKey | undefined, record: CallRecord): boolean;

  /**
   * Listens to key and team changes made by any store on the database (and `resync` after this
   * store may have missed some). Returns the function that stops listening. The listener runs
   * synchronously; one that throws is reported to `onError` and does not affect others.
   */
  onChange(listener: (change: StoreChange) => void): () => void;

  // ── administration ─────────────────────────────────────────────────────────────────────────

  /** @throws ConnectorError `invalid_request` (`providerCode: 'conflict'`) when the name is taken. */
  createTeam(input: TeamInput, options?: AdminCallOptions): Promise<Team>;
  /** Teams in creation order, `limit` (default 100, at most 1,000) at a time. */
  listTeams(query?: PageQuery, options?: AdminCallOptions): Promise<Page<Team>>;
  /** The team, or undefined. */
  getTeam(id: string, options?: AdminCallOptions): Promise<Team | undefined>;
  /** Changes the fields present in `patch`; every replica sees the change within a second. */
  updateTeam(id: string, patch: TeamPatch, options?: AdminCallOptions): Promise<Team>;
  /** @throws ConnectorError `invalid_request` (`conflict`) while the team still has keys. */
  deleteTeam(id: string, options?: AdminCallOptions): Promise<void>;

  /**
   * Creates a key and returns its plaintext secret in `key`: the only time it is ever available.
   *
   * @throws ConnectorError `not_found` (field `teamId`) for a team that does not exist.
   */
  createKey(input: KeyInput, options?: AdminCallOptions): Promise<CreatedKey>;
  /** Keys in creation order (display prefix only, never a secret), filtered by team. */
  listKeys(query?: KeyListQuery, options?: AdminCallOptions): Promise<Page<VirtualKey>>;
  /** The key, or undefined. */
  getKey(id: string, options?: AdminCallOptions): Promise<VirtualKey | undefined>;
  /** Changes the fields present in `patch`; every replica sees the change within a second. */
  updateKey(id: string, patch: KeyPatch, options?: AdminCallOptions): Promise<VirtualKey>;
  /** Revokes the key (idempotent): every replica refuses it within a second, new reservations at once. */
  revokeKey(id: string, options?: AdminCallOptions): Promise<VirtualKey>;
  /**
   * Gives the key a new secret (returned once in `key`); the old one authenticates as `revoked`
   * after `graceMs`. The key keeps its id, settings, budget usage and history.
   *
   * @throws ConnectorError `invalid_request` (`conflict`) for a revoked key.
   */
  rotateKey(id: string, options?: RotateKeyOptions): Promise<CreatedKey>;
  /** Deletes the key and its usage counters; its ledger rows stay for reports. */
  deleteKey(id: string, options?: AdminCallOptions): Promise<void>;

  /** The key's spend, remaining budget, requests and tokens in its current period, and its team's. */
  getKeyUsage(keyId: string, options?: AdminCallOptions): Promise<KeyUsage>;
  /** The team's spend, remaining budget, requests and tokens in its current period. */
  getTeamUsage(teamId: string, options?: AdminCallOptions): Promise<TeamUsage>;
  /** Requests, tokens and cost grouped by day, model, key or team, filtered by key, team, model and time. */
  spendReport(query: SpendReportQuery, options?: AdminCallOptions): Promise<SpendReportRow[]>;

  // ── housekeeping and lifecycle ─────────────────────────────────────────────────────────────

  /** Deletes ledger rows older than `before`, in batches; daily rollups are kept. Resolves with the count. */
  pruneLedger(query: PruneLedgerQuery, options?: AdminCallOptions): Promise<number>;
  /**
   * Charges reservations left unsettled past `reservationTtlMs` (their replica died) at their
   * estimate, as `expired` ledger rows. Runs every `sweepIntervalMs` on its own. Resolves with the count.
   */
  sweepExpiredReservations(options?: AdminCallOptions): Promise<number>;
  /**
   * Writes every buffered ledger row now (each batch tried once).
   *
   * @throws ConnectorError `overloaded` when the database cannot answer (the rows stay buffered).
   */
  flush(options?: AdminCallOptions): Promise<void>;
  /** Counters and gauges for a metrics endpoint. */
  stats(): StoreStats;
  /**
   * Stops timers, writes every buffered ledger row (retrying for up to `closeTimeoutMs`), stops
   * listening and closes what the store opened, waiting for that at most `queryTimeoutMs` (a
   * connection that stopped answering cannot hold shutdown up; the failure goes to `onError` as
   * `close`). Rows it could not write are reported to `onError` with their count. Idempotent.
   */
  close(options?: AdminCallOptions): Promise<void>;
}
