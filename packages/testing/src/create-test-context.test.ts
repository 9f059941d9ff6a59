import { createTargetStatsStore, type MetricLabels, type Target } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './create-test-context.js';

describe('createTestContext', () => {
  it('behaves like the hub context: headers per attempt, labels of the current target, safe metrics', () => {
    const seen: MetricLabels[] = [];
    const context = createTestContext({
      providerId: 'openai',
      model: 'gpt-4o-mini',
      route: 'fast',
      metrics: {
        name: 'spy',
        recordRequest: () => {},
        recordRetry: (labels) => {
          seen.push(labels);
          throw new Error('a collector bug must not reach the middleware');
        },
      },
    });
    context.setHeader('Authorization', 'Bearer token-value');
    expect(context.headers).toEqual({ authorization: 'Bearer token-value' });
    expect(() => context.metrics.recordRetry(context.metricLabels())).not.toThrow();
    expect(seen).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini', route: 'fast', operation: 'complete' },
    ]);
    context.nextAttempt({ providerId: 'anthropic', model: 'claude' });
    expect([context.attempt, context.headers, context.metricLabels().provider]).toEqual([2, {}, 'anthropic']);
  });

  it('keeps metadata across hooks and reports elapsed time on its clock', () => {
    let time = 1_000;
    const context = createTestContext({ operation: 'embed', now: () => time });
    context.metadata.set('cache.key', 'k');
    time += 250;
    expect([context.operation, context.metadata.get('cache.key'), context.elapsed()]).toEqual([
      'embed',
      'k',
      250,
    ]);
  });

  it('counts a move to another target as a fallback, and asks a catalog function for the current target', async () => {
    const stats = createTargetStatsStore();
    const asked: Target[] = [];
    const context = createTestContext({
      providerId: 'a',
      model: 'm',
      remainingTargets: [{ providerId: 'b', model: 'm' }],
      stats,
      modelInfo: async (target) => {
        asked.push(target);
        return undefined;
      },
    });
    expect(context.stats).toBe(stats);
    context.nextAttempt();
    expect([context.attempt, context.fallbacks]).toEqual([2, 0]);
    context.nextAttempt({ providerId: 'b', remainingTargets: [] });
    expect([context.attempt, context.fallbacks, context.providerId, context.remainingTargets]).toEqual([
      3,
      1,
      'b',
      [],
    ]);
    await context.modelInfo();
    expect(asked).toEqual([{ providerId: 'b', model: 'm' }]);
  });
});
