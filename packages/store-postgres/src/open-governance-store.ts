import { randomUUID } from 'node:crypto';
import { ConnectorError } from '@hub/core';
import { createKeyAdmin } from './admin/key-admin.js';
import { createMaintenance } from './admin/maintenance.js';
import { createSpendReport } from './admin/spend-report.js';
import { createTeamAdmin } from './admin/team-admin.js';
import { createUsageQueries } from './admin/usage-queries.js';
import { openPgDriver } from './driver/pg-driver.js';
import { openPgliteDriver } from './driver/pglite-driver.js';
import type { SqlDriver } from './driver/sql-driver.js';
import { createAuthenticator } from './enforcement/authenticate-key.js';
import { createBudgetEnforcer } from './enforcement/budget-enforcer.js';
import { LedgerWriter } from './enforcement/ledger-writer.js';
import { ReserveBatcher } from './enforcement/reserve-batcher.js';
import { storeUnavailable } from './errors/store-errors.js';
import type { GovernanceStore } from './governance-store.js';
import type { GovernanceStoreOptions, StoreOperation } from './governance-store-options.js';
import { ChangeFeed } from './internal/change-feed.js';
import { KeyCache } from './internal/key-cache.js';
import { createCounters, invalidateFor, type StoreContext } from './internal/store-context.js';
import { resolveStoreSettings } from './internal/store-settings.js';
import { withDeadline } from './internal/with-deadline.js';
import { MIGRATIONS } from './migrations/migrations.js';
import { runMigrations } from './migrations/run-migrations.js';

/**
 * Opens a governance store: connects (PostgreSQL through a `pg` pool, or embedded PGlite), applies
 * missing migrations under an advisory lock, and starts listening for key and team changes. Call
 * `close()` on shutdown, or buffered ledger rows are lost.
 *
 * @throws ConfigError for invalid options (before any I/O), or a missing optional peer (`pg` for
 *   `url`, `@electric-sql/pglite` for `dataDir`).
 */
export async function openGovernanceStore(options: GovernanceStoreOptions): Promise<GovernanceStore> {
  const settings = resolveStoreSettings(options);
  const report = (error: unknown, operation: StoreOperation): void => {
    try {
      settings.onError(error instanceof Error ? error : new Error(String(error)), operation);
    } catch {
      // an observer's failure must not change the store's answer
    }
  };
  const driver: SqlDriver =
    options.url !== undefined || options.pool !== undefined
      ? await openPgDriver({
          ...(options.url !== undefined && { url: options.url }),
          ...(options.pool !== undefined && { pool: options.pool }),
          poolSize: settings.poolSize,
          statementTimeoutMs: settings.queryTimeoutMs,
          connectTimeoutMs: settings.queryTimeoutMs,
          onError: (error) => report(error, 'connection'),
        })
      : await openPgliteDriver({
          ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
          ...(options.pglite !== undefined && { pglite: options.pglite }),
        });

  try {
    if (settings.migrate) {
      await runMigrations(driver, settings.schema, MIGRATIONS, settings.migrationLockTimeoutMs);
    }
  } catch (error) {
    await driver.close().catch(() => undefined);
    if (ConnectorError.isInstance(error)) throw error;
    throw storeUnavailable(error, settings.unavailableRetryAfterMs);
  }

  const cache = new KeyCache(settings.keyCacheSize);
  const changes = new ChangeFeed(randomUUID(), (error) => report(error, 'observer'));
  const context: StoreContext = {
    driver,
    settings,
    schema: `"${settings.schema}"`,
    channel: `hub_store_${settings.schema}`,
    counters: createCounters(),
    cache,
    changes,
    report,
    applyChange: (change) => {
      invalidateFor(cache, change);
      changes.emit(change);
    },
  };

  let everListened = false;
  await driver.listen(context.channel, {
    onNotification: (payload) => {
      const change = changes.decode(payload);
      if (change !== undefined) context.applyChange(change);
    },
    onStatus: (listening) => {
      const regained = listening && !changes.listening && everListened;
      changes.listening = listening;
      everListened ||= listening;
      // notifications sent while we were not listening are lost: drop everything cached
      if (regained) {
        cache.clear();
        changes.emit({ kind: 'resync' });
      }
    },
  });

  const writer = new LedgerWriter(context);
  const enforcer = createBudgetEnforcer(context, new ReserveBatcher(context), writer);
  const maintenance = createMaintenance(context);
  let sweepTimer: NodeJS.Timeout | undefined;
  if (settings.sweepIntervalMs > 0) {
    sweepTimer = setInterval(() => {
      maintenance.sweepExpiredReservations().catch((error: unknown) => report(error, 'sweep'));
    }, settings.sweepIntervalMs);
    sweepTimer.unref();
  }

  let closing: Promise<void> | undefined;
  const teams = createTeamAdmin(context);
  const keys = createKeyAdmin(context);
  const usage = createUsageQueries(context);

  return {
    kind: driver.kind,
    authenticate: createAuthenticator(context),
    reserve: enforcer.reserve,
    settle: enforcer.settle,
    release: enforcer.release,
    record: enforcer.record,
    onChange: (listener) => changes.subscribe(listener),
    ...teams,
    ...keys,
    ...usage,
    spendReport: createSpendReport(context),
    ...maintenance,
    flush: async (callOptions) => {
      try {
        await writer.flush(callOptions?.signal);
      } catch (error) {
        if (ConnectorError.isInstance(error)) throw error;
        throw storeUnavailable(error, settings.unavailableRetryAfterMs);
      }
    },
    stats: () => ({
      ...context.counters,
      bufferedEntries: writer.size,
      keyCacheSize: cache.count,
      listening: changes.listening,
    }),
    close: (callOptions) => {
      closing ??= (async () => {
        if (sweepTimer !== undefined) clearInterval(sweepTimer);
        const lost = await writer.drain(performance.now() + settings.closeTimeoutMs, callOptions?.signal);
        if (lost > 0) {
          report(
            new Error(`Closing with ${lost} ledger writes the database did not take: their spend is lost.`),
            'close',
          );
        }
        // a statement still running on a connection that stopped answering would keep the pool
        // from ending forever: wait at most one statement's deadline (the server's own
        // statement_timeout ends any statement of a reachable database by then), then give up
        try {
          await withDeadline(driver.close(), settings.queryTimeoutMs, undefined, 'closing the connections');
        } catch (error) {
          report(error, 'close');
        }
      })();
      return closing;
    },
  };
}
