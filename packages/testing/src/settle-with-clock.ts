import { vitestApi } from './internal/vitest-api.js';

/**
 * Keeps vitest's fake clock moving until `promise` settles, yielding to real I/O between steps:
 * a deadline then fires once the exchange reached the phase the test waited for, whatever the
 * machine's load. Call it with fake timers on (`vi.useFakeTimers({ toFake: ['setTimeout', …] })`).
 *
 * @param stepMs - How far the clock moves per step; smaller than the deadline under test.
 * @returns What `promise` resolves with (or its rejection).
 */
export async function settleWithClock<T>(promise: Promise<T>, stepMs: number): Promise<T> {
  const { vi } = vitestApi('settleWithClock');
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  while (!settled) {
    vi.advanceTimersByTime(stepMs);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return watched;
}
