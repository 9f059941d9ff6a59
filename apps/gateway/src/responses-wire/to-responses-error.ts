import { classifyGatewayError } from '../errors/classify-gateway-error.js';
import type { WireErrorReply } from '../wire/wire-format.js';
import type { ErrorPayload } from './open-responses-schemas.js';

/** An error as the Responses API answers it: status, headers and the spec's `ErrorPayload`. */
export interface ResponsesErrorReply extends WireErrorReply {
  readonly body: { readonly error: ErrorPayload };
}

/**
 * The spec's error type for a status: its table names `invalid_request` (400), `not_found`
 * (404), `too_many_requests` (429), `model_error` (the model failed on a valid request: an
 * upstream failure, 502) and `server_error` (500 and the other 5xx); 401 and 403 keep OpenAI's
 * names, which the spec's table leaves open.
 */
function typeOf(status: number, upstreamAuth: boolean): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found';
  if (status === 429) return 'too_many_requests';
  if (status === 502 && !upstreamAuth) return 'model_error';
  return status >= 500 ? 'server_error' : 'invalid_request';
}

/**
 * Any error in the Responses error shape `{"error": {type, code, message, param}}`, with the
 * status `classifyGatewayError` chose (the same as on the other routes) and its headers
 * (`retry-after`, `allow`). `code` is the gateway's machine-readable code (`rate_limit`,
 * `not_found`, `request_too_large`), `param` the offending field.
 */
export function toResponsesError(error: unknown): ResponsesErrorReply {
  const classified = classifyGatewayError(error);
  return {
    status: classified.status,
    headers: classified.headers,
    body: {
      error: {
        type: typeOf(classified.status, classified.upstreamAuth),
        code: classified.wireCode,
        message: classified.message,
        param: classified.error.field ?? null,
      },
    },
  };
}
