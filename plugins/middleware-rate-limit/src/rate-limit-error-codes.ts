/**
 * `providerCode` of the `rate_limit` error this middleware throws when one of its own limits (or a
 * block learned from the provider) refuses a call, to tell it apart from a provider's 429.
 */
export const LOCAL_RATE_LIMIT_CODE = 'local_rate_limit';

/**
 * `providerCode` of the `rate_limit` error a shared store throws when it could not decide, so the
 * call was not admitted: its server was unreachable (in fail-closed mode), too slow to answer, or
 * answered with an error. It says nothing about the provider's quota.
 */
export const RATE_LIMITER_UNAVAILABLE_CODE = 'rate_limiter_unavailable';
