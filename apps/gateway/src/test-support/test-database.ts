import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server governance tests run against (trust auth in CI). */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test file or run uses, so files can run in parallel on one database. */
export function uniqueSchema(label: string): string {
  return `gw_test_${label}_${randomBytes(5).toString('hex')}`;
}

/**
 * Runs `work` with a client on `DATABASE_URL`. Never skips: an unreachable server fails the test
 * with what to do about it (in CI the tests must run; locally a skip would hide them).
 */
export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {
    // a failure shows up in the query that needed the client
  });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(DATABASE_URL);
    throw new Error(
      `PostgreSQL is not reachable at ${where.host}${where.pathname}: start PostgreSQL or set DATABASE_URL (${(error as Error).message}).`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export function dropSchema(schema: string): Promise<void> {
  return withDatabase(async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}
