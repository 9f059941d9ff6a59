import { ConfigError, type ConfigIssue } from '@hub/core';
import type { GovernanceStoreOptions, StoreOperation } from '../governance-store-options.js';

/** Options with defaults applied, checked once when the store opens. */
export interface StoreSettings {
  readonly schema: string;
  readonly poolSize: number;
  readonly migrate: boolean;
  readonly failMode: 'open' | 'closed';
  readonly now: () => number;
  readonly keyCacheTtlMs: number;
  readonly unnotifiedCacheTtlMs: number;
  readonly staleIfErrorMs: number;
  readonly keyCacheSize: number;
  readonly flushIntervalMs: number;
  readonly flushBatchSize: number;
  readonly maxBufferedEntries: number;
  readonly reserveBatchSize: number;
  readonly reservationTtlMs: number;
  readonly synchronousReservations: boolean;
  readonly sweepIntervalMs: number;
  readonly queryTimeoutMs: number;
  readonly migrationLockTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly unavailableRetryAfterMs: number;
  readonly keyPrefix: string;
  readonly onError: (error: Error, operation: StoreOperation) => void;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,47}$/;
const KEY_PREFIX = /^[A-Za-z0-9_-]{1,16}$/;

/**
 * Applies defaults and checks every option before any I/O.
 *
 * @throws ConfigError listing every bad option.
 */
export function resolveStoreSettings(options: GovernanceStoreOptions): StoreSettings {
  const issues: ConfigIssue[] = [];
  const given = (['url', 'pool', 'dataDir', 'pglite'] as const).filter((name) => options[name] !== undefined);
  if (given.length !== 1) {
    issues.push({
      path: given[1] ?? 'url',
      message: `give exactly one of url, pool, dataDir or pglite (got ${given.length === 0 ? 'none' : given.join(', ')}).`,
    });
  }
  if (options.url !== undefined && !/^postgres(ql)?:\/\//.test(options.url)) {
    // the URL may hold a password: the message never repeats it
    issues.push({ path: 'url', message: 'expected a postgres:// or postgresql:// URL.' });
  }
  if (options.dataDir !== undefined && (typeof options.dataDir !== 'string' || options.dataDir === '')) {
    issues.push({ path: 'dataDir', message: 'expected a directory path or memory://.' });
  }
  const schema = options.schema ?? 'public';
  if (!SCHEMA.test(schema)) {
    issues.push({
      path: 'schema',
      message: 'expected lower-case letters, digits and _ (at most 48), not starting with a digit.',
    });
  }
  const keyPrefix = options.keyPrefix ?? 'sk-hub-';
  if (!KEY_PREFIX.test(keyPrefix)) {
    issues.push({ path: 'keyPrefix', message: 'expected 1 to 16 characters of A-Z, a-z, 0-9, _ and -.' });
  }
  if (options.failMode !== undefined && options.failMode !== 'open' && options.failMode !== 'closed') {
    issues.push({ path: 'failMode', message: 'expected "open" or "closed".' });
  }
  const integer = (
    name: keyof GovernanceStoreOptions,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const value = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      issues.push({ path: name, message: `expected an integer from ${min} to ${max}.` });
      return fallback;
    }
    return value;
  };
  const settings: StoreSettings = {
    schema,
    poolSize: integer('poolSize', 10, 1, 1000),
    migrate: options.migrate ?? true,
    failMode: options.failMode ?? 'closed',
    now: options.now ?? Date.now,
    keyCacheTtlMs: integer('keyCacheTtlMs', 60_000, 0, 86_400_000),
    unnotifiedCacheTtlMs: integer('unnotifiedCacheTtlMs', 500, 0, 60_000),
    staleIfErrorMs: integer('staleIfErrorMs', 300_000, 0, 86_400_000),
    keyCacheSize: integer('keyCacheSize', 10_000, 1, 10_000_000),
    flushIntervalMs: integer('flushIntervalMs', 200, 1, 600_000),
    flushBatchSize: integer('flushBatchSize', 500, 1, 10_000),
    maxBufferedEntries: integer('maxBufferedEntries', 100_000, 1, 100_000_000),
    reserveBatchSize: integer('reserveBatchSize', 256, 1, 4096),
    reservationTtlMs: integer('reservationTtlMs', 900_000, 1000, 7 * 86_400_000),
    synchronousReservations: options.synchronousReservations ?? false,
    sweepIntervalMs: integer('sweepIntervalMs', 60_000, 0, 86_400_000),
    queryTimeoutMs: integer('queryTimeoutMs', 5000, 1, 600_000),
    migrationLockTimeoutMs: integer('migrationLockTimeoutMs', 60_000, 1, 3_600_000),
    closeTimeoutMs: integer('closeTimeoutMs', 10_000, 0, 600_000),
    unavailableRetryAfterMs: integer('unavailableRetryAfterMs', 1000, 0, 600_000),
    keyPrefix,
    onError: options.onError ?? (() => undefined),
  };
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    issues.push({ path: 'onError', message: 'expected a function.' });
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    issues.push({ path: 'now', message: 'expected a function returning ms since the epoch.' });
  }
  if (issues.length > 0)
    throw ConfigError.fromIssues('governance store options', issues, '@hub/store-postgres');
  return settings;
}
