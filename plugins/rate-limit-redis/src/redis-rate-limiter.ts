import { type CallOptions, ConfigError, ConnectorError, type RateLimitUsage } from '@hub/core';
import {
  cancelledError,
  type LimitCheck,
  type MultiLimitDecision,
  type MultiLimitRateLimiter,
  RATE_LIMITER_UNAVAILABLE_CODE,
  type RateLimitRule,
  singleKeyMethods,
  type TokenAdjustment,
  throwIfAborted,
} from '@hub/middleware-rate-limit';
import { createClient } from '@redis/client';
import {
  RATE_LIMIT_SCRIPT,
  RATE_LIMIT_SCRIPT_SHA,
  type ScriptOperation,
} from './internal/rate-limit-script.js';
import type { RedisCommandClient } from './redis-command-client.js';
import type { RedisRateLimiterOptions } from './redis-rate-limiter-options.js';

const PLUGIN_NAME = '@hub/rate-limit-redis';
const DEFAULT_PREFIX = 'hub:rate-limit:';
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
const DEFAULT_FAIL_CLOSED_RETRY_AFTER_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 2000;
const SCAN_BATCH = '1000';

/** A `MultiLimitRateLimiter` whose state lives in Redis, shared by every instance using it. */
export interface RedisRateLimiter extends MultiLimitRateLimiter {
  /** Operations that failed because Redis could not answer (each also went to `onError`). */
  readonly failures: number;
  /** Closes the client the limiter created from `url`; a client you passed stays open. */
  close(): Promise<void>;
}

type OwnedClient = ReturnType<typeof createClient>;

/**
 * Creates a rate limiter backed by Redis. Each `checkLimits` is one EVALSHA (falling back to EVAL
 * when the server does not have the script cached) of a Lua script that checks and takes every
 * limit of the call atomically, on the Redis server's clock. Keys expire by themselves once their
 * buckets are full again.
 *
 * @throws ConfigError when an option is invalid (before any I/O).
 */
export function redisRateLimiter(options: RedisRateLimiterOptions): RedisRateLimiter {
  const settings = validate(options);
  const { prefix, failMode, commandTimeoutMs, failClosedRetryAfterMs } = settings;
  const onError = options.onError;
  const configuredRule = ruleResolver(options.rules);
  const owned: OwnedClient | undefined =
    options.url === undefined
      ? undefined
      : createClient({
          url: options.url,
          // an unreachable Redis must fail a check at once, not park it in a queue
          disableOfflineQueue: true,
          socket: {
            connectTimeout: commandTimeoutMs,
            reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
          },
        });
  const client: RedisCommandClient = owned ?? (options.client as RedisCommandClient);
  let failures = 0;
  let connecting: Promise<unknown> | undefined;
  let connectionError: Error | undefined;
  let closed = false;

  const report = (error: unknown): void => {
    try {
      onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // an observer's failure must not change the limiter's answer
    }
  };

  if (owned !== undefined) {
    // without a listener an 'error' event would crash the process
    owned.on('error', (error: Error) => {
      connectionError = error;
      report(error);
    });
    owned.on('ready', () => {
      connectionError = undefined;
    });
  }

  const ready = async (signal: AbortSignal | undefined): Promise<void> => {
    if (client.isReady) return;
    if (closed) throw new Error('The rate limiter is closed.');
    if (owned === undefined) throw new Error('The Redis client passed to redisRateLimiter is not connected.');
    if (connecting === undefined) {
      // failures surface through the 'error' listener; this promise only tracks the first attempt
      connecting = owned.connect().catch(() => undefined);
    } else if (connectionError !== undefined) {
      // known to be down: fail now rather than wait for the next reconnect attempt
      throw connectionError;
    }
    await waitForReady(owned, commandTimeoutMs, signal);
  };

  const run = async (
    operation: ScriptOperation,
    entries: readonly { key: string; rule: RateLimitRule | undefined; a: number; b: number }[],
    signal: AbortSignal | undefined,
  ): Promise<number[]> => {
    await ready(signal);
    const keys: string[] = [];
    const args: string[] = [operation];
    for (const entry of entries) {
      keys.push(prefix + entry.key);
      const rule = entry.rule;
      args.push(
        rule?.requestsPerWindow === undefined ? '' : String(rule.requestsPerWindow),
        rule?.tokensPerWindow === undefined ? '' : String(rule.tokensPerWindow),
        rule === undefined ? '' : String(rule.windowMs),
        String(entry.a),
        String(entry.b),
      );
    }
    const commandOptions =
      signal === undefined
        ? { timeout: commandTimeoutMs }
        : { timeout: commandTimeoutMs, abortSignal: signal };
    const count = String(keys.length);
    try {
      return await client.sendCommand<number[]>(
        ['EVALSHA', RATE_LIMIT_SCRIPT_SHA, count, ...keys, ...args],
        commandOptions,
      );
    } catch (error) {
      if (!isNoScript(error)) throw error;
      // EVAL also caches the script, so the next EVALSHA finds it
      return await client.sendCommand<number[]>(
        ['EVAL', RATE_LIMIT_SCRIPT, count, ...keys, ...args],
        commandOptions,
      );
    }
  };

  const unavailable = (error: unknown): ConnectorError =>
    new ConnectorError(
      'rate_limit',
      'The rate limiter could not reach Redis, so the call was not admitted (failMode "closed").',
      { retryAfterMs: failClosedRetryAfterMs, providerCode: RATE_LIMITER_UNAVAILABLE_CODE, cause: error },
    );

  /** Turns a failed Redis operation into the configured failure mode's answer. */
  const fail = (error: unknown, signal: AbortSignal | undefined): void => {
    if (signal?.aborted === true) throw cancelledError(signal);
    failures++;
    report(error);
    if (failMode === 'closed') throw unavailable(error);
  };

  const ruleOf = (key: string, given: RateLimitRule | undefined): RateLimitRule | undefined =>
    given ?? configuredRule(key);

  const checkLimits = async (
    checks: readonly LimitCheck[],
    callOptions?: CallOptions,
  ): Promise<MultiLimitDecision> => {
    const signal = callOptions?.signal;
    throwIfAborted(signal);
    assertDistinct(checks);
    if (checks.length === 0) return { allowed: true, usages: [] };
    let reply: number[];
    try {
      reply = await run(
        'check',
        checks.map((check) => ({
          key: check.key,
          rule: ruleOf(check.key, check.rule),
          a: check.cost?.requests ?? 1,
          b: check.cost?.tokens ?? 0,
        })),
        signal,
      );
    } catch (error) {
      fail(error, signal);
      const resetAt = Date.now();
      return { allowed: true, usages: checks.map(() => ({ resetAt })) };
    }
    const usages: RateLimitUsage[] = [];
    for (let index = 0; index < checks.length; index++) usages.push(usageAt(reply, 4 + index * 3));
    if (reply[0] === 1) return { allowed: true, usages };
    return {
      allowed: false,
      retryAfterMs: Number(reply[1]),
      failedIndex: Number(reply[2]) - 1,
      usages,
    };
  };

  const updateUsages = async (
    adjustments: readonly TokenAdjustment[],
    callOptions?: CallOptions,
  ): Promise<void> => {
    const signal = callOptions?.signal;
    throwIfAborted(signal);
    const entries = adjustments
      .filter((adjustment) => adjustment.tokens !== 0)
      .map((adjustment) => ({
        key: adjustment.key,
        rule: ruleOf(adjustment.key, adjustment.rule),
        a: adjustment.tokens,
        b: 0,
      }));
    if (entries.length === 0) return;
    try {
      await run('adjust', entries, signal);
    } catch (error) {
      fail(error, signal);
    }
  };

  const limiter: RedisRateLimiter = {
    name: 'redis',
    get failures() {
      return failures;
    },
    checkLimits,
    updateUsages,
    ...singleKeyMethods({ checkLimits, updateUsages }),
    async block(key: string, durationMs: number, callOptions?: CallOptions): Promise<void> {
      const signal = callOptions?.signal;
      throwIfAborted(signal);
      if (!(durationMs > 0)) return;
      try {
        await run('block', [{ key, rule: configuredRule(key), a: Math.ceil(durationMs), b: 0 }], signal);
      } catch (error) {
        fail(error, signal);
      }
    },
    async getUsage(key: string, callOptions?: CallOptions): Promise<RateLimitUsage> {
      const signal = callOptions?.signal;
      throwIfAborted(signal);
      try {
        return usageAt(await run('usage', [{ key, rule: configuredRule(key), a: 0, b: 0 }], signal), 1);
      } catch (error) {
        if (signal?.aborted === true) throw cancelledError(signal);
        failures++;
        report(error);
        throw unavailable(error);
      }
    },
    async reset(key?: string, callOptions?: CallOptions): Promise<void> {
      const signal = callOptions?.signal;
      throwIfAborted(signal);
      const commandOptions =
        signal === undefined
          ? { timeout: commandTimeoutMs }
          : { timeout: commandTimeoutMs, abortSignal: signal };
      try {
        await ready(signal);
        if (key !== undefined) {
          await client.sendCommand(['DEL', prefix + key], commandOptions);
          return;
        }
        const pattern = `${escapeGlob(prefix)}*`;
        let cursor = '0';
        do {
          const [next, keys] = await client.sendCommand<[string, string[]]>(
            ['SCAN', cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH],
            commandOptions,
          );
          if (keys.length > 0) await client.sendCommand(['UNLINK', ...keys], commandOptions);
          cursor = next;
        } while (cursor !== '0');
      } catch (error) {
        if (signal?.aborted === true) throw cancelledError(signal);
        failures++;
        report(error);
        throw unavailable(error);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (owned === undefined) return;
      if (owned.isReady) await owned.close();
      else if (owned.isOpen) owned.destroy();
      await connecting;
    },
  };
  return limiter;
}

function usageAt(reply: readonly number[], offset: number): RateLimitUsage {
  const requests = Number(reply[offset]);
  const tokens = Number(reply[offset + 1]);
  return {
    ...(requests >= 0 && { requestsRemaining: requests }),
    ...(tokens >= 0 && { tokensRemaining: tokens }),
    resetAt: Number(reply[offset + 2]),
  };
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

function escapeGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}

/** Resolves when `client` is ready; rejects on its next 'error' event, after `timeoutMs`, or on abort. */
function waitForReady(
  client: OwnedClient,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (client.isReady) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onAbort = (): void => {
      cleanup();
      reject(cancelledError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis was not ready within ${timeoutMs} ms.`));
    }, timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function assertDistinct(checks: readonly LimitCheck[]): void {
  if (checks.length < 2) return;
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.key)) {
      throw new ConfigError(`checkLimits was given the key "${check.key}" twice; keys must be distinct.`, {
        path: 'checks',
        pluginName: PLUGIN_NAME,
      });
    }
    seen.add(check.key);
  }
}

interface Settings {
  readonly prefix: string;
  readonly failMode: 'open' | 'closed';
  readonly commandTimeoutMs: number;
  readonly failClosedRetryAfterMs: number;
}

function configError(path: string, message: string): ConfigError {
  return new ConfigError(`${path} ${message}`, { path, pluginName: PLUGIN_NAME });
}

function validate(options: RedisRateLimiterOptions): Settings {
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
    // the URL may hold a password: never repeat it in the message
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
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw configError('onError', 'must be a function.');
  }
  const commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (!(Number.isFinite(commandTimeoutMs) && commandTimeoutMs > 0)) {
    throw configError('commandTimeoutMs', 'must be a positive number.');
  }
  const failClosedRetryAfterMs = options.failClosedRetryAfterMs ?? DEFAULT_FAIL_CLOSED_RETRY_AFTER_MS;
  if (!(Number.isFinite(failClosedRetryAfterMs) && failClosedRetryAfterMs > 0)) {
    throw configError('failClosedRetryAfterMs', 'must be a positive number.');
  }
  return { prefix, failMode, commandTimeoutMs, failClosedRetryAfterMs };
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
