import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from './sleep.js';

describe('sleep', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves after the delay and leaves no timer behind', async () => {
    let done = false;
    const waiting = sleep(1_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with `cancelled` on abort, clearing its timer and listener', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal, { during: 'waiting to retry' });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The request was cancelled while waiting to retry.',
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once for a signal that already aborted', async () => {
    await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ code: 'cancelled' });
  });
});
