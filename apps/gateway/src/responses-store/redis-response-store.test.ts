import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { ConnectorError } from '@hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { connectTestRedis, TEST_REDIS_URL, type TestRedisClient } from '../test-support/test-redis.js';
import { redisResponseStore } from './redis-response-store.js';
import type { StoredResponse } from './stored-response.js';

const REDIS_URL = TEST_REDIS_URL;
// this file's own namespace: tests in other files (and other runs) never see these keys
const PREFIX = `hub-gateway-test:responses:${randomUUID()}:`;

const entry = (id: string, ancestors: string[] = []): StoredResponse =>
  ({
    id,
    owner: 'team-a',
    ancestors,
    input: [],
    response: { id, object: 'response', output: [{ type: 'message', id: `msg_${id}` }] },
  }) as unknown as StoredResponse;

let admin: TestRedisClient;

beforeAll(async () => {
  admin = await connectTestRedis();
});
afterAll(async () => {
  if (admin?.isOpen) {
    for await (const keys of admin.scanIterator({ MATCH: `${PREFIX}*`, COUNT: 500 }))
      if (keys.length > 0) await admin.unlink(keys);
    admin.destroy();
  }
});

describe('redisResponseStore', () => {
  it('stores with Redis’ own TTL and reads entries back in order', async () => {
    const store = redisResponseStore({ url: REDIS_URL, prefix: PREFIX, ttlMs: 60_000 });
    try {
      await store.put(entry('resp_r1'));
      await store.put(entry('resp_r2', ['resp_r1']));
      expect((await store.get('resp_r2'))?.ancestors).toEqual(['resp_r1']);
      expect((await store.getMany(['resp_r1', 'resp_gone', 'resp_r2'])).map((found) => found?.id)).toEqual([
        'resp_r1',
        undefined,
        'resp_r2',
      ]);
      const ttl = await admin.pTTL(`${PREFIX}resp_r1`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await store.close();
    }
  });

  it('refreshes the ancestors’ TTL when a conversation continues', async () => {
    const store = redisResponseStore({ url: REDIS_URL, prefix: PREFIX, ttlMs: 600_000 });
    try {
      await admin.set(`${PREFIX}resp_old`, JSON.stringify(entry('resp_old')), { PX: 1_000 });
      await store.put(entry('resp_new', ['resp_old']));
      // the TTL is set again from the store's: far beyond the 1 s it had
      expect(await admin.pTTL(`${PREFIX}resp_old`)).toBeGreaterThan(10_000);
    } finally {
      await store.close();
    }
  });

  it('deletes, and reads an entry that is not JSON as a miss', async () => {
    const store = redisResponseStore({ url: REDIS_URL, prefix: PREFIX, ttlMs: 60_000 });
    try {
      await store.put(entry('resp_d'));
      expect(await store.delete('resp_d')).toBe(true);
      expect(await store.delete('resp_d')).toBe(false);
      await admin.set(`${PREFIX}resp_corrupt`, '{not json', { PX: 60_000 });
      expect(await store.get('resp_corrupt')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('answers 503 store_unavailable, not a miss, when Redis does not answer', async () => {
    // a server that accepts connections and never replies: the slow Redis, not the missing one
    // (it reads what it gets, so it sees the client hang up and can close)
    const silent: Server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const store = redisResponseStore({
      url: `redis://127.0.0.1:${port}`,
      prefix: PREFIX,
      ttlMs: 60_000,
      connectTimeoutMs: 200,
      commandTimeoutMs: 200,
    });
    try {
      const error = await store.get('resp_x').catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(GatewayRequestError);
      expect(error).toMatchObject({ httpStatus: 503, wireCode: 'store_unavailable' });
      // the message never carries the URL (it may hold a password)
      expect((error as Error).message).not.toContain(String(port));
    } finally {
      await store.close();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('answers an aborted call with cancelled', async () => {
    const store = redisResponseStore({ url: REDIS_URL, prefix: PREFIX, ttlMs: 60_000 });
    try {
      const controller = new AbortController();
      controller.abort();
      const error = await store.get('resp_x', controller.signal).catch((thrown: unknown) => thrown);
      expect(ConnectorError.isInstance(error) && error.code).toBe('cancelled');
    } finally {
      await store.close();
    }
  });

  it('refuses a URL that is not redis://, without echoing it', () => {
    expect(() => redisResponseStore({ url: 'http://user:secret@host', prefix: PREFIX, ttlMs: 1 })).toThrow(
      /option url/,
    );
    expect(() =>
      redisResponseStore({ url: 'http://user:secret@host', prefix: PREFIX, ttlMs: 1 }),
    ).not.toThrow(/secret/);
  });
});
