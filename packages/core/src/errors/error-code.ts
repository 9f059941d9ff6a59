/**
 * The closed set of error codes. Code that reacts to errors (retry, fallback, circuit breaking,
 * HTTP status mapping in the gateway) switches on these, never on messages.
 */
export type ErrorCode =
  | 'authentication'
  | 'permission'
  | 'rate_limit'
  | 'quota_exceeded'
  | 'network'
  | 'timeout'
  | 'invalid_request'
  | 'context_length_exceeded'
  | 'not_found'
  | 'provider'
  | 'overloaded'
  | 'parse'
  | 'stream'
  | 'content_filter'
  | 'unsupported'
  | 'cancelled'
  | 'circuit_open'
  | 'config'
  | 'middleware'
  | 'unknown';

/**
 * Whether an error of each code is worth retrying by default. A provider may override the flag
 * on a single error when it knows better (for example a 400 the provider documents as transient).
 */
export const RETRYABLE_BY_DEFAULT: Readonly<Record<ErrorCode, boolean>> = Object.freeze({
  authentication: false,
  permission: false,
  rate_limit: true,
  // insufficient quota does not heal by waiting: billing has to change
  quota_exceeded: false,
  network: true,
  timeout: true,
  invalid_request: false,
  context_length_exceeded: false,
  not_found: false,
  provider: true,
  overloaded: true,
  // a body that does not parse will not parse the next time either
  parse: false,
  // a broken stream is transient; the hub still refuses to retry once content reached the caller
  stream: true,
  content_filter: false,
  // the provider or model does not offer the operation (embeddings, token counting) at all
  unsupported: false,
  cancelled: false,
  // an open circuit answers at once; another target (fallback) may help, the same one will not
  circuit_open: false,
  config: false,
  middleware: false,
  unknown: false,
});

/** Every error code, for exhaustive tests and validation. */
export const ERROR_CODES = Object.freeze(Object.keys(RETRYABLE_BY_DEFAULT) as ErrorCode[]);
