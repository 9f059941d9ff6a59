import { setTimeout as delay } from 'node:timers/promises';
import { type PrivateRedis, privateRedis } from '@hub/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { errorBodySchema, type ResponseResource } from './responses-wire/open-responses-schemas.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { checkResponseStream } from './test-support/check-response-stream.js';

// A redis-server of this file's own on a free port, killed and restarted by the test: the
// machine's Redis is never touched.
let redis: PrivateRedis;
let gateway: RunningGateway;
const lines: (Record<string, unknown> & { msg: string })[] = [];
const raw: string[] = [];

beforeAll(async () => {
  redis = await privateRedis();
  await redis.start();
  const logger = pino(
    { level: 'warn' },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as (typeof lines)[number]);
      },
    },
  );
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      retry: false,
      cache: false,
      redis: { url: redis.url },
      logging: { level: 'warn' },
    },
    {},
  );
  gateway = await startGateway({ config, env: {}, logger });
});
afterAll(async () => {
  await gateway?.close();
  await redis?.stop();
});

const create = (body: Record<string, unknown>) =>
  fetch(`${gateway.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'default', input: 'Hello', ...body }),
  });
const responsesUp = async (): Promise<number | undefined> => {
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  const match = /^llm_hub_redis_up\{component="responses"\} (\S+)$/m.exec(metrics);
  return match === null ? undefined : Number(match[1]);
};

async function expectUnavailable(answer: Response): Promise<void> {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toBe('1');
  const body = errorBodySchema.parse(await answer.json());
  expect(body.error).toMatchObject({ type: 'server_error', code: 'store_unavailable' });
}

describe('stored responses while Redis is away', () => {
  it('fail with 503 store_unavailable (never 404), log the outage once, and recover', async () => {
    const stored = (await (await create({})).json()) as ResponseResource;
    expect((await fetch(`${gateway.url}/v1/responses/${stored.id}`)).status).toBe(200);
    expect(await responsesUp()).toBe(1);

    await redis.stop();
    await expectUnavailable(await create({}));
    await expectUnavailable(await fetch(`${gateway.url}/v1/responses/${stored.id}`));
    await expectUnavailable(await create({ store: false, previous_response_id: stored.id }));
    // a streamed answer whose storing fails ends in error + response.failed, not completed
    const stream = checkResponseStream(await (await create({ stream: true })).text());
    expect(stream.problems).toEqual([]);
    expect(stream.events.slice(-2).map((event) => event.type)).toEqual(['error', 'response.failed']);
    expect(stream.final.error?.code).toBe('store_unavailable');
    // what needs no store is served as usual
    expect((await create({ store: false })).status).toBe(200);
    expect(await responsesUp()).toBe(0);
    const down = lines.filter((line) => line.component === 'responses' && line.state === 'down');
    expect(down).toHaveLength(1);
    expect(down[0]?.msg).toContain('503 store_unavailable');

    await redis.start();
    // the store reconnects on its next use, after a back-off of at most 10 s: an outcome bounds
    // the wait, not a time
    let status = 0;
    for (let attempt = 0; attempt < 600 && status !== 200; attempt++) {
      status = (await create({})).status;
      if (status !== 200) await delay(100);
    }
    expect(status).toBe(200);
    expect(await responsesUp()).toBe(1);
    expect(lines.filter((line) => line.component === 'responses' && line.state === 'up')).toHaveLength(1);
    // the password is in the URL the gateway was given, and nowhere it wrote
    expect(raw.join('\n')).not.toContain(redis.password);
  });
});
