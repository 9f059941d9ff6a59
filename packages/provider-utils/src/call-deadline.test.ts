import { getEventListeners } from 'node:events';
import { ConnectorError } from '@hub/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallDeadline } from './call-deadline.js';

afterEach(() => {
  vi.useRealTimers();
});

function reasonOf(deadline: CallDeadline): ConnectorError {
  const reason = deadline.signal?.reason as unknown;
  expect(ConnectorError.isInstance(reason)).toBe(true);
  return reason as ConnectorError;
}

describe('CallDeadline', () => {
  it('uses the caller signal as is and allocates no timer when no limit is set', () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const caller = new AbortController().signal;
    const deadline = new CallDeadline('p', { signal: caller, timeoutMs: 0 });
    deadline.requestSent();
    deadline.bodyWaiting();
    expect(deadline.signal).toBe(caller);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts with timeout when the whole call outlasts timeoutMs, and names the limit', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deadline = new CallDeadline('p', { timeoutMs: 100 });
    vi.advanceTimersByTime(99);
    expect(deadline.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(reasonOf(deadline)).toMatchObject({ code: 'timeout', providerId: 'p', retryable: true });
    expect(reasonOf(deadline).message).toBe('The request did not complete within 100 ms');
    expect(deadline.failure()).toBe(reasonOf(deadline));
    deadline.dispose();
  });

  it('times the first byte from each request sent until the headers, restarting for a retry', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deadline = new CallDeadline('p', { firstByteTimeoutMs: 50 });
    // credentials may take longer than the first-byte limit: it starts when the request goes out
    vi.advanceTimersByTime(500);
    deadline.requestSent();
    vi.advanceTimersByTime(40);
    deadline.headersReceived();
    vi.advanceTimersByTime(500);
    expect(deadline.signal?.aborted).toBe(false);
    deadline.requestSent();
    vi.advanceTimersByTime(50);
    expect(reasonOf(deadline).message).toBe('No response headers within 50 ms');
    deadline.dispose();
  });

  it('counts idle time only while a read waits, so a slow consumer never times out', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deadline = new CallDeadline('p', { idleTimeoutMs: 50 });
    for (let read = 0; read < 5; read++) {
      deadline.bodyWaiting();
      vi.advanceTimersByTime(40);
      deadline.bodyReceived();
      // the consumer takes its time between reads
      vi.advanceTimersByTime(1000);
    }
    expect(deadline.signal?.aborted).toBe(false);
    deadline.bodyWaiting();
    vi.advanceTimersByTime(50);
    expect(reasonOf(deadline)).toMatchObject({ code: 'timeout' });
    expect(reasonOf(deadline).message).toBe('The response body stalled for more than 50 ms');
    deadline.dispose();
  });

  it('stops every timer on dispose', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deadline = new CallDeadline('p', { timeoutMs: 10, firstByteTimeoutMs: 10, idleTimeoutMs: 10 });
    deadline.requestSent();
    deadline.bodyWaiting();
    deadline.dispose();
    deadline.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(deadline.signal?.aborted).toBe(false);
    expect(deadline.failure()).toBeUndefined();
  });

  it('follows the caller signal, reports its abort as cancelled, and removes its listener', () => {
    const caller = new AbortController();
    const deadline = new CallDeadline('p', { signal: caller.signal, timeoutMs: 60_000 });
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    caller.abort(new Error('stop'));
    expect(deadline.signal?.aborted).toBe(true);
    expect(deadline.failure()).toMatchObject({ code: 'cancelled', providerId: 'p' });
    deadline.dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('passes a ConnectorError abort reason through and reads a TimeoutError as timeout', () => {
    const reason = new ConnectorError('circuit_open', 'open');
    expect(new CallDeadline('p', { signal: AbortSignal.abort(reason), timeoutMs: 5 }).failure()).toBe(reason);
    const timedOut = new DOMException('late', 'TimeoutError');
    expect(new CallDeadline('p', { signal: AbortSignal.abort(timedOut) }).failure()?.code).toBe('timeout');
  });
});

describe('CallDeadline as the request abort source', () => {
  it('is what the HTTP client hands undici when a limit is set, and notifies its listeners once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const deadline = new CallDeadline('p', { idleTimeoutMs: 10 });
    expect(deadline.requestSignal).toBe(deadline);
    const heard: unknown[] = [];
    const listener = () => heard.push(deadline.reason);
    const removed = () => heard.push('removed listener ran');
    deadline.addEventListener('abort', listener);
    deadline.addEventListener('abort', removed);
    deadline.removeEventListener('abort', removed);
    deadline.bodyWaiting();
    vi.advanceTimersByTime(10);
    expect(deadline.aborted).toBe(true);
    expect(heard).toEqual([deadline.expired]);
    // a signal read after the fact is aborted with the same reason
    expect(deadline.signal?.reason).toBe(deadline.expired);
    deadline.dispose();
  });

  it('hands undici the caller signal itself when no limit is set', () => {
    const caller = new AbortController().signal;
    expect(new CallDeadline('p', { signal: caller }).requestSignal).toBe(caller);
    expect(new CallDeadline('p', {}).requestSignal).toBeUndefined();
  });
});
