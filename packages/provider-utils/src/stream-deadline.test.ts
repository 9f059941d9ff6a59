import { ConnectorError } from '@hub/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamDeadline } from './stream-deadline.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('StreamDeadline', () => {
  it('uses the caller signal as is when no limit is set', () => {
    const caller = new AbortController().signal;
    expect(new StreamDeadline('p', caller, 0, 0).signal).toBe(caller);
  });

  it('aborts with timeout when the headers do not arrive in time', () => {
    vi.useFakeTimers();
    const deadline = new StreamDeadline('p', undefined, 100, 0);
    vi.advanceTimersByTime(101);
    const reason = deadline.signal?.reason as ConnectorError;
    expect(ConnectorError.isInstance(reason)).toBe(true);
    expect(reason).toMatchObject({ code: 'timeout', providerId: 'p' });
    deadline.dispose();
  });

  it('restarts the idle limit on every event and stops after dispose', () => {
    vi.useFakeTimers();
    const deadline = new StreamDeadline('p', undefined, 0, 50);
    deadline.headersReceived();
    for (let step = 0; step < 5; step++) {
      vi.advanceTimersByTime(40);
      deadline.activity();
    }
    expect(deadline.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(51);
    expect(deadline.signal?.aborted).toBe(true);
    const quiet = new StreamDeadline('p', undefined, 0, 50);
    quiet.headersReceived();
    quiet.dispose();
    vi.advanceTimersByTime(100);
    expect(quiet.signal?.aborted).toBe(false);
  });

  it('follows the caller signal', () => {
    const caller = new AbortController();
    const deadline = new StreamDeadline('p', caller.signal, 1000, 0);
    caller.abort(new Error('stop'));
    expect(deadline.signal?.aborted).toBe(true);
    deadline.dispose();
  });
});
