import type { ConnectorError } from '@hub/core';
import { budgetExceededError, type ReserveResult } from '@hub/store-postgres';
import { GatewayRequestError } from '../errors/gateway-request-error.js';

/**
 * The answer to a refused reservation: a spent budget is 429 with OpenAI's `insufficient_quota`
 * code, a message naming the key's or the team's budget, `retry-after` until the period renews
 * (none for a `total` budget) and `x-should-retry: false`, so the official SDKs do not retry a
 * budget that stays spent for hours. A key revoked or expired meanwhile is 401.
 */
export function budgetRefusalError(
  refusal: Extract<ReserveResult, { admitted: false }>,
  now: number,
): ConnectorError {
  const error = budgetExceededError(refusal, now);
  if (error.code !== 'quota_exceeded') return error;
  const headers: Record<string, string> = { 'x-should-retry': 'false' };
  if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
  return new GatewayRequestError('quota_exceeded', 429, error.message, {
    wireCode: 'insufficient_quota',
    headers,
    cause: error,
  });
}
