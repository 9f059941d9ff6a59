import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the tests run against (trust auth in CI). */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test file or run uses. */
export function uniqueSchema(label: string): string {
  return `hub_test_${label}_${randomBytes(5).toString('hex')}`;
}

/**
 * A client for inspecting the database directly. Never skips: an unreachable server fails the
 * file with what to do about it (in CI the tests must run, and locally a skip would hide them).
 */
export async function connectInspector(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  client.on('error', () => {
    // a failure shows up in the test that needed the client
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
