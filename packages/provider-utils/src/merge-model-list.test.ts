import type { ModelInfo } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { findCatalogModel, mergeModelList } from './merge-model-list.js';

const model = (id: string, overrides: Partial<ModelInfo> = {}): ModelInfo => ({
  id,
  contextWindow: 128_000,
  capabilities: { streaming: true, tools: true, vision: true, json: true },
  pricing: { inputPer1k: 0.001, outputPer1k: 0.002 },
  ...overrides,
});

describe('findCatalogModel', () => {
  const catalog = [model('gpt-4o'), model('gpt-4o-mini')];
  it('finds exact ids, then the longest family prefix followed by a version separator', () => {
    expect(findCatalogModel('gpt-4o-mini', catalog)?.id).toBe('gpt-4o-mini');
    expect(findCatalogModel('gpt-4o-mini-2024-07-18', catalog)?.id).toBe('gpt-4o-mini');
    expect(findCatalogModel('gpt-4o-2024-08-06', catalog)?.id).toBe('gpt-4o');
    expect(findCatalogModel('gpt-4omni', catalog)).toBeUndefined();
  });
});

describe('mergeModelList', () => {
  it('lists models in list order with catalog facts, prices only for exact ids, then the rest of the catalog', () => {
    const catalog = [model('a'), model('b'), model('c')];
    const merged = mergeModelList(catalog, [
      'b-2025-01-01',
      'b',
      { id: 'unknown', contextWindow: 4096 },
      'b',
    ]);
    expect(merged.map((item) => item.id)).toEqual(['b-2025-01-01', 'b', 'unknown', 'a', 'c']);
    expect(merged[0]).toMatchObject({ contextWindow: 128_000, capabilities: { tools: true } });
    expect(merged[0]?.pricing).toBeUndefined();
    expect(merged[1]?.pricing).toEqual({ inputPer1k: 0.001, outputPer1k: 0.002 });
    expect(merged[2]).toEqual({
      id: 'unknown',
      contextWindow: 4096,
      capabilities: { streaming: true, tools: false, vision: false, json: false },
    });
  });
});
