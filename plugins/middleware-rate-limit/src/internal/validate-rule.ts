import { ConfigError } from '@hub/core';
import type { RateLimitRule } from '../multi-limit-rate-limiter.js';

const isPositive = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Throws `ConfigError` naming the field when `rule` is not a valid `RateLimitRule`. */
export function validateRule(rule: unknown, path: string, pluginName: string): asserts rule is RateLimitRule {
  if (typeof rule !== 'object' || rule === null) {
    throw new ConfigError(`${path} must be an object.`, { path, pluginName });
  }
  const candidate = rule as Record<string, unknown>;
  for (const field of ['requestsPerWindow', 'tokensPerWindow'] as const) {
    if (candidate[field] !== undefined && !isPositive(candidate[field])) {
      throw new ConfigError(`${path}.${field} must be a positive number.`, {
        path: `${path}.${field}`,
        pluginName,
      });
    }
  }
  if (!isPositive(candidate.windowMs) || !Number.isInteger(candidate.windowMs)) {
    throw new ConfigError(`${path}.windowMs must be a positive whole number of milliseconds.`, {
      path: `${path}.windowMs`,
      pluginName,
    });
  }
}
