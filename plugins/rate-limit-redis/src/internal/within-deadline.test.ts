import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedisCommandTimeoutError } from './redis-failure.js';
import { withinDeadline } from './within-deadline.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((resolveWith, rejectWith) => {
    resolve = resolveWith;
    reject = rejectWith;
  });
  return { promise, resolve, reject };
}

describe('withinDeadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles with the exchange when it answers in time, abandoning nothing', async () => {
    vi.useFakeTimers();
    const abandoned = vi.fn();
    const reply = deferred<string>();
    const result = withinDeadline(() => reply.promise, 100, undefined, abandoned);
    await vi.advanceTimersByTimeAsync(99);
    reply.resolve('OK');
    await expect(result).resolves.toBe('OK');
    await vi.advanceTimersByTimeAsync(1000);
    expect(abandoned).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at the deadline, aborts the exchange signal and hands over the late reply', async () => {
    vi.useFakeTimers();
    const reply = deferred<string>();
    let exchangeSignal: AbortSignal | undefined;
    let late: Promise<string> | undefined;
    const result = withinDeadline(
      (signal) => {
        exchangeSignal = signal;
        return reply.promise;
      },
      100,
      undefined,
      (work) => {
        late = work;
      },
    );
    const outcome = result.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    const error = await outcome;
    expect(error).toBeInstanceOf(RedisCommandTimeoutError);
    expect((error as Error).message).toContain('100 ms');
    expect(exchangeSignal?.aborted).toBe(true);
    reply.resolve('admitted late');
    await expect(late).resolves.toBe('admitted late');
  });

  it('rejects with cancelled when the caller aborts, before or during the exchange', async () => {
    const controller = new AbortController();
    const reply = deferred<string>();
    const abandoned = vi.fn();
    const result = withinDeadline(() => reply.promise, 60_000, controller.signal, abandoned);
    controller.abort();
    await expect(result).rejects.toMatchObject({ code: 'cancelled' });
    expect(abandoned).toHaveBeenCalledTimes(1);
    const exchange = vi.fn();
    await expect(withinDeadline(exchange, 60_000, controller.signal)).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(exchange).not.toHaveBeenCalled();
  });

  it('passes on the failure of an exchange that fails in time', async () => {
    const failure = new Error('ECONNREFUSED');
    await expect(withinDeadline(() => Promise.reject(failure), 60_000, undefined)).rejects.toBe(failure);
    await expect(
      withinDeadline(
        () => {
          throw failure;
        },
        60_000,
        undefined,
      ),
    ).rejects.toBe(failure);
  });
});
