import { ConnectorError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { mapConcurrently } from './map-concurrently.js';

// a promise settled by hand, so task order is decided by the test, never by timing
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('mapConcurrently', () => {
  it('returns results in index order, running at most `concurrency` tasks at once', async () => {
    const tasks = Array.from({ length: 5 }, () => deferred<string>());
    const started: number[] = [];
    const result = mapConcurrently(5, 2, undefined, (index) => {
      started.push(index);
      return tasks[index]?.promise as Promise<string>;
    });
    await settle();
    expect(started).toEqual([0, 1]);
    tasks[1]?.resolve('one');
    await settle();
    expect(started).toEqual([0, 1, 2]);
    tasks[2]?.resolve('two');
    tasks[0]?.resolve('zero');
    await settle();
    tasks[4]?.resolve('four');
    tasks[3]?.resolve('three');
    expect(await result).toEqual(['zero', 'one', 'two', 'three', 'four']);
  });

  it('on the first failure aborts the running tasks, starts no more, and rejects once they settled', async () => {
    const failure = new ConnectorError('rate_limit', 'slow down');
    const started: number[] = [];
    const aborted: unknown[] = [];
    let settledAfterAbort = false;
    const result = mapConcurrently(10, 3, undefined, (index, signal) => {
      started.push(index);
      if (index === 1) return Promise.reject(failure);
      return new Promise<number>((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          aborted.push(signal.reason);
          // settles a little later, as a closing socket does
          setImmediate(() => {
            settledAfterAbort = true;
            reject(new ConnectorError('cancelled', 'cancelled'));
          });
        });
      });
    });
    await expect(result).rejects.toBe(failure);
    expect(started).toEqual([0, 1, 2]);
    expect(aborted).toEqual([failure, failure]);
    expect(settledAfterAbort).toBe(true);
  });

  it('rejects with the parent signal abort, also between two tasks', async () => {
    const parent = new AbortController();
    const first = deferred<number>();
    let calls = 0;
    const result = mapConcurrently(3, 1, parent.signal, (index) => {
      calls++;
      if (index === 0) return first.promise;
      return Promise.resolve(index);
    });
    await settle();
    // the parent aborts while the first task finishes without looking at the signal
    parent.abort();
    first.resolve(0);
    const error = await result.catch((thrown: unknown) => thrown);
    expect(ConnectorError.isInstance(error) && error.code).toBe('cancelled');
    expect(calls).toBe(1);
  });

  it('does nothing for no tasks', async () => {
    expect(await mapConcurrently(0, 4, undefined, () => Promise.resolve(1))).toEqual([]);
  });
});
