import { ConnectorError } from '@hub/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './create-http-client.js';
import { decodeSse, type SseEvent } from './decode-sse.js';
import { decodeSseBatches } from './decode-sse-batches.js';
import { chunked, type LocalHttpServer, startLocalHttpServer } from './test-support/local-http-server.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

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

async function batchesOf(body: AsyncIterable<Uint8Array>): Promise<string[][]> {
  const batches: string[][] = [];
  for await (const events of decodeSseBatches(body)) batches.push(events.map((event) => event.data));
  return batches;
}

function plain(events: readonly SseEvent[]): { event?: string; data: string; id?: string }[] {
  return events.map(({ event, data, id }) => ({
    data,
    ...(event !== undefined && { event }),
    ...(id !== undefined && { id }),
  }));
}

// comments, CRLF and CR line ends, multi-line data, ids, named events, multi-byte characters
const STREAM = [
  ': keep-alive\n\n',
  'data: {"delta":"Héllo 🌍"}\n\n',
  'event: message_delta\r\nid: 42\r\ndata: line one\r\ndata: line two\r\n\r\n',
  'data:no-space\n\n',
  'event: content_block_stop\rdata: {"index":0}\r\r',
  'data: [DONE]\n\n',
].join('');

describe('decodeSseBatches', () => {
  it('yields every event of one read as one array, then ends', async () => {
    const events = Array.from({ length: 54 }, (_, index) => `data: {"n":${index}}\n\n`).join('');
    const { source, state } = reads([events]);
    const batches = await batchesOf(source);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(Array.from({ length: 54 }, (_, index) => `{"n":${index}}`));
    // one read with the events, one that reports the end
    expect(state.pulls).toBe(2);
  });

  it('groups events by the read that completed them, never yielding an empty array', async () => {
    const { source, state } = reads([
      'data: a\n\ndata: b',
      '\n\ndata: c\n\n',
      ': only a comment\n\n',
      'data: par',
      'tial\n',
      '\n',
    ]);
    expect(await batchesOf(source)).toEqual([['a'], ['b', 'c'], ['partial']]);
    expect(state.pulls).toBe(7);
  });

  it('decodes exactly what decodeSse decodes, at every split size', async () => {
    const expected: SseEvent[] = [];
    for await (const event of decodeSse(chunked(STREAM, 1_000_000))) expected.push(event);
    expect(plain(expected)).toEqual([
      { data: '{"delta":"Héllo 🌍"}' },
      { event: 'message_delta', id: '42', data: 'line one\nline two' },
      { data: 'no-space' },
      { event: 'content_block_stop', data: '{"index":0}' },
      { data: '[DONE]' },
    ]);
    for (let size = 1; size <= 40; size++) {
      const events: SseEvent[] = [];
      for await (const batch of decodeSseBatches(chunked(STREAM, size))) {
        expect(batch.length).toBeGreaterThan(0);
        events.push(...batch);
      }
      expect(plain(events)).toEqual(plain(expected));
    }
  });

  it('delivers a last event that lacks its blank line with the end of the stream', async () => {
    expect(await batchesOf(reads(['data: first\n\ndata: la', 'st']).source)).toEqual([['first'], ['last']]);
  });

  it('stops at return(): drops the rest of the read and closes the source once', async () => {
    const { source, state } = reads(['data: 1\n\ndata: 2\n\n', 'data: 3\n\n']);
    const iterator = decodeSseBatches(source);
    const first = await iterator.next();
    expect(first.done === false && first.value.map((event) => event.data)).toEqual(['1', '2']);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    await iterator.return?.();
    expect(state.returned).toBe(1);
    expect(state.pulls).toBe(1);
  });

  it('does not close a source that ended or failed', async () => {
    const ended = reads(['data: one\n\n']);
    const iterator = decodeSseBatches(ended.source);
    while ((await iterator.next()).done !== true) {
      // read to the end
    }
    await iterator.return?.();
    expect(ended.state.returned).toBe(0);

    const failure = new ConnectorError('network', 'reset');
    let returned = 0;
    const failing: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          throw failure;
        },
        return: async () => {
          returned++;
          return { done: true, value: undefined };
        },
      }),
    };
    const batches = decodeSseBatches(failing);
    await expect(batches.next()).rejects.toBe(failure);
    await batches.return?.();
    expect(returned).toBe(0);
  });

  it('yields the events before a buffer overflow, then fails with parse, closing the source at once', async () => {
    const { source, state } = reads(['data: ok\n\n', `data: ${'x'.repeat(100)}`, 'more']);
    const iterator = decodeSseBatches(source, { maxBufferSize: 50, providerId: 'acme' });
    const first = await iterator.next();
    expect(first.done === false && first.value.map((event) => event.data)).toEqual(['ok']);
    const error = await iterator.next().catch((caught: unknown) => caught);
    expect(ConnectorError.isInstance(error) && error.code).toBe('parse');
    expect((error as ConnectorError).providerId).toBe('acme');
    expect(state.returned).toBe(1);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('hands the same events in one batch when the overflow comes in the same read', async () => {
    const { source, state } = reads([`data: ok\n\ndata: ${'x'.repeat(100)}`]);
    const iterator = decodeSseBatches(source, { maxBufferSize: 50 });
    const first = await iterator.next();
    expect(first.done === false && first.value.map((event) => event.data)).toEqual(['ok']);
    await expect(iterator.next()).rejects.toMatchObject({ code: 'parse' });
    expect(state.returned).toBe(1);
  });

  describe('over HTTP', () => {
    async function serve(
      handler: Parameters<typeof startLocalHttpServer>[0],
    ): Promise<{ server: LocalHttpServer; client: ReturnType<typeof createHttpClient> }> {
      const server = await startLocalHttpServer(handler);
      const client = createHttpClient({ providerId: 'acme', baseUrl: server.url });
      cleanups.push(
        () => client.close(),
        () => server.close(),
      );
      return { server, client };
    }

    it('reads fifty events written at once in one batch', async () => {
      const { client } = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(Array.from({ length: 50 }, (_, index) => `data: ${index}\n\n`).join(''));
      });
      const response = await client.requestStream({ method: 'POST', path: '/stream', body: {} });
      const batches = await batchesOf(response.body);
      expect(batches.flat()).toEqual(Array.from({ length: 50 }, (_, index) => String(index)));
      // loopback delivers one small write in one read; a few are tolerated, fifty would mean per event
      expect(batches.length).toBeLessThanOrEqual(3);
    });

    it('closes the socket when the consumer stops in the middle of a stream', async () => {
      const { server, client } = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: one\n\ndata: two\n\n');
        // the stream stays open: only the client can end this exchange
      });
      const response = await client.requestStream({ method: 'POST', path: '/stream', body: {} });
      const seen: string[] = [];
      for await (const events of decodeSseBatches(response.body)) {
        seen.push(...events.map((event) => event.data));
        break;
      }
      expect(seen).toEqual(['one', 'two']);
      await server.socketClosed(0);
    });
  });
});
