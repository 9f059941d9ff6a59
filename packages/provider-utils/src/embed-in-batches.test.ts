import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { callRequestOptions } from './call-request-options.js';
import { embedInBatches } from './embed-in-batches.js';

const origin = { providerId: 'acme', model: 'embed-1' };
const vector = (value: number) => Float32Array.of(value);

describe('embedInBatches', () => {
  it('joins the batches in input order, sums their tokens, and sends each under a child deadline', async () => {
    const call = callRequestOptions(
      'acme',
      { headers: { 'x-trace': 't1' }, firstByteTimeoutMs: 5_000, idleTimeoutMs: 7_000, timeoutMs: 60_000 },
      {},
    );
    const seen: { headers: unknown; firstByte: number; idle: number; whole: number }[] = [];
    try {
      const joined = await embedInBatches([[1, 2], [3], [4, 5]], {
        call,
        concurrency: 2,
        origin,
        send: async (batch, request) => {
          const { deadline } = request;
          seen.push({
            headers: request.headers,
            firstByte: deadline.firstByteTimeoutMs,
            idle: deadline.idleTimeoutMs,
            whole: deadline.timeoutMs,
          });
          // the later batch finishes first: the join still follows the batch order
          await new Promise((resolve) => setImmediate(resolve, batch.length));
          return { embeddings: batch.map(vector), inputTokens: batch.length * 10 };
        },
      });
      expect(joined.embeddings.map((item) => item[0])).toEqual([1, 2, 3, 4, 5]);
      expect(joined.inputTokens).toBe(50);
    } finally {
      call.deadline.dispose();
    }
    // first-byte and idle per request; the whole-call limit stays with the call's own deadline
    expect(seen).toEqual(
      Array.from({ length: 3 }, () => ({
        headers: { 'x-trace': 't1' },
        firstByte: 5_000,
        idle: 7_000,
        whole: 0,
      })),
    );
  });

  it("aborts every batch's request when the call is aborted", async () => {
    const controller = new AbortController();
    const call = callRequestOptions('acme', { signal: controller.signal, idleTimeoutMs: 1_000 });
    let sent = 0;
    const embedded = embedInBatches([['a'], ['b']], {
      call,
      concurrency: 2,
      origin,
      send: (_batch, request) =>
        new Promise((_resolve, reject) => {
          request.deadline.signal?.addEventListener('abort', () =>
            reject(request.deadline.failure() ?? new Error('aborted without a failure')),
          );
          // both requests are in flight when the caller gives up
          if (++sent === 2) controller.abort();
        }),
    });
    const error = await embedded.catch((thrown: unknown) => thrown);
    call.deadline.dispose();
    expect(ConnectorError.isInstance(error) && error.code).toBe('cancelled');
    expect(sent).toBe(2);
  });
});
