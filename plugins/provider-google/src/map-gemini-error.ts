import { ConnectorError, type ErrorCode } from '@hub/core';
import { errorFromStatus, type HttpFailure, parseDurationMs } from '@hub/provider-utils';

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';
const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';

// Reasons (`google.rpc.ErrorInfo.reason`) that mean the credential itself is bad, even though
// Google answers them with 400 INVALID_ARGUMENT or 403 PERMISSION_DENIED
const CREDENTIAL_REASONS = new Set([
  'API_KEY_INVALID',
  'API_KEY_EXPIRED',
  'ACCESS_TOKEN_EXPIRED',
  'ACCESS_TOKEN_TYPE_UNSUPPORTED',
]);

// How Gemini and Vertex AI word a prompt that is longer than the model accepts
const TOKEN_LIMIT_PATTERN =
  /exceeds the maximum number of tokens|input token count.*exceeds|token count.*exceeds|too many tokens|context (?:length|window)|prompt is too long/i;

/** The fields of a Google error body this mapper reads. */
interface GoogleErrorFields {
  readonly message?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly retryDelay?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function readErrorFields(bodyJson: unknown): GoogleErrorFields {
  // `streamGenerateContent` without `alt=sse` wraps the error in an array
  const root = asRecord(Array.isArray(bodyJson) ? bodyJson[0] : bodyJson);
  const error = asRecord(root?.error);
  if (error === undefined) return {};
  let reason: string | undefined;
  let retryDelay: string | undefined;
  if (Array.isArray(error.details)) {
    for (const detail of error.details) {
      const entry = asRecord(detail);
      if (entry === undefined) continue;
      if (entry['@type'] === RETRY_INFO_TYPE && typeof entry.retryDelay === 'string')
        retryDelay = entry.retryDelay;
      if (entry['@type'] === ERROR_INFO_TYPE && typeof entry.reason === 'string') reason = entry.reason;
    }
  }
  return {
    ...(typeof error.message === 'string' && error.message !== '' && { message: error.message }),
    ...(typeof error.status === 'string' && error.status !== '' && { status: error.status }),
    ...(reason !== undefined && { reason }),
    ...(retryDelay !== undefined && { retryDelay }),
  };
}

function codeForStatus(fields: GoogleErrorFields, fallback: ErrorCode): ErrorCode {
  if (fields.reason !== undefined && CREDENTIAL_REASONS.has(fields.reason)) return 'authentication';
  const message = fields.message ?? '';
  switch (fields.status) {
    case 'INVALID_ARGUMENT':
    case 'FAILED_PRECONDITION':
    case 'OUT_OF_RANGE':
      return TOKEN_LIMIT_PATTERN.test(message) ? 'context_length_exceeded' : 'invalid_request';
    case 'UNAUTHENTICATED':
      return 'authentication';
    case 'PERMISSION_DENIED':
      return 'permission';
    case 'NOT_FOUND':
      return 'not_found';
    case 'RESOURCE_EXHAUSTED':
      return 'rate_limit';
    // "The model is overloaded" is Gemini's usual 503; other outages are plain provider faults
    case 'UNAVAILABLE':
      return /overload/i.test(message) ? 'overloaded' : 'provider';
    case 'INTERNAL':
    case 'UNKNOWN':
    case 'ABORTED':
    case 'DATA_LOSS':
    case 'CANCELLED':
      return 'provider';
    case 'DEADLINE_EXCEEDED':
      return 'timeout';
    case 'UNIMPLEMENTED':
      return 'invalid_request';
    default:
      if (fallback === 'invalid_request' && TOKEN_LIMIT_PATTERN.test(message))
        return 'context_length_exceeded';
      return fallback;
  }
}

/**
 * Turns a non-2xx Gemini API or Vertex AI response into a `ConnectorError`. The body is Google's
 * `{"error":{"code","message","status","details":[…]}}`; its `status` decides the code:
 *
 * | `error.status` | code | retryable |
 * | --- | --- | --- |
 * | `INVALID_ARGUMENT`, `FAILED_PRECONDITION`, `OUT_OF_RANGE` | `invalid_request` (`context_length_exceeded` when the message says the prompt has too many tokens) | no |
 * | any, with `ErrorInfo.reason` `API_KEY_INVALID` / `API_KEY_EXPIRED` | `authentication` | no |
 * | `UNAUTHENTICATED` | `authentication` | no |
 * | `PERMISSION_DENIED` | `permission` | no |
 * | `NOT_FOUND` | `not_found` | no |
 * | `RESOURCE_EXHAUSTED` | `rate_limit` | yes |
 * | `UNAVAILABLE` | `overloaded` ("model is overloaded"), else `provider` | yes |
 * | `INTERNAL`, `UNKNOWN`, `ABORTED`, `DATA_LOSS`, `CANCELLED` | `provider` | yes |
 * | `DEADLINE_EXCEEDED` | `timeout` | yes |
 * | `UNIMPLEMENTED` | `invalid_request` | no |
 * | none (not a Google body) | by HTTP status (`errorFromStatus`) | |
 *
 * `retryAfterMs` comes from the `google.rpc.RetryInfo` detail's `retryDelay` (`"30s"`,
 * `"1.5s"`), else from a `Retry-After` header. `providerCode` is the `ErrorInfo.reason` when
 * present (`API_KEY_INVALID`), else the `status`. The message never contains credentials
 * (`errorFromStatus` masks credential shapes such as `AIza…` keys and `ya29.` tokens, and the
 * HTTP client masks the configured key).
 *
 * @param failure - The failed response, as the HTTP client reports it (or a stream's error event,
 *   with the HTTP status it carried).
 * @param providerId - `google` or `google-vertex`; set on the error and prefixed to its message.
 */
export function mapGeminiError(failure: HttpFailure, providerId: string): ConnectorError {
  const fields = readErrorFields(failure.bodyJson);
  const providerCode = fields.reason ?? fields.status;
  const base = errorFromStatus({
    ...failure,
    providerId,
    ...(fields.message !== undefined && {
      message: fields.status === undefined ? fields.message : `${fields.status}: ${fields.message}`,
    }),
    ...(providerCode !== undefined && { providerCode }),
  });
  const code = codeForStatus(fields, base.code);
  const retryDelayMs = fields.retryDelay === undefined ? undefined : parseDurationMs(fields.retryDelay);
  const retryAfterMs = retryDelayMs ?? base.retryAfterMs;
  return new ConnectorError(code, base.message, {
    status: failure.status,
    providerId,
    // a redirect or informational status is a misconfigured base URL, not a passing fault
    ...(failure.status < 400 && { retryable: false }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(base.providerCode !== undefined && { providerCode: base.providerCode }),
  });
}
