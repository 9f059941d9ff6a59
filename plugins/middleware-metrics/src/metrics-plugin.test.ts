import {
  type CompletionRequest,
  ConfigError,
  createHub,
  definePlugin,
  type MetricsCollector,
  type Middleware,
  type RequestMeasurement,
} from '@hub/core';
import { mockPlugin } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { costTracking } from './cost-tracking.js';
import { metricsPlugin } from './metrics-plugin.js';

const ask = (text: string): CompletionRequest => ({
  model: 'mock/mock-1',
  messages: [{ role: 'user', content: text }],
});

const capture = () => {
  const measurements: RequestMeasurement[] = [];
  const collector: MetricsCollector = { name: 'capture', recordRequest: (item) => measurements.push(item) };
  return { collector, measurements };
};

describe('metricsPlugin', () => {
  it('registers its collectors and the cost middleware', async () => {
    const { collector, measurements } = capture();
    const plugin = metricsPlugin({ collectors: [collector] });
    const mock = mockPlugin();
    mock.provider.enqueue({
      type: 'text',
      text: 'hi',
      usage: { inputTokens: 1000, outputTokens: 1000, totalTokens: 2000 },
    });
    const hub = createHub({ plugins: [mock, plugin] });
    const response = await hub.complete(ask('hello'));
    // mock-1 costs 0.0005 + 0.0015 per 1k
    expect(response.cost?.totalUsd).toBeCloseTo(0.002, 15);
    expect(measurements).toHaveLength(1);
    expect(measurements[0]?.costUsd).toBeCloseTo(0.002, 15);
    expect(plugin.costTracking?.tracker.total().requests).toBe(1);
    expect(plugin.name).toBe('@hub/middleware-metrics');
  });

  it('leaves cost tracking out with cost: false, and accepts a ready middleware', async () => {
    const { collector, measurements } = capture();
    const without = metricsPlugin({ collectors: [collector], cost: false });
    expect(without.costTracking).toBeUndefined();
    const hub = createHub({ plugins: [mockPlugin(), without] });
    const response = await hub.complete(ask('hello'));
    expect(response).not.toHaveProperty('cost');
    expect(measurements[0]).not.toHaveProperty('costUsd');

    const ready = costTracking();
    expect(metricsPlugin({ cost: ready }).costTracking).toBe(ready);
  });

  it('does not bill cache hits when registered after the cache', async () => {
    const cacheHit: Middleware = {
      name: 'test-cache',
      onRequest(request, context) {
        if (request.metadata?.cache !== 'hit') return;
        return {
          response: {
            id: 'cached',
            provider: context.providerId,
            model: context.model,
            text: 'cached',
            content: [{ type: 'text', text: 'cached' }],
            finishReason: 'stop',
            usage: { inputTokens: 1000, outputTokens: 1000, totalTokens: 2000 },
          },
        };
      },
    };
    const cachePlugin = definePlugin({
      name: 'test-cache-plugin',
      version: '0.0.0',
      apiVersion: 2,
      register(registry) {
        registry.addMiddleware(cacheHit);
      },
    });
    const plugin = metricsPlugin();
    const hub = createHub({ plugins: [mockPlugin(), cachePlugin, plugin] });
    const response = await hub.complete({ ...ask('hello'), metadata: { cache: 'hit' } });
    expect(response.text).toBe('cached');
    expect(response).not.toHaveProperty('cost');
    expect(plugin.costTracking?.tracker.total().requests).toBe(0);
  });

  it('rejects collectors that are not collectors, naming the index', () => {
    expect(() => metricsPlugin({ collectors: [{ name: 'broken' } as never] })).toThrow(
      expect.objectContaining({ path: 'collectors[0]' }),
    );
    expect(() => metricsPlugin({ collectors: 'prometheus' as never })).toThrow(ConfigError);
  });
});
