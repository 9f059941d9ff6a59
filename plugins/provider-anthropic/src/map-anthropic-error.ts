import { ConnectorError } from '@hub/core';
import { errorFromStatus, type HttpFailure, parseRateLimitHeaders } from '@hub/provider-utils';
import { ANTHROPIC_STATUS_OVERRIDES, classifyAnthropicError } from './classify-anthropic-error.js';

function readErrorFields(bodyJson: unknown): { type?: string; message?: string } {
  if (typeof bodyJson !== 'object' || bodyJson === null) return {};
  const error = (bodyJson as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const { type, message } = error as { type?: unknown; message?: unknown };
  return {
    ...(typeof type === 'string' && { type }),
    ...(typeof message === 'string' && { message }),
  };
}

/**
 * How long to wait after a 429 when `retry-after` is missing: until the exhausted allowance
 * (`anthropic-ratelimit-requests-reset` or one of the token resets, whose remaining count is 0)
 * is restored; when the headers do not say which one ran out, until the latest reported reset.
 */
function rateLimitWaitMs(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const snapshot = parseRateLimitHeaders(headers, now);
  if (snapshot === undefined) return undefined;
  const { remainingRequests, remainingTokens, requestsResetMs, tokensResetMs } = snapshot;
  const requestsExhausted = remainingRequests === 0 && requestsResetMs !== undefined;
  const tokensExhausted = remainingTokens === 0 && tokensResetMs !== undefined;
  if (requestsExhausted || tokensExhausted) {
    return Math.max(requestsExhausted ? requestsResetMs : 0, tokensExhausted ? tokensResetMs : 0);
  }
  if (requestsResetMs === undefined) return tokensResetMs;
  if (tokensResetMs === undefined) return requestsResetMs;
  return Math.max(requestsResetMs, tokensResetMs);
}

/**
 * Turns a non-2xx Anthropic response (`{"type":"error","error":{"type","message"}}`) into a
 * `ConnectorError`: the kit's `errorFromStatus` with `ANTHROPIC_STATUS_OVERRIDES`, refined where
 * Anthropic says more.
 *
 * | status | `error.type` | code | retryable |
 * | --- | --- | --- | --- |
 * | 400 | `invalid_request_error` | `invalid_request` (`context_length_exceeded` for "prompt is too long") | no |
 * | 401 | `authentication_error` | `authentication` | no |
 * | 402 | `billing_error` | `quota_exceeded` | no |
 * | 403 | `permission_error` | `permission` | no |
 * | 404 | `not_found_error` | `not_found` | no |
 * | 409 | `conflict_error` | `invalid_request` | no |
 * | 413 | `request_too_large` | `invalid_request` | no |
 * | 429 | `rate_limit_error` | `rate_limit` | yes |
 * | 500 | `api_error` | `provider` | yes |
 * | 504 | `timeout_error` | `timeout` | yes |
 * | 529 | `overloaded_error` | `overloaded` | yes |
 *
 * `retryAfterMs` comes from `retry-after`; for a 429 without it, from the
 * `anthropic-ratelimit-*-reset` headers. `providerCode` is the `error.type`. The message is
 * `HTTP <status>: <Anthropic's message>` and never contains credentials (`errorFromStatus` masks
 * credential shapes, the HTTP client the configured key).
 *
 * @param failure - The failed response, as the HTTP client reports it.
 * @param now - Current epoch milliseconds, for absolute reset times.
 */
export function mapAnthropicError(failure: HttpFailure, now: number = Date.now()): ConnectorError {
  const { type, message } = readErrorFields(failure.bodyJson);
  const base = errorFromStatus(
    {
      ...failure,
      providerId: 'anthropic',
      ...(message !== undefined && { message }),
      ...(type !== undefined && { providerCode: type }),
    },
    ANTHROPIC_STATUS_OVERRIDES,
  );
  const code = classifyAnthropicError(failure.status, type, message);
  const retryAfterMs =
    base.retryAfterMs ?? (code === 'rate_limit' ? rateLimitWaitMs(failure.headers, now) : undefined);
  if (code === base.code && retryAfterMs === base.retryAfterMs) return base;
  return new ConnectorError(code, base.message, {
    status: failure.status,
    providerId: 'anthropic',
    ...(code === base.code && { retryable: base.retryable }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(base.providerCode !== undefined && { providerCode: base.providerCode }),
  });
}
