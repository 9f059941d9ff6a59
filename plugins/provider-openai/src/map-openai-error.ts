import { ConnectorError, type ErrorCode } from '@hub/core';
import { errorFromStatus, parseRateLimitHeaders, redactSecretPatterns } from '@hub/provider-utils';
import { readOpenAIErrorDetails } from './internal/read-openai-error-details.js';

/** A failed exchange, as the error mapper needs it. `HttpFailure` plus the provider id fits. */
export interface OpenAIErrorInput {
  /** Set on the error and prefixed to its message. */
  readonly providerId: string;
  /** HTTP status; absent for an `{"error":…}` event inside an otherwise successful stream. */
  readonly status?: number;
  /** Response headers with lowercase names (`retry-after`, `x-ratelimit-*`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The raw body, used when it is not JSON. */
  readonly bodyText?: string;
  /** The parsed body, when it was JSON. */
  readonly bodyJson?: unknown;
}

// compatible servers without OpenAI's error codes say it in words (vLLM, llama.cpp, Ollama)
const CONTEXT_LENGTH_MESSAGE =
  /maximum context length|context[_ ]length[_ ]exceeded|context window|exceeds? the (?:model'?s? )?context|too many tokens/i;

function retryAfterFromResetHeaders(headers: Readonly<Record<string, string>>): number | undefined {
  const snapshot = parseRateLimitHeaders(headers);
  if (snapshot === undefined) return undefined;
  const { requestsResetMs, tokensResetMs } = snapshot;
  // wait for the allowance that ran out; when the headers do not say which, for the later reset
  let wait: number | undefined;
  if (snapshot.remainingRequests === 0) wait = requestsResetMs;
  if (snapshot.remainingTokens === 0 && tokensResetMs !== undefined)
    wait = Math.max(wait ?? 0, tokensResetMs);
  if (wait === undefined) {
    if (requestsResetMs === undefined) wait = tokensResetMs;
    else if (tokensResetMs === undefined) wait = requestsResetMs;
    else wait = Math.max(requestsResetMs, tokensResetMs);
  }
  return wait === undefined ? undefined : Math.ceil(wait);
}

function codeForEvent(type: string | undefined, code: string | undefined): ErrorCode {
  const value = code ?? type;
  if (
    value === 'rate_limit_exceeded' ||
    value === 'rate_limit_error' ||
    value === 'tokens' ||
    value === 'requests'
  )
    return 'rate_limit';
  if (value === 'invalid_request_error') return 'invalid_request';
  if (value === 'authentication_error' || value === 'invalid_api_key') return 'authentication';
  return 'provider';
}

/**
 * Turns a Chat Completions error into a `ConnectorError`:
 *
 * | upstream | code | retryable |
 * | --- | --- | --- |
 * | `insufficient_quota` (type or code, usually with 429) | `quota_exceeded` | no |
 * | code `context_length_exceeded` (or a 400 saying so in words) | `context_length_exceeded` | no |
 * | code `content_filter` (Azure) | `content_filter` | no |
 * | 401, 403 | `authentication` | no |
 * | 429 | `rate_limit` | yes |
 * | 408, 409, 5xx | `provider` | yes |
 * | 404 | `not_found` | no |
 * | other 4xx | `invalid_request` (with `field` from `param`) | no |
 * | error event inside a stream | by its type: `rate_limit`, `invalid_request`, else `provider` | by code |
 *
 * `retryAfterMs` comes from `retry-after-ms` or `retry-after`, else (for 429) from
 * `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` (the allowance that ran out).
 * `providerCode` is the body's `code`, else its `type`. The message is the provider's own, prefixed
 * with the provider id and status, with anything shaped like a credential masked; the HTTP client
 * additionally masks the configured key itself.
 *
 * @param input - Status, headers and body of the failure.
 * @returns The error to throw; never throws itself.
 */
export function mapOpenAIError(input: OpenAIErrorInput): ConnectorError {
  const details = readOpenAIErrorDetails(input.bodyJson);
  const { providerId, status } = input;
  const providerCode = details.code ?? details.type;
  let code: ErrorCode;
  let message: string;
  let retryAfterMs: number | undefined;
  if (status === undefined) {
    code = codeForEvent(details.type, details.code);
    message = redactSecretPatterns(
      `${providerId}: the stream reported an error: ${details.message ?? 'no message'}`.slice(0, 600),
    );
  } else {
    const base = errorFromStatus({
      status,
      headers: input.headers ?? {},
      bodyText: input.bodyText ?? '',
      bodyJson: input.bodyJson,
      providerId,
      ...(details.message !== undefined && { message: details.message }),
      ...(providerCode !== undefined && { providerCode }),
    });
    code = base.code;
    message = base.message;
    retryAfterMs = base.retryAfterMs;
    if (status === 401 || status === 403) code = 'authentication';
    else if (status === 408 || status === 409 || (status >= 500 && status <= 599)) code = 'provider';
    if (status === 429 && retryAfterMs === undefined && input.headers !== undefined) {
      retryAfterMs = retryAfterFromResetHeaders(input.headers);
    }
  }
  const isQuota = details.code === 'insufficient_quota' || details.type === 'insufficient_quota';
  if (isQuota) code = 'quota_exceeded';
  else if (
    details.code === 'context_length_exceeded' ||
    ((status === 400 || status === 413) &&
      details.message !== undefined &&
      CONTEXT_LENGTH_MESSAGE.test(details.message))
  )
    code = 'context_length_exceeded';
  else if (details.code === 'content_filter') code = 'content_filter';
  const field = code === 'invalid_request' ? details.param : undefined;
  return new ConnectorError(code, message, {
    providerId,
    // a 1xx/3xx answer is unexpected, not transient
    ...(status !== undefined && (status < 400 || status > 599) && { retryable: false }),
    ...(status !== undefined && { status }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(providerCode !== undefined && { providerCode: redactSecretPatterns(providerCode) }),
    ...(field !== undefined && { field }),
  });
}
