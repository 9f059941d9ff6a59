import type { ProviderMetadata } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { createMetadataCache, METADATA_POLICY } from './create-metadata-cache.js';

const metadata = (label: string): ProviderMetadata => ({
  providerId: 'acme',
  displayName: label,
  models: [],
  fetchedAt: 0,
});

function harness(outcomes: Array<'ok' | 'fail'>) {
  let time = 0;
  let loads = 0;
  let release: (() => void) | undefined;
  const cache = createMetadataCache({
    now: () => time,
    load: async () => {
      loads++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      if (outcomes.shift() === 'fail') throw new Error('list failed');
      return metadata(`loaded-${loads}`);
    },
    fallback: () => metadata('catalog'),
  });
  return {
    cache,
    loads: () => loads,
    advance: (ms: number) => (time += ms),
    finishLoad: async () => {
      await Promise.resolve();
      release?.();
    },
  };
}

describe('createMetadataCache', () => {
  it('shares one load among concurrent callers and serves it for the TTL', async () => {
    const { cache, loads, advance, finishLoad } = harness(['ok', 'ok']);
    const first = cache.get();
    const second = cache.get();
    await finishLoad();
    expect([(await first).displayName, (await second).displayName]).toEqual(['loaded-1', 'loaded-1']);
    advance(METADATA_POLICY.ttlMs - 1);
    expect((await cache.get()).displayName).toBe('loaded-1');
    expect(loads()).toBe(1);
    advance(1);
    const refreshed = cache.get();
    await finishLoad();
    expect((await refreshed).displayName).toBe('loaded-2');
  });

  it('serves the catalog after a failed load, and retries after the shorter fallback TTL', async () => {
    const { cache, loads, advance, finishLoad } = harness(['fail', 'ok']);
    const failed = cache.get();
    await finishLoad();
    expect((await failed).displayName).toBe('catalog');
    advance(METADATA_POLICY.fallbackTtlMs - 1);
    expect((await cache.get()).displayName).toBe('catalog');
    advance(1);
    const retried = cache.get();
    await finishLoad();
    expect((await retried).displayName).toBe('loaded-2');
    expect(loads()).toBe(2);
  });

  it('rejects only the caller that aborts, leaving the shared load to the others', async () => {
    const { cache, finishLoad } = harness(['ok']);
    const controller = new AbortController();
    const leaving = cache.get({ signal: controller.signal });
    const staying = cache.get();
    controller.abort();
    await expect(leaving).rejects.toMatchObject({ code: 'cancelled' });
    await finishLoad();
    expect((await staying).displayName).toBe('loaded-1');
  });
});
