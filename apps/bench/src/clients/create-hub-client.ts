import { type CompletionRequest, type ConnectorPlugin, createHub, type Middleware } from '@hub/core';
import { cache, memoryCache } from '@hub/middleware-cache';
import { circuitBreaker } from '@hub/middleware-circuit-breaker';
import { fallback } from '@hub/middleware-fallback';
import { logging } from '@hub/middleware-logging';
import { metricsPlugin } from '@hub/middleware-metrics';
import { prometheusCollector } from '@hub/middleware-metrics/prometheus';
import { rateLimit } from '@hub/middleware-rate-limit';
import { retry } from '@hub/middleware-retry';
import { openai } from '@hub/provider-openai';
import { pino } from 'pino';
import { Agent } from 'undici';
import {
  BENCH_API_KEY,
  BENCH_MODEL,
  type BenchClient,
  type BenchClientOptions,
  type ClientName,
  DEFAULT_PROMPT,
} from './bench-client.js';

/** The hub clients: bare, the default middleware stack, and one feature each on a bare hub. */
export type HubClientName = Extract<ClientName, `hub-${string}`>;

interface Composition {
  readonly plugins: ConnectorPlugin[];
  readonly middleware: Middleware[];
  /** Cache scenarios need a cacheable request: the default `shouldCache` wants temperature 0. */
  readonly cacheable: boolean;
  /** Every call sends a prompt never sent before, so a cache stays on its miss path. */
  readonly freshPrompts: boolean;
  readonly cleanup: (() => Promise<void>)[];
}

// unique per process, so parallel or repeated runs never share Redis keys
const runPrefix = (kind: string): string => `hub-bench:${kind}:${process.pid}:${Date.now().toString(36)}:`;

async function compose(name: HubClientName, options: BenchClientOptions): Promise<Composition> {
  const composition: Composition = {
    plugins: [],
    middleware: [],
    cacheable: false,
    freshPrompts: false,
    cleanup: [],
  };
  const infoLogger = () => pino({ level: 'info' }, pino.destination('/dev/null'));
  const unlimited = () =>
    rateLimit({ limits: [{ scope: 'provider', requestsPerWindow: 1_000_000_000 }], adaptive: false });
  switch (name) {
    case 'hub-bare':
      return composition;
    case 'hub-default': {
      // the stack the README recommends: logging outermost, then retry; metrics through the plugin
      composition.middleware.push(logging({ logger: infoLogger() }), retry());
      composition.plugins.push(metricsPlugin({ collectors: [prometheusCollector()] }));
      return composition;
    }
    case 'hub-stack':
      // the gateway's order: logging outermost, cache, rate limit, fallback, retry, breaker innermost
      composition.middleware.push(
        logging({ logger: infoLogger() }),
        cache({ store: memoryCache() }),
        unlimited(),
        fallback(),
        retry(),
        circuitBreaker(),
      );
      composition.plugins.push(metricsPlugin({ collectors: [prometheusCollector()] }));
      return { ...composition, cacheable: true, freshPrompts: true };
    case 'hub-cache-miss':
      composition.middleware.push(cache({ store: memoryCache() }));
      return { ...composition, cacheable: true, freshPrompts: true };
    case 'hub-logging':
      composition.middleware.push(logging({ logger: infoLogger() }));
      return composition;
    case 'hub-retry':
      composition.middleware.push(retry());
      return composition;
    case 'hub-circuit-breaker':
      composition.middleware.push(circuitBreaker());
      return composition;
    case 'hub-fallback':
      composition.middleware.push(fallback());
      return composition;
    case 'hub-metrics':
      composition.plugins.push(metricsPlugin({ collectors: [prometheusCollector()] }));
      return composition;
    case 'hub-cache-memory':
      composition.middleware.push(cache({ store: memoryCache() }));
      return { ...composition, cacheable: true };
    case 'hub-cache-redis': {
      const { redisCache } = await import('@hub/cache-redis');
      const store = redisCache({ url: options.redisUrl, prefix: runPrefix('cache') });
      composition.middleware.push(cache({ store }));
      composition.cleanup.push(async () => {
        await store.clear();
        await store.close();
      });
      return { ...composition, cacheable: true };
    }
    case 'hub-rate-limit-memory':
      composition.middleware.push(unlimited());
      return composition;
    case 'hub-rate-limit-redis': {
      const { redisRateLimiter } = await import('@hub/rate-limit-redis');
      const limiter = redisRateLimiter({ url: options.redisUrl, prefix: runPrefix('rate-limit') });
      composition.middleware.push(
        rateLimit({
          limits: [{ scope: 'provider', requestsPerWindow: 1_000_000_000 }],
          limiter,
          adaptive: false,
        }),
      );
      composition.cleanup.push(async () => {
        await limiter.reset();
        await limiter.close();
      });
      return composition;
    }
  }
}

/**
 * A client calling `hub.complete` / `hub.stream` with `@hub/provider-openai` pointed at the fake
 * upstream. `hub-bare` has no middleware; `hub-default` has logging (pino at `info` to
 * `/dev/null`), retry and the metrics plugin with a Prometheus collector; `hub-stack` is the
 * production stack — logging, memory cache (every call a new prompt, so always its miss path),
 * rate limit, fallback, retry, circuit breaker and the metrics plugin; every other client adds one
 * middleware to a bare hub (`hub-cache-miss` with a new prompt per call too).
 *
 * @param name - Which composition.
 * @param options - Upstream origin, path prefix, connections and Redis URL.
 * @returns The client.
 */
export async function createHubClient(
  name: HubClientName,
  options: BenchClientOptions,
): Promise<BenchClient> {
  const composition = await compose(name, options);
  const dispatcher =
    options.connections === undefined ? undefined : new Agent({ connections: options.connections });
  const hub = createHub({
    plugins: [
      openai({
        apiKey: BENCH_API_KEY,
        baseUrl: `${options.origin}${options.pathPrefix ?? ''}/v1`,
        env: {},
        ...(dispatcher !== undefined && { dispatcher }),
      }),
      ...composition.plugins,
    ],
    middleware: composition.middleware,
  });
  const model = `openai/${BENCH_MODEL}`;
  const request = (prompt: string): CompletionRequest =>
    composition.cacheable
      ? { model, messages: [{ role: 'user', content: prompt }], temperature: 0 }
      : { model, messages: [{ role: 'user', content: prompt }] };
  const defaultRequest = request(DEFAULT_PROMPT);
  let sent = 0;
  // a counter, not a random id: cheap, and unique within the process the cache lives in
  const nextRequest = (): CompletionRequest =>
    composition.freshPrompts ? request(`${DEFAULT_PROMPT} #${sent++}`) : defaultRequest;

  return {
    name,

    async complete(prompt) {
      const response = await hub.complete(prompt === undefined ? nextRequest() : request(prompt));
      return response.text;
    },

    async stream(onFirstContent) {
      let text = '';
      let first = true;
      for await (const chunk of hub.stream(nextRequest())) {
        if (chunk.type !== 'text-delta') continue;
        if (first) {
          first = false;
          onFirstContent();
        }
        text += chunk.text;
      }
      return text;
    },

    async close() {
      await hub.close();
      for (const step of composition.cleanup) await step();
      await dispatcher?.close();
    },
  };
}
