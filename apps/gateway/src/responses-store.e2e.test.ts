import { randomUUID } from 'node:crypto';
import type { CompletionRequest } from '@hub/core';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { memoryResponseStore } from './responses-store/memory-response-store.js';
import { redisResponseStore } from './responses-store/redis-response-store.js';
import type { ResponseStore } from './responses-store/response-store.js';
import {
  errorBodySchema,
  itemFieldSchema,
  type ResponseResource,
  responseResourceSchema,
} from './responses-wire/open-responses-schemas.js';
import { hashKey } from './security/virtual-keys.js';
import { type RunningGateway, startGateway } from './start-gateway.js';
import { checkResponseStream } from './test-support/check-response-stream.js';
import { recordMockRequests } from './test-support/record-mock-requests.js';
import { readSse } from './test-support/sse-reader.js';
import { requireTestRedis, TEST_REDIS_URL } from './test-support/test-redis.js';

const KEYS = { TEAM_A_KEY: 'gw-team-a-key-0123456789', TEAM_B_KEY: 'gw-team-b-key-0123456789' };
const TTL_MS = 60_000;

async function startMockGateway(
  options: { keys?: boolean; now?: () => number; responseStore?: ResponseStore } = {},
): Promise<RunningGateway> {
  const config = validateGatewayConfig(
    {
      server: { port: 0 },
      providers: [{ type: 'mock' }],
      routes: { default: ['mock/mock-1'] },
      cache: false,
      retry: false,
      logging: { level: 'silent' },
      responses: { ttlMs: TTL_MS },
      ...(options.keys === true && {
        virtualKeys: [
          { name: 'team-a', keyHash: hashKey(KEYS.TEAM_A_KEY) },
          { name: 'team-b', keyHash: hashKey(KEYS.TEAM_B_KEY) },
        ],
      }),
    },
    KEYS,
  );
  return startGateway({
    config,
    env: KEYS,
    logger: pino({ level: 'silent' }),
    ...(options.now !== undefined && { now: options.now }),
    ...(options.responseStore !== undefined && { responseStore: options.responseStore }),
  });
}

const client = (gateway: RunningGateway, key?: string) => {
  const headers = (json: boolean) => ({
    ...(json && { 'content-type': 'application/json' }),
    ...(key !== undefined && { authorization: `Bearer ${key}` }),
  });
  return {
    create: (body: Record<string, unknown>) =>
      fetch(`${gateway.url}/v1/responses`, {
        method: 'POST',
        headers: headers(true),
        body: JSON.stringify({ model: 'default', ...body }),
      }),
    get: (path: string) => fetch(`${gateway.url}/v1/responses/${path}`, { headers: headers(false) }),
    delete: (id: string) =>
      fetch(`${gateway.url}/v1/responses/${id}`, { method: 'DELETE', headers: headers(false) }),
  };
};

const texts = (request: CompletionRequest | undefined) =>
  request?.messages.map((message) => ({
    role: message.role,
    text: typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
  }));

async function expectNotFound(answer: Response, param: string): Promise<void> {
  expect(answer.status).toBe(404);
  const body = errorBodySchema.parse(await answer.json());
  expect(body.error).toMatchObject({ type: 'not_found', code: 'not_found', param });
}

describe('stored responses on the default memory store', () => {
  let time = Date.UTC(2026, 3, 24);
  let gateway: RunningGateway;
  let requests: CompletionRequest[];
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    gateway = await startMockGateway({ now: () => time });
    requests = recordMockRequests(gateway);
    api = client(gateway);
  });
  afterAll(() => gateway?.close());
  beforeEach(() => {
    requests.length = 0;
  });

  it('continues a conversation: previous input, then its output, then the new input', async () => {
    const first = (await (
      await api.create({ input: 'My name is Alice.', instructions: 'Be brief.' })
    ).json()) as ResponseResource;
    const second = (await (
      await api.create({ input: 'And my surname?', previous_response_id: first.id })
    ).json()) as ResponseResource;
    expect(second.previous_response_id).toBe(first.id);
    const third = await api.create({
      input: 'What is my name?',
      previous_response_id: second.id,
      stream: true,
    });
    const stream = checkResponseStream(await third.text());
    expect(stream.problems).toEqual([]);
    // the instructions of an earlier turn are not carried over, as in OpenAI's API
    expect(texts(requests[2])).toEqual([
      { role: 'user', text: 'My name is Alice.' },
      { role: 'assistant', text: 'Echo: My name is Alice.' },
      { role: 'user', text: 'And my surname?' },
      { role: 'assistant', text: 'Echo: And my surname?' },
      { role: 'user', text: 'What is my name?' },
    ]);
  });

  it('serves a stored response, its input items and its deletion', async () => {
    const created = await api.create({
      input: [
        { role: 'user', content: 'First.' },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: 'Second.' },
      ],
    });
    const resource = (await created.json()) as ResponseResource;
    const fetched = await api.get(resource.id);
    expect(fetched.status).toBe(200);
    expect(responseResourceSchema.safeParse(await fetched.clone().json()).success).toBe(true);
    expect(await fetched.json()).toEqual(resource);

    const page = (await (await api.get(`${resource.id}/input_items?order=asc&limit=2`)).json()) as {
      data: { id: string; role: string }[];
      has_more: boolean;
      first_id: string;
      last_id: string;
    };
    expect(page.data.map((item) => item.role)).toEqual(['user', 'assistant']);
    for (const item of page.data) expect(itemFieldSchema.safeParse(item).success).toBe(true);
    expect(page).toMatchObject({ object: 'list', has_more: true, first_id: page.data[0]?.id });
    const rest = (await (
      await api.get(`${resource.id}/input_items?order=asc&after=${page.last_id}`)
    ).json()) as {
      data: { role: string }[];
      has_more: boolean;
    };
    expect(rest).toMatchObject({ data: [{ role: 'user' }], has_more: false });
    const newestFirst = (await (await api.get(`${resource.id}/input_items`)).json()) as { data: unknown[] };
    expect(newestFirst.data).toEqual([...page.data, ...rest.data].reverse());

    const deleted = await api.delete(resource.id);
    expect(await deleted.json()).toEqual({ id: resource.id, object: 'response', deleted: true });
    await expectNotFound(await api.get(resource.id), 'response_id');
    await expectNotFound(await api.delete(resource.id), 'response_id');
    await expectNotFound(
      await api.create({ input: 'x', previous_response_id: resource.id }),
      'previous_response_id',
    );
  });

  it('keeps nothing with store: false', async () => {
    const resource = (await (
      await api.create({ input: 'Forget me.', store: false })
    ).json()) as ResponseResource;
    expect(resource.store).toBe(false);
    await expectNotFound(await api.get(resource.id), 'response_id');
    await expectNotFound(
      await api.create({ input: 'x', previous_response_id: resource.id }),
      'previous_response_id',
    );
    const streamed = checkResponseStream(
      await (await api.create({ input: 'x', store: false, stream: true })).text(),
    );
    await expectNotFound(await api.get(streamed.final.id), 'response_id');
  });

  it('forgets a response once the TTL passed since its conversation last continued', async () => {
    const first = (await (await api.create({ input: 'One.' })).json()) as ResponseResource;
    time += TTL_MS - 1_000;
    const second = (await (
      await api.create({ input: 'Two.', previous_response_id: first.id })
    ).json()) as ResponseResource;
    time += TTL_MS - 1_000;
    // the first turn outlived its own TTL: the conversation continued in the meantime
    expect((await api.get(first.id)).status).toBe(200);
    expect((await api.create({ input: 'Three.', previous_response_id: second.id })).status).toBe(200);
    time += TTL_MS;
    await expectNotFound(await api.get(first.id), 'response_id');
    await expectNotFound(
      await api.create({ input: 'x', previous_response_id: second.id }),
      'previous_response_id',
    );
  });

  it('stores a streamed response before its last event: a client can continue at once', async () => {
    const answer = await api.create({ input: 'Quick.', stream: true });
    const reader = readSse(answer);
    await reader.readUntil('event: response.completed');
    const id = /"id":"(resp_[0-9a-f]+)"/.exec(reader.text)?.[1] as string;
    expect((await api.get(id)).status).toBe(200);
    await reader.readToEnd();
  });

  it('replaces an item_reference by the stored item it names', async () => {
    const first = (await (await api.create({ input: 'Remember 42.' })).json()) as ResponseResource;
    const answerId = first.output[0]?.id as string;
    requests.length = 0;
    const next = await api.create({
      input: [
        { role: 'user', content: 'Remember 42.' },
        { type: 'item_reference', id: answerId },
        { role: 'user', content: 'Which number?' },
      ],
    });
    expect(next.status).toBe(200);
    expect(texts(requests[0])?.[1]).toEqual({ role: 'assistant', text: 'Echo: Remember 42.' });
    const unknown = await api.create({ input: [{ type: 'item_reference', id: `msg_${'0'.repeat(32)}_o0` }] });
    await expectNotFound(unknown, 'input[0]');
  });
});

describe('stored responses and virtual keys', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startMockGateway({ keys: true });
  });
  afterAll(() => gateway?.close());

  it('shows a response only to the key that created it', async () => {
    const teamA = client(gateway, KEYS.TEAM_A_KEY);
    const teamB = client(gateway, KEYS.TEAM_B_KEY);
    const resource = (await (await teamA.create({ input: 'Team A secret.' })).json()) as ResponseResource;
    expect((await teamA.get(resource.id)).status).toBe(200);
    await expectNotFound(await teamB.get(resource.id), 'response_id');
    await expectNotFound(await teamB.get(`${resource.id}/input_items`), 'response_id');
    await expectNotFound(await teamB.delete(resource.id), 'response_id');
    await expectNotFound(
      await teamB.create({ input: 'x', previous_response_id: resource.id }),
      'previous_response_id',
    );
    expect((await teamA.create({ input: 'x', previous_response_id: resource.id })).status).toBe(200);
    const anonymous = await client(gateway).get(resource.id);
    expect(anonymous.status).toBe(401);
    expect(errorBodySchema.parse(await anonymous.json()).error.type).toBe('authentication_error');
  });
});

describe('a response store that fails', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const memory = memoryResponseStore({ ttlMs: TTL_MS, maxEntries: 10, maxBytes: 1_000_000 });
    const broken: ResponseStore = {
      ...memory,
      put: () => Promise.reject(Object.assign(new Error('down'), { name: 'RedisDown' })),
    };
    gateway = await startMockGateway({ responseStore: broken });
  });
  afterAll(() => gateway?.close());

  it('fails the request rather than answer as stored: an error, or error + response.failed', async () => {
    const api = client(gateway);
    const plain = await api.create({ input: 'x' });
    expect(plain.status).toBe(500);
    expect(errorBodySchema.parse(await plain.json()).error.type).toBe('server_error');
    const stream = checkResponseStream(await (await api.create({ input: 'x', stream: true })).text());
    expect(stream.problems).toEqual([]);
    expect(stream.events.map((event) => event.type).slice(-2)).toEqual(['error', 'response.failed']);
    // without storing, nothing to fail
    expect((await api.create({ input: 'x', store: false })).status).toBe(200);
  });
});

describe('stored responses in Redis, shared by two gateways', () => {
  const REDIS_URL = TEST_REDIS_URL;
  // this file's own namespace in Redis
  const prefix = `hub-gateway-test:responses-e2e:${randomUUID()}:`;
  let first: RunningGateway;
  let second: RunningGateway;
  let requests: CompletionRequest[];

  beforeAll(async () => {
    // without Redis, say so here rather than through a store_unavailable answer
    await requireTestRedis();
    first = await startMockGateway({
      responseStore: redisResponseStore({ url: REDIS_URL, prefix, ttlMs: TTL_MS }),
    });
    second = await startMockGateway({
      responseStore: redisResponseStore({ url: REDIS_URL, prefix, ttlMs: TTL_MS }),
    });
    requests = recordMockRequests(second);
  });
  afterAll(async () => {
    const cleanup = redisResponseStore({ url: REDIS_URL, prefix, ttlMs: TTL_MS });
    await first?.close();
    await second?.close();
    await cleanup.close();
  });

  it('continues on one instance a conversation stored by another', async () => {
    const resource = (await (
      await client(first).create({ input: 'Stored in Redis.' })
    ).json()) as ResponseResource;
    expect(resource.status).toBe('completed');
    const next = await client(second).create({ input: 'Continue.', previous_response_id: resource.id });
    expect(next.status).toBe(200);
    expect(texts(requests[0])).toEqual([
      { role: 'user', text: 'Stored in Redis.' },
      { role: 'assistant', text: 'Echo: Stored in Redis.' },
      { role: 'user', text: 'Continue.' },
    ]);
    expect(await (await client(second).get(resource.id)).json()).toEqual(resource);
    expect((await client(second).delete(resource.id)).status).toBe(200);
    expect((await client(first).get(resource.id)).status).toBe(404);
  });
});
