import { ConfigError, ERROR_CODES, type ErrorCode } from '@hub/core';
import type { CircuitStateChange } from './circuit-state-change.js';

/**
 * Options of `circuitBreaker()`. Every field is optional; see `CIRCUIT_BREAKER_DEFAULTS` and the
 * README's defaults table for why each default is what it is.
 */
export interface CircuitBreakerOptions {
  /**
   * One circuit per `provider/model` (`model`, the default: one broken model does not take its
   * provider's other models down) or per `provider`.
   */
  readonly scope?: 'provider' | 'model';
  /** Sliding window of the failure rate, in ms. Default 60 000. */
  readonly windowMs?: number;
  /**
   * Calls the window must hold before the failure rate can open the circuit. Default 20: below
   * that, a rate says more about chance than about the provider.
   */
  readonly minimumCalls?: number;
  /** Failure rate (0 to 1] at or above which the circuit opens. Default 0.5. */
  readonly failureRateThreshold?: number;
  /**
   * Failures in a row that open the circuit regardless of the window. Default undefined: off,
   * because runs of failures are common at ordinary error rates (five in a row happen about
   * every 600 calls at 30 %), and a rate over `minimumCalls` is the better signal.
   */
  readonly consecutiveFailures?: number;
  /**
   * How long an open circuit refuses calls before admitting a probe, in ms. Default 30 000. When
   * the failure that opened the circuit carried `retryAfterMs` (the upstream said when to come
   * back), the circuit stays open for `min(openMs, retryAfterMs)` instead.
   */
  readonly openMs?: number;
  /** Probes admitted at once while half-open. Default 1. */
  readonly halfOpenProbes?: number;
  /**
   * Error codes that count as failures: the ones that say something about the provider's health.
   * Default `network`, `timeout`, `provider`, `overloaded`, `stream`. `rate_limit` is left out:
   * a 429 says the caller is over its quota, not that the provider is broken, and the upstream
   * already says when to come back (retry honours it); add it to shed load during long limits.
   * Other errors (`invalid_request`, `authentication`, …) count neither as failure nor as
   * success. `cancelled` and `circuit_open` are not allowed.
   */
  readonly failureCodes?: readonly ErrorCode[];
  /**
   * Most circuits kept at once (one per target seen). Default 1000. When a new target would
   * exceed it, the least recently used closed circuit is forgotten first (its target starts
   * again with an empty window); only when every circuit is open or half-open is the least
   * recently used one forgotten.
   */
  readonly maxCircuits?: number;
  /** Called synchronously on every state change; errors it throws are ignored. */
  readonly onStateChange?: (change: CircuitStateChange) => void;
  /** Clock in ms. Default `Date.now`; inject for tests. */
  readonly now?: () => number;
}

/** The defaults of `CircuitBreakerOptions`. */
export const CIRCUIT_BREAKER_DEFAULTS = Object.freeze({
  scope: 'model' as const,
  windowMs: 60_000,
  minimumCalls: 20,
  failureRateThreshold: 0.5,
  /** Off: see `CircuitBreakerOptions.consecutiveFailures`. */
  consecutiveFailures: undefined,
  openMs: 30_000,
  halfOpenProbes: 1,
  failureCodes: Object.freeze([
    'network',
    'timeout',
    'provider',
    'overloaded',
    'stream',
  ] as const satisfies readonly ErrorCode[]),
  maxCircuits: 1000,
});

/** `CircuitBreakerOptions` with defaults applied and validated. */
export interface ResolvedCircuitBreakerOptions {
  readonly scope: 'provider' | 'model';
  readonly windowMs: number;
  readonly minimumCalls: number;
  readonly failureRateThreshold: number;
  /** Undefined when off. */
  readonly consecutiveFailures: number | undefined;
  readonly openMs: number;
  readonly halfOpenProbes: number;
  readonly failureCodes: ReadonlySet<ErrorCode>;
  readonly maxCircuits: number;
  readonly onStateChange: ((change: CircuitStateChange) => void) | undefined;
  readonly now: () => number;
}

// counting these would be wrong: the caller gave up, or the breaker would feed on its own refusals
const NOT_COUNTABLE: ReadonlySet<string> = new Set(['cancelled', 'circuit_open']);

/**
 * Applies defaults and validates, before any request runs.
 *
 * @throws ConfigError naming the first invalid field.
 */
export function resolveCircuitBreakerOptions(
  options: CircuitBreakerOptions = {},
): ResolvedCircuitBreakerOptions {
  const scope = options.scope ?? CIRCUIT_BREAKER_DEFAULTS.scope;
  if (scope !== 'model' && scope !== 'provider')
    throw new ConfigError('circuitBreaker: scope must be "model" or "provider".', { path: 'scope' });
  const windowMs = options.windowMs ?? CIRCUIT_BREAKER_DEFAULTS.windowMs;
  requirePositive(windowMs, 'windowMs');
  const minimumCalls = options.minimumCalls ?? CIRCUIT_BREAKER_DEFAULTS.minimumCalls;
  requireCount(minimumCalls, 'minimumCalls');
  const failureRateThreshold = options.failureRateThreshold ?? CIRCUIT_BREAKER_DEFAULTS.failureRateThreshold;
  if (!(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
    throw new ConfigError('circuitBreaker: failureRateThreshold must be above 0 and at most 1.', {
      path: 'failureRateThreshold',
    });
  }
  const consecutiveFailures = options.consecutiveFailures ?? CIRCUIT_BREAKER_DEFAULTS.consecutiveFailures;
  if (consecutiveFailures !== undefined) requireCount(consecutiveFailures, 'consecutiveFailures');
  const openMs = options.openMs ?? CIRCUIT_BREAKER_DEFAULTS.openMs;
  requirePositive(openMs, 'openMs');
  const halfOpenProbes = options.halfOpenProbes ?? CIRCUIT_BREAKER_DEFAULTS.halfOpenProbes;
  requireCount(halfOpenProbes, 'halfOpenProbes');
  const codes = options.failureCodes ?? CIRCUIT_BREAKER_DEFAULTS.failureCodes;
  if (!Array.isArray(codes))
    throw new ConfigError('circuitBreaker: failureCodes must be an array of error codes.', {
      path: 'failureCodes',
    });
  codes.forEach((code, index) => {
    if (!ERROR_CODES.includes(code) || NOT_COUNTABLE.has(code)) {
      throw new ConfigError(
        `circuitBreaker: failureCodes cannot contain "${String(code)}" (use error codes other than cancelled and circuit_open).`,
        { path: `failureCodes.${index}` },
      );
    }
  });
  const maxCircuits = options.maxCircuits ?? CIRCUIT_BREAKER_DEFAULTS.maxCircuits;
  requireCount(maxCircuits, 'maxCircuits');
  if (options.onStateChange !== undefined && typeof options.onStateChange !== 'function')
    throw new ConfigError('circuitBreaker: onStateChange must be a function.', { path: 'onStateChange' });
  const now = options.now ?? Date.now;
  if (typeof now !== 'function')
    throw new ConfigError('circuitBreaker: now must be a function returning milliseconds.', { path: 'now' });
  return {
    scope,
    windowMs,
    minimumCalls,
    failureRateThreshold,
    consecutiveFailures,
    openMs,
    halfOpenProbes,
    failureCodes: new Set(codes),
    maxCircuits,
    onStateChange: options.onStateChange,
    now,
  };
}

function requirePositive(value: number, field: string): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0))
    throw new ConfigError(`circuitBreaker: ${field} must be a positive number of milliseconds.`, {
      path: field,
    });
}

function requireCount(value: number, field: string): void {
  if (!(Number.isInteger(value) && value >= 1))
    throw new ConfigError(`circuitBreaker: ${field} must be a whole number of at least 1.`, { path: field });
}
