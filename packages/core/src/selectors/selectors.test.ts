import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import type { Candidate, RequiredCapabilities } from '../contracts/provider-selector.js';
import { userRequest } from '../test-support/fake-provider.js';
import { lowestCostSelector } from './lowest-cost-selector.js';
import { lowestLatencySelector } from './lowest-latency-selector.js';
import { prioritySelector } from './priority-selector.js';
import { roundRobinSelector } from './round-robin-selector.js';
import { weightedSelector } from './weighted-selector.js';

const needs: RequiredCapabilities = {
  streaming: false,
  tools: false,
  vision: false,
  json: false,
  minContextTokens: 100,
};

function candidate(
  address: string,
  options: { latencyMs?: number; healthy?: boolean; weight?: number; model?: Partial<ModelInfo> | null } = {},
): Candidate {
  const [providerId, model] = address.split('/') as [string, string];
  return {
    target: { providerId, model },
    address,
    weight: options.weight ?? 1,
    stats: { latencyMs: options.latencyMs, errorRate: 0, calls: 1, healthy: options.healthy ?? true },
    model:
      options.model === null
        ? undefined
        : {
            id: model,
            contextWindow: 8000,
            capabilities: { streaming: true, tools: true, vision: false, json: true },
            ...options.model,
          },
  };
}
const addresses = (list: readonly Candidate[]) => list.map((item) => item.address);
const request = userRequest('route');

describe('built-in selectors', () => {
  it('priority keeps route order, drops incapable candidates and puts unhealthy ones last', () => {
    const list = [
      candidate('a/1', { healthy: false }),
      candidate('b/2', { model: { contextWindow: 50 } }),
      candidate('c/3'),
      candidate('d/4', { model: null }),
    ];
    expect(addresses(prioritySelector().select(list, request, needs))).toEqual(['c/3', 'd/4', 'a/1']);
  });

  it('priority filters by tools, vision and json capability', () => {
    const list = [
      candidate('a/1'),
      candidate('b/2', {
        model: { capabilities: { streaming: true, tools: true, vision: true, json: true } },
      }),
    ];
    expect(addresses(prioritySelector().select(list, request, { ...needs, vision: true }))).toEqual(['b/2']);
  });

  it('round-robin rotates the first candidate and keeps the rest as fallbacks', () => {
    const selector = roundRobinSelector();
    const list = [candidate('a/1'), candidate('b/2'), candidate('c/3')];
    const firsts = Array.from({ length: 6 }, () => addresses(selector.select(list, request, needs)));
    expect(firsts.map((order) => order[0])).toEqual(['a/1', 'b/2', 'c/3', 'a/1', 'b/2', 'c/3']);
    expect(firsts[1]).toEqual(['b/2', 'c/3', 'a/1']);
  });

  it('weighted picks first in proportion to weight', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const selector = weightedSelector({ random });
    const list = [candidate('a/1', { weight: 3 }), candidate('b/2', { weight: 1 })];
    let firstA = 0;
    for (let index = 0; index < 4000; index++)
      if (selector.select(list, request, needs)[0]?.address === 'a/1') firstA++;
    expect(firstA / 4000).toBeGreaterThan(0.7);
    expect(firstA / 4000).toBeLessThan(0.8);
    expect(addresses(selector.select(list, request, needs)).sort()).toEqual(['a/1', 'b/2']);
  });

  it('lowest-latency orders by measured latency, unmeasured first', () => {
    const list = [
      candidate('slow/1', { latencyMs: 900 }),
      candidate('fast/2', { latencyMs: 100 }),
      candidate('new/3'),
    ];
    expect(addresses(lowestLatencySelector().select(list, request, needs))).toEqual([
      'new/3',
      'fast/2',
      'slow/1',
    ]);
  });

  it('lowest-cost orders by estimated price, unknown prices last', () => {
    const list = [
      candidate('pricey/1', { model: { pricing: { inputPer1k: 0.01, outputPer1k: 0.03 } } }),
      candidate('unknown/2'),
      candidate('cheap/3', { model: { pricing: { inputPer1k: 0.0001, outputPer1k: 0.0004 } } }),
    ];
    expect(addresses(lowestCostSelector().select(list, request, needs))).toEqual([
      'cheap/3',
      'pricey/1',
      'unknown/2',
    ]);
  });
});
