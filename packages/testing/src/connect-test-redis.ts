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
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Redis is not reachable: start Redis or set REDIS_URL (tried ${withoutUserinfo(url)}: ${reason}).`,
      {
        cause: error,
      },
    );
  }
  return client;
}

/**
 * Checks the test Redis answers, then lets go of the connection: for a `beforeAll` of tests whose
 * code under test opens its own connections. Fails as `connectTestRedis` does.
 */
export async function requireTestRedis(url: string = REDIS_URL): Promise<void> {
  const client = await connectTestRedis(url);
  client.destroy();
}

/**
 * Deletes every key under `prefix` (a test file's own namespace). Without a client (the file's
 * `beforeAll` could not connect, and its error already says why) there is nothing to delete.
 */
export async function deleteKeysUnder(client: TestRedisClient | undefined, prefix: string): Promise<void> {
  if (client === undefined) return;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.unlink(keys);
  }
}

// the URL may hold a password: the message shows scheme, host, port and database only
function withoutUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(an unparseable REDIS_URL)';
  }
}
