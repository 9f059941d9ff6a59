import { ConnectorError, type StreamChunk } from '@hub/core';
import { describe, expect, it, vi } from 'vitest';
import { observeStream, type StreamEnding } from './observe-stream.js';

async function* chunks(items: StreamChunk[], failWith?: Error): AsyncGenerator<StreamChunk> {
  for (const item of items) yield item;
  if (failWith !== undefined) throw failWith;
}

const text = (value: string): StreamChunk => ({ type: 'text-delta', text: value });

describe('observeStream', () => {
  it('passes every chunk through and ends at finish, with its usage and cost, before handing it on', async () => {
    const order: string[] = [];
    const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
    const observed = observeStream(
      chunks([
        text('ab'),
        { type: 'tool-call-delta', index: 0, name: 'f', argumentsDelta: '{}' },
        { type: 'finish', finishReason: 'stop', usage, cost: { inputUsd: 1, outputUsd: 2, totalUsd: 3 } },
      ]),
      async (ending) => {
        order.push(`end:${ending.kind}:${ending.outputCharacters}`);
        await Promise.resolve();
        order.push('ended');
      },
    );
    for await (const chunk of observed) order.push(chunk.type);
    expect(order).toEqual(['text-delta', 'tool-call-delta', 'end:finished:5', 'ended', 'finish']);
  });

  it('keeps the last usage chunk when finish has none', async () => {
    const onEnd = vi.fn<(ending: StreamEnding) => void>();
    const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
    for await (const _ of observeStream(
      chunks([
        { type: 'usage', usage },
        { type: 'finish', finishReason: 'stop' },
      ]),
      onEnd,
    ));
    expect(onEnd).toHaveBeenCalledOnce();
    expect(onEnd.mock.calls[0]?.[0]).toMatchObject({ kind: 'finished', usage });
  });

  it('ends as failed with the error, counting the output that passed, then rethrows', async () => {
    const onEnd = vi.fn<(ending: StreamEnding) => void>();
    const failure = new ConnectorError('stream', 'cut');
    const read = async () => {
      for await (const _ of observeStream(chunks([text('abcd')], failure), onEnd));
    };
    await expect(read()).rejects.toBe(failure);
    expect(onEnd).toHaveBeenCalledOnce();
    expect(onEnd.mock.calls[0]?.[0]).toMatchObject({ kind: 'failed', error: failure, outputCharacters: 4 });
  });

  it('ends as closed when the reader stops early, and closes the upstream even while a read is pending', async () => {
    const onEnd = vi.fn<(ending: StreamEnding) => void>();
    let closed = false;
    let release: (step: IteratorResult<StreamChunk>) => void = () => {};
    const upstream: AsyncIterable<StreamChunk> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise((resolve) => (release = resolve)),
        return: async () => {
          closed = true;
          release({ done: true, value: undefined });
          return { done: true, value: undefined };
        },
      }),
    };
    const iterator = observeStream(upstream, onEnd)[Symbol.asyncIterator]();
    const pending = iterator.next();
    await iterator.return?.();
    expect(closed).toBe(true);
    await pending;
    expect(onEnd).toHaveBeenCalledOnce();
    expect(onEnd.mock.calls[0]?.[0]).toMatchObject({ kind: 'closed', outputCharacters: 0 });
  });
});
