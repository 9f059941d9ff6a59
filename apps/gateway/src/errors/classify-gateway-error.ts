import { ConnectorError, type ErrorCode, toConnectorError } from '@hub/core';
import { GatewayRequestError } from './gateway-request-error.js';

/** How the gateway answers an error, whatever wire format it is written in. */
export interface GatewayErrorClass {
  readonly error: ConnectorError;
  /** The HTTP status to answer with. */
  readonly status: number;
  /** The upstream provider refused the gateway's own credentials (answered as 502). */
  readonly upstreamAuth: boolean;
  /** The message safe to show the client: internal failures are not described. */
  readonly message: string;
  /** The machine-readable code OpenAI-shaped bodies carry (`rate_limit`, `request_too_large`). */
  readonly wireCode: string;
  /** `retry-after` (whole seconds, rounded up) when the error carries a wait; `allow` for a 405. */
  readonly headers: Record<string, string>;
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
  // the target does not offer the operation (embeddings from a chat-only provider): the client chose it
  unsupported: 400,
  cancelled: 499,
  circuit_open: 503,
  config: 500,
  middleware: 500,
  unknown: 500,
};

/**
 * Classifies any thrown value once for every wire format (OpenAI, Anthropic), so both answer the
 * same failure with the same status. The gateway's own HTTP-level refusals (`GatewayRequestError`:
 * 405, 413, 415, 431, …) keep their status. Upstream 401/403 become 502: the client's credentials were
 * fine, the gateway's upstream key was not, and clients must not be told to re-authenticate.
 */
export function classifyGatewayError(thrown: unknown): GatewayErrorClass {
  const error = ConnectorError.isInstance(thrown) ? thrown : toConnectorError(thrown);
  const upstreamAuth =
    (error.code === 'authentication' || error.code === 'permission') && error.providerId !== undefined;
  const own = error instanceof GatewayRequestError ? error : undefined;
  const status = own?.httpStatus ?? (upstreamAuth ? 502 : STATUS[error.code]);
  const headers: Record<string, string> = { ...own?.headers };
  if (error.retryAfterMs !== undefined && error.retryAfterMs >= 0)
    headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
  const internal =
    status >= 500 && (error.code === 'config' || error.code === 'middleware' || error.code === 'unknown');
  return {
    error,
    status,
    upstreamAuth,
    wireCode: own?.wireCode ?? error.code,
    message: internal ? 'The gateway failed to handle the request.' : error.message,
    headers,
  };
}
