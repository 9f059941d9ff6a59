import type { ErrorCode } from '@hub/core';
import { codeForStatus } from '@hub/provider-utils';

/**
 * Where Anthropic's documented meaning of a status differs from the kit's table
 * (https://platform.claude.com/docs/en/api/errors):
 *
 * - 409 `conflict_error`: "The request conflicts with the current state of a resource […].
 *   Resolve the conflict, then retry the request." Sending the same request again does not
 *   resolve it, so it is not the kit's retryable transient conflict.
 * - 504 `timeout_error`: "The request timed out while processing." A timeout, not a plain 5xx.
 *
 * 402 `billing_error` (`quota_exceeded`), 403 `permission_error` (`permission`) and 529
 * `overloaded_error` (`overloaded`) mean what the kit's table says; Anthropic documents no 408.
 */
export const ANTHROPIC_STATUS_OVERRIDES: Readonly<Partial<Record<number, ErrorCode>>> = Object.freeze({
  409: 'invalid_request',
  504: 'timeout',
});

// Each documented `error.type` with the status it comes with (same page), so an `error` event
// inside a 200 stream, which has no status of its own, is classified like the HTTP error
const STATUS_BY_TYPE: ReadonlyMap<string, number> = new Map([
  ['invalid_request_error', 400],
  ['authentication_error', 401],
  ['billing_error', 402],
  ['permission_error', 403],
  ['not_found_error', 404],
  ['conflict_error', 409],
  ['request_too_large', 413],
  ['rate_limit_error', 429],
  ['api_error', 500],
  ['timeout_error', 504],
  ['overloaded_error', 529],
]);

// "prompt is too long: 201234 tokens > 200000 maximum" and
// "input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, ..."
const CONTEXT_LENGTH = /prompt is too long|exceed(?:s)? (?:the )?context (?:limit|window)/i;

/**
 * The error code of an Anthropic error: the HTTP status through the kit's table with
 * `ANTHROPIC_STATUS_OVERRIDES`; for an `error` event inside a stream (no status), the status
 * Anthropic documents for its `error.type` (an unknown type counts as a 500). An
 * `invalid_request` whose message says the prompt does not fit the context window becomes
 * `context_length_exceeded`, so callers can trim the conversation instead of giving up.
 *
 * @param status - The HTTP status; `undefined` for an `error` event inside a 200 stream.
 * @param errorType - `error.type` from the body or event, when there was one.
 * @param message - `error.message`, read only to detect context-length overflow.
 */
export function classifyAnthropicError(
  status: number | undefined,
  errorType: string | undefined,
  message: string | undefined,
): ErrorCode {
  const effective = status ?? (errorType === undefined ? undefined : STATUS_BY_TYPE.get(errorType)) ?? 500;
  const code = ANTHROPIC_STATUS_OVERRIDES[effective] ?? codeForStatus(effective);
  if (code === 'invalid_request' && message !== undefined && CONTEXT_LENGTH.test(message)) {
    return 'context_length_exceeded';
  }
  return code;
}
