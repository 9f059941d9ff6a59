import { ConnectorError } from '@hub/core';
import { errorFromStatus, type HttpFailure, redactErrorSecrets } from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import { BEDROCK_STATUS_OVERRIDES, classifyBedrockError } from './classify-bedrock-error.js';
import { readBedrockErrorType } from './read-bedrock-error-type.js';

/** What `mapBedrockError` knows besides the failed response. */
export interface MapBedrockErrorOptions {
  /** Credential values (keys, tokens) to mask out of the message. */
  readonly secrets?: readonly string[];
  /**
   * Whether the provider fetches fresh credentials on the next attempt; then an
   * `ExpiredTokenException` is retryable.
   */
  readonly canRefreshCredentials?: boolean;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Turns a non-2xx Bedrock Runtime response into a `ConnectorError`. The error type comes from the
 * `x-amzn-errortype` header (`ThrottlingException:http://internal.amazon.com/coral/…`), else the
 * body's `__type`; the message from the body's `{"message": "…"}`. The status gives the code
 * through the kit's table (`errorFromStatus` with `BEDROCK_STATUS_OVERRIDES`), the type refines it
 * (see `classifyBedrockError`) and becomes `providerCode`; `retryAfterMs` comes from
 * `retry-after` when AWS sends it. The message reads `HTTP 429: ThrottlingException: …`, capped,
 * and stripped of the given secrets and of anything shaped like a credential or a SigV4
 * signature.
 *
 * @param failure - The failed response, as the HTTP client reports it.
 * @param options - Secrets to mask; whether expired credentials will be refreshed.
 */
export function mapBedrockError(failure: HttpFailure, options: MapBedrockErrorOptions = {}): ConnectorError {
  const body = asRecord(failure.bodyJson);
  const errorType = readBedrockErrorType(
    failure.headers['x-amzn-errortype'] ?? asText(body?.__type) ?? asText(body?.code),
  );
  const awsMessage = asText(body?.message) ?? asText(body?.Message);
  const detail =
    errorType === undefined
      ? awsMessage
      : awsMessage === undefined
        ? errorType
        : `${errorType}: ${awsMessage}`;
  const base = errorFromStatus(
    {
      ...failure,
      providerId: BEDROCK_PROVIDER_ID,
      ...(detail !== undefined && { message: detail }),
      ...(errorType !== undefined && { providerCode: errorType }),
    },
    BEDROCK_STATUS_OVERRIDES,
  );
  const code = classifyBedrockError(errorType, base.code, awsMessage);
  // the next attempt signs with freshly fetched credentials
  const refreshable = errorType === 'ExpiredTokenException' && options.canRefreshCredentials === true;
  const classified =
    code === base.code && !refreshable
      ? base
      : new ConnectorError(code, base.message, {
          status: failure.status,
          providerId: BEDROCK_PROVIDER_ID,
          // a redirect or informational status is a misconfigured endpoint, not a passing fault
          ...(failure.status < 400 && { retryable: false }),
          ...(refreshable && { retryable: true }),
          ...(base.retryAfterMs !== undefined && { retryAfterMs: base.retryAfterMs }),
          ...(base.providerCode !== undefined && { providerCode: base.providerCode }),
        });
  return redactErrorSecrets(classified, options.secrets);
}
