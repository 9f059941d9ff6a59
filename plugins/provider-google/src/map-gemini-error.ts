import { ConnectorError, type ErrorCode } from '@hub/core';
import { errorFromStatus, type HttpFailure, parseDurationMs } from '@hub/provider-utils';

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';
const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';

/**
 * Where Google documents a status differently from the kit's table (`codeForStatus`). 402, 408
 * and 409 are not among the statuses either API documents, so the table's meaning stands.
 */
const GOOGLE_STATUS_OVERRIDES: Readonly<Partial<Record<number, ErrorCode>>> = {
  // 499 CANCELLED: "the client closed the connection before the API finished responding (for
  // example, due to a client timeout)" (Gemini API troubleshooting; Vertex AI API errors): a
  // deadline on the way, worth retrying, not a malformed request
  499: 'timeout',
  // 501 UNIMPLEMENTED: "the API method is not implemented by the server" (Google Cloud API error
  // model): the model does not offer the operation (countTokens, embedContent)
  501: 'unsupported',
  // 504 DEADLINE_EXCEEDED: "the service is unable to finish processing within the deadline";
  // "set a larger timeout in your client request" (Gemini API troubleshooting; Vertex AI API
  // errors)
  504: 'timeout',
};

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

/** What the body says beyond its HTTP status: a bad credential, a prompt too long, an overload. */
function refine(code: ErrorCode, fields: GoogleErrorFields): ErrorCode {
  if (fields.reason !== undefined && CREDENTIAL_REASONS.has(fields.reason)) return 'authentication';
  const message = fields.message ?? '';
  if (code === 'invalid_request' && TOKEN_LIMIT_PATTERN.test(message)) return 'context_length_exceeded';
  // "The model is overloaded" is Gemini's usual 503; other outages are plain provider faults
  if (fields.status === 'UNAVAILABLE' && /overload/i.test(message)) return 'overloaded';
  return code;
}

/**
 * Turns a non-2xx Gemini API or Vertex AI response into a `ConnectorError`. The HTTP status
 * decides the code through the kit's one table (`errorFromStatus`), with Google's documented
 * differences as overrides: 499 `CANCELLED` and 504 `DEADLINE_EXCEEDED` are `timeout`, 501
 * `UNIMPLEMENTED` is `unsupported`. The body (`{"error":{"code","message","status","details"}}`)
 * then refines it:
 *
 * - `ErrorInfo.reason` `API_KEY_INVALID` / `API_KEY_EXPIRED` / `ACCESS_TOKEN_*` → `authentication`
 *   (Google answers a bad key with 400);
 * - a 4xx `invalid_request` whose message says the prompt has too many tokens →
 *   `context_length_exceeded`;
 * - 503 `UNAVAILABLE` saying "overloaded" → `overloaded` (other 503s stay `provider`).
 *
 * `retryAfterMs` comes from the `google.rpc.RetryInfo` detail's `retryDelay` (`"30s"`,
 * `"1.5s"`), else from a `Retry-After` header. `providerCode` is the `ErrorInfo.reason` when
 * present (`API_KEY_INVALID`), else the `status`. The message is `HTTP <status>: <STATUS>:
 * <message>` and never contains credentials (`errorFromStatus` masks credential shapes such as
 * `AIza…` keys and `ya29.` tokens, and the HTTP client masks the configured key).
 *
 * @param failure - The failed response, as the HTTP client reports it (or a stream's error event,
 *   with the HTTP status it carried).
 * @param providerId - `google` or `google-vertex`, set on the error.
 */
export function mapGeminiError(failure: HttpFailure, providerId: string): ConnectorError {
  const fields = readErrorFields(failure.bodyJson);
  const providerCode = fields.reason ?? fields.status;
  const base = errorFromStatus(
    {
      ...failure,
      providerId,
      ...(fields.message !== undefined && {
        message: fields.status === undefined ? fields.message : `${fields.status}: ${fields.message}`,
      }),
      ...(providerCode !== undefined && { providerCode }),
    },
    GOOGLE_STATUS_OVERRIDES,
  );
  const code = refine(base.code, fields);
  const retryDelayMs = fields.retryDelay === undefined ? undefined : parseDurationMs(fields.retryDelay);
  const retryAfterMs = retryDelayMs ?? base.retryAfterMs;
  if (code === base.code && retryAfterMs === base.retryAfterMs) return base;
  return new ConnectorError(code, base.message, {
    status: failure.status,
    providerId,
    // a redirect or informational status is a misconfigured base URL, not a passing fault
    ...(failure.status < 400 && { retryable: false }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(base.providerCode !== undefined && { providerCode: base.providerCode }),
  });
}
