import { createHash } from 'node:crypto';
import { ConfigError } from '@hub/core';
import type { SqlDriver } from '../driver/sql-driver.js';
import type { Migration } from './migrations.js';

/** What `runMigrations` did. */
export interface MigrationResult {
  /** Ids of the migrations this call applied (empty when another replica had applied them). */
  readonly applied: readonly number[];
}

/** The SHA-256 of a migration's SQL, recorded so that an edited migration is noticed. */
function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/**
 * Applies the migrations missing from `schema`, all in ONE transaction that first takes a
 * transaction-scoped advisory lock named after the schema. Replicas starting together queue on
 * that lock instead of running DDL side by side (the cause of deadlocked migrations): the first
 * applies everything and commits, the others then find nothing to do. A failure rolls back every
 * statement of the run, so a schema is never left half-migrated. `lockTimeoutMs` bounds the wait
 * for the lock (and for table locks the DDL needs), so a stuck replica fails loudly instead of
 * hanging a rollout.
 *
 * @throws ConfigError when an applied migration's SQL differs from this package's copy.
 */
export async function runMigrations(
  driver: SqlDriver,
  schema: string,
  migrations: readonly Migration[],
  lockTimeoutMs: number,
): Promise<MigrationResult> {
  const quoted = `"${schema}"`;
  return driver.transaction(async (session) => {
    await session.exec(
      `SET LOCAL lock_timeout = '${Math.round(lockTimeoutMs)}ms'; SET LOCAL statement_timeout = 0;`,
    );
    await session.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`@hub/store-postgres:${schema}`]);
    await session.exec(
      `CREATE SCHEMA IF NOT EXISTS ${quoted};
       CREATE TABLE IF NOT EXISTS ${quoted}.hub_migrations (
         id integer PRIMARY KEY,
         name text NOT NULL,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       );`,
    );
    const rows = await session.query<{ id: number; checksum: string }>(
      `SELECT id, checksum FROM ${quoted}.hub_migrations ORDER BY id`,
    );
    const done = new Map(rows.map((row) => [row.id, row.checksum]));
    const applied: number[] = [];
    for (const migration of migrations) {
      const recorded = done.get(migration.id);
      const sum = checksum(migration);
      if (recorded !== undefined) {
        if (recorded !== sum) {
          throw new ConfigError(
            `Migration ${migration.id} (${migration.name}) in schema "${schema}" was applied from different SQL; restore it and add a new migration instead.`,
            { path: 'schema' },
          );
        }
        continue;
      }
      await session.exec(migration.sql.replaceAll('{schema}', quoted));
      await session.query(`INSERT INTO ${quoted}.hub_migrations (id, name, checksum) VALUES ($1, $2, $3)`, [
        migration.id,
        migration.name,
        sum,
      ]);
      applied.push(migration.id);
    }
    return { applied };
  });
}
