import {
  connectTestDatabase,
  DATABASE_URL,
  dropSchema as dropTestSchema,
  uniqueSchema as uniqueTestSchema,
} from '@hub/testing/postgres';
import type pg from 'pg';

export { DATABASE_URL };

/** A schema name no other test file or run uses, so files can run in parallel on one database. */
export function uniqueSchema(label: string): string {
  return uniqueTestSchema('gw_test', label);
}

/**
 * Runs `work` with a client on `DATABASE_URL`. Never skips: an unreachable server fails the test
 * with what to do about it (in CI the tests must run; locally a skip would hide them).
 */
export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectTestDatabase();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export function dropSchema(schema: string): Promise<void> {
  return withDatabase(async (client) => {
    await dropTestSchema(client, schema);
  });
}
