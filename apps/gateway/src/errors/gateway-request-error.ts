import { ConnectorError, type ErrorCode } from '@hub/core';

/** Options of a `GatewayRequestError`. */
export interface GatewayRequestErrorOptions {
  /** The offending field, in the route's own naming (`messages[0].content`). */
  readonly field?: string;
  /** The code OpenAI-shaped bodies carry (`request_too_large`); default: the connector code. */
  readonly wireCode?: string;
  /** Extra response headers (`allow` for a 405). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * A failure the gateway itself answers at the HTTP level (413, 405, 415, 431, a request bound),
 * with a status its connector code alone would not give. It never comes from a provider.
 */
export class GatewayRequestError extends ConnectorError {
  /** The HTTP status to answer with. */
  readonly httpStatus: number;
  readonly wireCode: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    httpStatus: number,
    message: string,
    options: GatewayRequestErrorOptions = {},
  ) {
    super(code, message, {
      status: httpStatus,
      ...(options.field !== undefined && { field: options.field }),
      ...(options.cause !== undefined && { cause: options.cause }),
    });
    this.name = 'GatewayRequestError';
    this.httpStatus = httpStatus;
    this.wireCode = options.wireCode ?? code;
    this.headers = options.headers ?? {};
  }
}
