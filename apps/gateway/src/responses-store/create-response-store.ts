import { ConfigError } from '@hub/core';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayRedis } from '../hub/create-gateway-redis.js';
import { memoryResponseStore } from './memory-response-store.js';
import type { ResponseStore } from './response-store.js';

/**
 * The response store the configuration asks for: the gateway's Redis part (`redis.responses`,
 * created with the cache and the limits when Redis is configured, unless `responses.store` says
 * `memory`), else a memory store bounded by `responses.maxEntries` and `responses.maxBytes`.
 *
 * @throws ConfigError when `responses.store` is `redis` and no Redis is configured.
 */
export function createResponseStore(
  config: GatewayConfig,
  redis: GatewayRedis | undefined,
  options: { readonly now?: () => number } = {},
): ResponseStore {
  const settings = config.responses;
  if (redis?.responses !== undefined) return redis.responses;
  if (settings.store === 'redis') {
    throw new ConfigError('responses.store is "redis" but no Redis is configured (redis.url or REDIS_URL).', {
      path: 'responses.store',
    });
  }
  return memoryResponseStore({
    ttlMs: settings.ttlMs,
    maxEntries: settings.maxEntries,
    maxBytes: settings.maxBytes,
    ...(options.now !== undefined && { now: options.now }),
  });
}
