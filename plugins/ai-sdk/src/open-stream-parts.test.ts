import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { type CallOptions, ConnectorError, createHub, type StreamChunk } from '@hub/core';
import { createMockProvider } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { openStreamParts } from './open-stream-parts.js';

const request = { model: 'mock/mock-1', messages: [{ role: 'user' as const, content: 'Hi' }] };

async function readAll(
  stream: ReadableStream<LanguageModelV3StreamPart>,
): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

const fixed = (list: readonly StreamChunk[]) =>
  async function* (): AsyncGenerator<StreamChunk> {
    yield* list;
  };

describe('openStreamParts', () => {
  it('starts with stream-start carrying the warnings and reads past chunks that map to nothing', async () => {
    const warnings = [{ type: 'unsupported' as const, feature: 'topK' }];
    const open = fixed([
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } },
      { type: 'text-delta', text: 'ok' },
      { type: 'finish', finishReason: 'stop' },
    ]);
    const parts = await readAll(await openStreamParts(open, {}, warnings));
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings });
  });

  it('rejects when the stream fails before its first chunk', async () => {
    async function* failing(): AsyncGenerator<StreamChunk> {
      yield* [];
      throw new ConnectorError('rate_limit', 'Slow down.');
    }
    await expect(openStreamParts(failing, {}, [])).rejects.toMatchObject({ code: 'rate_limit' });
  });

  it('ends a stream that breaks after output with an error part and no finish', async () => {
    const provider = createMockProvider({
      script: [
        { type: 'error', afterChunks: 2, text: 'half done', error: new ConnectorError('stream', 'Reset.') },
      ],
    });
    const hub = createHub({ providers: [provider] });
    const parts = await readAll(await openStreamParts((options) => hub.stream(request, options), {}, []));
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'text-start',
      'text-delta',
      'text-delta',
      'error',
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream' } });
  });

  it('reports a stream that ends without finish as a stream error', async () => {
    const parts = await readAll(await openStreamParts(fixed([{ type: 'text-delta', text: 'cut' }]), {}, []));
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream' } });
    expect(parts.map((part) => part.type)).not.toContain('finish');
  });

  it('closes the upstream when the consumer cancels while a read waits for the next chunk', async () => {
    const provider = createMockProvider({ script: [{ type: 'hang', text: 'Once' }] });
    const hub = createHub({ providers: [provider] });
    const stream = await openStreamParts((options) => hub.stream(request, options), {}, []);
    const reader = stream.getReader();
    const types: string[] = [];
    for (let index = 0; index < 3; index++) types.push((await reader.read()).value?.type ?? 'done');
    expect(types).toEqual(['stream-start', 'text-start', 'text-delta']);
    const waiting = reader.read();
    await reader.cancel();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await provider.ended(0)).toBe('aborted');
  });

  it('follows the caller signal, and stops following it once the stream ended', async () => {
    const caller = new AbortController();
    let seen: CallOptions | undefined;
    const open = (options: CallOptions) => {
      seen = options;
      return fixed([{ type: 'finish', finishReason: 'stop' }])();
    };
    await readAll(await openStreamParts(open, { signal: caller.signal, requestId: 'r-1' }, []));
    expect(seen?.requestId).toBe('r-1');
    expect(seen?.signal).not.toBe(caller.signal);
    caller.abort();
    // released: the hub call's signal no longer follows a caller signal aborted after the end
    expect(seen?.signal?.aborted).toBe(false);

    const aborted = new AbortController();
    aborted.abort();
    const provider = createMockProvider();
    const hub = createHub({ providers: [provider] });
    await expect(
      openStreamParts((options) => hub.stream(request, options), { signal: aborted.signal }, []),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });
});
