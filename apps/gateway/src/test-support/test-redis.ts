// Test support only: the shared Redis of the tests that need one (REDIS_URL, else the local default).
import { createClient } from '@redis/client';

/** The Redis the tests run against: `REDIS_URL`, else the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const createTestClient = (url: string) =>
  createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 10_000 } });

/** A connected node-redis client of the tests. */
export type TestRedisClient = ReturnType<typeof createTestClient>;

/**
 * Connects a client to the test Redis, or fails with what to do about it, before a test meets a
 * refused connection or a closed client: tests that need Redis never skip (in CI a skipped suite
 * would pass without testing anything).
 */
export async function connectTestRedis(url: string = TEST_REDIS_URL): Promise<TestRedisClient> {
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

/** Checks the test Redis answers (then lets go of the connection), failing as `connectTestRedis`. */
export async function requireTestRedis(url: string = TEST_REDIS_URL): Promise<void> {
  const client = await connectTestRedis(url);
  client.destroy();
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
