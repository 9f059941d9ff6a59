import type { ErrorCode } from '@hub/core';
import { GatewayRequestError } from '../errors/gateway-request-error.js';

// the connector code and OpenAI-style code of each HTTP-level refusal
const BY_STATUS: Readonly<Record<number, { code: ErrorCode; wireCode: string }>> = {
  400: { code: 'invalid_request', wireCode: 'invalid_request' },
  401: { code: 'authentication', wireCode: 'authentication' },
  403: { code: 'permission', wireCode: 'permission' },
  404: { code: 'not_found', wireCode: 'not_found' },
  405: { code: 'invalid_request', wireCode: 'method_not_allowed' },
  408: { code: 'timeout', wireCode: 'request_timeout' },
  413: { code: 'invalid_request', wireCode: 'request_too_large' },
  415: { code: 'invalid_request', wireCode: 'unsupported_media_type' },
  429: { code: 'rate_limit', wireCode: 'rate_limit' },
  431: { code: 'invalid_request', wireCode: 'request_header_fields_too_large' },
  503: { code: 'overloaded', wireCode: 'unavailable' },
};

/**
 * A refusal at the HTTP level (bad JSON, unknown route, wrong method, unsupported content type,
 * oversize headers) as an error every wire format can answer in its own shape.
 */
export function httpStatusError(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): GatewayRequestError {
  const known = BY_STATUS[status] ?? { code: 'invalid_request' as const, wireCode: 'invalid_request' };
  return new GatewayRequestError(known.code, status, message, { wireCode: known.wireCode, headers });
}
