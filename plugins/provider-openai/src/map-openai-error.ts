import { ConnectorError, type ErrorCode, maskSecrets } from '@hub/core';
import { errorFromStatus, parseRateLimitHeaders } from '@hub/provider-utils';
import { readOpenAIErrorDetails } from './internal/read-openai-error-details.js';

/** A failed exchange, as the error mapper needs it. `HttpFailure` plus the provider id fits. */
export interface OpenAIErrorInput {
  /** Set on the error as `providerId`. */
  readonly providerId: string;
  /** HTTP status; absent for an error event inside an otherwise successful stream. */
  readonly status?: number;
  /** Response headers with lowercase names (`retry-after`, `x-ratelimit-*`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The raw body, used when it is not JSON. */
  readonly bodyText?: string;
  /** The parsed body (or event), when it was JSON. */
  readonly bodyJson?: unknown;
}

/**
 * Where api.openai.com departs from the shared status table: its error-code guide documents 503
 * as "The engine is currently overloaded" and "Slow Down" (a sudden rise in request rate), so
 * clients back off rather than retry at once, as for Anthropic's 529. Compatible servers and
 * Azure keep the shared table (their 503 is a plain outage).
 */
export const OPENAI_STATUS_OVERRIDES: Readonly<Partial<Record<number, ErrorCode>>> = Object.freeze({
  503: 'overloaded',
});

// compatible servers without OpenAI's error codes say it in words (vLLM, llama.cpp, Ollama)
const CONTEXT_LENGTH_MESSAGE =
  /maximum context length|context[_ ]length[_ ]exceeded|context window|exceeds? the (?:model'?s? )?context|too many tokens/i;
const MAX_EVENT_MESSAGE = 500;

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

// An error event has no status: its code or type says what happened. The Responses API sends
// codes (`server_error`, `rate_limit_exceeded`, `invalid_prompt`, `invalid_image_url`, …), Chat
// Completions types (`invalid_request_error`, `server_error`).
function codeForEvent(type: string | undefined, code: string | undefined): ErrorCode {
  for (const value of [code, type]) {
    if (value === undefined) continue;
    if (RATE_LIMIT_EVENT.has(value)) return 'rate_limit';
    if (value === 'authentication_error' || value === 'invalid_api_key') return 'authentication';
    if (value === 'invalid_request_error' || INVALID_INPUT_EVENT.test(value)) return 'invalid_request';
  }
  return 'provider';
}

const RATE_LIMIT_EVENT: ReadonlySet<string> = new Set([
  'rate_limit_exceeded',
  'rate_limit_error',
  'tokens',
  'requests',
]);
// the Responses API's input codes: `invalid_prompt`, `invalid_image_format`, `image_too_large`, …
const INVALID_INPUT_EVENT = /^invalid_|image/;

/**
 * Turns an OpenAI (or OpenAI-compatible) error into a `ConnectorError`:
 *
 * | upstream | code | retryable |
 * | --- | --- | --- |
 * | `insufficient_quota` (type or code, usually with 429) | `quota_exceeded` | no |
 * | code `context_length_exceeded` (or a 400 saying so in words) | `context_length_exceeded` | no |
 * | code `content_filter` (Azure) | `content_filter` | no |
 * | a status in `overrides` (OpenAI: 503, see `OPENAI_STATUS_OVERRIDES`) | as given | by code |
 * | any other status | the shared table of `errorFromStatus` (401 `authentication`, 403 `permission`, 429 `rate_limit`, 5xx `provider`, …) | by code |
 * | other 4xx | `invalid_request` (with `field` from `param`) | no |
 * | error event inside a stream (Chat Completions `{"error":…}`, Responses `error` / `response.failed`) | by its code or type: `rate_limit`, `invalid_request`, `authentication`, else `provider` | by code |
 *
 * `retryAfterMs` comes from `retry-after-ms` or `retry-after`, else (for 429) from
 * `x-ratelimit-reset-requests` / `x-ratelimit-reset-tokens` (the allowance that ran out).
 * `providerCode` is the body's `code`, else its `type`. The message is the provider's own after
 * `HTTP <status>: ` (the provider is the `providerId` field), with anything shaped like a
 * credential masked; the HTTP client additionally masks the configured key itself.
 *
 * @param input - Status, headers and body of the failure.
 * @param overrides - Statuses the server documents differently from the shared table.
 * @returns The error to throw; never throws itself.
 */
export function mapOpenAIError(
  input: OpenAIErrorInput,
  overrides: Readonly<Partial<Record<number, ErrorCode>>> = {},
): ConnectorError {
  const details = readOpenAIErrorDetails(input.bodyJson);
  const { providerId, status } = input;
  const providerCode = details.code ?? details.type;
  let code: ErrorCode;
  let message: string;
  let retryAfterMs: number | undefined;
  if (status === undefined) {
    code = codeForEvent(details.type, details.code);
    message = maskSecrets(
      `The stream reported an error: ${details.message ?? 'no message'}`.slice(0, MAX_EVENT_MESSAGE),
    );
  } else {
    const base = errorFromStatus(
      {
        status,
        headers: input.headers ?? {},
        bodyText: input.bodyText ?? '',
        bodyJson: input.bodyJson,
        providerId,
        ...(details.message !== undefined && { message: details.message }),
        ...(providerCode !== undefined && { providerCode }),
      },
      overrides,
    );
    code = base.code;
    message = base.message;
    retryAfterMs = base.retryAfterMs;
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
    ...(providerCode !== undefined && { providerCode: maskSecrets(providerCode) }),
    ...(field !== undefined && { field }),
  });
}
