import type { ScriptedReply } from '@hub/testing';
import { vi } from 'vitest';

/**
 * Keeps vitest's fake clock moving until `promise` settles, yielding to real I/O between steps:
 * a deadline then fires once the exchange reached the phase the test waited for, whatever the
 * machine's load.
 */
export async function settleWithClock<T>(promise: Promise<T>, stepMs: number): Promise<T> {
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

/** A reply that never answers, and a promise resolved when its request arrived. */
export function neverAnswers(): { readonly reply: ScriptedReply; readonly arrived: Promise<void> } {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return { reply: () => arrive(), arrived };
}
