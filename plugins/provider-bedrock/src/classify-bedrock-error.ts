import type { ErrorCode } from '@hub/core';

/**
 * The HTTP statuses the Bedrock Runtime documents differently from the kit's table
 * (`codeForStatus` of `@hub/provider-utils`), for responses that name no error type. Every other
 * status Bedrock documents agrees with the table: 400 `ValidationException` (invalid request),
 * 403 `AccessDeniedException` (permission), 404 `ResourceNotFoundException`, 408
 * `ModelTimeoutException` (timeout), 429 `ThrottlingException`, 500 `InternalServerException`,
 * 503 `ServiceUnavailableException`; Bedrock documents no 402 or 409 on the runtime API.
 */
export const BEDROCK_STATUS_OVERRIDES: Readonly<Partial<Record<number, ErrorCode>>> = Object.freeze({
  // 424 is ModelErrorException ("The request failed due to an error while processing the model")
  // and, for streams, ModelStreamErrorException ("Retry your request"): a model fault to retry,
  // not a bad request (API reference, InvokeModel / Converse / ResponseStream errors)
  424: 'provider',
});

// Bedrock Runtime's documented error types (API reference "Errors" of Converse, ConverseStream,
// InvokeModel and CountTokens; the exception members of the ConverseStream output; the user
// guide's "Troubleshooting Amazon Bedrock API Error Codes"), plus the AWS-wide authentication
// errors its front end returns before Bedrock sees the request
const CODE_BY_TYPE: Readonly<Record<string, ErrorCode>> = {
  ThrottlingException: 'rate_limit',
  TooManyRequestsException: 'rate_limit',
  // a daily token quota or similar: waiting seconds does not help, raising the quota does
  ServiceQuotaExceededException: 'quota_exceeded',
  ValidationException: 'invalid_request',
  // "You do not have sufficient permissions to perform the requested action" (403): the
  // credentials are valid, their IAM policy or the model access is not
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

/**
 * Classifies a Bedrock error by its type (the finer signal), else keeps `fallback` (the status's
 * code, or `provider` for an exception frame inside a 200 stream):
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
 * @param fallback - The code when the type is missing or unknown.
 * @param message - The error message, read only to detect context-window overflow.
 */
export function classifyBedrockError(
  errorType: string | undefined,
  fallback: ErrorCode,
  message: string | undefined,
): ErrorCode {
  const code = (errorType !== undefined ? CODE_BY_TYPE[errorType] : undefined) ?? fallback;
  if (code === 'invalid_request' && message !== undefined && CONTEXT_LENGTH.test(message)) {
    return 'context_length_exceeded';
  }
  return code;
}
