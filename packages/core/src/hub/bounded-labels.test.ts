import { describe, expect, it } from 'vitest';
import type { MetricLabels, MetricsCollector } from '../contracts/metrics-collector.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import { ConnectorError } from '../errors/connector-error.js';
import { fakeProvider, userRequest } from '../test-support/fake-provider.js';
import { createHub } from './create-hub.js';
import { createTargetStatsStore } from './create-target-stats-store.js';

const catalogModel: ModelInfo = {
  id: 'listed',
  contextWindow: 8000,
  capabilities: { streaming: true, tools: true, vision: false, json: true },
};

function recordingCollector(): { collector: MetricsCollector; models: Set<string>; labels: MetricLabels[] } {
  const models = new Set<string>();
  const labels: MetricLabels[] = [];
  const see = (item: MetricLabels): void => {
    models.add(`${item.provider}/${item.model}`);
    labels.push(item);
  };
  return {
    models,
    labels,
    collector: {
      name: 'recording',
      recordRequest: (measurement) => see(measurement.labels),
      recordAttemptError: (item) => see(item),
      recordRetry: (item) => see(item),
      recordFallback: (item, to) => {
        see(item);
        models.add(to);
      },
    },
  };
}

describe('metric labels stay bounded whatever model ids callers send', () => {
  it('labels 2,000 distinct unknown models that the upstream rejects as `other`', async () => {
    const upstream = fakeProvider('p', [], [catalogModel]);
    const rejectAll = (): never => {
      throw new ConnectorError('invalid_request', 'model not found', { status: 404 });
    };
    upstream.sendCompletion = async () => rejectAll();
    const { collector, models } = recordingCollector();
    const hub = createHub({ providers: [upstream], metrics: [collector] });
    for (let index = 0; index < 2_000; index++) {
      await hub.complete(userRequest(`p/made-up-${index}`)).catch(() => undefined);
    }
    expect([...models]).toEqual(['p/other']);
    // generous: a loaded machine may run this loop slowly, and only the outcome matters
  }, 120_000);

  it('keeps the ids of routed, catalog and answering models', async () => {
    const failure = new ConnectorError('provider', 'boom', { retryable: false });
    const upstream = fakeProvider('p', ['ok', failure, 'ok'], [catalogModel]);
    const { collector, labels } = recordingCollector();
    const hub = createHub({ providers: [upstream], metrics: [collector], routes: { fast: ['p/routed'] } });
    await hub.complete(userRequest('fast'));
    await hub.complete(userRequest('p/listed')).catch(() => undefined);
    await hub.complete(userRequest('p/answered-once'));
    expect(labels.map((item) => item.model)).toEqual(['routed', 'listed', 'listed', 'answered-once']);
  });

  it('bounds fallback target labels the same way', async () => {
    const first = fakeProvider('a', [new ConnectorError('network', 'reset')]);
    const second = fakeProvider('b', ['ok']);
    const { collector, models } = recordingCollector();
    const hub = createHub({ providers: [first, second], metrics: [collector] });
    await hub.complete(userRequest('a/unknown'), {}).catch(() => undefined);
    expect([...models].every((address) => address.endsWith('/other'))).toBe(true);
  });
});

describe('target stats store', () => {
  it('keeps at most its capacity of targets', () => {
    const store = createTargetStatsStore(() => 0, 100);
    for (let index = 0; index < 10_000; index++)
      store.record({ providerId: 'p', model: `m${index}` }, { ok: true, latencyMs: 1 });
    const kept = Array.from(
      { length: 10_000 },
      (_, index) => store.get({ providerId: 'p', model: `m${index}` }).calls,
    );
    expect(kept.filter((calls) => calls > 0)).toHaveLength(100);
    expect(kept.slice(-100).every((calls) => calls === 1)).toBe(true);
  });

  it('evicts healthy targets before ones a breaker marked unhealthy', () => {
    const store = createTargetStatsStore(() => 0, 10);
    store.setHealth({ providerId: 'p', model: 'sick' }, false, 60_000);
    for (let index = 0; index < 1_000; index++)
      store.record({ providerId: 'p', model: `m${index}` }, { ok: false, latencyMs: 1 });
    expect(store.get({ providerId: 'p', model: 'sick' }).healthy).toBe(false);
  });

  it('keeps a busy target while a flood of new ids passes', () => {
    const store = createTargetStatsStore(() => 0, 10);
    for (let index = 0; index < 1_000; index++) {
      store.record({ providerId: 'p', model: 'busy' }, { ok: true, latencyMs: 5 });
      store.record({ providerId: 'p', model: `flood-${index}` }, { ok: true, latencyMs: 1 });
    }
    expect(store.get({ providerId: 'p', model: 'busy' }).calls).toBe(1_000);
  });
});
