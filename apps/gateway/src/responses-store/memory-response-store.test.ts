import { ConfigError, ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { memoryResponseStore } from './memory-response-store.js';
import type { StoredResponse } from './stored-response.js';

const entry = (id: string, ancestors: string[] = [], text = 'answer'): StoredResponse =>
  ({
    id,
    owner: null,
    ancestors,
    input: [
      {
        type: 'message',
        id: `msg_${id}`,
        status: 'completed',
        role: 'user',
        content: [{ type: 'input_text', text }],
      },
    ],
    response: { id, object: 'response', output: [] },
  }) as unknown as StoredResponse;

function clockedStore(options: { ttlMs?: number; maxEntries?: number; maxBytes?: number } = {}) {
  let time = 1_000_000;
  const store = memoryResponseStore({
    ttlMs: options.ttlMs ?? 60_000,
    maxEntries: options.maxEntries ?? 100,
    maxBytes: options.maxBytes ?? 1_000_000,
    now: () => time,
  });
  return {
    store,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('memoryResponseStore', () => {
  it('returns a copy of what was stored, so later changes to the original do not leak in', async () => {
    const { store } = clockedStore();
    const original = entry('resp_a');
    await store.put(original);
    (original.input as unknown[]).length = 0;
    expect((await store.get('resp_a'))?.input).toHaveLength(1);
    expect(await store.get('resp_missing')).toBeUndefined();
  });

  it('forgets an entry when its TTL has passed, and not a millisecond before', async () => {
    const { store, advance } = clockedStore({ ttlMs: 60_000 });
    await store.put(entry('resp_a'));
    advance(59_999);
    expect(await store.get('resp_a')).toBeDefined();
    advance(1);
    expect(await store.get('resp_a')).toBeUndefined();
    expect(await store.delete('resp_a')).toBe(false);
  });

  it('keeps a conversation alive while it continues: storing a turn refreshes its ancestors', async () => {
    const { store, advance } = clockedStore({ ttlMs: 60_000 });
    await store.put(entry('resp_1'));
    advance(50_000);
    await store.put(entry('resp_2', ['resp_1']));
    advance(50_000);
    // 100 s after it was stored, the first turn lives on: its conversation continued at 50 s
    expect((await store.getMany(['resp_1', 'resp_2'])).map((found) => found?.id)).toEqual([
      'resp_1',
      'resp_2',
    ]);
    advance(10_000);
    expect(await store.getMany(['resp_1', 'resp_2'])).toEqual([undefined, undefined]);
  });

  it('drops the entry stored or refreshed longest ago past maxEntries', async () => {
    const { store } = clockedStore({ maxEntries: 2 });
    await store.put(entry('resp_1'));
    await store.put(entry('resp_2'));
    await store.put(entry('resp_3', ['resp_1']));
    expect((await store.getMany(['resp_1', 'resp_2', 'resp_3'])).map((found) => found?.id)).toEqual([
      'resp_1',
      undefined,
      'resp_3',
    ]);
  });

  it('bounds the characters kept, and refuses one entry larger than the whole bound with a 413', async () => {
    const size = JSON.stringify(entry('resp_1')).length;
    const { store } = clockedStore({ maxBytes: size * 2 });
    for (const id of ['resp_1', 'resp_2', 'resp_3']) await store.put(entry(id));
    expect((await store.getMany(['resp_1', 'resp_2', 'resp_3'])).map((found) => found?.id)).toEqual([
      undefined,
      'resp_2',
      'resp_3',
    ]);
    const error = await store
      .put(entry('resp_big', [], 'x'.repeat(size * 2)))
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GatewayRequestError);
    expect((error as GatewayRequestError).httpStatus).toBe(413);
    expect((error as GatewayRequestError).message).toContain('store: false');
  });

  it('deletes, and answers an aborted call with cancelled', async () => {
    const { store } = clockedStore();
    await store.put(entry('resp_a'));
    expect(await store.delete('resp_a')).toBe(true);
    expect(await store.get('resp_a')).toBeUndefined();
    const controller = new AbortController();
    controller.abort();
    const error = await store.get('resp_a', controller.signal).catch((thrown: unknown) => thrown);
    expect(ConnectorError.isInstance(error) && error.code).toBe('cancelled');
  });

  it('refuses options that are not positive integers, naming them', () => {
    expect(() => memoryResponseStore({ ttlMs: 0, maxEntries: 1, maxBytes: 1 })).toThrow(ConfigError);
    expect(() => memoryResponseStore({ ttlMs: 1, maxEntries: 1.5, maxBytes: 1 })).toThrow(/maxEntries/);
  });
});
