import { classifyGatewayError } from '../errors/classify-gateway-error.js';

/** Anthropic's error types, one per status family. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

/** An error as the Messages endpoint answers it: HTTP status, Anthropic's error body, headers. */
export interface AnthropicErrorReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: { type: 'error'; error: { type: AnthropicErrorType; message: string } };
}

// Anthropic documents its error types by HTTP status; the gateway's status picks the type
const TYPE_BY_STATUS: Readonly<Record<number, AnthropicErrorType>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/**
 * Maps any error to Anthropic's error shape with the same status the OpenAI endpoint would use.
 * Anthropic's body has no `param`, so field errors name the field in the message (the parsers
 * write `Invalid request: 'max_tokens' is required.`).
 */
export function toAnthropicError(error: unknown): AnthropicErrorReply {
  const classified = classifyGatewayError(error);
  const replyStatus = classified.status;
  return {
    status: replyStatus,
    headers: classified.headers,
    body: {
      type: 'error',
      error: {
        type: TYPE_BY_STATUS[replyStatus] ?? (replyStatus < 500 ? 'invalid_request_error' : 'api_error'),
        message: classified.message,
      },
    },
  };
}
