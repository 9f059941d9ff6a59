import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type PrivateRedis, privateRedis } from './private-redis.js';

let redis: PrivateRedis | undefined;
afterAll(async () => {
  await redis?.stop();
});

/** Sends one authenticated PING and returns the reply, or the connection error's code. */
async function ping(server: PrivateRedis): Promise<string> {
  const url = new URL(server.url);
  const socket = connect(Number(url.port), url.hostname);
  try {
    await once(socket, 'connect');
    socket.write(`AUTH ${server.password}\r\nPING\r\n`);
    let reply = '';
    for await (const data of socket) {
      reply += String(data);
      if (reply.includes('PONG')) return 'PONG';
      if (reply.includes('-')) return reply.trim();
    }
    return reply;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  } finally {
    socket.destroy();
  }
}

describe('privateRedis', () => {
  it('runs a server of its own, kills it, and starts it again on the same port', async () => {
    redis = await privateRedis();
    expect(new URL(redis.url).port).not.toBe('6379');
    await redis.start();
    expect(redis.running).toBe(true);
    expect(await ping(redis)).toBe('PONG');

    await redis.stop();
    expect(redis.running).toBe(false);
    expect(await ping(redis)).toBe('ECONNREFUSED');

    await redis.start();
    expect(await ping(redis)).toBe('PONG');
  });
});
