import { REDACTED } from '@hub/core';
import { isSensitiveHeaderName } from './internal/is-sensitive-header-name.js';

/**
 * Copies headers for logging with every credential-bearing value replaced by `[REDACTED]`:
 * `authorization`, `proxy-authorization`, `x-api-key`, `api-key`, `x-goog-api-key`, `cookie`,
 * `set-cookie`, `x-amz-security-token`, and any name containing `key`, `token`, `secret`,
 * `signature`, `authorization`, `password` or `credential` (case-insensitive). Rate-limit
 * headers (`x-ratelimit-remaining-tokens`, `anthropic-ratelimit-tokens-reset`, …) are kept: they
 * hold counters, not credentials.
 *
 * @param headers - Headers in any case; array values are joined with `, `, `undefined` values
 *   are dropped.
 * @returns A new object with the original names.
 */
export function redactHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    result[name] = isSensitiveHeaderName(name)
      ? REDACTED
      : typeof value === 'string'
        ? value
        : value.join(', ');
  }
  return result;
}
