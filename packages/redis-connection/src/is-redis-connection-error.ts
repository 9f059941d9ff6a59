// node-redis v5's errors for "no connection"; matched by class name, since a client passed in
// may come with its own copy of the library
const CONNECTION_ERRORS = new Set([
  'ClientClosedError',
  'ClientOfflineError',
  'ConnectionTimeoutError',
  'DisconnectsClientError',
  'ReconnectStrategyError',
  'SocketClosedUnexpectedlyError',
]);
const CONNECTION_CODES = new Set([
  'EAI_AGAIN',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * True when `error` says the client has no connection to Redis (as opposed to a slow reply or an
 * error reply, which prove Redis is there).
 */
export function isRedisConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof name === 'string' && CONNECTION_ERRORS.has(name)) ||
    (typeof code === 'string' && CONNECTION_CODES.has(code))
  );
}
