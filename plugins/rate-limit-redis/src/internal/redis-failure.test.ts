import {
  ClientClosedError,
  ClientOfflineError,
  ErrorReply,
  SocketClosedUnexpectedlyError,
  TimeoutError,
} from '@redis/client';
import { describe, expect, it } from 'vitest';
import { classifyRedisFailure, RedisCommandTimeoutError, RedisUnreachableError } from './redis-failure.js';

describe('classifyRedisFailure', () => {
  it('calls only a missing connection unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    for (const error of [
      refused,
      new ClientClosedError(),
      new ClientOfflineError(),
      new SocketClosedUnexpectedlyError(),
      new RedisUnreachableError('The Redis client passed to redisRateLimiter is not connected.'),
    ]) {
      expect(classifyRedisFailure(error)).toBe('unreachable');
    }
  });

  it('calls a late reply a timeout, whoever timed it', () => {
    expect(classifyRedisFailure(new RedisCommandTimeoutError(20))).toBe('timeout');
    expect(classifyRedisFailure(new TimeoutError())).toBe('timeout');
  });

  it('calls an error reply, or anything unknown, failed', () => {
    expect(classifyRedisFailure(new ErrorReply('OOM command not allowed'))).toBe('failed');
    expect(classifyRedisFailure(new Error('something else'))).toBe('failed');
    expect(classifyRedisFailure('a string')).toBe('failed');
  });

  it('completes an unreachable message with its cause', () => {
    const error = new RedisUnreachableError('Redis is unreachable', new Error('connect ECONNREFUSED'));
    expect(error.message).toBe('Redis is unreachable: connect ECONNREFUSED');
    expect(new RedisUnreachableError('The rate limiter is closed.').message).toBe(
      'The rate limiter is closed.',
    );
  });
});
