import { isRedisConnectionError } from '@hub/redis-connection';

/**
 * What went wrong with a Redis operation, which decides what a check may do:
 *
 * - `unreachable`: no connection (refused, closed, client not ready). Only this may fail open:
 *   the command never ran.
 * - `timeout`: no reply in time. Redis may be slow, not gone, and may still run the command:
 *   admitting would let a burst through past the limit.
 * - `failed`: Redis answered with an error (or the client failed otherwise).
 */
export type RedisFailureKind = 'unreachable' | 'timeout' | 'failed';

/** No reply within the limiter's deadline; the command may still run on the server. */
export class RedisCommandTimeoutError extends Error {
  override readonly name = 'RedisCommandTimeoutError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms.`);
    this.timeoutMs = timeoutMs;
  }
}

/** The limiter had no usable connection, so it sent nothing. */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';

  /** `message` is completed with the cause's own message, when there is one. */
  constructor(message: string, cause?: unknown) {
    super(
      cause instanceof Error
        ? `${message}: ${cause.message}`
        : message.endsWith('.')
          ? message
          : `${message}.`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** Sorts a failed operation's error into a `RedisFailureKind`. */
export function classifyRedisFailure(error: unknown): RedisFailureKind {
  if (error instanceof RedisCommandTimeoutError) return 'timeout';
  if (error instanceof RedisUnreachableError) return 'unreachable';
  if (isRedisConnectionError(error)) return 'unreachable';
  if (typeof error !== 'object' || error === null) return 'failed';
  const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
  // a client's own timeouts (node-redis TimeoutError, SocketTimeoutError): slow, not gone
  if (typeof name === 'string' && name.includes('Timeout')) return 'timeout';
  return 'failed';
}
