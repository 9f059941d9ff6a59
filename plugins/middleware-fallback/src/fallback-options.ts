import { ConfigError, ERROR_CODES, type ErrorCode } from '@hub/core';

/**
 * What to do on an error code: `'next'` (the next untried candidate of the route), a target
 * (`"provider/model"`, or `"provider"` for the same model there), or `false` (no fallback: let
 * the error through).
 */
export type FallbackRule = 'next' | (string & {}) | false;

/** Options of `fallback()`. Every field is optional; see `FALLBACK_DEFAULTS`. */
export interface FallbackOptions {
  /** Target for `context_length_exceeded`, typically a model with a larger context window. */
  readonly contextLengthFallback?: string;
  /** Target for `content_filter`, typically a provider with a different moderation policy. */
  readonly contentFilterFallback?: string;
  /**
   * Rules per error code, applied over the defaults (`'next'` for `rate_limit`, `provider`,
   * `overloaded`, `network`, `timeout`, `circuit_open`, `stream`, `parse`) and the two targets
   * above.
   * `false` removes a default.
   */
  readonly rules?: Partial<Record<ErrorCode, FallbackRule>>;
  /**
   * Most fallbacks per hub call (counting every fallback of the call). Default 2. The hub also
   * bounds attempts (`HubOptions.maxAttempts`, default 5).
   */
  readonly maxFallbacks?: number;
}

/** The defaults of `FallbackOptions`. */
export const FALLBACK_DEFAULTS = Object.freeze({
  maxFallbacks: 2,
  /** Codes that move to the next route candidate unless `rules` says otherwise. */
  nextOn: Object.freeze([
    'rate_limit',
    'provider',
    'overloaded',
    'network',
    'timeout',
    'circuit_open',
    'stream',
    // a body that does not parse is not retried on the same target (it would not parse the next
    // time either), but it is that target's fault — a proxy's error page, a half-deployed
    // upstream — and another provider's answer parses
    'parse',
  ] as const satisfies readonly ErrorCode[]),
});

/** `FallbackOptions` resolved to one rule table. */
export interface ResolvedFallbackOptions {
  /** `'next'` or a target address, per code; codes absent here are let through. */
  readonly rules: ReadonlyMap<ErrorCode, string>;
  readonly maxFallbacks: number;
}

/**
 * Applies defaults and validates, before any request runs.
 *
 * @throws ConfigError naming the first invalid field.
 */
export function resolveFallbackOptions(options: FallbackOptions = {}): ResolvedFallbackOptions {
  const rules = new Map<ErrorCode, string>();
  for (const code of FALLBACK_DEFAULTS.nextOn) rules.set(code, 'next');
  if (options.contextLengthFallback !== undefined) {
    rules.set(
      'context_length_exceeded',
      requireTarget(options.contextLengthFallback, 'contextLengthFallback'),
    );
  }
  if (options.contentFilterFallback !== undefined) {
    rules.set('content_filter', requireTarget(options.contentFilterFallback, 'contentFilterFallback'));
  }
  for (const [code, rule] of Object.entries(options.rules ?? {})) {
    const path = `rules.${code}`;
    if (!ERROR_CODES.includes(code as ErrorCode))
      throw new ConfigError(`fallback: "${code}" is not an error code.`, { path });
    if (code === 'cancelled')
      throw new ConfigError('fallback: a cancelled call must not fall back; its caller left.', { path });
    if (rule === false || rule === undefined) rules.delete(code as ErrorCode);
    else rules.set(code as ErrorCode, rule === 'next' ? 'next' : requireTarget(rule, path));
  }
  const maxFallbacks = options.maxFallbacks ?? FALLBACK_DEFAULTS.maxFallbacks;
  if (!(Number.isInteger(maxFallbacks) && maxFallbacks >= 0))
    throw new ConfigError('fallback: maxFallbacks must be a whole number of at least 0.', {
      path: 'maxFallbacks',
    });
  return { rules, maxFallbacks };
}

// "provider" or "provider/model": no spaces, no leading or trailing slash
const TARGET = /^[^\s/]+(\/\S+)?$/;

function requireTarget(value: unknown, path: string): string {
  if (typeof value !== 'string' || !TARGET.test(value) || value.endsWith('/'))
    throw new ConfigError(`fallback: ${path} must be "provider/model", "provider" or "next".`, { path });
  return value;
}
