import { createClient } from '@redis/client';

/** The Redis the tests run against: the `REDIS_URL` environment variable, else the local default. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const createTestClient = (url: string) =>
  createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 10_000 } });

/** A connected node-redis client of the tests. */
export type TestRedisClient = ReturnType<typeof createTestClient>;

/**
 * Connects a client to the test Redis, or fails with what to do about it: tests that need Redis
 * never skip (in CI a skipped suite would pass without testing anything). The client does not
 * reconnect; the caller closes it (`client.close()`) after the tests.
 *
 * @throws Error naming the host (never the password) when Redis cannot be reached.
 */
export async function connectTestRedis(url: string = REDIS_URL): Promise<TestRedisClient> {
  const client = createTestClient(url);
  // a test failure shows the cause; an unhandled 'error' event would crash the run instead
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    // host and port only: the URL may hold a password
    const { host } = new URL(url);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis is not reachable at ${host} (${reason}): start Redis or set REDIS_URL.`);
  }
  return client;
}

/** Deletes every key under `prefix` (a test file's own namespace), in batches of `SCAN`. */
export async function deleteKeysUnder(client: TestRedisClient, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.unlink(keys);
  }
}
