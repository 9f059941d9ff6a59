import { ConnectorError } from '@hub/core';
import type { SseEvent } from '@hub/provider-utils';
import { collectChunks as collect, sseFrame } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import {
  OpenAIStreamDecoder,
  type OpenAIStreamDecoderOptions,
  type OpenAIStreamSource,
} from './openai-stream-decoder.js';
import { fixtures } from './test-support/chat-completions-wire.js';

/** How a test source hands its events to the decoder. */
type Delivery = 'one event at a time' | 'all events in one read' | 'two events per read';
const DELIVERIES: readonly Delivery[] = [
  'one event at a time',
  'all events in one read',
  'two events per read',
];

/** Events as the decoder gets them, from SSE frames; records pulls and whether `return()` closed it. */
function eventsOf(frames: readonly string[], delivery: Delivery = 'one event at a time') {
  const events: SseEvent[] = frames.map((frame) => ({
    data: frame.replace(/^data: /, '').replace(/\n\n$/, ''),
  }));
  const perRead = delivery === 'all events in one read' ? Math.max(events.length, 1) : 2;
  let index = 0;
  const state = { closed: false, pulls: 0 };
  const close = async () => {
    state.closed = true;
    return { done: true as const, value: undefined };
  };
  const batches: AsyncIterator<readonly SseEvent[]> = {
    async next() {
      state.pulls++;
      if (state.closed || index >= events.length) return { done: true, value: undefined };
      const batch = events.slice(index, index + perRead);
      index += batch.length;
      return { done: false, value: batch };
    },
    return: close,
  };
  const single: AsyncIterator<SseEvent> = {
    async next() {
      state.pulls++;
      if (state.closed || index >= events.length) return { done: true, value: undefined };
      return { done: false, value: events[index++] as SseEvent };
    },
    return: close,
  };
  const source: OpenAIStreamSource =
    delivery === 'one event at a time' ? { events: single } : { eventBatches: batches };
  return { source, state };
}

/** A source whose body fails at once with `code`, delivered as `delivery` says. */
function brokenSource(code: 'network' | 'cancelled', delivery: Delivery): OpenAIStreamSource {
  const next = async (): Promise<never> => {
    throw new ConnectorError(code, `openai: ${code}`, { providerId: 'openai' });
  };
  return delivery === 'one event at a time' ? { events: { next } } : { eventBatches: { next } };
}

function decoder(
  frames: readonly string[],
  options: Partial<OpenAIStreamDecoderOptions> = {},
  delivery: Delivery = 'one event at a time',
) {
  const { source, state } = eventsOf(frames, delivery);
  const stream = new OpenAIStreamDecoder({
    providerId: 'openai',
    model: 'gpt-4o-mini',
    requireDoneMarker: true,
    open: async () => source,
    ...options,
  });
  return { stream, source: state };
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
  sseFrame({
    id: 'c1',
    object: 'chat.completion.chunk',
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

describe.each(DELIVERIES)('OpenAIStreamDecoder, %s', (delivery) => {
  const decode = (frames: readonly string[], options: Partial<OpenAIStreamDecoderOptions> = {}) =>
    decoder(frames, options, delivery);

  it('opens the upstream only on the first pull', async () => {
    let opened = 0;
    const { source } = eventsOf(fixtures.sseFrames('stream-text.sse'), delivery);
    const stream = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'gpt-4o-mini',
      requireDoneMarker: true,
      open: async () => {
        opened++;
        return source;
      },
    });
    expect(opened).toBe(0);
    await stream.next();
    expect(opened).toBe(1);
  });

  it('turns the documented text stream into deltas and one final finish', async () => {
    const chunks = await collect(decode(fixtures.sseFrames('stream-text.sse')).stream);
    expect(chunks.map((item) => item.type)).toEqual(['text-delta', 'text-delta', 'text-delta', 'finish']);
    expect(chunks.at(-1)).toMatchObject({ finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 3 } });
  });

  it('emits tool-call fragments with the wire index, id and name only on the first', async () => {
    const chunks = await collect(decode(fixtures.sseFrames('stream-tool-calls.sse')).stream);
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
    const deltas = (await collect(decode(frames).stream)).filter((item) => item.type === 'tool-call-delta');
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
    expect(await collect(decode(frames).stream)).toEqual([
      { type: 'reasoning-delta', text: 'Let me think.' },
      { type: 'reasoning-delta', text: ' Done.' },
      { type: 'text-delta', text: 'Yes.' },
      { type: 'finish', finishReason: 'stop', responseId: 'c1', model: 'm' },
    ]);
  });

  it('throws stream when the events end before [DONE]', async () => {
    const error = await failure(collect(decode(fixtures.sseFrames('stream-text.sse').slice(0, -1)).stream));
    expect(error.code).toBe('stream');
  });

  it('accepts an end after finish_reason without [DONE] when the quirk allows it', async () => {
    const frames = [chunk({ content: 'Hi' }), chunk({}, 'length')];
    const chunks = await collect(decode(frames, { requireDoneMarker: false }).stream);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
    const early = await failure(
      collect(decode([chunk({ content: 'Hi' })], { requireDoneMarker: false }).stream),
    );
    expect(early.code).toBe('stream');
  });

  it('throws parse for a chunk that is not JSON, and closes the source', async () => {
    const { stream, source } = decode([
      chunk({ content: 'Hi' }),
      'data: {"choices": [\n\n',
      'data: [DONE]\n\n',
    ]);
    const error = await failure(collect(stream));
    expect(error.code).toBe('parse');
    expect(source.closed).toBe(true);
  });

  it('throws parse for a JSON value that is not a chunk object', async () => {
    expect((await failure(collect(decode(['data: 42\n\n']).stream))).code).toBe('parse');
  });

  it('throws the mapped error of an error event', async () => {
    const frames = [
      sseFrame({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }),
    ];
    const error = await failure(collect(decode(frames).stream));
    expect(error.code).toBe('rate_limit');
    expect(error.providerCode).toBe('rate_limit_exceeded');
  });

  it('turns a network failure of the body into stream, but keeps cancelled', async () => {
    for (const [code, expected] of [
      ['network', 'stream'],
      ['cancelled', 'cancelled'],
    ] as const) {
      const stream = new OpenAIStreamDecoder({
        providerId: 'openai',
        model: 'm',
        requireDoneMarker: true,
        open: async () => brokenSource(code, delivery),
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
    const { stream, source } = decode(fixtures.sseFrames('stream-text.sse'));
    for await (const item of stream) {
      if (item.type === 'text-delta') break;
    }
    expect(source.closed).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('reads the rest of the body after [DONE] instead of discarding the connection', async () => {
    const { stream, source } = decode([
      ...fixtures.sseFrames('stream-text.sse'),
      chunk({ content: 'ignored' }),
    ]);
    const chunks = await collect(stream);
    expect(chunks.at(-1)?.type).toBe('finish');
    expect(chunks.some((item) => item.type === 'text-delta' && item.text === 'ignored')).toBe(false);
    expect(source.closed).toBe(false);
  });

  it('disposes the call deadline once, only after the rest of the body was read', async () => {
    let disposed = 0;
    const { source } = eventsOf(fixtures.sseFrames('stream-text.sse'), delivery);
    const stream = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'm',
      requireDoneMarker: true,
      open: async () => ({ ...source, deadline: { dispose: () => disposed++ } }),
    });
    const chunks = await collect(stream);
    expect(chunks.at(-1)?.type).toBe('finish');
    expect(disposed).toBe(1);
  });

  it('disposes the call deadline when the consumer leaves early or the body fails', async () => {
    let disposed = 0;
    const deadline = { dispose: () => disposed++ };
    const { source } = eventsOf(fixtures.sseFrames('stream-text.sse'), delivery);
    const leaving = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'm',
      requireDoneMarker: true,
      open: async () => ({ ...source, deadline }),
    });
    await leaving.next();
    await leaving.return();
    expect(disposed).toBe(1);
    const failing = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'm',
      requireDoneMarker: true,
      open: async () => ({ ...brokenSource('network', delivery), deadline }),
    });
    await expect(failing.next()).rejects.toMatchObject({ code: 'stream' });
    expect(disposed).toBe(2);
  });
});

describe('OpenAIStreamDecoder, events grouped by network read', () => {
  // what the bench's upstream and OpenAI send in one burst: role, fifty deltas, finish, usage, [DONE]
  const burst = [
    chunk({ role: 'assistant', content: '' }),
    ...Array.from({ length: 50 }, (_, index) => chunk({ content: `w${index} ` })),
    chunk({}, 'stop'),
    sseFrame({
      id: 'c1',
      object: 'chat.completion.chunk',
      model: 'm',
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: 50, total_tokens: 59 },
    }),
    'data: [DONE]\n\n',
  ];

  it('awaits the body once for a read of fifty-four events, and once more for its end', async () => {
    const { stream, source } = decoder(burst, {}, 'all events in one read');
    const chunks = await collect(stream);
    expect(chunks.filter((item) => item.type === 'text-delta')).toHaveLength(50);
    expect(chunks.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 9, outputTokens: 50 },
    });
    expect(source.pulls).toBe(2);
  });

  it('hands out the chunks of a read while the next read is still pending', async () => {
    let pulls = 0;
    const pending = new Promise<never>(() => {});
    const eventBatches: AsyncIterator<readonly SseEvent[]> = {
      next: () => {
        pulls++;
        if (pulls > 1) return pending;
        return Promise.resolve({
          done: false,
          value: ['a', 'b', 'c'].map((text) => ({
            data: JSON.stringify({ choices: [{ delta: { content: text } }] }),
          })),
        });
      },
      return: async () => ({ done: true, value: undefined }),
    };
    const stream = new OpenAIStreamDecoder({
      providerId: 'openai',
      model: 'm',
      requireDoneMarker: true,
      open: async () => ({ eventBatches }),
    });
    const texts: string[] = [];
    for (let index = 0; index < 3; index++) {
      const result = await stream.next();
      if (result.done !== true && result.value.type === 'text-delta') texts.push(result.value.text);
    }
    expect(texts).toEqual(['a', 'b', 'c']);
    expect(pulls).toBe(1);
    await stream.return();
  });

  it('fails with parse at a malformed event inside a read, after the chunks before it, and closes the body', async () => {
    const { stream, source } = decoder(
      [
        chunk({ content: 'one' }),
        chunk({ content: 'two' }),
        'data: {"choices": [\n\n',
        chunk({ content: 'three' }),
      ],
      {},
      'all events in one read',
    );
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const item of stream) if (item.type === 'text-delta') seen.push(item.text);
      })(),
    );
    expect(seen).toEqual(['one', 'two']);
    expect(error.code).toBe('parse');
    expect(source.closed).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('stops at return() in the middle of a read: closes the body, hands out nothing more', async () => {
    const { stream, source } = decoder(
      [
        chunk({ reasoning_content: 'think', content: 'Hi' }),
        chunk({ content: ' there' }),
        'data: [DONE]\n\n',
      ],
      {},
      'all events in one read',
    );
    expect(await stream.next()).toEqual({ done: false, value: { type: 'reasoning-delta', text: 'think' } });
    // the text-delta of the same event is decoded already; return() drops it with the rest
    await stream.return();
    expect(source.closed).toBe(true);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('re-assembles tool calls whose fragments straddle reads', async () => {
    const frames = fixtures.sseFrames('stream-tool-calls.sse');
    const reference = await collect(decoder(frames).stream);
    for (const delivery of ['all events in one read', 'two events per read'] as const) {
      expect(await collect(decoder(frames, {}, delivery).stream)).toEqual(reference);
    }
  });
});
