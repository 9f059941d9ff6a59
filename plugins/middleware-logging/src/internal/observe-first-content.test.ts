import type { StreamChunk } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { observeFirstContent } from './observe-first-content.js';

const usage = { inputTokens: 1, outputTokens: 2, totalTokens: 3 };
const chunks: StreamChunk[] = [
  { type: 'usage', usage },
  { type: 'text-delta', text: 'Hel' },
  { type: 'text-delta', text: 'lo' },
  { type: 'finish', finishReason: 'stop', usage },
];

async function* source(
  items: readonly StreamChunk[],
  closed: { value: boolean },
): AsyncGenerator<StreamChunk> {
  try {
    yield* items;
  } finally {
    closed.value = true;
  }
}

describe('observeFirstContent', () => {
  it('passes every chunk through and reports the first content chunk once', async () => {
    const seen: number[] = [];
    let received = 0;
    const observed = observeFirstContent(source(chunks, { value: false }), () => seen.push(received));
    const passed: StreamChunk[] = [];
    for await (const chunk of observed) {
      passed.push(chunk);
      received++;
    }
    expect(passed).toEqual(chunks);
    // called while the first text chunk was being delivered, before the caller received it
    expect(seen).toEqual([1]);
  });

  it('forwards return() so a caller who stops early closes the source', async () => {
    const closed = { value: false };
    const observed = observeFirstContent(source(chunks, closed), () => {});
    for await (const chunk of observed) {
      if (chunk.type === 'text-delta') break;
    }
    expect(closed.value).toBe(true);
  });

  it('never reports a stream without content', async () => {
    let calls = 0;
    const observed = observeFirstContent(
      source([{ type: 'finish', finishReason: 'stop', usage }], { value: false }),
      () => calls++,
    );
    for await (const _chunk of observed) {
      // drain
    }
    expect(calls).toBe(0);
  });
});
