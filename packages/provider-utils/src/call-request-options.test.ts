import { afterEach, describe, expect, it, vi } from 'vitest';
import { callRequestOptions } from './call-request-options.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('callRequestOptions', () => {
  it('forwards the signal and headers, and adds the request id under the provider header', () => {
    const signal = new AbortController().signal;
    const call = callRequestOptions(
      'p',
      { signal, headers: { 'x-trace': 't1' }, requestId: 'req-7' },
      { requestIdHeader: 'x-client-request-id' },
    );
    expect(call.deadline.signal).toBe(signal);
    expect(call.headers).toEqual({ 'x-trace': 't1', 'x-client-request-id': 'req-7' });
  });

  it('sends no request id where the provider has no header for it, and no headers when there are none', () => {
    expect(callRequestOptions('p', { requestId: 'req-7' }).headers).toBeUndefined();
    expect(callRequestOptions('p', {}, { requestIdHeader: 'x-id' }).headers).toBeUndefined();
  });

  it('takes each deadline from the call, else from the provider defaults', () => {
    const call = callRequestOptions(
      'p',
      { timeoutMs: 1000, idleTimeoutMs: 0 },
      { timeoutMs: 5, firstByteTimeoutMs: 200, idleTimeoutMs: 300 },
    );
    expect(call.deadline).toMatchObject({ timeoutMs: 1000, firstByteTimeoutMs: 200, idleTimeoutMs: 0 });
    call.deadline.dispose();
  });

  it('starts the whole-call deadline at once, so it also bounds what runs before the request', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const call = callRequestOptions('p', {}, { timeoutMs: 30 });
    vi.advanceTimersByTime(30);
    expect(call.deadline.failure()).toMatchObject({ code: 'timeout', providerId: 'p' });
    call.deadline.dispose();
  });
});
