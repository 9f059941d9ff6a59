import {
  type ConnectorError,
  type ConnectorPlugin,
  createHub,
  type ErrorCode,
  type Hub,
  type HubOperation,
  type MetricsCollector,
  type Middleware,
  type RequestOf,
} from '@hub/core';
import { cache, memoryCache } from '@hub/middleware-cache';
import { type CircuitBreakerOptions, circuitBreaker } from '@hub/middleware-circuit-breaker';
import { fallback } from '@hub/middleware-fallback';
import { logging } from '@hub/middleware-logging';
import { metricsPlugin } from '@hub/middleware-metrics';
import { type PrometheusCollector, prometheusCollector } from '@hub/middleware-metrics/prometheus';
import { type MultiLimitRateLimiter, memoryRateLimiter, rateLimit } from '@hub/middleware-rate-limit';
import { retry } from '@hub/middleware-retry';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import { withoutUndefined } from '../config/without-undefined.js';
import { answerWitness } from './answer-witness.js';
import { type CallDeadlines, callDeadlinesOf } from './call-deadlines.js';
import type { GatewayRedis } from './create-gateway-redis.js';
import { createProviderPlugin } from './create-provider-plugin.js';
import { rateLimitWitness } from './rate-limit-witness.js';
import { registerRedisMetrics } from './register-redis-metrics.js';

/** The hub behind the gateway and the pieces the server needs from it. */
export interface GatewayHub {
  readonly hub: Hub;
  /** Present when Prometheus metrics are enabled. */
  readonly prometheus: PrometheusCollector | undefined;
  /** Provider ids that accept OpenAI's extra request fields. */
  readonly openAIProviders: readonly string[];
  /** Requests-per-minute store of the virtual keys (in Redis when configured, so shared). */
  readonly keyLimiter: MultiLimitRateLimiter;
  /** Route alias → the deadlines its config sets, passed as `CallOptions` with each call to it. */
  readonly routeDeadlines: ReadonlyMap<string, CallDeadlines>;
  /** The rate limit (shortest wait) an attempt of the call on `signal` met, if one did. */
  rateLimitOf(signal: AbortSignal): ConnectorError | undefined;
  /** `provider/model` of the target that answers (or answered) the call made with `request`. */
  answeredBy(request: RequestOf<HubOperation>): string | undefined;
  /** The Redis-backed cache and limits, when `redis.url` (or `REDIS_URL`) is set. */
  readonly redis: GatewayRedis | undefined;
}

/**
 * The breaker's failure codes in the gateway: the library's defaults less `rate_limit`. A 429 is
 * a quota, not a sick provider: counted, a burst of 429s would open the circuit and turn the
 * upstream's "retry after N s" into the gateway's own 503.
 */
export const GATEWAY_BREAKER_FAILURE_CODES: readonly ErrorCode[] = Object.freeze([
  'network',
  'timeout',
  'provider',
  'overloaded',
  'stream',
]);

/**
 * Composes the hub from the configuration: provider plugins, then middleware from outermost to
 * innermost — logging, cache, rate limit, fallback, retry, circuit breaker — so a cache hit is logged and
 * answers even while a circuit is open, retries happen inside fallback, and the breaker sees
 * every upstream attempt. Cost tracking (a plugin) runs innermost, so cache hits are not billed.
 * With `redis.url` (or `REDIS_URL`) the cache and the limits live in Redis, shared by instances;
 * each part logs its outages once per transition and reports them on `/metrics`.
 */
export async function buildGatewayHub(
  config: GatewayConfig,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
  options: {
    readonly now?: () => number;
    /** Observers of every call (the dashboard's): middleware registered outermost, and collectors. */
    readonly observers?: {
      readonly middleware: readonly Middleware<HubOperation>[];
      readonly collectors: readonly MetricsCollector[];
    };
  } = {},
): Promise<GatewayHub> {
  const plugins: ConnectorPlugin[] = [];
  const openAIProviders: string[] = [];
  for (const provider of config.providers) {
    const built = await createProviderPlugin(provider, env);
    plugins.push(built.plugin);
    if (built.speaksOpenAI) openAIProviders.push(built.providerId);
  }
  const answers = answerWitness();
  const middleware: Middleware[] = [
    answers.middleware,
    ...(options.observers?.middleware ?? []),
    logging({ logger }),
  ];
  const redisUrl = config.redis?.url ?? env.REDIS_URL;
  const redis =
    redisUrl === undefined
      ? undefined
      : // imported only when configured: the Redis client is hundreds of modules, a start-up cost
        // the in-memory default (the first run) should not pay
        (await import('./create-gateway-redis.js')).createGatewayRedis({
          url: redisUrl,
          cache: config.cache !== false,
          limits: config.rateLimit !== false,
          // database keys and teams may be given per-minute limits at any time
          keyLimits:
            config.database !== undefined ||
            config.virtualKeys.some((key) => key.requestsPerMinute !== undefined),
          limitsFailMode: config.redis?.limitsFailMode ?? 'open',
          responses: config.responses.store === 'memory' ? undefined : { ttlMs: config.responses.ttlMs },
          logger,
        });
  if (config.cache !== false) {
    const store =
      redis?.cache ??
      memoryCache(config.cache.maxBytes === undefined ? {} : { maxBytes: config.cache.maxBytes });
    middleware.push(cache({ store, ttlMs: config.cache.ttlMs }));
  }
  if (config.rateLimit !== false) {
    const limiter = redis?.limiter;
    middleware.push(
      rateLimit({
        limits: config.rateLimit.limits.map((limit) => withoutUndefined(limit)),
        onLimited: config.rateLimit.onLimited,
        ...(config.rateLimit.maxQueueWaitMs !== undefined && {
          maxQueueWaitMs: config.rateLimit.maxQueueWaitMs,
        }),
        ...(limiter !== undefined && { limiter }),
      }),
    );
  }
  if (config.fallback !== false) middleware.push(fallback(withoutUndefined(config.fallback)));
  if (config.retry !== false) middleware.push(retry(withoutUndefined(config.retry)));
  // innermost, so it sees every upstream failure before retry decides
  if (config.circuitBreaker !== false) {
    // every configured option under its own name; the schema allows only countable error codes
    const { failureCodes, ...rest } = withoutUndefined(config.circuitBreaker);
    const breakerOptions: CircuitBreakerOptions & { readonly maxCircuits?: number } = {
      ...rest,
      failureCodes: (failureCodes as ErrorCode[] | undefined) ?? GATEWAY_BREAKER_FAILURE_CODES,
    };
    middleware.push(circuitBreaker(breakerOptions));
  }
  const witness = rateLimitWitness();
  middleware.push(witness.middleware);
  const prometheus = config.metrics.prometheus ? prometheusCollector() : undefined;
  const metrics: MetricsCollector[] = [
    ...(prometheus === undefined ? [] : [prometheus]),
    ...(options.observers?.collectors ?? []),
  ];
  // cost tracking runs inside the cache (plugin middleware is inner), so cache hits are not billed
  plugins.push(metricsPlugin({ collectors: metrics }));
  const retries = config.retry === false ? 0 : (config.retry.maxRetries ?? 3);
  const routes: Record<string, string[]> = {};
  const routeDeadlines = new Map<string, CallDeadlines>();
  for (const [alias, route] of Object.entries(config.routes)) {
    routes[alias] = Array.isArray(route) ? route : route.targets;
    const deadlines = Array.isArray(route) ? undefined : callDeadlinesOf(route);
    if (deadlines !== undefined) routeDeadlines.set(alias, deadlines);
  }
  const hub = createHub({
    plugins,
    middleware,
    routes,
    selector: config.selector,
    // with the fallback middleware in charge, the hub's own fallback would bypass its limits
    ...(config.fallback !== false && { fallbackWhen: () => false }),
    // room for every retry on every target of the longest route
    maxAttempts: Math.max(
      5,
      (retries + 1) * Math.max(1, ...Object.values(routes).map((targets) => targets.length)),
    ),
  });
  prometheus?.exposeTargetStats(hub.statsStore);
  if (prometheus !== undefined && redis !== undefined)
    registerRedisMetrics(prometheus.registry, redis.components);
  const keyLimiter =
    redis?.keyLimiter ?? memoryRateLimiter(options.now === undefined ? {} : { now: options.now });
  return {
    hub,
    prometheus,
    openAIProviders,
    keyLimiter,
    routeDeadlines,
    rateLimitOf: witness.rateLimitOf,
    answeredBy: answers.answeredBy,
    redis,
  };
}
