import { ConnectorError, type StreamChunk } from '@hub/core';
import type { SseEvent } from '@hub/provider-utils';
import { describe, expect, it } from 'vitest';
import { OpenAIStreamDecoder, type OpenAIStreamDecoderOptions } from './openai-stream-decoder.js';
import { dataFrame, sseFrames } from './test-support/fixtures.js';

/** Events as `decodeSse` yields them, from SSE frames; records whether `return()` closed it. */
function eventsOf(frames: readonly string[]) {
  const events: SseEvent[] = frames.map((frame) => ({
    data: frame.replace(/^data: /, '').replace(/\n\n$/, ''),
  }));
  let index = 0;
  const state = { closed: false, iterator: undefined as unknown as AsyncIterator<SseEvent> };
  state.iterator = {
    async next() {
      if (state.closed || index >= events.length) return { done: true, value: undefined };
      return { done: false, value: events[index++] as SseEvent };
    },
    async return() {
      state.closed = true;
      return { done: true, value: undefined };
    },
  };
  return state;
}

function decoder(frames: readonly string[], options: Partial<OpenAIStreamDecoderOptions> = {}) {
  const source = eventsOf(frames);
  const stream = new OpenAIStreamDecoder({
    providerId: 'openai',
    model: 'gpt-4o-mini',
    requireDoneMarker: true,
    open: async () => ({ events: source.iterator }),
    ...options,
  });
  return { stream, source };
}

async function collect(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  dataFrame({
    id: 'c1',
    object: 'chat.completion.chunk',
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

describe('OpenAIStreamDecoder', () => {
  it('opens the upstream only on the first pull', async () => {
    let opened = 0;
    const source = eventsOf(sseFrames('stream-text.sse'));
    const stream = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'gpt-4o-mini',
      requireDoneMarker: true,
      open: async () => {
        opened++;
        return { events: source.iterator };
      },
    });
    expect(opened).toBe(0);
    await stream.next();
    expect(opened).toBe(1);
  });

  it('turns the documented text stream into deltas and one final finish', async () => {
    const chunks = await collect(decoder(sseFrames('stream-text.sse')).stream);
    expect(chunks.map((item) => item.type)).toEqual(['text-delta', 'text-delta', 'text-delta', 'finish']);
    expect(chunks.at(-1)).toMatchObject({ finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 3 } });
  });

  it('emits tool-call fragments with the wire index, id and name only on the first', async () => {
    const chunks = await collect(decoder(sseFrames('stream-tool-calls.sse')).stream);
    const deltas = chunks.filter((item) => item.type === 'tool-call-delta');
    expect(deltas[0]).toEqual({
      type: 'tool-call-delta',
      index: 0,
      id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
      name: 'get_weather',
      argumentsDelta: '',
    });
    expect(deltas[1]).toEqual({ type: 'tool-call-delta', index: 0, argumentsDelta: '{"' });
    expect(
      deltas
        .filter((item) => item.index === 1)
        .map((item) => item.argumentsDelta)
        .join(''),
    ).toBe('{"location":"Tokyo"}');
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('assigns indexes by id for servers that omit index, and continues id-less fragments', async () => {
    const frames = [
      chunk({ tool_calls: [{ id: 'a', function: { name: 'one', arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ function: { arguments: '1}' } }] }),
      chunk({ tool_calls: [{ id: 'b', function: { name: 'two', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      'data: [DONE]\n\n',
    ];
    const deltas = (await collect(decoder(frames).stream)).filter((item) => item.type === 'tool-call-delta');
    expect(deltas.map((item) => [item.index, item.argumentsDelta])).toEqual([
      [0, '{"x":'],
      [0, '1}'],
      [1, '{}'],
    ]);
  });

  it('reads reasoning deltas of compatible servers', async () => {
    const frames = [
      chunk({ reasoning_content: 'Let me think.' }),
      chunk({ reasoning: ' Done.' }),
      chunk({ content: 'Yes.' }, 'stop'),
      'data: [DONE]\n\n',
    ];
    expect(await collect(decoder(frames).stream)).toEqual([
      { type: 'reasoning-delta', text: 'Let me think.' },
      { type: 'reasoning-delta', text: ' Done.' },
      { type: 'text-delta', text: 'Yes.' },
      { type: 'finish', finishReason: 'stop', responseId: 'c1', model: 'm' },
    ]);
  });

  it('throws stream when the events end before [DONE]', async () => {
    const error = await failure(collect(decoder(sseFrames('stream-text.sse').slice(0, -1)).stream));
    expect(error.code).toBe('stream');
  });

  it('accepts an end after finish_reason without [DONE] when the quirk allows it', async () => {
    const frames = [chunk({ content: 'Hi' }), chunk({}, 'length')];
    const chunks = await collect(decoder(frames, { requireDoneMarker: false }).stream);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
    const early = await failure(
      collect(decoder([chunk({ content: 'Hi' })], { requireDoneMarker: false }).stream),
    );
    expect(early.code).toBe('stream');
  });

  it('throws parse for a chunk that is not JSON, and closes the source', async () => {
    const { stream, source } = decoder([
      chunk({ content: 'Hi' }),
      'data: {"choices": [\n\n',
      'data: [DONE]\n\n',
    ]);
    const error = await failure(collect(stream));
    expect(error.code).toBe('parse');
    expect(source.closed).toBe(true);
  });

  it('throws parse for a JSON value that is not a chunk object', async () => {
    expect((await failure(collect(decoder(['data: 42\n\n']).stream))).code).toBe('parse');
  });

  it('throws the mapped error of an error event', async () => {
    const frames = [
      dataFrame({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }),
    ];
    const error = await failure(collect(decoder(frames).stream));
    expect(error.code).toBe('rate_limit');
    expect(error.providerCode).toBe('rate_limit_exceeded');
  });

  it('turns a network failure of the body into stream, but keeps cancelled', async () => {
    const broken = (code: 'network' | 'cancelled') => ({
      async next(): Promise<IteratorResult<SseEvent>> {
        throw new ConnectorError(code, `openai: ${code}`, { providerId: 'openai' });
      },
    });
    for (const [code, expected] of [
      ['network', 'stream'],
      ['cancelled', 'cancelled'],
    ] as const) {
      const stream = new OpenAIStreamDecoder({
        providerId: 'openai',
        model: 'm',
        requireDoneMarker: true,
        open: async () => ({ events: broken(code) }),
      });
      expect((await failure(collect(stream))).code).toBe(expected);
    }
  });

  it('keeps network for a failure to connect (nothing was streamed yet)', async () => {
    const stream = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'm',
      requireDoneMarker: true,
      open: async () => {
        throw new ConnectorError('network', 'openai: ECONNREFUSED', { providerId: 'openai' });
      },
    });
    expect((await failure(collect(stream))).code).toBe('network');
  });

  it('closes the source when the consumer stops early, and ends quietly afterwards', async () => {
    const { stream, source } = decoder(sseFrames('stream-text.sse'));
    for await (const item of stream) {
      if (item.type === 'text-delta') break;
    }
    expect(source.closed).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('reads the rest of the body after [DONE] instead of discarding the connection', async () => {
    const { stream, source } = decoder([...sseFrames('stream-text.sse'), chunk({ content: 'ignored' })]);
    const chunks = await collect(stream);
    expect(chunks.at(-1)?.type).toBe('finish');
    expect(chunks.some((item) => item.type === 'text-delta' && item.text === 'ignored')).toBe(false);
    expect(source.closed).toBe(false);
  });

  it('feeds and releases the pace watch', async () => {
    const calls: string[] = [];
    const source = eventsOf(sseFrames('stream-text.sse'));
    const stream = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'm',
      requireDoneMarker: true,
      open: async () => ({
        events: source.iterator,
        watch: { touch: () => calls.push('touch'), release: () => calls.push('release') },
      }),
    });
    await collect(stream);
    expect(calls.filter((call) => call === 'touch').length).toBe(7);
    expect(calls.at(-1)).toBe('release');
  });
});
