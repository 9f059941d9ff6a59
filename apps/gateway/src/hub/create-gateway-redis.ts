import { type RedisCache, redisCache } from '@hub/cache-redis';
import { type RedisRateLimiter, redisRateLimiter } from '@hub/rate-limit-redis';
import type { Logger } from 'pino';
import type { RedisComponent } from './redis-component.js';
import { redisStateReporter } from './redis-state-reporter.js';

/** What the gateway keeps in Redis, and how each part is doing. */
export interface GatewayRedis {
  /** The response cache, when caching is on. */
  readonly cache: RedisCache | undefined;
  /** The store of the route limits (`rateLimit`), when they are on. */
  readonly limiter: RedisRateLimiter | undefined;
  /** The store of the virtual keys' requests per minute, when a key has one. */
  readonly keyLimiter: RedisRateLimiter | undefined;
  /** Every part above, for the `/metrics` gauges and counters. */
  readonly components: readonly RedisComponent[];
  /** Closes the connections of the cache and the route limiter (the key limiter is closed with the gateway's). */
  close(): Promise<void>;
}

/** Options of `createGatewayRedis`. */
export interface GatewayRedisOptions {
  readonly url: string;
  readonly cache: boolean;
  readonly limits: boolean;
  readonly keyLimits: boolean;
  /** What a limit check does while Redis is unreachable (see the README's trade-off). */
  readonly limitsFailMode: 'open' | 'closed';
  readonly logger: Logger;
}

/**
 * Creates the gateway's Redis-backed parts, each with its own connection, each announcing its
 * outages once per transition in the log (`redisStateReporter`). The cache always fails open
 * (an unreachable Redis is a miss); the limits follow `limitsFailMode`.
 */
export function createGatewayRedis(options: GatewayRedisOptions): GatewayRedis {
  const { url, logger, limitsFailMode } = options;
  const components: RedisComponent[] = [];
  const limitConsequence =
    limitsFailMode === 'open'
      ? 'limits admit calls without counting them (limitsFailMode: open)'
      : 'limited calls are refused with 429 (limitsFailMode: closed)';

  let cache: RedisCache | undefined;
  if (options.cache) {
    const reporter = redisStateReporter('cache', url, logger, 'every lookup is a miss');
    const store = redisCache({ url, prefix: 'hub-gateway:cache:', onStateChange: reporter.onStateChange });
    cache = store;
    components.push({
      name: 'cache',
      state: () => store.state(),
      transitions: reporter.transitions,
      counters: () => {
        const stats = store.stats();
        return {
          failures: stats.errors,
          timeouts: stats.timeouts,
          degradedLookups: stats.degradedLookups,
          droppedWrites: stats.droppedWrites,
        };
      },
    });
  }

  const limiterFor = (name: 'rate_limit' | 'virtual_keys', prefix: string): RedisRateLimiter => {
    const reporter = redisStateReporter(name, url, logger, limitConsequence);
    const limiter = redisRateLimiter({
      url,
      prefix,
      failMode: limitsFailMode,
      onStateChange: reporter.onStateChange,
    });
    components.push({
      name,
      state: () => limiter.state(),
      transitions: reporter.transitions,
      counters: () => {
        const stats = limiter.stats();
        return {
          failures: stats.failures,
          timeouts: stats.timeouts,
          failOpenAdmissions: stats.failOpenAdmissions,
          unavailableRefusals: stats.unavailableRefusals,
        };
      },
    });
    return limiter;
  };
  const limiter = options.limits ? limiterFor('rate_limit', 'hub-gateway:limits:') : undefined;
  const keyLimiter = options.keyLimits ? limiterFor('virtual_keys', 'hub-gateway:keys:') : undefined;

  return {
    cache,
    limiter,
    keyLimiter,
    components,
    async close() {
      await Promise.all([cache?.close(), limiter?.close()]);
    },
  };
}
