import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the tests run against: the `DATABASE_URL` environment variable, else the local default (trust auth). */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A schema name no other test file or run uses, so files can run in parallel on one database:
 * `<prefix>_<label>_<10 random hex digits>`.
 *
 * @param prefix - Names the package whose tests made it (`hub_test`), for cleaning up by hand.
 */
export function uniqueSchema(prefix: string, label: string): string {
  return `${prefix}_${label}_${randomBytes(5).toString('hex')}`;
}

/**
 * A connected client on `DATABASE_URL`, for inspecting the database directly; the caller ends it.
 * Never skips: an unreachable server fails with what to do about it (in CI the tests must run,
 * and locally a skip would hide them).
 *
 * @throws Error naming the host and database (never a password) when PostgreSQL cannot be reached.
 */
export async function connectTestDatabase(connectTimeoutMs = 10_000): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: connectTimeoutMs });
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
  return client;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(client: pg.Client, schema: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
