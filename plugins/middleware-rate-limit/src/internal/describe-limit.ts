import { createHash } from 'node:crypto';
import type { RateLimitRule } from '../multi-limit-rate-limiter.js';
import type { ResolvedLimit } from './resolve-rate-limit-options.js';

/**
 * A short, stable stand-in for a caller key in messages: callers may be keyed by e-mail
 * addresses or API keys, which must not reach logs or error bodies.
 */
export function hashCallerKey(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}

function describeRule(rule: RateLimitRule): string {
  const parts: string[] = [];
  if (rule.requestsPerWindow !== undefined) parts.push(`${rule.requestsPerWindow} requests`);
  if (rule.tokensPerWindow !== undefined) parts.push(`${rule.tokensPerWindow} tokens`);
  return `${parts.join(' and ')} per ${rule.windowMs} ms`;
}

/** Names the limit that refused a call, for an error message (caller keys hashed). */
export function describeLimit(limit: ResolvedLimit, value: string): string {
  switch (limit.scope) {
    case 'provider':
      return `the provider limit "${limit.name}" for "${value}" (${describeRule(limit.rule)})`;
    case 'model':
      return `the model limit "${limit.name}" for "${value}" (${describeRule(limit.rule)})`;
    case 'caller':
      return `the caller limit "${limit.name}" for caller #${hashCallerKey(value)} (${describeRule(limit.rule)})`;
  }
}

/** Names an adaptive block learned from the provider, for an error message. */
export function describeAdaptiveBlock(target: string): string {
  return `the provider's own limit for "${target}" (it reported its allowance exhausted)`;
}
