import { ConnectorError, type ErrorCode, toConnectorError } from '@hub/core';

/** An error as the gateway answers it: HTTP status, OpenAI's error body, and headers. */
export interface OpenAIErrorReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: { error: { message: string; type: string; param: string | null; code: string | null } };
}

const STATUS: Record<ErrorCode, number> = {
  authentication: 401,
  permission: 403,
  rate_limit: 429,
  quota_exceeded: 429,
  network: 502,
  timeout: 504,
  invalid_request: 400,
  context_length_exceeded: 400,
  not_found: 404,
  provider: 502,
  overloaded: 503,
  parse: 502,
  stream: 502,
  content_filter: 400,
  cancelled: 499,
  circuit_open: 503,
  config: 500,
  middleware: 500,
  unknown: 500,
};

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

/**
 * Maps any error to OpenAI's error shape and a fitting status. Upstream 401/403 become 502: the
 * client's credentials were fine, the gateway's upstream key was not, and clients must not be
 * told to re-authenticate.
 */
export function toOpenAIError(error: unknown): OpenAIErrorReply {
  const connectorError = ConnectorError.isInstance(error) ? error : toConnectorError(error);
  const upstreamAuth =
    (connectorError.code === 'authentication' || connectorError.code === 'permission') &&
    connectorError.providerId !== undefined;
  const status = upstreamAuth ? 502 : STATUS[connectorError.code];
  const headers: Record<string, string> = {};
  if (connectorError.retryAfterMs !== undefined)
    headers['retry-after'] = String(Math.ceil(connectorError.retryAfterMs / 1000));
  const internal =
    status >= 500 &&
    (connectorError.code === 'config' ||
      connectorError.code === 'middleware' ||
      connectorError.code === 'unknown');
  return {
    status,
    headers,
    body: {
      error: {
        message: internal ? 'The gateway failed to handle the request.' : connectorError.message,
        type: upstreamAuth
          ? 'upstream_error'
          : (TYPE[connectorError.code] ?? (status >= 500 ? 'api_error' : 'invalid_request_error')),
        param: connectorError.field ?? null,
        code: connectorError.code,
      },
    },
  };
}
