import { describe, expect, it } from 'vitest';
import { ErrorAction } from '../contracts/error-action.js';
import type { CallOutcome, Middleware } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { createHub } from '../hub/create-hub.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import { fakeProvider, response, userRequest } from '../test-support/fake-provider.js';

async function collect(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('hub.stream', () => {
  it('yields the provider chunks with finish last and gives onResponse the folded response', async () => {
    const folded: CompletionResponse[] = [];
    const hub = createHub({
      providers: [fakeProvider('p', ['Hello brave world'])],
      middleware: [
        {
          name: 'observe',
          onResponse: (result) => {
            folded.push(result);
          },
        },
      ],
    });
    const chunks = await collect(hub.stream(userRequest('p/m')));
    expect(chunks.map((chunk) => chunk.type)).toEqual(['text-delta', 'text-delta', 'text-delta', 'finish']);
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({
      text: 'Hello brave world',
      provider: 'p',
      model: 'm',
      finishReason: 'stop',
      usage: { totalTokens: 3 },
    });
  });

  it('runs wrapStream with the first registered middleware outermost', async () => {
    const order: string[] = [];
    const tag = (name: string): Middleware => ({
      name,
      async *wrapStream(stream) {
        for await (const chunk of stream) {
          if (chunk.type === 'text-delta') order.push(name);
          yield chunk;
        }
      },
    });
    const hub = createHub({
      providers: [fakeProvider('p', ['one'])],
      middleware: [tag('outer'), tag('inner')],
    });
    await collect(hub.stream(userRequest('p/m')));
    expect(order).toEqual(['inner', 'outer']);
  });

  it('retries a stream that failed before any content', async () => {
    const provider = fakeProvider('p', [new ConnectorError('overloaded', 'busy'), 'second try']);
    const hub = createHub({
      providers: [provider],
      middleware: [{ name: 'retry', onError: () => ErrorAction.retry() }],
    });
    const chunks = await collect(hub.stream(userRequest('p/m')));
    expect(
      chunks
        .filter((chunk) => chunk.type === 'text-delta')
        .map((chunk) => (chunk as { text: string }).text)
        .join(''),
    ).toBe('second try');
    expect(provider.calls).toHaveLength(2);
  });

  it('never retries or falls back once content reached the caller', async () => {
    const provider = fakeProvider('p', [
      {
        chunks: [{ type: 'text-delta', text: 'partial' }],
        thenError: new ConnectorError('network', 'reset'),
      },
    ]);
    const backup = fakeProvider('q', ['backup']);
    let sawYielded = false;
    const hub = createHub({
      providers: [provider, backup],
      routes: { default: ['p/m', 'q/m'] },
      middleware: [
        {
          name: 'retry',
          onError: (_error, context) => {
            sawYielded = context.contentYielded;
            return ErrorAction.retry();
          },
        },
      ],
    });
    const seen: StreamChunk[] = [];
    await expect(
      (async () => {
        for await (const chunk of hub.stream(userRequest('default'))) seen.push(chunk);
      })(),
    ).rejects.toMatchObject({ code: 'network' });
    expect(seen).toEqual([{ type: 'text-delta', text: 'partial' }]);
    expect(sawYielded).toBe(true);
    expect(provider.calls).toHaveLength(1);
    expect(backup.calls).toHaveLength(0);
  });

  it('reports a stream that ends without finish as a stream error', async () => {
    const hub = createHub({
      providers: [fakeProvider('p', [{ chunks: [{ type: 'text-delta', text: 'cut' }] }])],
    });
    await expect(collect(hub.stream(userRequest('p/m')))).rejects.toMatchObject({ code: 'stream' });
  });

  it('closes the provider stream and settles as cancelled when the caller stops iterating', async () => {
    const provider = fakeProvider('p', ['hang']);
    const outcomes: CallOutcome[] = [];
    const hub = createHub({
      providers: [provider],
      middleware: [
        {
          name: 'settle',
          onSettled: (outcome) => {
            outcomes.push(outcome);
          },
        },
      ],
    });
    for await (const chunk of hub.stream(userRequest('p/m'))) {
      expect(chunk).toEqual({ type: 'text-delta', text: 'partial' });
      break;
    }
    expect(provider.calls[0]?.closed).toBe(true);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('aborting mid-stream ends the provider iteration with cancelled', async () => {
    const provider = fakeProvider('p', ['hang']);
    const hub = createHub({ providers: [provider] });
    const controller = new AbortController();
    await expect(
      (async () => {
        for await (const chunk of hub.stream(userRequest('p/m'), { signal: controller.signal })) {
          if (chunk.type === 'text-delta') controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(provider.calls[0]?.closed).toBe(true);
  });

  it('replays a short-circuit response as chunks', async () => {
    const provider = fakeProvider('p');
    const cached = {
      ...response('p', 'm', 'from cache'),
      content: [
        { type: 'text' as const, text: 'from cache' },
        { type: 'tool-call' as const, id: 'c1', name: 'f', arguments: '{}' },
      ],
    };
    const hub = createHub({
      providers: [provider],
      middleware: [{ name: 'cache', onRequest: () => ({ response: cached }) }],
    });
    const chunks = await collect(hub.stream(userRequest('p/m')));
    expect(chunks).toEqual([
      { type: 'text-delta', text: 'from cache' },
      { type: 'tool-call-delta', index: 0, id: 'c1', name: 'f', argumentsDelta: '{}' },
      expect.objectContaining({ type: 'finish', finishReason: 'stop' }),
    ]);
    expect(provider.calls).toHaveLength(0);
  });

  it('validates the request when iteration starts, before any provider call', async () => {
    const provider = fakeProvider('p');
    const hub = createHub({ providers: [provider] });
    await expect(
      collect(hub.stream({ model: 'p/m', messages: [{ role: 'user', content: 'x' }], maxTokens: 0 })),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'maxTokens',
    });
    expect(provider.calls).toHaveLength(0);
  });
});

describe('hub.stream headers', () => {
  it('passes headers set by middleware to the provider stream call', async () => {
    const provider = fakeProvider('p', ['hi']);
    const hub = createHub({
      providers: [provider],
      middleware: [{ name: 'auth', onRequest: (_request, context) => context.setHeader('X-Api-Key', 'k1') }],
    });
    await collect(hub.stream(userRequest('p/m')));
    expect(provider.calls[0]?.options.headers).toEqual({ 'x-api-key': 'k1' });
  });
});

describe('hub.stream settling at finish', () => {
  it('succeeds and runs onResponse when the caller stops at the finish chunk', async () => {
    const outcomes: CallOutcome[] = [];
    const responses: CompletionResponse[] = [];
    const hub = createHub({
      providers: [fakeProvider('p', ['all of it'])],
      middleware: [
        {
          name: 'observe',
          onResponse: (result) => {
            responses.push(result);
          },
          onSettled: (outcome) => {
            outcomes.push(outcome);
          },
        },
      ],
    });
    for await (const chunk of hub.stream(userRequest('p/m'))) {
      if (chunk.type === 'finish') break;
    }
    expect(responses.map((response) => response.text)).toEqual(['all of it']);
    expect(outcomes[0]).toMatchObject({ ok: true, cached: false });
  });

  it('settles a replayed short-circuit as cached success when the caller stops at finish', async () => {
    const outcomes: CallOutcome[] = [];
    const hub = createHub({
      providers: [fakeProvider('p')],
      middleware: [
        {
          name: 'observe',
          onSettled: (outcome) => {
            outcomes.push(outcome);
          },
        },
        { name: 'cache', onRequest: () => ({ response: response('p', 'm', 'hit') }) },
      ],
    });
    for await (const chunk of hub.stream(userRequest('p/m'))) {
      if (chunk.type === 'finish') break;
    }
    expect(outcomes[0]).toMatchObject({ ok: true, cached: true });
  });
});

describe('closing and the finish chunk', () => {
  it('closes promptly while a read is pending, cutting the provider and settling as cancelled', async () => {
    const provider = fakeProvider('p', ['hang']);
    const outcomes: CallOutcome[] = [];
    const hub = createHub({
      providers: [provider],
      middleware: [{ name: 'settle', onSettled: (outcome) => void outcomes.push(outcome) }],
    });
    const iterator = hub.stream(userRequest('p/m'))[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ type: 'text-delta', text: 'partial' });
    const pending = iterator.next().then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    await iterator.return?.();
    expect(provider.calls[0]?.closed).toBe(true);
    const settled = await pending;
    expect('error' in settled ? (settled.error as ConnectorError).code : settled.result.done).not.toBe(false);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]?.ok).toBe(false);
  });

  it('tells the caller on `finish` which provider answered and what the call cost', async () => {
    const hub = createHub({
      providers: [fakeProvider('a', [new ConnectorError('overloaded', 'busy')]), fakeProvider('b', ['fine'])],
      routes: { chat: ['a/m', 'b/m'] },
      middleware: [
        {
          name: 'price',
          onResponse: (result) => ({
            ...result,
            cost: { inputUsd: 0.001, outputUsd: 0.002, totalUsd: 0.003 },
          }),
        },
      ],
    });
    const chunks = await collect(hub.stream(userRequest('chat')));
    expect(chunks.at(-1)).toMatchObject({
      type: 'finish',
      provider: 'b',
      cost: { totalUsd: 0.003 },
    });
  });
});
