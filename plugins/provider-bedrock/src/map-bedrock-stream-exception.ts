import { ConnectorError, maskSecrets } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type { BedrockErrorBody } from './bedrock-wire-types.js';
import { classifyBedrockError } from './classify-bedrock-error.js';
import { readBedrockErrorType } from './read-bedrock-error-type.js';

const MAX_MESSAGE_LENGTH = 500;

/**
 * Turns an exception frame of a ConverseStream response (`:message-type: exception`) into the
 * `ConnectorError` to throw from the stream:
 *
 * | `:exception-type` | code | retryable |
 * | --- | --- | --- |
 * | `throttlingException` | `rate_limit` | yes |
 * | `serviceUnavailableException` | `provider` | yes |
 * | `internalServerException` | `provider` | yes |
 * | `modelStreamErrorException` | `stream` | yes |
 * | `validationException` | `invalid_request` (`context_length_exceeded` for "input is too long") | no |
 *
 * Unknown types are `provider` errors. The frame's `{"message": "…"}` becomes the message,
 * capped at 500 characters and stripped of credentials; `providerCode` is the type
 * (`ThrottlingException`).
 *
 * @param exceptionType - The `:exception-type` header (or `:error-code` of an error frame).
 * @param body - The frame's JSON payload, when it parsed.
 * @param secrets - Credential values to mask out of the message.
 * @param model - The model the request asked for, set on the error.
 */
export function mapBedrockStreamException(
  exceptionType: string | undefined,
  body: BedrockErrorBody | undefined,
  secrets: readonly string[] = [],
  model?: string,
): ConnectorError {
  const errorType = readBedrockErrorType(exceptionType);
  const awsMessage = body?.message ?? body?.Message ?? body?.originalMessage;
  const code = classifyBedrockError(errorType, 'provider', awsMessage);
  let detail = awsMessage ?? 'no message';
  if (detail.length > MAX_MESSAGE_LENGTH) detail = `${detail.slice(0, MAX_MESSAGE_LENGTH)}…`;
  const message = maskSecrets(`The stream failed with ${errorType ?? 'an exception'}: ${detail}`, secrets);
  return new ConnectorError(code, message, {
    providerId: BEDROCK_PROVIDER_ID,
    ...(model !== undefined && { model }),
    ...(errorType !== undefined && { providerCode: maskSecrets(errorType, secrets) }),
  });
}
