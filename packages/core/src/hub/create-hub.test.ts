import { describe, expect, it } from 'vitest';
import type { MetricsCollector, RequestMeasurement } from '../contracts/metrics-collector.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import { ConfigError } from '../errors/config-error.js';
import { ConnectorError } from '../errors/connector-error.js';
import { fakeProvider, userRequest } from '../test-support/fake-provider.js';
import { createHub } from './create-hub.js';

const model = (id: string, overrides: Partial<ModelInfo> = {}): ModelInfo => ({
  id,
  contextWindow: 8000,
  capabilities: { streaming: true, tools: true, vision: false, json: true },
  ...overrides,
});

describe('routing', () => {
  it('falls back along a route on a retryable error by default', async () => {
    const first = fakeProvider('a', [new ConnectorError('provider', 'HTTP 503', { status: 503 })]);
    const second = fakeProvider('b', ['from b']);
    const hub = createHub({ providers: [first, second], routes: { default: ['a/m1', 'b/m2'] } });
    const result = await hub.complete(userRequest('default'));
    expect(result).toMatchObject({ provider: 'b', text: 'from b' });
    expect(second.calls[0]?.request.model).toBe('m2');
  });

  it('does not fall back on a non-retryable error', async () => {
    const second = fakeProvider('b');
    const hub = createHub({
      providers: [fakeProvider('a', [new ConnectorError('invalid_request', 'bad')]), second],
      routes: { default: ['a/m', 'b/m'] },
    });
    await expect(hub.complete(userRequest('default'))).rejects.toMatchObject({ code: 'invalid_request' });
    expect(second.calls).toHaveLength(0);
  });

  it('skips candidates lacking a needed capability', async () => {
    const noVision = fakeProvider(
      'a',
      [],
      [model('m', { capabilities: { streaming: true, tools: true, vision: false, json: true } })],
    );
    const vision = fakeProvider(
      'b',
      ['seen'],
      [model('m', { capabilities: { streaming: true, tools: true, vision: true, json: true } })],
    );
    const hub = createHub({ providers: [noVision, vision], routes: { default: ['a/m', 'b/m'] } });
    const result = await hub.complete({
      model: 'default',
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } }],
        },
      ],
    });
    expect(result.provider).toBe('b');
    expect(noVision.calls).toHaveLength(0);
  });

  it('asks the provider to resolve model ids its catalog does not list verbatim', async () => {
    const aliasing = fakeProvider(
      'a',
      [],
      [model('base-model', { capabilities: { streaming: true, tools: true, vision: false, json: true } })],
    );
    aliasing.resolveModel = (id, metadata) => metadata.models.find((info) => id.endsWith(info.id));
    const vision = fakeProvider(
      'b',
      ['from b'],
      [model('m', { capabilities: { streaming: true, tools: true, vision: true, json: true } })],
    );
    const hub = createHub({ providers: [aliasing, vision], routes: { default: ['a/us.base-model', 'b/m'] } });
    const result = await hub.complete({
      model: 'default',
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/x.png' } }],
        },
      ],
    });
    // the resolved entry says no vision, so the aliased target is filtered out
    expect(result.provider).toBe('b');
    expect(aliasing.calls).toHaveLength(0);
  });

  it('resolves a bare model when exactly one provider exists', async () => {
    const only = fakeProvider('solo');
    const hub = createHub({ providers: [only] });
    await hub.complete(userRequest('some-model'));
    expect(only.calls[0]?.request.model).toBe('some-model');
  });

  it('keeps slashes inside model ids after the provider prefix', async () => {
    const router = fakeProvider('openrouter');
    const hub = createHub({ providers: [router, fakeProvider('other')] });
    await hub.complete(userRequest('openrouter/meta-llama/llama-3-70b'));
    expect(router.calls[0]?.request.model).toBe('meta-llama/llama-3-70b');
  });

  it('skips targets marked unhealthy in the live stats', async () => {
    const first = fakeProvider('a');
    const second = fakeProvider('b', ['healthy one']);
    const hub = createHub({ providers: [first, second], routes: { default: ['a/m', 'b/m'] } });
    hub.statsStore.setHealth({ providerId: 'a' }, false, Date.now() + 60_000);
    expect((await hub.complete(userRequest('default'))).provider).toBe('b');
    expect(first.calls).toHaveLength(0);
  });

  it('records latency per target for selectors', async () => {
    const hub = createHub({ providers: [fakeProvider('a', ['x'])] });
    await hub.complete(userRequest('a/m'));
    const stats = hub.stats('a/m');
    expect(stats.calls).toBe(1);
    expect(stats.latencyMs).toBeGreaterThanOrEqual(0);
    expect(stats.errorRate).toBe(0);
  });
});

describe('configuration errors', () => {
  it('rejects a route naming an unknown provider, naming the route entry', () => {
    expect(() => createHub({ providers: [fakeProvider('a')], routes: { fast: ['a/m', 'nope/m'] } })).toThrow(
      expect.objectContaining({ code: 'config', path: 'routes.fast.1' }),
    );
  });

  it('rejects an unknown selector name', () => {
    expect(() => createHub({ providers: [fakeProvider('a')], selector: 'fastest-please' })).toThrow(
      ConfigError,
    );
  });

  it('rejects a non-positive maxAttempts', () => {
    expect(() => createHub({ maxAttempts: 0 })).toThrow(expect.objectContaining({ path: 'maxAttempts' }));
  });
});

describe('measurements', () => {
  it('reports one request measurement per call, plus attempt errors and fallbacks', async () => {
    const requests: RequestMeasurement[] = [];
    const fallbacks: string[] = [];
    const errors: string[] = [];
    const collector: MetricsCollector = {
      name: 'test',
      recordRequest: (measurement) => requests.push(measurement),
      recordFallback: (_labels, to) => fallbacks.push(to),
      recordAttemptError: (_labels, code) => errors.push(code),
    };
    const hub = createHub({
      providers: [fakeProvider('a', [new ConnectorError('network', 'reset')]), fakeProvider('b', ['ok'])],
      routes: { default: ['a/m', 'b/m'] },
      metrics: [collector],
    });
    await hub.complete(userRequest('default'));
    expect(errors).toEqual(['network']);
    expect(fallbacks).toEqual(['b/m']);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      outcome: 'success',
      attempts: 2,
      labels: { provider: 'b', model: 'm', route: 'default', operation: 'complete' },
      usage: { totalTokens: 3 },
      cached: false,
    });
  });

  it('reports health per provider without rejecting', async () => {
    const broken = fakeProvider('broken');
    broken.probe = () => Promise.reject(new Error('down'));
    const hub = createHub({ providers: [fakeProvider('fine'), broken] });
    const health = await hub.health();
    expect(health.map((item) => [item.providerId, item.status])).toEqual([
      ['fine', 'healthy'],
      ['broken', 'unhealthy'],
    ]);
  });
});

describe('bare model ids', () => {
  const listing = (providerId: string, ...ids: string[]) =>
    fakeProvider(
      providerId,
      [],
      ids.map((id) => model(id)),
    );

  it('resolve to the one provider whose catalog lists them', async () => {
    const hub = createHub({ providers: [listing('openai', 'gpt-4o-mini'), listing('anthropic', 'claude')] });
    const response = await hub.complete(userRequest('gpt-4o-mini'));
    expect([response.provider, response.model]).toEqual(['openai', 'gpt-4o-mini']);
  });

  it('are refused naming every provider when several catalogs list them', async () => {
    const hub = createHub({ providers: [listing('openai', 'shared'), listing('azure', 'shared')] });
    await expect(hub.complete(userRequest('shared'))).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'model',
      message: expect.stringContaining('azure, openai'),
    });
  });

  it('are refused when no catalog lists them', async () => {
    const hub = createHub({ providers: [listing('openai', 'a'), listing('anthropic', 'b')] });
    await expect(hub.complete(userRequest('c'))).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'model',
    });
  });
});
