import { ConfigError } from '@hub/core';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import { memoryResponseStore } from './memory-response-store.js';
import { redisResponseStore } from './redis-response-store.js';
import type { ResponseStore } from './response-store.js';

/** Keys of the Responses store in Redis, beside the cache's and the limits'. */
export const RESPONSES_REDIS_PREFIX = 'hub-gateway:responses:';

/**
 * The response store the configuration asks for: Redis when Redis is configured (`redis.url`,
 * else `REDIS_URL`) unless `responses.store` says `memory`; memory otherwise.
 *
 * @throws ConfigError when `responses.store` is `redis` and no Redis is configured.
 */
export function createResponseStore(
  config: GatewayConfig,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
  options: { readonly now?: () => number } = {},
): ResponseStore {
  const settings = config.responses;
  const redisUrl = config.redis?.url ?? env.REDIS_URL;
  const kind = settings.store ?? (redisUrl === undefined ? 'memory' : 'redis');
  if (kind === 'memory') {
    return memoryResponseStore({
      ttlMs: settings.ttlMs,
      maxEntries: settings.maxEntries,
      maxBytes: settings.maxBytes,
      ...(options.now !== undefined && { now: options.now }),
    });
  }
  if (redisUrl === undefined) {
    throw new ConfigError('responses.store is "redis" but no Redis is configured (redis.url or REDIS_URL).', {
      path: 'responses.store',
    });
  }
  return redisResponseStore({
    url: redisUrl,
    prefix: RESPONSES_REDIS_PREFIX,
    ttlMs: settings.ttlMs,
    // the error's code only: a Redis error message may name the host
    onError: (error) =>
      logger.warn(
        { code: (error as { code?: unknown } | undefined)?.code ?? 'unknown' },
        'the Responses store could not reach Redis; requests that need it fail with 503',
      ),
  });
}
