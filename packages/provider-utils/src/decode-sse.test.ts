import { ConnectorError } from '@hub/core';
import { describe, expect, it, vi } from 'vitest';
import { decodeSse, type SseEvent } from './decode-sse.js';
import { chunked } from './test-support/local-http-server.js';

async function decodeAll(body: AsyncIterable<Uint8Array>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of decodeSse(body)) events.push(event);
  return events;
}

function plain(events: readonly SseEvent[]): { event?: string; data: string; id?: string }[] {
  return events.map(({ event, data, id }) => ({
    data,
    ...(event !== undefined && { event }),
    ...(id !== undefined && { id }),
  }));
}

/** A source yielding the given reads one by one, counting pulls and recording `return()`. */
function reads(texts: readonly string[]) {
  const state = { pulls: 0, returned: 0 };
  let index = 0;
  const iterator: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
    next: async () => {
      state.pulls++;
      const text = texts[index++];
      return text === undefined
        ? { done: true, value: undefined }
        : { done: false, value: Buffer.from(text) };
    },
    return: async () => {
      state.returned++;
      return { done: true, value: undefined };
    },
  };
  return { source: iterator, state };
}

// an OpenAI-style stream with the awkward parts: comments, CRLF, multi-line data, ids,
// named events, multi-byte characters and the [DONE] sentinel
const STREAM = [
  ': keep-alive comment\n\n',
  'data: {"delta":"Héllo 🌍"}\n\n',
  'event: message_delta\r\nid: 42\r\ndata: line one\r\ndata: line two\r\n\r\n',
  ':ping\n',
  'data:no-space\n\n',
  'event: content_block_stop\rdata: {"index":0}\r\r',
  'data: [DONE]\n\n',
].join('');

const EXPECTED = [
  { data: '{"delta":"Héllo 🌍"}' },
  { event: 'message_delta', id: '42', data: 'line one\nline two' },
  { data: 'no-space' },
  { event: 'content_block_stop', data: '{"index":0}' },
  { data: '[DONE]' },
];

describe('decodeSse', () => {
  it('decodes a stream delivered in one chunk', async () => {
    expect(plain(await decodeAll(chunked(STREAM, 1_000_000)))).toEqual(EXPECTED);
  });

  it('decodes the same events when the stream is split at every byte', async () => {
    expect(plain(await decodeAll(chunked(STREAM, 1)))).toEqual(EXPECTED);
  });

  it('decodes the same events at every split size from 2 to 40 bytes', async () => {
    for (let size = 2; size <= 40; size++) {
      expect(plain(await decodeAll(chunked(STREAM, size)))).toEqual(EXPECTED);
    }
  });

  it('splits a CRLF pair across chunks without inventing an empty line', async () => {
    async function* source(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('data: a\r');
      yield Buffer.from('\ndata: b\r');
      yield Buffer.from('\n\r');
      yield Buffer.from('\n');
    }
    expect(plain(await decodeAll(source()))).toEqual([{ data: 'a\nb' }]);
  });

  it('delivers a final event that lacks its terminating blank line', async () => {
    expect(plain(await decodeAll(chunked('data: first\n\ndata: last', 3)))).toEqual([
      { data: 'first' },
      { data: 'last' },
    ]);
  });

  it('yields nothing for a stream of comments only', async () => {
    expect(await decodeAll(chunked(': ping\n\n: ping\n\n', 4))).toEqual([]);
  });

  it('calls return() on the source when the consumer stops early', async () => {
    const returned = vi.fn();
    let pulls = 0;
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          pulls++;
          return { done: false, value: Buffer.from(`data: ${pulls}\n\n`) };
        },
        return: async () => {
          returned();
          return { done: true, value: undefined };
        },
      }),
    };
    const seen: string[] = [];
    for await (const event of decodeSse(source)) {
      seen.push(event.data);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['1', '2']);
    expect(returned).toHaveBeenCalledTimes(1);
    expect(pulls).toBe(2);
  });

  it('does not call return() on a source that already ended or failed', async () => {
    const returned = vi.fn();
    const failure = new ConnectorError('network', 'reset');
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => {
        let sent = false;
        return {
          next: async () => {
            if (sent) throw failure;
            sent = true;
            return { done: false, value: Buffer.from('data: one\n\n') };
          },
          return: async () => {
            returned();
            return { done: true, value: undefined };
          },
        };
      },
    };
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of decodeSse(source)) seen.push(event.data);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['one']);
    expect(error).toBe(failure);
    expect(returned).not.toHaveBeenCalled();
  });

  it('fails with parse when a line exceeds maxBufferSize, after delivering earlier events', async () => {
    const returned = vi.fn();
    const chunks = [
      Buffer.from('data: ok\n\n'),
      Buffer.from(`data: ${'x'.repeat(100)}`),
      Buffer.from('more'),
    ];
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const value = chunks.shift();
          return value === undefined ? { done: true, value: undefined } : { done: false, value };
        },
        return: async () => {
          returned();
          return { done: true, value: undefined };
        },
      }),
    };
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of decodeSse(source, { maxBufferSize: 50, providerId: 'acme' }))
        seen.push(event.data);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['ok']);
    expect(ConnectorError.isInstance(error) && error.code).toBe('parse');
    expect((error as ConnectorError).providerId).toBe('acme');
    expect(returned).toHaveBeenCalledTimes(1);
  });
});

describe('decodeSse, one source read at a time', () => {
  it('awaits the source once per read, not once per event', async () => {
    const { source, state } = reads(['data: 1\n\ndata: 2\n\ndata: 3\n\n']);
    const seen: string[] = [];
    for await (const event of decodeSse(source)) seen.push(event.data);
    expect(seen).toEqual(['1', '2', '3']);
    expect(state.pulls).toBe(2);
  });

  it('strips a leading byte order mark, even split across reads', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const body = Buffer.concat([bom, Buffer.from('data: a\n\n')]);
    for (let size = 1; size <= 4; size++) {
      const seen: string[] = [];
      for await (const event of decodeSse(chunked(body.toString('utf8'), size))) seen.push(event.data);
      expect(seen).toEqual(['a']);
    }
    // only at the start: a later U+FEFF is data
    const seen: string[] = [];
    for await (const event of decodeSse(chunked('data: \uFEFFb\n\n', 2))) seen.push(event.data);
    expect(seen).toEqual(['\uFEFFb']);
  });

  it('replaces invalid UTF-8 instead of failing', async () => {
    const body = Buffer.concat([Buffer.from('data: a'), Buffer.from([0xff]), Buffer.from('b\n\n')]);
    const seen: string[] = [];
    const source: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        yield body;
      },
    };
    for await (const event of decodeSse(source)) seen.push(event.data);
    expect(seen).toEqual(['a\uFFFDb']);
  });

  it('closes the source when the consumer stops between events of one read', async () => {
    const { source, state } = reads(['data: 1\n\ndata: 2\n\ndata: 3\n\n']);
    const seen: string[] = [];
    for await (const event of decodeSse(source)) {
      seen.push(event.data);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['1', '2']);
    expect(state.returned).toBe(1);
    expect(state.pulls).toBe(1);
  });
});
