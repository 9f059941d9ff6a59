import {
  type CompletionRequest,
  createHub,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Hub,
  type MetricLabels,
  type MetricsCollector,
} from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { estimateEmbeddingTokens } from './estimate-embedding-tokens.js';
import { memoryRateLimiter } from './memory-rate-limiter.js';
import { rateLimit } from './rate-limit.js';
import type { RateLimitOptions } from './rate-limit-options.js';

/** A clock that moves only when told, so no bucket refills between two assertions. */
const frozenClock = (): (() => number) => () => 1_000_000;

interface Embedder {
  readonly provider: MockProvider;
  /** Every embedding request the provider received. */
  readonly embedded: EmbeddingRequest[];
  /** Every counting request the provider received. */
  readonly counted: CompletionRequest[];
}

/** The mock provider, taught to embed (reporting `inputTokens`) and to count tokens. */
function embedder(inputTokens: (request: EmbeddingRequest) => number): Embedder {
  const provider = createMockProvider();
  const embedded: EmbeddingRequest[] = [];
  const counted: CompletionRequest[] = [];
  provider.embed = async (request): Promise<EmbeddingResponse> => {
    embedded.push(request);
    const inputs = typeof request.input === 'string' ? [request.input] : request.input;
    return {
      provider: 'mock',
      model: request.model,
      embeddings: inputs.map(() => new Float32Array(4)),
      usage: { inputTokens: inputTokens(request) },
    };
  };
  provider.countTokens = async (request) => {
    counted.push(request);
    return { inputTokens: 12, exact: true, provider: 'mock', model: request.model };
  };
  return { provider, embedded, counted };
}

const hubs: Hub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

function setup(options: RateLimitOptions, provider: MockProvider) {
  const middleware = rateLimit(options);
  const labels: MetricLabels[] = [];
  const metrics: MetricsCollector = {
    name: 'recording',
    recordRequest() {},
    recordRateLimit(recorded) {
      labels.push(recorded);
    },
  };
  const hub = createHub({ providers: [provider], middleware: [middleware], metrics: [metrics] });
  hubs.push(hub);
  return { hub, middleware, labels };
}

const embed = (
  input: string | readonly string[],
  extra: Partial<EmbeddingRequest> = {},
): EmbeddingRequest => ({
  model: 'mock/mock-1',
  input,
  ...extra,
});

describe('rateLimit with embeddings', () => {
  it('reserves the input estimate (a quarter of the characters) and reconciles to usage.inputTokens', async () => {
    const limiter = memoryRateLimiter({ now: frozenClock() });
    const reserved: number[] = [];
    const observed = {
      ...limiter,
      checkLimits: (...args: Parameters<typeof limiter.checkLimits>) => {
        for (const check of args[0])
          if (check.key.startsWith('model#')) reserved.push(check.cost?.tokens ?? 0);
        return limiter.checkLimits(...args);
      },
    };
    const { provider } = embedder(() => 7);
    const { hub } = setup(
      { limits: [{ scope: 'model', requestsPerWindow: 100, tokensPerWindow: 1_000 }], limiter: observed },
      provider,
    );
    // 40 and 41 characters: 10 and 11 tokens, no completion budget on top
    const response = await hub.embed(embed(['x'.repeat(40), 'y'.repeat(41)]));
    expect(response.embeddings).toHaveLength(2);
    expect(reserved).toEqual([21]);
    expect(await limiter.getUsage('model#0:mock/mock-1')).toMatchObject({
      requestsRemaining: 99,
      tokensRemaining: 1_000 - 7,
    });
  });

  it('charges usage above the estimate and keeps the reservation when the provider reports none', async () => {
    const limiter = memoryRateLimiter({ now: frozenClock() });
    const reported = [50, 0];
    const { provider } = embedder(() => reported.shift() ?? 0);
    const { hub } = setup({ limits: [{ scope: 'provider', tokensPerWindow: 1_000 }], limiter }, provider);
    await hub.embed(embed('x'.repeat(8)));
    expect((await limiter.getUsage('provider#0:mock')).tokensRemaining).toBe(950);
    await hub.embed(embed('x'.repeat(80)));
    // 20 tokens estimated, nothing reported: the estimate stands
    expect((await limiter.getUsage('provider#0:mock')).tokensRemaining).toBe(930);
  });

  it('counts embedding calls against the same request limits as completions', async () => {
    const limiter = memoryRateLimiter({ now: frozenClock() });
    const { provider, embedded } = embedder(() => 1);
    const { hub, labels } = setup(
      { limits: [{ scope: 'provider', requestsPerWindow: 2 }], limiter, adaptive: false },
      provider,
    );
    await hub.complete({ model: 'mock/mock-1', messages: [{ role: 'user', content: 'hi' }] });
    await hub.embed(embed('one'));
    await expect(hub.embed(embed('two'))).rejects.toMatchObject({ code: 'rate_limit', providerId: 'mock' });
    expect(embedded).toHaveLength(1);
    expect(labels).toEqual([{ provider: 'mock', model: 'mock-1', operation: 'embed' }]);
  });

  it('keys caller limits of embeddings by their metadata', async () => {
    const limiter = memoryRateLimiter({ now: frozenClock() });
    const { provider } = embedder(() => 1);
    const { hub } = setup({ limits: [{ scope: 'caller', requestsPerWindow: 1 }], limiter }, provider);
    await hub.embed(embed('a', { metadata: { 'rate-limit.key': 'tenant-a' } }));
    await hub.embed(embed('a', { metadata: { 'rate-limit.key': 'tenant-b' } }));
    await expect(hub.embed(embed('a', { metadata: { 'rate-limit.key': 'tenant-a' } }))).rejects.toMatchObject(
      { code: 'rate_limit' },
    );
  });

  it('never takes budget for count-tokens calls', async () => {
    const limiter = memoryRateLimiter({ now: frozenClock() });
    const { provider, counted } = embedder(() => 1);
    const { hub } = setup(
      { limits: [{ scope: 'provider', requestsPerWindow: 1, tokensPerWindow: 10_000 }], limiter },
      provider,
    );
    const request: CompletionRequest = { model: 'mock/mock-1', messages: [{ role: 'user', content: 'hi' }] };
    for (let index = 0; index < 3; index++) expect((await hub.countTokens(request)).inputTokens).toBe(12);
    expect(counted).toHaveLength(3);
    // the one request of the window is still there for a completion, and only for one
    await hub.complete(request);
    await expect(hub.complete(request)).rejects.toMatchObject({ code: 'rate_limit' });
    for (let index = 0; index < 3; index++) await hub.countTokens(request);
    expect(counted).toHaveLength(6);
  });
});

describe('estimateEmbeddingTokens', () => {
  it('rounds each input up, so every input costs at least one token', () => {
    expect(estimateEmbeddingTokens(embed('abc'))).toBe(1);
    expect(estimateEmbeddingTokens(embed(['a', 'b', 'x'.repeat(9)]))).toBe(1 + 1 + 3);
  });

  it('is replaced by the estimateEmbeddingTokens option', async () => {
    const limiter = memoryRateLimiter({ now: frozenClock() });
    const { provider } = embedder(() => 0);
    const { hub } = setup(
      {
        limits: [{ scope: 'provider', tokensPerWindow: 1_000 }],
        limiter,
        estimateEmbeddingTokens: () => 300,
      },
      provider,
    );
    await hub.embed(embed('short'));
    expect((await limiter.getUsage('provider#0:mock')).tokensRemaining).toBe(700);
  });

  it('is validated with the other options', () => {
    expect(() => rateLimit({ limits: [], estimateEmbeddingTokens: 5 as unknown as () => number })).toThrow(
      /estimateEmbeddingTokens/,
    );
  });
});
