import { ConnectorError } from '@hub/core';
import { catchConnectorError as failure } from '@hub/testing';
import { describe, expect, it } from 'vitest';
import { runBatches } from './run-batches.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A promise and its resolver. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Rejects with the signal's reason once it aborts. */
function untilAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  );
}

describe('runBatches', () => {
  it('resolves in batch order whatever order batches finish in, with at most `concurrency` running', async () => {
    const gates = [deferred(), deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;
    const run = runBatches([0, 1, 2, 3], {
      concurrency: 2,
      run: async (batch) => {
        most = Math.max(most, ++running);
        await gates[batch]?.promise;
        running--;
        return `result ${batch}`;
      },
    });
    // finish in the order 1, 0, 3, 2
    for (const index of [1, 0, 3, 2]) {
      gates[index]?.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await run).toEqual(['result 0', 'result 1', 'result 2', 'result 3']);
    expect(most).toBe(2);
  });

  it('fails with the first error, aborts the batches in flight, starts no other and waits for all to settle', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const rateLimited = new ConnectorError('rate_limit', 'HTTP 429: slow down', { status: 429 });
    const run = runBatches([0, 1, 2, 3, 4], {
      concurrency: 2,
      run: async (batch, _index, signal) => {
        started.push(batch);
        try {
          if (batch === 1) throw rateLimited;
          return await untilAbort(signal);
        } finally {
          settled.push(batch);
        }
      },
    });
    expect(await failure(run)).toBe(rateLimited);
    expect(started).toEqual([0, 1]);
    expect(settled.sort()).toEqual([0, 1]);
  });

  it('rejects with cancelled when the caller aborts, aborting what runs', async () => {
    const controller = new AbortController();
    const arrived = deferred();
    const run = runBatches([0, 1], {
      concurrency: 1,
      signal: controller.signal,
      origin: { providerId: 'google' },
      run: (_batch, _index, signal) => {
        arrived.resolve();
        return untilAbort(signal).catch(() => {
          throw new ConnectorError('cancelled', 'The request was cancelled.', { providerId: 'google' });
        });
      },
    });
    await arrived.promise;
    controller.abort();
    expect(await failure(run)).toMatchObject({ code: 'cancelled', providerId: 'google' });
  });

  it('starts nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const error = await failure(
      runBatches([0], {
        concurrency: 1,
        signal: controller.signal,
        run: async () => {
          calls++;
          return 0;
        },
      }),
    );
    expect([error.code, calls]).toEqual(['cancelled', 0]);
  });

  it('starts the next batch as soon as one finishes, never more than `concurrency` at once', async () => {
    const gates = Array.from({ length: 5 }, () => deferred<string>());
    const started: number[] = [];
    const run = runBatches([0, 1, 2, 3, 4], {
      concurrency: 2,
      run: (batch) => {
        started.push(batch);
        return gates[batch]?.promise as Promise<string>;
      },
    });
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve('one');
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[2]?.resolve('two');
    gates[0]?.resolve('zero');
    await settle();
    gates[4]?.resolve('four');
    gates[3]?.resolve('three');
    expect(await run).toEqual(['zero', 'one', 'two', 'three', 'four']);
  });

  it('rejects with cancelled when the caller aborts between two batches, starting no other', async () => {
    const controller = new AbortController();
    const first = deferred<number>();
    let calls = 0;
    const run = runBatches([0, 1, 2], {
      concurrency: 1,
      signal: controller.signal,
      run: (batch) => {
        calls++;
        return batch === 0 ? first.promise : Promise.resolve(batch);
      },
    });
    await settle();
    // the caller aborts while the first batch finishes without looking at the signal
    controller.abort();
    first.resolve(0);
    expect((await failure(run)).code).toBe('cancelled');
    expect(calls).toBe(1);
  });

  it('resolves with no results for no batches', async () => {
    expect(await runBatches([], { concurrency: 4, run: () => Promise.resolve(1) })).toEqual([]);
  });
});
