import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { abortError, throwIfAborted } from './abort-error.js';

const aborted = (reason?: unknown): AbortSignal => {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
};

describe('abortError', () => {
  it('is `cancelled` for a caller abort, naming the provider as a field, not in the message', () => {
    const error = abortError(aborted(), { providerId: 'openai', model: 'gpt', during: 'reading the stream' });
    expect([error.code, error.providerId, error.model, error.retryable]).toEqual([
      'cancelled',
      'openai',
      'gpt',
      false,
    ]);
    expect(error.message).toBe('The request was cancelled while reading the stream.');
  });

  it('is `timeout` for a TimeoutError reason', () => {
    expect(abortError(AbortSignal.abort(new DOMException('late', 'TimeoutError'))).code).toBe('timeout');
  });

  it('passes a ConnectorError reason through unchanged', () => {
    const deadline = new ConnectorError('timeout', 'No first byte within 5 s.');
    expect(abortError(aborted(deadline))).toBe(deadline);
  });

  it('throwIfAborted throws only for an aborted signal', () => {
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
    expect(() => throwIfAborted(aborted())).toThrow(ConnectorError);
  });
});
