const SENSITIVE_NAMES = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'set-cookie',
  'x-amz-security-token',
]);
const SENSITIVE_PATTERN = /key|token|secret|signature|authorization|password|credential/i;
// rate-limit headers mention "tokens" but carry counters and reset times, which logs need
const RATE_LIMIT_PATTERN = /ratelimit|rate-limit/i;

/** Whether a header of this name (any case) may carry a credential. */
export function isSensitiveHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SENSITIVE_NAMES.has(lower)) return true;
  return SENSITIVE_PATTERN.test(lower) && !RATE_LIMIT_PATTERN.test(lower);
}
