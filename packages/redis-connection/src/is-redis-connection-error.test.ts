import { describe, expect, it } from 'vitest';
import { isRedisConnectionError } from './is-redis-connection-error.js';

class SocketClosedUnexpectedlyError extends Error {}
class ErrorReply extends Error {}

describe('isRedisConnectionError', () => {
  it('recognises node-redis connection errors by class name and socket errors by code', () => {
    expect(isRedisConnectionError(new SocketClosedUnexpectedlyError('closed'))).toBe(true);
    expect(isRedisConnectionError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it('does not take an error reply or a non-error for a lost connection', () => {
    expect(isRedisConnectionError(new ErrorReply('WRONGTYPE'))).toBe(false);
    expect(isRedisConnectionError('ECONNREFUSED')).toBe(false);
    expect(isRedisConnectionError(undefined)).toBe(false);
  });
});
