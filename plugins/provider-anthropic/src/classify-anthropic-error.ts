import type { ErrorCode } from '@hub/core';

// Anthropic's documented `error.type` values (https://docs.anthropic.com/en/api/errors)
const CODE_BY_TYPE: Readonly<Record<string, ErrorCode>> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  billing_error: 'quota_exceeded',
  permission_error: 'permission',
  not_found_error: 'not_found',
  // 413 comes from Anthropic's edge before the API: a smaller request is the only fix
  request_too_large: 'invalid_request',
  rate_limit_error: 'rate_limit',
  api_error: 'provider',
  timeout_error: 'timeout',
  // 529: the API is overloaded for everyone; back off and retry, or fall back
  overloaded_error: 'overloaded',
};

// "prompt is too long: 201234 tokens > 200000 maximum" and
// "input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, ..."
const CONTEXT_LENGTH = /prompt is too long|exceed(?:s)? (?:the )?context (?:limit|window)/i;

function codeForStatus(status: number | undefined): ErrorCode {
  switch (status) {
    case 400:
    case 413:
      return 'invalid_request';
    case 401:
      return 'authentication';
    case 402:
      return 'quota_exceeded';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 429:
      return 'rate_limit';
    case 529:
      return 'overloaded';
    default:
      if (status === undefined) return 'provider';
      if (status >= 500) return 'provider';
      return 'invalid_request';
  }
}

/**
 * Classifies an Anthropic error by its `error.type` (the finer signal), falling back to the HTTP
 * status when the type is missing or unknown. An `invalid_request_error` whose message says the
 * prompt does not fit the context window becomes `context_length_exceeded`, so callers can
 * trim the conversation instead of giving up.
 *
 * @param errorType - `error.type` from the body or stream event, when there was one.
 * @param status - The HTTP status; `undefined` for an `error` event inside a 200 stream.
 * @param message - `error.message`, read only to detect context-length overflow.
 */
export function classifyAnthropicError(
  errorType: string | undefined,
  status: number | undefined,
  message: string | undefined,
): ErrorCode {
  const code = (errorType !== undefined ? CODE_BY_TYPE[errorType] : undefined) ?? codeForStatus(status);
  if (code === 'invalid_request' && message !== undefined && CONTEXT_LENGTH.test(message)) {
    return 'context_length_exceeded';
  }
  return code;
}
