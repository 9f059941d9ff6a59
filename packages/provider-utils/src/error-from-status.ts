import { STATUS_CODES } from 'node:http';
import { ConnectorError, type ErrorCode, maskSecrets } from '@hub/core';
import type { HttpFailure } from './http-failure.js';
import { extractProviderError } from './internal/extract-provider-error.js';
import { parseRetryAfterMs } from './parse-retry-after-ms.js';

/** What `errorFromStatus` needs: the failure, plus what the provider-specific mapper knows. */
export type StatusFailure = HttpFailure & {
  /** The provider the response came from; set on the error (not repeated in its message). */
  readonly providerId?: string;
  /** The provider's own message; by default read from the usual JSON error envelopes. */
  readonly message?: string;
  /** The provider's error type or code; by default read from the usual JSON error envelopes. */
  readonly providerCode?: string;
};

const MAX_DETAIL_LENGTH = 500;
const MAX_PLAIN_TEXT_LENGTH = 200;

/**
 * The one HTTP status → error code table. Providers that document a status differently pass
 * `overrides` to `errorFromStatus` instead of keeping a table of their own.
 */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'invalid_request';
    case 401:
      return 'authentication';
    // 402 Payment Required: billing has to change (Anthropic, OpenRouter), waiting will not help
    case 402:
      return 'quota_exceeded';
    // 403 is a permission problem (region, model access, organisation policy); a bad key is 401
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    // 409 is retryable: providers use it for transient conflicts ("another request in progress")
    case 409:
      return 'provider';
    case 429:
      return 'rate_limit';
    // Anthropic's "overloaded" status: back off, unlike a plain 5xx
    case 529:
      return 'overloaded';
    default:
      if (status >= 500 && status <= 599) return 'provider';
      if (status >= 400 && status <= 499) return 'invalid_request';
      return 'provider';
  }
}

function plainTextDetail(bodyText: string): string | undefined {
  const text = bodyText.trim();
  // HTML error pages from proxies say nothing a reason phrase does not
  if (text === '' || text.charCodeAt(0) === 60 || text.length > MAX_PLAIN_TEXT_LENGTH) return undefined;
  return text;
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}

/**
 * The default mapping from a non-2xx HTTP response to a `ConnectorError`:
 *
 * | status | code | retryable |
 * | --- | --- | --- |
 * | 400, 422, 413, other 4xx | `invalid_request` | no |
 * | 401 | `authentication` | no |
 * | 402 | `quota_exceeded` | no |
 * | 403 | `permission` | no |
 * | 404 | `not_found` | no |
 * | 408 | `timeout` | yes |
 * | 409 | `provider` | yes |
 * | 429 | `rate_limit` | yes |
 * | 500, 502, 503, 504, other 5xx | `provider` | yes |
 * | 529 | `overloaded` | yes |
 * | anything else (1xx/3xx) | `provider` | no |
 *
 * `retryAfterMs` is read from `retry-after-ms` / `retry-after` whenever present (not only on
 * 429: a 503 may carry it too). The message is `"HTTP <status>: <detail>"` (the provider is a field), where
 * the detail is the provider's message (given, or read from the JSON error envelope) or the
 * reason phrase, capped at 500 characters and stripped of anything shaped like a credential.
 * Provider packages call this from their own mapper after extracting their error fields, pass
 * `overrides` for statuses their API documents differently, and refine the code where the
 * provider says more (`context_length_exceeded`).
 *
 * @param failure - The failed response and what the provider mapper knows about it.
 * @returns The error to throw; never throws itself.
 */
export function errorFromStatus(
  failure: StatusFailure,
  overrides: Readonly<Partial<Record<number, ErrorCode>>> = {},
): ConnectorError {
  const { status, providerId } = failure;
  const code = overrides[status] ?? codeForStatus(status);
  const extracted =
    failure.message === undefined || failure.providerCode === undefined
      ? extractProviderError(failure.bodyJson)
      : undefined;
  const detail =
    failure.message ??
    extracted?.message ??
    (failure.bodyJson === undefined ? plainTextDetail(failure.bodyText) : undefined) ??
    STATUS_CODES[status] ??
    'Unexpected status';
  const message = maskSecrets(`HTTP ${status}: ${truncate(detail)}`);
  const retryAfterMs = parseRetryAfterMs(failure.headers);
  const providerCode = failure.providerCode ?? extracted?.providerCode;
  const unexpected = status < 400 || status > 599;
  return new ConnectorError(code, message, {
    status,
    ...(unexpected && { retryable: false }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(providerId !== undefined && { providerId }),
    ...(providerCode !== undefined && { providerCode: maskSecrets(providerCode) }),
  });
}
