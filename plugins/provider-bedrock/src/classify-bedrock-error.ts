import type { ErrorCode } from '@hub/core';

// Bedrock Runtime's documented error types (API reference "Errors" of Converse / ConverseStream,
// and the exception members of the ConverseStream output), plus the AWS-wide authentication
// errors its front end returns before Bedrock sees the request
const CODE_BY_TYPE: Readonly<Record<string, ErrorCode>> = {
  ThrottlingException: 'rate_limit',
  TooManyRequestsException: 'rate_limit',
  // a daily token quota or similar: waiting minutes does not help, raising the quota does
  ServiceQuotaExceededException: 'quota_exceeded',
  ValidationException: 'invalid_request',
  // "You do not have sufficient permissions to perform the requested action" (403): the key is
  // valid, its IAM policy or model access is not
  AccessDeniedException: 'permission',
  UnrecognizedClientException: 'authentication',
  InvalidSignatureException: 'authentication',
  IncompleteSignatureException: 'authentication',
  SignatureDoesNotMatch: 'authentication',
  InvalidClientTokenId: 'authentication',
  MissingAuthenticationTokenException: 'authentication',
  ExpiredTokenException: 'authentication',
  ResourceNotFoundException: 'not_found',
  // the model is being loaded (custom and imported models): AWS documents retrying
  ModelNotReadyException: 'provider',
  ServiceUnavailableException: 'provider',
  InternalServerException: 'provider',
  InternalFailure: 'provider',
  ModelErrorException: 'provider',
  ConflictException: 'provider',
  ModelTimeoutException: 'timeout',
  ModelStreamErrorException: 'stream',
};

// "Input is too long for requested model.", "too many input tokens", "prompt is too long: …",
// "The model's context window was exceeded", "… exceeds the maximum context length …"
const CONTEXT_LENGTH =
  /input is too long|too many (?:input )?tokens|prompt is too long|context (?:window|length|limit)|maximum (?:input|context) (?:length|size)/i;

function codeForStatus(status: number | undefined): ErrorCode {
  if (status === undefined) return 'provider';
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'invalid_request';
    case 401:
    case 403:
      return 'authentication';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 424:
      return 'stream';
    case 429:
      return 'rate_limit';
    default:
      return status >= 500 ? 'provider' : 'invalid_request';
  }
}

/**
 * Classifies a Bedrock error by its type (the finer signal), falling back to the HTTP status when
 * the type is missing or unknown:
 *
 * | type | code |
 * | --- | --- |
 * | `ThrottlingException` | `rate_limit` |
 * | `ServiceQuotaExceededException` | `quota_exceeded` |
 * | `ValidationException` | `invalid_request`, or `context_length_exceeded` when the message says the input is too long |
 * | `AccessDeniedException` | `permission` |
 * | `UnrecognizedClientException`, `InvalidSignatureException`, `ExpiredTokenException`, … | `authentication` |
 * | `ResourceNotFoundException` | `not_found` |
 * | `ModelNotReadyException`, `ServiceUnavailableException`, `InternalServerException`, `ModelErrorException` | `provider` (retryable) |
 * | `ModelTimeoutException` | `timeout` (retryable) |
 * | `ModelStreamErrorException` | `stream` (retryable) |
 *
 * @param errorType - The bare type (`readBedrockErrorType`), when there was one.
 * @param status - The HTTP status; `undefined` for an exception frame inside a 200 stream.
 * @param message - The error message, read only to detect context-window overflow.
 */
export function classifyBedrockError(
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
