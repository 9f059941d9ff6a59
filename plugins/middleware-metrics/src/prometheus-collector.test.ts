import {
  type CompletionRequest,
  ConfigError,
  ConnectorError,
  createHub,
  createTargetStatsStore,
  ErrorAction,
  type ErrorCode,
  type Hub,
  type MetricLabels,
  type Middleware,
  type ModelInfo,
} from '@hub/core';
import { createEmbeddingMock, mockPlugin } from '@hub/testing';
import { Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_LABEL_LIMITS } from './metric-label-limits.js';
import { metricsPlugin } from './metrics-plugin.js';
import { type PrometheusCollector, prometheusCollector } from './prometheus-collector.js';
import { type ExpositionSample, readExposition, sampleValue } from './test-support/read-exposition.js';

const ask = (model: string, text: string, metadata?: Record<string, string>): CompletionRequest => ({
  model,
  messages: [{ role: 'user', content: text }],
  ...(metadata !== undefined && { metadata }),
});

// retries rate limits only, so other retryable errors fall through to the hub's fallback
const retryRateLimits: Middleware = {
  name: 'test-retry',
  onError(error, context) {
    if (error.code === 'rate_limit' && context.attempt < 3) return ErrorAction.retry(0);
  },
};

// a cache stand-in: `metadata.cache` says whether the lookup hits; a hit answers without the provider
const scriptedCache: Middleware = {
  name: 'test-cache',
  onRequest(request, context) {
    const lookup = request.metadata?.cache;
    if (lookup === undefined) return;
    context.metrics.recordCacheLookup(context.metricLabels(), lookup === 'hit');
    if (lookup !== 'hit') return;
    return {
      response: {
        id: 'cached-1',
        provider: context.providerId,
        model: context.model,
        text: 'from cache',
        content: [{ type: 'text', text: 'from cache' }],
        finishReason: 'stop',
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        cost: { inputUsd: 0.5, outputUsd: 0.5, totalUsd: 1 },
      },
    };
  },
};

const base = (provider: string, operation: 'complete' | 'stream', route = '') => ({
  provider,
  model: 'mock-1',
  route,
  operation,
});

describe('prometheusCollector after scripted hub traffic', () => {
  let collector: PrometheusCollector;
  let hub: Hub;
  let samples: ExpositionSample[];
  let text: string;

  beforeAll(async () => {
    collector = prometheusCollector();
    const primary = mockPlugin({ providerId: 'mock' });
    const backup = mockPlugin({ providerId: 'backup' });
    hub = createHub({
      middleware: [scriptedCache, retryRateLimits],
      plugins: [primary, backup, metricsPlugin({ collectors: [collector] })],
      routes: { chat: ['mock/mock-1', 'backup/mock-1'] },
    });
    collector.exposeTargetStats(hub.statsStore);

    // 1. a plain success (and a cache miss)
    primary.provider.enqueue({
      type: 'text',
      text: 'hello world',
      usage: { inputTokens: 100, outputTokens: 20, totalTokens: 120 },
    });
    await hub.complete(ask('mock/mock-1', 'hi', { cache: 'miss' }));

    // 2. a rate limit, retried once, then a success with cached and reasoning tokens
    primary.provider.enqueue(
      { type: 'error', error: new ConnectorError('rate_limit', 'Slow down.', { providerId: 'mock' }) },
      {
        type: 'text',
        text: 'second',
        usage: {
          inputTokens: 50,
          outputTokens: 10,
          totalTokens: 60,
          cachedInputTokens: 40,
          reasoningTokens: 4,
        },
      },
    );
    await hub.complete(ask('mock/mock-1', 'again'));

    // 3. a non-retryable failure
    primary.provider.enqueue({
      type: 'error',
      error: new ConnectorError('authentication', 'Bad credentials.', { providerId: 'mock' }),
    });
    await expect(hub.complete(ask('mock/mock-1', 'denied'))).rejects.toMatchObject({
      code: 'authentication',
    });

    // 4. a stream
    primary.provider.enqueue({
      type: 'text',
      text: 'one two three',
      usage: { inputTokens: 30, outputTokens: 3, totalTokens: 33 },
    });
    for await (const _chunk of hub.stream(ask('mock/mock-1', 'count'))) {
      // drain
    }

    // 5. a cache hit: answered without the provider
    await hub.complete(ask('mock/mock-1', 'cached please', { cache: 'hit' }));

    // 6. a route whose first target is overloaded: the hub falls back to the backup
    primary.provider.enqueue({
      type: 'error',
      error: new ConnectorError('overloaded', 'Busy.', { providerId: 'mock' }),
    });
    backup.provider.enqueue({
      type: 'text',
      text: 'backup answer',
      usage: { inputTokens: 7, outputTokens: 2, totalTokens: 9 },
    });
    await hub.complete(ask('chat', 'route me'));

    text = await collector.metrics();
    samples = readExposition(text);
  });

  it('counts requests by outcome, with the final target and an empty route label when absent', () => {
    const counted = samples.filter((sample) => sample.name === 'llm_hub_requests_total');
    expect(counted).toHaveLength(4);
    expect(
      sampleValue(samples, 'llm_hub_requests_total', { ...base('mock', 'complete'), outcome: 'success' }),
    ).toBe(3);
    expect(
      sampleValue(samples, 'llm_hub_requests_total', {
        ...base('mock', 'complete'),
        outcome: 'authentication',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'llm_hub_requests_total', { ...base('mock', 'stream'), outcome: 'success' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'llm_hub_requests_total', {
        ...base('backup', 'complete', 'chat'),
        outcome: 'success',
      }),
    ).toBe(1);
  });

  it('counts every failed attempt, retry and fallback', () => {
    const errors = samples.filter((sample) => sample.name === 'llm_hub_errors_total');
    expect(errors).toHaveLength(3);
    expect(
      sampleValue(samples, 'llm_hub_errors_total', { ...base('mock', 'complete'), code: 'rate_limit' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'llm_hub_errors_total', { ...base('mock', 'complete'), code: 'authentication' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'llm_hub_errors_total', {
        ...base('mock', 'complete', 'chat'),
        code: 'overloaded',
      }),
    ).toBe(1);
    expect(sampleValue(samples, 'llm_hub_retries_total', base('mock', 'complete'))).toBe(1);
    expect(sampleValue(samples, 'llm_hub_fallbacks_total', base('mock', 'complete', 'chat'))).toBe(1);
    expect(samples.filter((sample) => sample.name === 'llm_hub_fallbacks_total')).toHaveLength(1);
  });

  it('observes every call in the duration histogram and streams in the time-to-first-token one', () => {
    const durationCount = (labels: Record<string, string>) =>
      sampleValue(samples, 'llm_hub_request_duration_seconds_count', labels);
    expect(durationCount({ ...base('mock', 'complete'), outcome: 'success' })).toBe(3);
    expect(durationCount({ ...base('mock', 'complete'), outcome: 'authentication' })).toBe(1);
    expect(durationCount({ ...base('mock', 'stream'), outcome: 'success' })).toBe(1);
    expect(durationCount({ ...base('backup', 'complete', 'chat'), outcome: 'success' })).toBe(1);
    expect(sampleValue(samples, 'llm_hub_time_to_first_token_seconds_count', base('mock', 'stream'))).toBe(1);
    expect(
      samples.filter((sample) => sample.name === 'llm_hub_time_to_first_token_seconds_count'),
    ).toHaveLength(1);
    // every observation lands in +Inf; the default buckets reach 120 s
    expect(
      sampleValue(samples, 'llm_hub_request_duration_seconds_bucket', {
        ...base('mock', 'complete'),
        outcome: 'success',
        le: '+Inf',
      }),
    ).toBe(3);
    expect(text).toContain('le="0.05"');
    expect(text).toContain('le="120"');
  });

  it('adds tokens by type and cost for answered calls, never for cache hits', () => {
    const tokens = (type: string, operation: 'complete' | 'stream' = 'complete') =>
      sampleValue(samples, 'llm_hub_tokens_total', { ...base('mock', operation), type });
    expect(tokens('input')).toBe(150);
    expect(tokens('output')).toBe(30);
    expect(tokens('cached')).toBe(40);
    expect(tokens('reasoning')).toBe(4);
    expect(tokens('input', 'stream')).toBe(30);
    expect(tokens('output', 'stream')).toBe(3);
    expect(tokens('cached', 'stream')).toBeUndefined();
    // mock-1 costs 0.0005 / 0.0015 per 1k, cached input 0.00025:
    // (100 × 0.0005 + 20 × 0.0015) / 1000 + (10 × 0.0005 + 40 × 0.00025 + 10 × 0.0015) / 1000
    expect(sampleValue(samples, 'llm_hub_cost_usd_total', base('mock', 'complete'))).toBeCloseTo(0.00011, 12);
    // 30 × 0.0005 + 3 × 0.0015 per 1k
    expect(sampleValue(samples, 'llm_hub_cost_usd_total', base('mock', 'stream'))).toBeCloseTo(0.0000195, 12);
  });

  it('counts cache lookups by result', () => {
    expect(
      sampleValue(samples, 'llm_hub_cache_lookups_total', { ...base('mock', 'complete'), result: 'hit' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'llm_hub_cache_lookups_total', { ...base('mock', 'complete'), result: 'miss' }),
    ).toBe(1);
  });

  it("exports the hub's own target stats, read from the store at scrape time", async () => {
    const mockStats = hub.stats('mock/mock-1');
    expect(sampleValue(samples, 'llm_hub_target_error_rate', { provider: 'mock', model: 'mock-1' })).toBe(
      mockStats.errorRate,
    );
    expect(mockStats.errorRate).toBeGreaterThan(0);
    expect(
      sampleValue(samples, 'llm_hub_target_latency_seconds', { provider: 'mock', model: 'mock-1' }),
    ).toBe((mockStats.latencyMs as number) / 1000);
    expect(sampleValue(samples, 'llm_hub_target_healthy', { provider: 'backup', model: 'mock-1' })).toBe(1);

    hub.statsStore.setHealth({ providerId: 'backup' }, false);
    const after = readExposition(await collector.metrics());
    expect(sampleValue(after, 'llm_hub_target_healthy', { provider: 'backup', model: 'mock-1' })).toBe(0);
    expect(() => collector.exposeTargetStats(hub.statsStore)).toThrow(ConfigError);
  });

  it('never puts prompt text in a label', () => {
    for (const secretish of ['hi', 'again', 'denied', 'count', 'cached please', 'route me']) {
      expect(text).not.toContain(`"${secretish}"`);
    }
  });
});

describe('prometheusCollector for embeddings and token counting', () => {
  const embeddingModel: ModelInfo = {
    id: 'text-embedding-3-small',
    contextWindow: 8191,
    capabilities: { streaming: false, tools: false, vision: false, json: false, embedding: true },
    embedding: { dimensions: 1536 },
    pricing: { inputPer1k: 0.00002, outputPer1k: 0 },
  };

  it('labels them with their operation, and adds input tokens only for embeddings', async () => {
    const collector = prometheusCollector();
    const provider = createEmbeddingMock({ models: [embeddingModel] });
    const hub = createHub({ providers: [provider], plugins: [metricsPlugin({ collectors: [collector] })] });
    // 4000 characters: 1000 input tokens at the mock's four characters a token
    await hub.embed({ model: 'mock/text-embedding-3-small', input: 'a'.repeat(4000) });
    provider.failures.push(new ConnectorError('overloaded', 'Busy.', { providerId: 'mock' }));
    await expect(hub.embed({ model: 'mock/text-embedding-3-small', input: 'b' })).rejects.toMatchObject({
      code: 'overloaded',
    });
    await hub.countTokens(ask('mock/text-embedding-3-small', 'how many?'));
    const samples = readExposition(await collector.metrics());
    const embed = { provider: 'mock', model: 'text-embedding-3-small', route: '', operation: 'embed' };
    const count = { ...embed, operation: 'count-tokens' };

    expect(sampleValue(samples, 'llm_hub_requests_total', { ...embed, outcome: 'success' })).toBe(1);
    expect(sampleValue(samples, 'llm_hub_requests_total', { ...embed, outcome: 'overloaded' })).toBe(1);
    expect(sampleValue(samples, 'llm_hub_errors_total', { ...embed, code: 'overloaded' })).toBe(1);
    expect(sampleValue(samples, 'llm_hub_requests_total', { ...count, outcome: 'success' })).toBe(1);
    expect(
      sampleValue(samples, 'llm_hub_request_duration_seconds_count', { ...count, outcome: 'success' }),
    ).toBe(1);
    expect(sampleValue(samples, 'llm_hub_tokens_total', { ...embed, type: 'input' })).toBe(1000);
    // embeddings produce no output: no series of zeros that would read as empty completions
    expect(sampleValue(samples, 'llm_hub_tokens_total', { ...embed, type: 'output' })).toBeUndefined();
    expect(sampleValue(samples, 'llm_hub_cost_usd_total', embed)).toBeCloseTo(0.00002, 15);
    // counting spends no tokens and costs nothing
    expect(
      samples.filter(
        (sample) => sample.name === 'llm_hub_tokens_total' && sample.labels.operation === 'count-tokens',
      ),
    ).toEqual([]);
    expect(sampleValue(samples, 'llm_hub_cost_usd_total', count)).toBeUndefined();
    expect(sampleValue(samples, 'llm_hub_time_to_first_token_seconds_count', embed)).toBeUndefined();
  });
});

describe('prometheusCollector measurements from other middleware', () => {
  const labels: MetricLabels = { provider: 'openai', model: 'gpt-4o-mini', operation: 'complete' };

  it('records rate-limit waits in seconds and rejections', async () => {
    const collector = prometheusCollector({ prefix: 'test_' });
    collector.recordRateLimit(labels, { waitedMs: 250, rejected: false });
    collector.recordRateLimit(labels, { waitedMs: 1500, rejected: false });
    collector.recordRateLimit(labels, { waitedMs: 0, rejected: true });
    const samples = readExposition(await collector.metrics());
    const target = { provider: 'openai', model: 'gpt-4o-mini', route: '', operation: 'complete' };
    expect(sampleValue(samples, 'test_rate_limit_waits_seconds_count', target)).toBe(2);
    expect(sampleValue(samples, 'test_rate_limit_waits_seconds_sum', target)).toBeCloseTo(1.75, 12);
    expect(sampleValue(samples, 'test_rate_limit_waits_seconds_bucket', { ...target, le: '0.25' })).toBe(1);
    expect(sampleValue(samples, 'test_rate_limit_waits_seconds_bucket', { ...target, le: '2' })).toBe(2);
    expect(sampleValue(samples, 'test_rate_limit_rejections_total', target)).toBe(1);
  });

  it('maps circuit states to 0 closed, 1 half-open, 2 open', async () => {
    const collector = prometheusCollector();
    collector.recordCircuitState('openai', 'open');
    collector.recordCircuitState('anthropic/claude-sonnet-4', 'half-open');
    collector.recordCircuitState('mistral', 'open');
    collector.recordCircuitState('mistral', 'closed');
    const samples = readExposition(await collector.metrics());
    expect(sampleValue(samples, 'llm_hub_circuit_state', { target: 'openai' })).toBe(2);
    expect(sampleValue(samples, 'llm_hub_circuit_state', { target: 'anthropic/claude-sonnet-4' })).toBe(1);
    expect(sampleValue(samples, 'llm_hub_circuit_state', { target: 'mistral' })).toBe(0);
  });

  it('ignores impossible values instead of throwing on the request path', async () => {
    const collector = prometheusCollector();
    expect(() =>
      collector.recordRequest({
        labels,
        outcome: 'success',
        durationMs: Number.NaN,
        usage: { inputTokens: -1, outputTokens: 2, totalTokens: 1 },
        costUsd: -3,
      }),
    ).not.toThrow();
    const samples = readExposition(await collector.metrics());
    const target = { provider: 'openai', model: 'gpt-4o-mini', route: '', operation: 'complete' };
    expect(sampleValue(samples, 'llm_hub_requests_total', { ...target, outcome: 'success' })).toBe(1);
    expect(sampleValue(samples, 'llm_hub_tokens_total', { ...target, type: 'input' })).toBeUndefined();
    expect(sampleValue(samples, 'llm_hub_tokens_total', { ...target, type: 'output' })).toBe(2);
    expect(sampleValue(samples, 'llm_hub_cost_usd_total', target)).toBeUndefined();
  });
});

describe('prometheusCollector registry and options', () => {
  it('reuses label sets across calls and honours registry.resetMetrics()', async () => {
    const collector = prometheusCollector();
    const labels: MetricLabels = { provider: 'openai', model: 'gpt-4o-mini', operation: 'complete' };
    const record = () =>
      collector.recordRequest({
        labels: { ...labels },
        outcome: 'success',
        durationMs: 120,
        usage: { inputTokens: 10, outputTokens: 4, totalTokens: 14 },
        costUsd: 0.25,
      });
    record();
    record();
    const base = { provider: 'openai', model: 'gpt-4o-mini', route: '', operation: 'complete' };
    let samples = readExposition(await collector.metrics());
    expect(sampleValue(samples, 'llm_hub_requests_total', { ...base, outcome: 'success' })).toBe(2);
    expect(sampleValue(samples, 'llm_hub_tokens_total', { ...base, type: 'input' })).toBe(20);
    expect(sampleValue(samples, 'llm_hub_cost_usd_total', base)).toBe(0.5);
    expect(
      sampleValue(samples, 'llm_hub_request_duration_seconds_count', { ...base, outcome: 'success' }),
    ).toBe(2);
    record();
    collector.registry.resetMetrics();
    samples = readExposition(await collector.metrics());
    expect(sampleValue(samples, 'llm_hub_requests_total', { ...base, outcome: 'success' })).toBeUndefined();
    record();
    samples = readExposition(await collector.metrics());
    expect(sampleValue(samples, 'llm_hub_requests_total', { ...base, outcome: 'success' })).toBe(1);
    expect(sampleValue(samples, 'llm_hub_tokens_total', { ...base, type: 'output' })).toBe(4);
  });

  it('keeps label sets apart even when ids contain the characters a joined key would use', async () => {
    const collector = prometheusCollector();
    collector.recordRequest({
      labels: { provider: 'p', model: 'a\u0000b', operation: 'complete' },
      outcome: 'success',
      durationMs: 1,
    });
    collector.recordRequest({
      labels: { provider: 'p', model: 'a', route: 'b', operation: 'complete' },
      outcome: 'success',
      durationMs: 1,
    });
    const samples = readExposition(await collector.metrics()).filter(
      (sample) => sample.name === 'llm_hub_requests_total',
    );
    expect(samples).toHaveLength(2);
  });

  it('shares an application registry and its content type', async () => {
    const registry = new Registry();
    const collector = prometheusCollector({ registry, prefix: 'app_llm_' });
    expect(collector.registry).toBe(registry);
    expect(collector.contentType).toBe(registry.contentType);
    expect(collector.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    collector.recordRetry({ provider: 'openai', model: 'gpt-4o-mini', route: 'chat', operation: 'stream' });
    const samples = readExposition(await registry.metrics());
    expect(
      sampleValue(samples, 'app_llm_retries_total', {
        provider: 'openai',
        model: 'gpt-4o-mini',
        route: 'chat',
        operation: 'stream',
      }),
    ).toBe(1);
  });

  it('fails loudly when a second collector would reuse the same names in one registry', () => {
    const registry = new Registry();
    prometheusCollector({ registry });
    expect(() => prometheusCollector({ registry })).toThrow(ConfigError);
    expect(() => prometheusCollector({ registry })).toThrow(/llm_hub_requests_total/);
    expect(() => prometheusCollector({ registry, prefix: 'second_' })).not.toThrow();
  });

  it('uses custom buckets in seconds', async () => {
    const collector = prometheusCollector({ buckets: [1, 10] });
    collector.recordRequest({
      labels: { provider: 'openai', model: 'gpt-4o-mini', operation: 'complete' },
      outcome: 'success',
      durationMs: 2500,
    });
    const samples = readExposition(await collector.metrics());
    const bucket = (le: string) =>
      sampleValue(samples, 'llm_hub_request_duration_seconds_bucket', {
        provider: 'openai',
        model: 'gpt-4o-mini',
        route: '',
        operation: 'complete',
        outcome: 'success',
        le,
      });
    expect(bucket('1')).toBe(0);
    expect(bucket('10')).toBe(1);
    expect(bucket('+Inf')).toBe(1);
  });

  it('rejects a bad prefix, bad buckets and a registry that is not one', () => {
    expect(() => prometheusCollector({ prefix: '9bad' })).toThrow(
      expect.objectContaining({ path: 'prefix' }),
    );
    expect(() => prometheusCollector({ prefix: 'has space_' })).toThrow(ConfigError);
    expect(() => prometheusCollector({ buckets: [] })).toThrow(expect.objectContaining({ path: 'buckets' }));
    expect(() => prometheusCollector({ buckets: [1, 1] })).toThrow(
      expect.objectContaining({ path: 'buckets[1]' }),
    );
    expect(() => prometheusCollector({ buckets: [0] })).toThrow(ConfigError);
    expect(() => prometheusCollector({ registry: {} as Registry })).toThrow(
      expect.objectContaining({ path: 'registry' }),
    );
  });
});

describe('prometheusCollector label bounds', () => {
  /** What an unknown model id costs: the upstream 404s it, the hub counts the attempt and the call. */
  const notFound = (collector: PrometheusCollector, labels: MetricLabels): void => {
    collector.recordAttemptError(labels, 'not_found');
    collector.recordRequest({ labels, outcome: 'not_found', durationMs: 12 });
  };
  const requestsBy = (samples: readonly ExpositionSample[]) =>
    samples.filter((sample) => sample.name === 'llm_hub_requests_total');
  const total = (samples: readonly ExpositionSample[]) =>
    samples.reduce((sum, sample) => sum + sample.value, 0);

  it('keeps 10 000 distinct model ids to a bounded scrape, counting every call', async () => {
    const collector = prometheusCollector();
    const store = createTargetStatsStore();
    collector.exposeTargetStats(store);
    for (let index = 0; index < 10_000; index++) {
      const labels: MetricLabels = { provider: 'openai', model: `made-up-${index}`, operation: 'complete' };
      notFound(collector, labels);
      store.record({ providerId: 'openai', model: labels.model }, { ok: false, latencyMs: 12 });
      collector.recordCircuitState(`openai/made-up-${index}`, 'closed');
    }
    const text = await collector.metrics();
    const samples = readExposition(text);
    // before the bound: 250 000 series and 30.9 MB for the same traffic
    expect(samples.length).toBeLessThan(6_000);
    expect(Buffer.byteLength(text)).toBeLessThan(1_000_000);

    const requests = requestsBy(samples);
    expect(requests).toHaveLength(METRIC_LABEL_LIMITS.maxLabelValues + 1);
    expect(total(requests)).toBe(10_000);
    expect(
      sampleValue(samples, 'llm_hub_requests_total', {
        provider: 'openai',
        model: 'other',
        route: '',
        operation: 'complete',
        outcome: 'not_found',
      }),
    ).toBe(10_000 - METRIC_LABEL_LIMITS.maxLabelValues);
    // the first ids keep their own series
    expect(
      sampleValue(samples, 'llm_hub_errors_total', {
        provider: 'openai',
        model: 'made-up-0',
        route: '',
        operation: 'complete',
        code: 'not_found',
      }),
    ).toBe(1);
    expect(samples.filter((sample) => sample.name === 'llm_hub_circuit_state')).toHaveLength(
      METRIC_LABEL_LIMITS.maxLabelValues + 1,
    );
    expect(samples.filter((sample) => sample.name === 'llm_hub_target_error_rate')).toHaveLength(
      METRIC_LABEL_LIMITS.maxLabelValues,
    );
  });

  it('bounds the label sets even when every label value fits its own bound', async () => {
    const collector = prometheusCollector({ maxLabelValues: 100_000, maxLabelSets: 50 });
    for (let index = 0; index < 10_000; index++) {
      notFound(collector, {
        provider: `provider-${index % 7}`,
        model: `model-${index}`,
        route: `route-${index % 3}`,
        operation: index % 2 === 0 ? 'complete' : 'stream',
      });
    }
    const requests = requestsBy(readExposition(await collector.metrics()));
    // 50 sets, plus the overflow set of each operation
    expect(requests).toHaveLength(52);
    expect(total(requests)).toBe(10_000);
    const overflow = requests.filter((sample) => sample.labels.provider === 'other');
    expect(
      overflow.map((sample) => [sample.labels.model, sample.labels.route, sample.labels.operation]),
    ).toEqual([
      ['other', 'other', 'complete'],
      ['other', 'other', 'stream'],
    ]);
    expect(total(overflow)).toBe(10_000 - 50);
  });

  it('records values beyond maxLabelValues as other, per label, and codes outside the set too', async () => {
    const collector = prometheusCollector({ maxLabelValues: 2 });
    for (const provider of ['a', 'b', 'c'])
      for (const model of ['m1', 'm2', 'm3'])
        collector.recordRequest({
          labels: { provider, model, operation: 'complete' },
          outcome: 'success',
          durationMs: 1,
        });
    collector.recordAttemptError(
      { provider: 'a', model: 'm1', operation: 'complete' },
      'made_up_code' as ErrorCode,
    );
    for (const target of ['a/m1', 'b/m1', 'c/m1']) collector.recordCircuitState(target, 'open');
    const samples = readExposition(await collector.metrics());
    const providers = new Set(requestsBy(samples).map((sample) => sample.labels.provider));
    const models = new Set(requestsBy(samples).map((sample) => sample.labels.model));
    expect([...providers].sort()).toEqual(['a', 'b', 'other']);
    expect([...models].sort()).toEqual(['m1', 'm2', 'other']);
    expect(total(requestsBy(samples))).toBe(9);
    expect(
      sampleValue(samples, 'llm_hub_requests_total', {
        provider: 'other',
        model: 'other',
        route: '',
        operation: 'complete',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'llm_hub_errors_total', {
        provider: 'a',
        model: 'm1',
        route: '',
        operation: 'complete',
        code: 'other',
      }),
    ).toBe(1);
    expect(
      samples
        .filter((sample) => sample.name === 'llm_hub_circuit_state')
        .map((sample) => sample.labels.target),
    ).toEqual(['a/m1', 'b/m1', 'other']);
  });

  it('rejects label limits that are not whole numbers of at least 1, naming the field', () => {
    expect(() => prometheusCollector({ maxLabelValues: 0 })).toThrow(
      expect.objectContaining({ path: 'maxLabelValues' }),
    );
    expect(() => prometheusCollector({ maxLabelSets: 2.5 })).toThrow(
      expect.objectContaining({ path: 'maxLabelSets' }),
    );
  });
});
