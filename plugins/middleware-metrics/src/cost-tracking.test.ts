import {
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  createHub,
  type MetricsCollector,
  type Middleware,
  type MiddlewareContext,
  type ModelInfo,
  type ModelPricing,
  type RequestMeasurement,
} from '@hub/core';
import { createEmbeddingMock, createTestContext, mockPlugin } from '@hub/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCostTracker } from './cost-tracker.js';
import { type CostTrackingMiddleware, costTracking } from './cost-tracking.js';

const model = (id: string, pricing?: ModelPricing): ModelInfo => ({
  id,
  contextWindow: 200_000,
  capabilities: { streaming: true, tools: true, vision: true, json: true },
  ...(pricing !== undefined && { pricing }),
});

const ask = (address: string, tenant?: string): CompletionRequest => ({
  model: address,
  messages: [{ role: 'user', content: 'price this' }],
  ...(tenant !== undefined && { metadata: { tenant } }),
});

function setup(options: Parameters<typeof costTracking>[0] = {}) {
  const openai = mockPlugin({
    providerId: 'openai',
    models: [
      model('gpt-4o-mini', { inputPer1k: 0.00015, outputPer1k: 0.0006, cachedInputPer1k: 0.000075 }),
      model('mystery-model'),
    ],
  });
  const anthropic = mockPlugin({
    providerId: 'anthropic',
    models: [
      model('claude-sonnet-4', {
        inputPer1k: 0.003,
        outputPer1k: 0.015,
        cachedInputPer1k: 0.0003,
        cacheWriteInputPer1k: 0.00375,
      }),
    ],
  });
  const measurements: RequestMeasurement[] = [];
  const capture: MetricsCollector = { name: 'capture', recordRequest: (item) => measurements.push(item) };
  const middleware = costTracking({ callerKey: (request) => request.metadata?.tenant, ...options });
  const hub = createHub({ plugins: [openai, anthropic], middleware: [middleware], metrics: [capture] });
  return { hub, openai: openai.provider, anthropic: anthropic.provider, middleware, measurements };
}

describe('costTracking', () => {
  it('attaches the cost computed from catalog prices, cached input discounted', async () => {
    const { hub, openai, middleware, measurements } = setup();
    openai.enqueue({
      type: 'text',
      text: 'answer',
      usage: { inputTokens: 2000, outputTokens: 500, totalTokens: 2500, cachedInputTokens: 1200 },
    });
    const response = await hub.complete(ask('openai/gpt-4o-mini', 'acme'));
    expect(response.cost?.inputUsd).toBeCloseTo(0.00021, 15);
    expect(response.cost?.outputUsd).toBeCloseTo(0.0003, 15);
    expect(response.cost?.totalUsd).toBeCloseTo(0.00051, 15);
    // the hub's measurement sees the same figure
    expect(measurements[0]?.costUsd).toBe(response.cost?.totalUsd);
    expect(middleware.tracker.total({ callerKey: 'acme' }).totalUsd).toBeCloseTo(0.00051, 15);
  });

  it('prices cache writes of a Claude model, and streams once they finish', async () => {
    const { hub, anthropic, middleware, measurements } = setup();
    anthropic.enqueue({
      type: 'text',
      text: 'streamed answer',
      usage: {
        inputTokens: 10_000,
        outputTokens: 800,
        totalTokens: 10_800,
        cachedInputTokens: 4000,
        cacheWriteInputTokens: 3000,
      },
    });
    for await (const _chunk of hub.stream(ask('anthropic/claude-sonnet-4', 'globex'))) {
      // drain
    }
    expect(measurements[0]?.costUsd).toBeCloseTo(0.03345, 15);
    const total = middleware.tracker.total({
      provider: 'anthropic',
      model: 'claude-sonnet-4',
      callerKey: 'globex',
    });
    expect(total.inputUsd).toBeCloseTo(0.02145, 15);
    expect(total.outputUsd).toBeCloseTo(0.012, 15);
    expect(total.requests).toBe(1);
  });

  it('leaves the cost out (unknown, not zero) for a model without prices', async () => {
    const { hub, openai, middleware, measurements } = setup();
    openai.enqueue({
      type: 'text',
      text: 'x',
      usage: { inputTokens: 10, outputTokens: 10, totalTokens: 20 },
    });
    const response = await hub.complete(ask('openai/mystery-model'));
    expect(response).not.toHaveProperty('cost');
    expect(measurements[0]).not.toHaveProperty('costUsd');
    expect(middleware.tracker.totals()).toEqual([
      {
        provider: 'openai',
        model: 'mystery-model',
        callerKey: undefined,
        requests: 1,
        unknownCost: 1,
        inputUsd: 0,
        outputUsd: 0,
        totalUsd: 0,
        inputTokens: 10,
        outputTokens: 10,
      },
    ]);
  });

  it('keeps running totals per provider, model and caller key', async () => {
    const { hub, openai, anthropic, middleware } = setup();
    const small = { inputTokens: 1000, outputTokens: 1000, totalTokens: 2000 };
    openai.enqueue(
      { type: 'text', text: 'a', usage: small },
      { type: 'text', text: 'b', usage: small },
      { type: 'text', text: 'c', usage: small },
    );
    anthropic.enqueue({ type: 'text', text: 'd', usage: small });
    await hub.complete(ask('openai/gpt-4o-mini', 'acme'));
    await hub.complete(ask('openai/gpt-4o-mini', 'acme'));
    await hub.complete(ask('openai/gpt-4o-mini', 'globex'));
    await hub.complete(ask('anthropic/claude-sonnet-4', 'acme'));

    // gpt-4o-mini: 0.00015 + 0.0006 = 0.00075 per call; claude-sonnet-4: 0.003 + 0.015 = 0.018
    expect(middleware.tracker.total({ provider: 'openai', callerKey: 'acme' }).totalUsd).toBeCloseTo(
      0.0015,
      15,
    );
    expect(middleware.tracker.total({ callerKey: 'globex' }).totalUsd).toBeCloseTo(0.00075, 15);
    expect(middleware.tracker.total({ callerKey: 'acme' }).totalUsd).toBeCloseTo(0.0195, 15);
    expect(middleware.tracker.total().totalUsd).toBeCloseTo(0.02025, 15);
    expect(middleware.tracker.totals().map((row) => [row.provider, row.callerKey, row.requests])).toEqual([
      ['openai', 'acme', 2],
      ['openai', 'globex', 1],
      ['anthropic', 'acme', 1],
    ]);
  });

  it('prefers the override table to the catalog, and prices models the catalog does not', async () => {
    const { hub, openai } = setup({
      pricing: {
        'openai/gpt-4o-mini': { inputPer1k: 0.0001, outputPer1k: 0.0004 },
        'openai/mystery-model': { inputPer1k: 0.01, outputPer1k: 0.03 },
      },
    });
    const usage = { inputTokens: 1000, outputTokens: 1000, totalTokens: 2000, cachedInputTokens: 500 };
    openai.enqueue({ type: 'text', text: 'a', usage }, { type: 'text', text: 'b', usage });
    const negotiated = await hub.complete(ask('openai/gpt-4o-mini'));
    // no cached price in the override: cached input is billed at the override's input price
    expect(negotiated.cost?.totalUsd).toBeCloseTo(0.0005, 15);
    const priced = await hub.complete(ask('openai/mystery-model'));
    expect(priced.cost?.totalUsd).toBeCloseTo(0.04, 15);
  });

  it('keeps a cost the provider already reported', async () => {
    const { hub, openai, middleware } = setup();
    openai.enqueue({
      type: 'response',
      response: {
        text: 'billed upstream',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        cost: { inputUsd: 0.25, outputUsd: 0.5, totalUsd: 0.75 },
      },
    });
    const response = await hub.complete(ask('openai/gpt-4o-mini'));
    expect(response.cost).toEqual({ inputUsd: 0.25, outputUsd: 0.5, totalUsd: 0.75 });
    expect(middleware.tracker.total().totalUsd).toBe(0.75);
  });

  it('attributes to no caller when callerKey throws, without failing the call', async () => {
    const { hub, openai, middleware } = setup({
      callerKey: () => {
        throw new Error('bug in attribution');
      },
    });
    openai.enqueue({
      type: 'text',
      text: 'ok',
      usage: { inputTokens: 1000, outputTokens: 0, totalTokens: 1000 },
    });
    const response = await hub.complete(ask('openai/gpt-4o-mini', 'acme'));
    expect(response.text).toBe('ok');
    expect(middleware.tracker.totals()[0]?.callerKey).toBeUndefined();
  });

  it('shares a tracker given in the options', async () => {
    const tracker = createCostTracker();
    const { hub, openai, middleware } = setup({ tracker });
    expect(middleware.tracker).toBe(tracker);
    openai.enqueue({
      type: 'text',
      text: 'ok',
      usage: { inputTokens: 1000, outputTokens: 0, totalTokens: 1000 },
    });
    await hub.complete(ask('openai/gpt-4o-mini'));
    expect(tracker.total().totalUsd).toBeCloseTo(0.00015, 15);
  });

  describe('catalog prices', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    const answer: CompletionResponse = {
      id: 'r-1',
      provider: 'openai',
      model: 'gpt-4o-mini',
      text: 'ok',
      content: [{ type: 'text', text: 'ok' }],
      finishReason: 'stop',
      usage: { inputTokens: 1000, outputTokens: 1000, totalTokens: 2000 },
    };

    /** Runs onResponse; a completion in gives a completion (or nothing) out, now or later. */
    const respond = (middleware: CostTrackingMiddleware, context: MiddlewareContext) => {
      if (middleware.onResponse === undefined) throw new Error('costTracking has no onResponse hook');
      return middleware.onResponse(answer, context) as
        | CompletionResponse
        | undefined
        | Promise<CompletionResponse | undefined>;
    };

    /** A context whose catalog answers with whatever `prices` holds for the model at the time. */
    const contextFor = (prices: Map<string, ModelPricing | undefined>, modelId = 'gpt-4o-mini') => {
      const modelInfo = vi.fn(async () => {
        const pricing = prices.get(modelId);
        return pricing === undefined ? undefined : model(modelId, pricing);
      });
      const context = createTestContext({
        providerId: 'openai',
        model: modelId,
        originalRequest: ask(`openai/${modelId}`),
        modelInfo,
      });
      return { context, modelInfo };
    };

    it('awaits the catalog once per model, then prices synchronously', async () => {
      const middleware = costTracking();
      const prices = new Map([['gpt-4o-mini', { inputPer1k: 0.001, outputPer1k: 0.002 }]]);
      const { context, modelInfo } = contextFor(prices);
      const first = respond(middleware, context);
      expect(first).toBeInstanceOf(Promise);
      expect((await first)?.cost?.totalUsd).toBeCloseTo(0.003, 15);
      const second = respond(middleware, context);
      expect(second).not.toBeInstanceOf(Promise);
      expect((second as CompletionResponse).cost?.totalUsd).toBeCloseTo(0.003, 15);
      expect(modelInfo).toHaveBeenCalledTimes(1);
      // the response given is never changed: the priced one is a copy
      expect(answer).not.toHaveProperty('cost');
      expect(middleware.tracker.total().requests).toBe(2);
    });

    it('remembers that a model has no prices, too', async () => {
      const middleware = costTracking();
      const { context, modelInfo } = contextFor(new Map(), 'mystery-model');
      expect(await respond(middleware, context)).toBeUndefined();
      expect(respond(middleware, context)).toBeUndefined();
      expect(modelInfo).toHaveBeenCalledTimes(1);
      expect(middleware.tracker.total().unknownCost).toBe(2);
    });

    it('looks the prices up again after an hour, as the hub refreshes its catalog', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
      const middleware = costTracking();
      const prices = new Map([['gpt-4o-mini', { inputPer1k: 0.001, outputPer1k: 0.002 }]]);
      const { context, modelInfo } = contextFor(prices);
      await respond(middleware, context);
      prices.set('gpt-4o-mini', { inputPer1k: 0.002, outputPer1k: 0.004 });
      vi.setSystemTime(new Date('2026-01-01T00:59:59Z'));
      expect((respond(middleware, context) as CompletionResponse).cost?.totalUsd).toBeCloseTo(0.003, 15);
      vi.setSystemTime(new Date('2026-01-01T01:00:01Z'));
      const refreshed = respond(middleware, context);
      expect(refreshed).toBeInstanceOf(Promise);
      expect((await refreshed)?.cost?.totalUsd).toBeCloseTo(0.006, 15);
      expect(modelInfo).toHaveBeenCalledTimes(2);
    });

    it('keeps one entry per provider and model', async () => {
      const { hub, openai, anthropic } = setup();
      const usage = { inputTokens: 1000, outputTokens: 0, totalTokens: 1000 };
      openai.enqueue({ type: 'text', text: 'a', usage }, { type: 'text', text: 'b', usage });
      anthropic.enqueue({ type: 'text', text: 'c', usage });
      expect((await hub.complete(ask('openai/gpt-4o-mini'))).cost?.totalUsd).toBeCloseTo(0.00015, 15);
      expect((await hub.complete(ask('anthropic/claude-sonnet-4'))).cost?.totalUsd).toBeCloseTo(0.003, 15);
      expect((await hub.complete(ask('openai/gpt-4o-mini'))).cost?.totalUsd).toBeCloseTo(0.00015, 15);
    });
  });

  it('validates its options, naming the field', () => {
    expect(() => costTracking({ callerKey: 'tenant' as never })).toThrow(
      expect.objectContaining({ path: 'callerKey' }),
    );
    expect(() => costTracking({ pricing: { 'gpt-4o-mini': { inputPer1k: 1, outputPer1k: 1 } } })).toThrow(
      expect.objectContaining({ path: 'pricing["gpt-4o-mini"]' }),
    );
    expect(() =>
      costTracking({ pricing: { 'openai/gpt-4o-mini': { inputPer1k: -1, outputPer1k: 1 } } }),
    ).toThrow(expect.objectContaining({ path: 'pricing["openai/gpt-4o-mini"].inputPer1k' }));
    expect(() =>
      costTracking({
        pricing: { 'openai/gpt-4o-mini': { inputPer1k: 1, outputPer1k: 1, cachedInputPer1k: Number.NaN } },
      }),
    ).toThrow(ConfigError);
    expect(() => costTracking({ pricing: [] as never })).toThrow(
      expect.objectContaining({ path: 'pricing' }),
    );
  });
});

describe('costTracking (embeddings and token counting)', () => {
  // text-embedding-3-small's list price: $0.02 per million input tokens, nothing for output
  const embeddingModel: ModelInfo = {
    id: 'text-embedding-3-small',
    contextWindow: 8191,
    capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
    embedding: { dimensions: 1536 },
    pricing: { inputPer1k: 0.00002, outputPer1k: 0 },
  };

  function embeddingSetup(options: Parameters<typeof costTracking>[0] = {}) {
    const provider = createEmbeddingMock({
      providerId: 'openai',
      models: [embeddingModel],
      dimensions: 1536,
    });
    const measurements: RequestMeasurement[] = [];
    const chatOnly: string[] = [];
    const thirdParty: Middleware = {
      name: 'chat-only',
      onResponse: (_response, context) => {
        chatOnly.push(context.operation);
      },
    };
    const middleware = costTracking({ callerKey: (request) => request.metadata?.tenant, ...options });
    const hub = createHub({
      providers: [provider],
      middleware: [middleware, thirdParty],
      metrics: [{ name: 'capture', recordRequest: (item) => measurements.push(item) }],
    });
    return { hub, provider, middleware, measurements, chatOnly };
  }

  it('sets the cost of an embedding from the catalog input price, and totals it per caller', async () => {
    const { hub, middleware, measurements, chatOnly } = embeddingSetup();
    // the mock counts 4 characters a token: 4000 characters are 1000 tokens
    const response = await hub.embed({
      model: 'openai/text-embedding-3-small',
      input: ['a'.repeat(2000), 'b'.repeat(2000)],
      metadata: { tenant: 'acme' },
    });
    expect(response.usage.inputTokens).toBe(1000);
    expect(response.cost?.inputUsd).toBeCloseTo(0.00002, 15);
    expect(response.cost?.outputUsd).toBe(0);
    expect(response.cost?.totalUsd).toBeCloseTo(0.00002, 15);
    expect(response.embeddings[0]).toBeInstanceOf(Float32Array);
    expect(measurements[0]).toMatchObject({
      labels: { operation: 'embed' },
      costUsd: response.cost?.totalUsd,
    });
    expect(middleware.tracker.totals()).toEqual([
      expect.objectContaining({
        provider: 'openai',
        model: 'text-embedding-3-small',
        callerKey: 'acme',
        requests: 1,
        unknownCost: 0,
        inputTokens: 1000,
        outputTokens: 0,
        totalUsd: expect.closeTo(0.00002, 15),
      }),
    ]);
    expect(chatOnly).toEqual([]);
  });

  it('prices embeddings of uncatalogued models from the pricing option, and counts unknown ones', async () => {
    const { hub, middleware } = embeddingSetup({
      pricing: { 'openai/in-house-embedder': { inputPer1k: 0.001, outputPer1k: 0 } },
    });
    const priced = await hub.embed({ model: 'openai/in-house-embedder', input: 'x'.repeat(4000) });
    expect(priced.cost?.totalUsd).toBeCloseTo(0.001, 15);
    const unknown = await hub.embed({ model: 'openai/mystery-embedder', input: 'x' });
    expect(unknown).not.toHaveProperty('cost');
    expect(middleware.tracker.total()).toMatchObject({ requests: 2, unknownCost: 1, inputTokens: 1001 });
  });

  it('does not track token counting, which no provider bills', async () => {
    const { hub, provider, middleware } = embeddingSetup();
    expect(await hub.countTokens(ask('openai/gpt-4o-mini'))).toMatchObject({ inputTokens: 42 });
    expect(provider.embedCalls.map((call) => call.operation)).toEqual(['count-tokens']);
    expect(middleware.tracker.total().requests).toBe(0);
  });
});
