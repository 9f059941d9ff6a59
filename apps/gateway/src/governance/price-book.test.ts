import { createHub, type Hub, type ModelInfo } from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/provider-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPriceBook } from './price-book.js';

const model = (id: string, inputPer1k: number, maxOutputTokens?: number): ModelInfo => ({
  id,
  contextWindow: 8_000,
  ...(maxOutputTokens !== undefined && { maxOutputTokens }),
  capabilities: { streaming: true, tools: false, vision: false, json: false },
  pricing: { inputPer1k, outputPer1k: inputPer1k * 2 },
});

let hubs: Hub[] = [];
afterEach(async () => {
  await Promise.all(hubs.map((hub) => hub.close()));
  hubs = [];
});

function hubWith(providers: MockProvider[], routes: Record<string, string[]> = {}): Hub {
  const hub = createHub({ providers, routes });
  hubs.push(hub);
  return hub;
}

describe('createPriceBook', () => {
  it('resolves a route alias to its targets’ catalog prices, and provider/model to itself', async () => {
    const first = createMockProvider({ providerId: 'first', models: [model('small', 0.001, 500)] });
    const second = createMockProvider({ providerId: 'second', models: [model('large', 0.01)] });
    const prices = createPriceBook(hubWith([first, second], { default: ['first/small', 'second/large'] }));
    expect(await prices.targetsOf('default')).toEqual([
      { address: 'first/small', pricing: { inputPer1k: 0.001, outputPer1k: 0.002 }, maxOutputTokens: 500 },
      {
        address: 'second/large',
        pricing: { inputPer1k: 0.01, outputPer1k: 0.02 },
        maxOutputTokens: undefined,
      },
    ]);
    expect(await prices.targetsOf('second/large')).toEqual([
      expect.objectContaining({ address: 'second/large', pricing: { inputPer1k: 0.01, outputPer1k: 0.02 } }),
    ]);
    expect(await prices.targetsOf('second/unlisted')).toEqual([
      { address: 'second/unlisted', pricing: undefined, maxOutputTokens: undefined },
    ]);
    // a bare id among several providers names nothing: the hub refuses it later
    expect(await prices.targetsOf('large')).toEqual([]);
    expect(await prices.targetsOf('nowhere/model')).toEqual([]);
  });

  it('resolves a bare id to the only provider, and reads each catalog once', async () => {
    const only = createMockProvider({ providerId: 'only', models: [model('m', 0.003)] });
    const read = vi.spyOn(only, 'getMetadata');
    const prices = createPriceBook(hubWith([only]));
    expect(await prices.targetsOf('m')).toEqual([expect.objectContaining({ address: 'only/m' })]);
    await prices.targetsOf('m');
    await prices.targetsOf('only/m');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reports a catalog it cannot read, answers unpriced, and reads it again on the next lookup', async () => {
    const flaky = createMockProvider({ providerId: 'flaky', models: [model('m', 0.003)] });
    const read = vi.spyOn(flaky, 'getMetadata').mockRejectedValueOnce(new Error('catalog down'));
    const onError = vi.fn();
    const prices = createPriceBook(hubWith([flaky]), { onError });
    expect(await prices.targetsOf('flaky/m')).toEqual([
      { address: 'flaky/m', pricing: undefined, maxOutputTokens: undefined },
    ]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'catalog down' }));
    expect((await prices.targetsOf('flaky/m'))[0]?.pricing).toEqual({
      inputPer1k: 0.003,
      outputPer1k: 0.006,
    });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads catalogs again after an hour', async () => {
    let now = 0;
    const provider = createMockProvider({ providerId: 'p', models: [model('m', 0.003)] });
    const read = vi.spyOn(provider, 'getMetadata');
    const prices = createPriceBook(hubWith([provider]), { now: () => now });
    await prices.targetsOf('p/m');
    now += 59 * 60_000;
    await prices.targetsOf('p/m');
    expect(read).toHaveBeenCalledTimes(1);
    now += 2 * 60_000;
    await prices.targetsOf('p/m');
    expect(read).toHaveBeenCalledTimes(2);
  });
});
