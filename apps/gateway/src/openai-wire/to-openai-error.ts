import type { ErrorCode } from '@hub/core';
import { classifyGatewayError } from '../errors/classify-gateway-error.js';

/** An error as the gateway answers it: HTTP status, OpenAI's error body, and headers. */
export interface OpenAIErrorReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: { error: { message: string; type: string; param: string | null; code: string | null } };
}

const TYPE: Partial<Record<ErrorCode, string>> = {
  authentication: 'authentication_error',
  permission: 'permission_error',
  rate_limit: 'rate_limit_error',
  quota_exceeded: 'insufficient_quota',
  invalid_request: 'invalid_request_error',
  context_length_exceeded: 'invalid_request_error',
  not_found: 'invalid_request_error',
  content_filter: 'invalid_request_error',
};

/** Maps any error to OpenAI's error shape and the status `classifyGatewayError` chose. */
export function toOpenAIError(error: unknown): OpenAIErrorReply {
  const classified = classifyGatewayError(error);
  const { status, error: connectorError } = classified;
  return {
    status,
    headers: classified.headers,
    body: {
      error: {
        message: classified.message,
        type: classified.upstreamAuth
          ? 'upstream_error'
          : (TYPE[connectorError.code] ?? (status >= 500 ? 'api_error' : 'invalid_request_error')),
        param: connectorError.field ?? null,
        code: classified.wireCode,
      },
    },
  };
}
