import {
  abortError,
  type CallOptions,
  ConfigError,
  ConnectorError,
  type RateLimitUsage,
  throwIfAborted,
} from '@hub/core';
import {
  type LimitCheck,
  type MultiLimitDecision,
  type MultiLimitRateLimiter,
  RATE_LIMITER_UNAVAILABLE_CODE,
  type RateLimitRule,
  singleKeyMethods,
  type TokenAdjustment,
} from '@hub/middleware-rate-limit';
import type { RedisConnectionState } from '@hub/redis-connection';
import {
  RATE_LIMIT_SCRIPT,
  RATE_LIMIT_SCRIPT_SHA,
  type ScriptOperation,
} from './internal/rate-limit-script.js';
import { RATE_LIMITER_WAIT } from './internal/rate-limiter-wait.js';
import { RedisConnection } from './internal/redis-connection.js';
import { classifyRedisFailure, type RedisFailureKind } from './internal/redis-failure.js';
import { PLUGIN_NAME, resolveLimiterOptions } from './internal/resolve-limiter-options.js';
import { withinDeadline } from './internal/within-deadline.js';
import type { RedisCommandClient } from './redis-command-client.js';
import type { RedisRateLimiterOptions } from './redis-rate-limiter-options.js';
import type { RedisRateLimiterStats } from './redis-rate-limiter-stats.js';

const SCAN_BATCH = '1000';
// close() waits this long (at least commandTimeoutMs) for late replies to give back what they took
const CLOSE_GRACE_MS = 2000;
// bound of the late replies close() waits for; past it a late reply is still handled, only not awaited
const MAX_TRACKED_LATE_REPLIES = 10_000;

/** A `MultiLimitRateLimiter` whose state lives in Redis, shared by every instance using it. */
export interface RedisRateLimiter extends MultiLimitRateLimiter {
  /** Operations that failed because Redis did not complete them (`stats().failures`). */
  readonly failures: number;
  /** Whether Redis can be reached now; changes are announced by `onStateChange`. */
  state(): RedisConnectionState;
  /** Counters since creation, for metrics (see `RedisRateLimiterStats`). */
  stats(): RedisRateLimiterStats;
  /**
   * Waits (at most about 2 s) for late replies of checks given up on, so what they took is given
   * back, then closes the client the limiter created from `url`; a client you passed stays open.
   */
  close(): Promise<void>;
}

/** One key of a script operation, with its two operation-specific numbers (see the script). */
interface ScriptEntry {
  readonly key: string;
  readonly rule: RateLimitRule | undefined;
  readonly a: number;
  readonly b: number;
}

/**
 * Creates a rate limiter backed by Redis. Each `checkLimits` is one EVALSHA (falling back to EVAL
 * when the server does not have the script cached) of a Lua script that checks and takes every
 * limit of the call atomically, on the Redis server's clock. Keys expire by themselves once their
 * buckets are full again.
 *
 * A check never admits past the limit because Redis was slow: without a reply within
 * `commandTimeoutMs` it is refused (`rate_limiter_unavailable`), and should Redis run it anyway
 * and admit, the late reply gives the requests and tokens back (no retry, so nothing is taken
 * twice). Only an unreachable Redis follows `failMode`.
 *
 * @throws ConfigError when an option is invalid (before any I/O).
 */
export function redisRateLimiter(options: RedisRateLimiterOptions): RedisRateLimiter {
  const settings = resolveLimiterOptions(options);
  const { prefix, failMode, commandTimeoutMs, failClosedRetryAfterMs, ruleOf: configuredRule } = settings;
  const onError = options.onError;
  const counters = {
    failures: 0,
    unreachable: 0,
    timeouts: 0,
    failOpenAdmissions: 0,
    unavailableRefusals: 0,
    lateAdmissionsReleased: 0,
  };
  // late replies still to come, for close() to wait on: at most MAX_TRACKED_LATE_REPLIES (further
  // ones are handled all the same, only not awaited); each leaves when its reply is handled
  const lateReplies = new Set<Promise<unknown>>();

  const report = (error: unknown): void => {
    try {
      onError?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // an observer's failure must not change the limiter's answer
    }
  };

  const connection = new RedisConnection({
    url: options.url,
    client: options.client,
    connectTimeoutMs: commandTimeoutMs,
    onConnectionError: report,
    onStateChange: options.onStateChange,
  });

  /** Counts and reports a failed operation and says what kind it was. */
  const recordFailure = (error: unknown, signal: AbortSignal | undefined): RedisFailureKind => {
    if (signal?.aborted === true) throw abortError(signal, RATE_LIMITER_WAIT);
    const kind = classifyRedisFailure(error);
    counters.failures++;
    if (kind === 'unreachable') {
      counters.unreachable++;
      connection.unreachable(error instanceof Error ? error : new Error(String(error)));
    } else if (kind === 'timeout') {
      counters.timeouts++;
    }
    report(error);
    return kind;
  };

  /** The error of an operation Redis did not complete; `outcome` says what that means for the caller. */
  const unavailable = (kind: RedisFailureKind, error: unknown, outcome: string): ConnectorError => {
    const reason =
      kind === 'unreachable'
        ? 'The rate limiter could not reach Redis'
        : kind === 'timeout'
          ? `The rate limiter's Redis did not answer within ${commandTimeoutMs} ms`
          : "The rate limiter's Redis answered with an error";
    return new ConnectorError('rate_limit', `${reason}, ${outcome}.`, {
      retryAfterMs: failClosedRetryAfterMs,
      providerCode: RATE_LIMITER_UNAVAILABLE_CODE,
      cause: error,
    });
  };

  /**
   * Sends `exchange` within `commandTimeoutMs`. A reply that comes after the caller stopped
   * waiting proves Redis reachable and goes to `onLate`; close() waits for it.
   */
  const send = async <T>(
    exchange: (client: RedisCommandClient, signal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    onLate?: (reply: T) => Promise<void> | void,
  ): Promise<T> => {
    const client = await connection.ready(signal);
    const reply = await withinDeadline(
      (deadline) => exchange(client, deadline),
      commandTimeoutMs,
      signal,
      (late) => {
        const handled = late.then(
          async (reply) => {
            connection.answered();
            try {
              await onLate?.(reply);
            } catch (error) {
              report(error);
            }
          },
          () => {
            // dropped unsent (it took nothing), or lost with its connection (whether it ran is
            // unknown: at worst one check's allowance stays taken until it refills, never an
            // admission too many)
          },
        );
        if (lateReplies.size >= MAX_TRACKED_LATE_REPLIES) return;
        lateReplies.add(handled);
        void handled.finally(() => lateReplies.delete(handled));
      },
    );
    connection.answered();
    return reply;
  };

  /** One script operation on `entries`: EVALSHA, or EVAL when Redis does not have the script. */
  const run = (
    operation: ScriptOperation,
    entries: readonly ScriptEntry[],
    signal: AbortSignal | undefined,
    onLate?: (reply: number[]) => Promise<void> | void,
  ): Promise<number[]> => {
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
    const count = String(keys.length);
    return send(
      async (client, deadline) => {
        try {
          return await client.sendCommand<number[]>(
            ['EVALSHA', RATE_LIMIT_SCRIPT_SHA, count, ...keys, ...args],
            {
              abortSignal: deadline,
            },
          );
        } catch (error) {
          if (!isNoScript(error)) throw error;
          // EVAL also caches the script, so the next EVALSHA finds it
          return await client.sendCommand<number[]>(['EVAL', RATE_LIMIT_SCRIPT, count, ...keys, ...args], {
            abortSignal: deadline,
          });
        }
      },
      signal,
      onLate,
    );
  };

  /** Gives back what a check took when Redis admitted it after its caller stopped waiting. */
  const releaseLateAdmission = async (reply: number[], entries: readonly ScriptEntry[]): Promise<void> => {
    if (Number(reply[0]) !== 1) return;
    const released = (): void => {
      counters.lateAdmissionsReleased++;
    };
    try {
      await run('release', entries, undefined, released);
      released();
    } catch (error) {
      recordFailure(error, undefined);
    }
  };

  const ruleOf = (key: string, given: RateLimitRule | undefined): RateLimitRule | undefined =>
    given ?? configuredRule(key);

  const checkLimits = async (
    checks: readonly LimitCheck[],
    callOptions?: CallOptions,
  ): Promise<MultiLimitDecision> => {
    const signal = callOptions?.signal;
    throwIfAborted(signal, RATE_LIMITER_WAIT);
    assertDistinct(checks);
    if (checks.length === 0) return { allowed: true, usages: [] };
    const entries = checks.map((check) => ({
      key: check.key,
      rule: ruleOf(check.key, check.rule),
      a: check.cost?.requests ?? 1,
      b: check.cost?.tokens ?? 0,
    }));
    let reply: number[];
    try {
      reply = await run('check', entries, signal, (late) => releaseLateAdmission(late, entries));
    } catch (error) {
      const kind = recordFailure(error, signal);
      if (kind === 'unreachable' && failMode === 'open') {
        counters.failOpenAdmissions++;
        const resetAt = Date.now();
        return { allowed: true, usages: checks.map(() => ({ resetAt })) };
      }
      counters.unavailableRefusals++;
      throw unavailable(kind, error, 'so the call was not admitted');
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

  /** Runs a write that decides no admission: a failure is reported, and thrown only fail-closed. */
  const write = async (
    operation: ScriptOperation,
    entries: readonly ScriptEntry[],
    signal: AbortSignal | undefined,
  ): Promise<void> => {
    try {
      await run(operation, entries, signal);
    } catch (error) {
      const kind = recordFailure(error, signal);
      if (failMode === 'closed') throw unavailable(kind, error, `so its ${operation} was not recorded`);
    }
  };

  const updateUsages = async (
    adjustments: readonly TokenAdjustment[],
    callOptions?: CallOptions,
  ): Promise<void> => {
    const signal = callOptions?.signal;
    throwIfAborted(signal, RATE_LIMITER_WAIT);
    const entries = adjustments
      .filter((adjustment) => adjustment.tokens !== 0)
      .map((adjustment) => ({
        key: adjustment.key,
        rule: ruleOf(adjustment.key, adjustment.rule),
        a: adjustment.tokens,
        b: 0,
      }));
    if (entries.length === 0) return;
    await write('adjust', entries, signal);
  };

  const limiter: RedisRateLimiter = {
    name: 'redis',
    get failures() {
      return counters.failures;
    },
    state: () => connection.state,
    stats: () => ({ ...counters }),
    checkLimits,
    updateUsages,
    ...singleKeyMethods({ checkLimits, updateUsages }),
    async block(key: string, durationMs: number, callOptions?: CallOptions): Promise<void> {
      const signal = callOptions?.signal;
      throwIfAborted(signal, RATE_LIMITER_WAIT);
      if (!(durationMs > 0)) return;
      await write('block', [{ key, rule: configuredRule(key), a: Math.ceil(durationMs), b: 0 }], signal);
    },
    async getUsage(key: string, callOptions?: CallOptions): Promise<RateLimitUsage> {
      const signal = callOptions?.signal;
      throwIfAborted(signal, RATE_LIMITER_WAIT);
      try {
        return usageAt(await run('usage', [{ key, rule: configuredRule(key), a: 0, b: 0 }], signal), 1);
      } catch (error) {
        throw unavailable(recordFailure(error, signal), error, 'so the usage could not be read');
      }
    },
    async reset(key?: string, callOptions?: CallOptions): Promise<void> {
      const signal = callOptions?.signal;
      throwIfAborted(signal, RATE_LIMITER_WAIT);
      const command = <T>(args: readonly string[]): Promise<T> =>
        send((client, deadline) => client.sendCommand<T>(args, { abortSignal: deadline }), signal);
      try {
        if (key !== undefined) {
          await command(['DEL', prefix + key]);
          return;
        }
        const pattern = `${escapeGlob(prefix)}*`;
        let cursor = '0';
        do {
          const [next, keys] = await command<[string, string[]]>([
            'SCAN',
            cursor,
            'MATCH',
            pattern,
            'COUNT',
            SCAN_BATCH,
          ]);
          if (keys.length > 0) await command(['UNLINK', ...keys]);
          cursor = next;
        } while (cursor !== '0');
      } catch (error) {
        throw unavailable(recordFailure(error, signal), error, 'so the limits were not reset');
      }
    },
    async close(): Promise<void> {
      const graceMs = Math.max(commandTimeoutMs, CLOSE_GRACE_MS);
      if (lateReplies.size > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          // a give-back may be sent while waiting: wait for the set to drain, not for a snapshot
          (async () => {
            while (lateReplies.size > 0) await Promise.allSettled([...lateReplies]);
          })(),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, graceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      await connection.close(graceMs);
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
