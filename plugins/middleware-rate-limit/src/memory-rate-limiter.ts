import {
  type CallOptions,
  ConfigError,
  type RateLimitCost,
  type RateLimitUsage,
  throwIfAborted,
} from '@hub/core';
import { msUntilFull, refill, waitMs, wholeRemaining } from './internal/bucket-math.js';
import { RATE_LIMITER_WAIT } from './internal/rate-limiter-wait.js';
import { validateRule } from './internal/validate-rule.js';
import type {
  LimitCheck,
  MultiLimitDecision,
  MultiLimitRateLimiter,
  RateLimitRule,
  TokenAdjustment,
} from './multi-limit-rate-limiter.js';
import { singleKeyMethods } from './single-key-methods.js';

const PLUGIN_NAME = '@hub/middleware-rate-limit';
const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/** Options of `memoryRateLimiter`. */
export interface MemoryRateLimiterOptions {
  /** The clock, in epoch milliseconds. Default `Date.now` (tests inject their own). */
  readonly now?: () => number;
  /**
   * Rules for keys checked without one (through the core `checkLimit(key, cost)`): a map from key
   * to rule, or a function. A rule given in a `LimitCheck` takes precedence.
   */
  readonly rules?: Readonly<Record<string, RateLimitRule>> | ((key: string) => RateLimitRule | undefined);
  /**
   * How often one background sweep drops keys whose buckets are full again and that are not
   * blocked (such a key is indistinguishable from a new one, so dropping it loses nothing).
   * The timer is `unref`'d and runs only while keys are held. 0 disables it (call `sweep()`
   * yourself). Default 60000.
   */
  readonly sweepIntervalMs?: number;
}

/** An in-process `MultiLimitRateLimiter`. */
export interface MemoryRateLimiter extends MultiLimitRateLimiter {
  /** Keys currently holding state. */
  readonly size: number;
  /** Drops keys whose buckets are full and that are not blocked; returns how many were dropped. */
  sweep(): number;
  /** Stops the sweep timer and forgets every key. */
  close(): Promise<void>;
}

interface KeyState {
  rule: RateLimitRule | undefined;
  /** Request level at `updatedAt`; undefined means full. */
  requests: number | undefined;
  /** Token level at `updatedAt`; undefined means full. */
  tokens: number | undefined;
  updatedAt: number;
  blockedUntil: number;
}

/** A key's state brought forward to `now`, not yet written back. */
interface View {
  readonly key: string;
  readonly rule: RateLimitRule | undefined;
  readonly requests: number | undefined;
  readonly tokens: number | undefined;
  readonly blockedUntil: number;
}

/**
 * Creates an in-memory rate limiter: continuous-refill token buckets computed on access (no timer
 * per key), atomic multi-limit checks, token reconciliation and blocks. State lives in this
 * process only; use `redisRateLimiter` from `@hub/rate-limit-redis` to share limits between
 * instances.
 *
 * @throws ConfigError when an option is invalid.
 */
export function memoryRateLimiter(options: MemoryRateLimiterOptions = {}): MemoryRateLimiter {
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new ConfigError('now must be a function.', { path: 'now' });
  const sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  if (!Number.isFinite(sweepIntervalMs) || sweepIntervalMs < 0) {
    throw new ConfigError('sweepIntervalMs must be a non-negative number.', {
      path: 'sweepIntervalMs',
      pluginName: PLUGIN_NAME,
    });
  }
  const configuredRule = ruleResolver(options.rules);
  const states = new Map<string, KeyState>();
  let sweepTimer: NodeJS.Timeout | undefined;

  const ruleOf = (key: string, given: RateLimitRule | undefined): RateLimitRule | undefined =>
    given ?? configuredRule(key) ?? states.get(key)?.rule;

  const viewOf = (key: string, rule: RateLimitRule | undefined, at: number): View => {
    const state = states.get(key);
    if (state === undefined || rule === undefined) {
      return {
        key,
        rule,
        requests: rule?.requestsPerWindow,
        tokens: rule?.tokensPerWindow,
        blockedUntil: state?.blockedUntil ?? 0,
      };
    }
    const elapsed = at - state.updatedAt;
    return {
      key,
      rule,
      requests:
        rule.requestsPerWindow === undefined
          ? undefined
          : refill(state.requests, rule.requestsPerWindow, elapsed, rule.windowMs),
      tokens:
        rule.tokensPerWindow === undefined
          ? undefined
          : refill(state.tokens, rule.tokensPerWindow, elapsed, rule.windowMs),
      blockedUntil: state.blockedUntil,
    };
  };

  const write = (view: View, requests: number | undefined, tokens: number | undefined, at: number): void => {
    const state = states.get(view.key);
    if (state === undefined) {
      states.set(view.key, {
        rule: view.rule,
        requests,
        tokens,
        updatedAt: at,
        blockedUntil: view.blockedUntil,
      });
      startSweeping();
      return;
    }
    state.rule = view.rule;
    state.requests = requests;
    state.tokens = tokens;
    state.updatedAt = at;
  };

  const isIdle = (state: KeyState, at: number): boolean => {
    if (state.blockedUntil > at) return false;
    const rule = state.rule;
    if (rule === undefined) return true;
    const elapsed = at - state.updatedAt;
    return (
      isFull(state.requests, rule.requestsPerWindow, elapsed, rule.windowMs) &&
      isFull(state.tokens, rule.tokensPerWindow, elapsed, rule.windowMs)
    );
  };

  const sweep = (): number => {
    const at = now();
    let dropped = 0;
    for (const [key, state] of states) {
      if (isIdle(state, at)) {
        states.delete(key);
        dropped++;
      }
    }
    if (states.size === 0) stopSweeping();
    return dropped;
  };

  function startSweeping(): void {
    if (sweepTimer !== undefined || sweepIntervalMs === 0) return;
    sweepTimer = setInterval(sweep, sweepIntervalMs);
    // housekeeping must never keep a process alive
    sweepTimer.unref();
  }

  function stopSweeping(): void {
    if (sweepTimer === undefined) return;
    clearInterval(sweepTimer);
    sweepTimer = undefined;
  }

  const checkLimits = async (
    checks: readonly LimitCheck[],
    callOptions?: CallOptions,
  ): Promise<MultiLimitDecision> => {
    throwIfAborted(callOptions?.signal, RATE_LIMITER_WAIT);
    assertDistinct(checks);
    const at = now();
    const views = checks.map((check) => viewOf(check.key, ruleOf(check.key, check.rule), at));
    let retryAfterMs = 0;
    let failedIndex = -1;
    for (let index = 0; index < checks.length; index++) {
      const wait = waitOf(views[index] as View, checks[index]?.cost, at);
      if (wait > retryAfterMs) {
        retryAfterMs = wait;
        failedIndex = index;
      }
    }
    if (failedIndex >= 0) {
      return { allowed: false, retryAfterMs, failedIndex, usages: views.map((view) => usageOf(view, at)) };
    }
    const usages: RateLimitUsage[] = [];
    for (let index = 0; index < checks.length; index++) {
      const view = views[index] as View;
      const rule = view.rule;
      const cost = checks[index]?.cost;
      if (
        rule === undefined ||
        (rule.requestsPerWindow === undefined && rule.tokensPerWindow === undefined)
      ) {
        usages.push(usageOf(view, at));
        continue;
      }
      const taken: View = {
        ...view,
        requests: view.requests === undefined ? undefined : view.requests - (cost?.requests ?? 1),
        tokens: view.tokens === undefined ? undefined : view.tokens - (cost?.tokens ?? 0),
      };
      write(taken, taken.requests, taken.tokens, at);
      usages.push(usageOf(taken, at));
    }
    return { allowed: true, usages };
  };

  const updateUsages = async (
    adjustments: readonly TokenAdjustment[],
    callOptions?: CallOptions,
  ): Promise<void> => {
    throwIfAborted(callOptions?.signal, RATE_LIMITER_WAIT);
    const at = now();
    for (const adjustment of adjustments) {
      const rule = ruleOf(adjustment.key, adjustment.rule);
      if (rule?.tokensPerWindow === undefined || adjustment.tokens === 0) continue;
      const view = viewOf(adjustment.key, rule, at);
      const level = (view.tokens ?? rule.tokensPerWindow) - adjustment.tokens;
      // a refund returns what was reserved, never more than the bucket holds
      write(view, view.requests, Math.min(rule.tokensPerWindow, level), at);
    }
  };

  const limiter: MemoryRateLimiter = {
    name: 'memory',
    get size() {
      return states.size;
    },
    sweep,
    checkLimits,
    updateUsages,
    ...singleKeyMethods({ checkLimits, updateUsages }),
    async block(key: string, durationMs: number, callOptions?: CallOptions): Promise<void> {
      throwIfAborted(callOptions?.signal, RATE_LIMITER_WAIT);
      if (!(durationMs > 0)) return;
      const at = now();
      const until = at + durationMs;
      const state = states.get(key);
      if (state === undefined) {
        states.set(key, {
          rule: configuredRule(key),
          requests: undefined,
          tokens: undefined,
          updatedAt: at,
          blockedUntil: until,
        });
        startSweeping();
      } else if (until > state.blockedUntil) {
        state.blockedUntil = until;
      }
    },
    async getUsage(key: string, callOptions?: CallOptions): Promise<RateLimitUsage> {
      throwIfAborted(callOptions?.signal, RATE_LIMITER_WAIT);
      const at = now();
      return usageOf(viewOf(key, ruleOf(key, undefined), at), at);
    },
    async reset(key?: string, callOptions?: CallOptions): Promise<void> {
      throwIfAborted(callOptions?.signal, RATE_LIMITER_WAIT);
      if (key === undefined) states.clear();
      else states.delete(key);
      if (states.size === 0) stopSweeping();
    },
    async close(): Promise<void> {
      stopSweeping();
      states.clear();
    },
  };
  return limiter;
}

function isFull(
  level: number | undefined,
  capacity: number | undefined,
  elapsedMs: number,
  windowMs: number,
): boolean {
  return (
    capacity === undefined ||
    msUntilFull(refill(level, capacity, elapsedMs, windowMs), capacity, windowMs) === 0
  );
}

function ruleResolver(rules: MemoryRateLimiterOptions['rules']): (key: string) => RateLimitRule | undefined {
  if (rules === undefined) return () => undefined;
  if (typeof rules === 'function') return rules;
  if (typeof rules !== 'object' || rules === null) {
    throw new ConfigError('rules must be an object or a function.', {
      path: 'rules',
      pluginName: PLUGIN_NAME,
    });
  }
  const table = new Map<string, RateLimitRule>();
  for (const [key, rule] of Object.entries(rules)) {
    validateRule(rule, `rules.${key}`, PLUGIN_NAME);
    table.set(key, rule);
  }
  return (key) => table.get(key);
}

/** Milliseconds until `cost` fits the view's buckets and its block has passed; 0 when it fits now. */
function waitOf(view: View, cost: RateLimitCost | undefined, at: number): number {
  let wait = view.blockedUntil > at ? view.blockedUntil - at : 0;
  const rule = view.rule;
  if (rule === undefined) return wait;
  if (rule.requestsPerWindow !== undefined && view.requests !== undefined) {
    wait = Math.max(wait, waitMs(view.requests, cost?.requests ?? 1, rule.requestsPerWindow, rule.windowMs));
  }
  if (rule.tokensPerWindow !== undefined && view.tokens !== undefined) {
    wait = Math.max(wait, waitMs(view.tokens, cost?.tokens ?? 0, rule.tokensPerWindow, rule.windowMs));
  }
  return wait;
}

function usageOf(view: View, at: number): RateLimitUsage {
  const rule = view.rule;
  let untilFull = 0;
  if (rule?.requestsPerWindow !== undefined && view.requests !== undefined) {
    untilFull = Math.max(untilFull, msUntilFull(view.requests, rule.requestsPerWindow, rule.windowMs));
  }
  if (rule?.tokensPerWindow !== undefined && view.tokens !== undefined) {
    untilFull = Math.max(untilFull, msUntilFull(view.tokens, rule.tokensPerWindow, rule.windowMs));
  }
  const resetAt = Math.max(at + untilFull, view.blockedUntil);
  return {
    ...(view.requests !== undefined && { requestsRemaining: wholeRemaining(view.requests) }),
    ...(view.tokens !== undefined && { tokensRemaining: wholeRemaining(view.tokens) }),
    resetAt,
  };
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
