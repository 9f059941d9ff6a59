import { createScriptedServer, type PrivateRedis, privateRedis, type ScriptedServer } from '@hub/testing';
import OpenAI from 'openai';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// OpenAI's embeddings upstream as the provider's own tests script it
import { routeEmbeddings } from '../../../plugins/provider-openai/src/test-support/embeddings-wire.js';
import { validateGatewayConfig } from './config/load-gateway-config.js';
import { type RunningGateway, startGateway } from './start-gateway.js';

// hub.embed behind the gateway's cache and token rate limit, in memory and in Redis: the limit
// reserves the estimate (a quarter token per character, per input rounded up), charges what the
// upstream reports, and a cached answer — the cache is outside the limit — costs nothing.

const MODEL = 'openai/text-embedding-3-small';
// 7 characters each: 2 tokens estimated per input; the upstream reports 3 per input
const inputs = (first: number, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `input-${first + index}`);

describe.each(['memory', 'redis'] as const)('embeddings through cache and rate limit (%s)', (store) => {
  let upstream: ScriptedServer;
  let redis: PrivateRedis | undefined;
  let gateway: RunningGateway;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await createScriptedServer();
    upstream.route('GET', '/v1/models', { body: { object: 'list', data: [] } });
    routeEmbeddings(upstream, '/v1/embeddings', (batch) => batch.map((_, index) => [index, 0.5]));
    if (store === 'redis') {
      redis = await privateRedis();
      await redis.start();
    }
    const env = { UPSTREAM_KEY: 'sk-test-embed-limits' };
    const config = validateGatewayConfig(
      {
        server: { port: 0 },
        providers: [{ type: 'openai', apiKeyEnv: 'UPSTREAM_KEY', baseUrl: `${upstream.url}/v1` }],
        retry: false,
        // an hour: the window never turns over during the test, however slow the machine
        rateLimit: {
          limits: [{ scope: 'model', tokensPerWindow: 20, windowMs: 3_600_000 }],
          onLimited: 'reject',
        },
        ...(redis !== undefined && { redis: { url: redis.url } }),
        logging: { level: 'silent' },
      },
      env,
    );
    gateway = await startGateway({ config, env, logger: pino({ level: 'silent' }) });
    client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await redis?.stop();
  });

  const embedCalls = () => upstream.requests.filter((request) => request.method === 'POST').length;

  it('charges reported tokens, answers repeats from the cache for free, and refuses past the budget', async () => {
    // 10 tokens estimated, 15 charged: 5 of 20 left
    const first = await client.embeddings.create({ model: MODEL, input: inputs(0, 5) });
    expect(first.usage.prompt_tokens).toBe(15);
    expect(embedCalls()).toBe(1);

    // the same inputs again need 10 tokens, more than is left, yet come from the cache
    const repeat = await client.embeddings.create({ model: MODEL, input: inputs(0, 5) });
    expect(repeat.data).toEqual(first.data);
    expect(repeat.usage).toEqual(first.usage);
    expect(embedCalls()).toBe(1);

    // new inputs needing 10 tokens are refused before reaching the upstream: the 15 reported
    // were charged, not the 10 estimated
    const refused = await client.embeddings
      .create({ model: MODEL, input: inputs(5, 5) })
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(embedCalls()).toBe(1);

    // two inputs need 4 of the 5 left
    await client.embeddings.create({ model: MODEL, input: inputs(5, 2) });
    expect(embedCalls()).toBe(2);
  });
});
