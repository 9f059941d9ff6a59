import { ConfigError } from '@hub/core';
import type { RateLimitRule } from '@hub/middleware-rate-limit';
import type { RedisRateLimiterOptions } from '../redis-rate-limiter-options.js';

export const PLUGIN_NAME = '@hub/rate-limit-redis';
const DEFAULT_PREFIX = 'hub:rate-limit:';
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
const DEFAULT_FAIL_CLOSED_RETRY_AFTER_MS = 1000;

/** `RedisRateLimiterOptions` with defaults applied, validated before any I/O. */
export interface ResolvedLimiterOptions {
  readonly prefix: string;
  readonly failMode: 'open' | 'closed';
  readonly commandTimeoutMs: number;
  readonly failClosedRetryAfterMs: number;
  readonly ruleOf: (key: string) => RateLimitRule | undefined;
}

function configError(path: string, message: string): ConfigError {
  return new ConfigError(`${path} ${message}`, { path, pluginName: PLUGIN_NAME });
}

/**
 * Applies defaults and validates `options`.
 *
 * @throws ConfigError naming the first invalid option (never repeating a URL, which may hold a
 * password).
 */
export function resolveLimiterOptions(options: RedisRateLimiterOptions): ResolvedLimiterOptions {
  if (typeof options !== 'object' || options === null) throw configError('options', 'must be an object.');
  if ((options.url === undefined) === (options.client === undefined)) {
    throw configError('url', 'or client is required (exactly one of them).');
  }
  if (options.url !== undefined) {
    let protocol: string | undefined;
    try {
      protocol = new URL(options.url).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') {
      throw configError('url', 'must be a redis:// or rediss:// URL.');
    }
  }
  if (
    options.client !== undefined &&
    (typeof options.client !== 'object' || typeof options.client.sendCommand !== 'function')
  ) {
    throw configError('client', 'must be a node-redis v5 client (with sendCommand).');
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || prefix === '') throw configError('prefix', 'must be a non-empty string.');
  const failMode = options.failMode ?? 'open';
  if (failMode !== 'open' && failMode !== 'closed')
    throw configError('failMode', 'must be "open" or "closed".');
  for (const hook of ['onError', 'onStateChange'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') {
      throw configError(hook, 'must be a function.');
    }
  }
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (!(Number.isFinite(commandTimeoutMs) && commandTimeoutMs > 0)) {
    throw configError('commandTimeoutMs', 'must be a positive number.');
  }
  const failClosedRetryAfterMs = options.failClosedRetryAfterMs ?? DEFAULT_FAIL_CLOSED_RETRY_AFTER_MS;
  if (!(Number.isFinite(failClosedRetryAfterMs) && failClosedRetryAfterMs > 0)) {
    throw configError('failClosedRetryAfterMs', 'must be a positive number.');
  }
  return { prefix, failMode, commandTimeoutMs, failClosedRetryAfterMs, ruleOf: ruleResolver(options.rules) };
}

function ruleResolver(rules: RedisRateLimiterOptions['rules']): (key: string) => RateLimitRule | undefined {
  if (rules === undefined) return () => undefined;
  if (typeof rules === 'function') return rules;
  if (typeof rules !== 'object' || rules === null)
    throw configError('rules', 'must be an object or a function.');
  const table = new Map<string, RateLimitRule>();
  for (const [key, rule] of Object.entries(rules)) {
    const valid =
      typeof rule === 'object' &&
      rule !== null &&
      Number.isInteger(rule.windowMs) &&
      rule.windowMs > 0 &&
      (rule.requestsPerWindow === undefined || rule.requestsPerWindow > 0) &&
      (rule.tokensPerWindow === undefined || rule.tokensPerWindow > 0);
    if (!valid) {
      throw configError(`rules.${key}`, 'must have a positive whole windowMs and positive capacities.');
    }
    table.set(key, rule);
  }
  return (key) => table.get(key);
}
