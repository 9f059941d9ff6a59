import { ConnectorError } from '@hub/core';
import type { ReserveResult } from '../model/reservation.js';

/** `providerCode` of the error thrown when the database cannot answer and the store fails closed. */
export const STORE_UNAVAILABLE_CODE = 'governance_store_unavailable';
/** `providerCode` of an admin write refused because it conflicts with stored data (answer 409). */
export const STORE_CONFLICT_CODE = 'conflict';
/** `providerCode` of `budgetExceededError`. */
export const BUDGET_EXCEEDED_CODE = 'budget_exceeded';

/** Bad input to a store method: `invalid_request` naming the field, raised before any I/O. */
export function invalidInput(field: string, message: string): ConnectorError {
  return new ConnectorError('invalid_request', `Invalid ${field}: ${message}`, { field });
}

/** A key or team that does not exist. */
export function notFound(field: string, what: 'key' | 'team', id: string): ConnectorError {
  return new ConnectorError('not_found', `No ${what} with id ${id}.`, { field });
}

/** An admin write that conflicts with stored data (a duplicate name, a team that still has keys). */
export function conflict(field: string, message: string): ConnectorError {
  return new ConnectorError('invalid_request', message, { field, providerCode: STORE_CONFLICT_CODE });
}

/**
 * The database could not answer (down, unreachable, timed out) and the operation does not fail
 * open. `overloaded` (503, retryable): the call itself was fine, the gateway cannot account for
 * it right now.
 */
export function storeUnavailable(cause: unknown, retryAfterMs: number): ConnectorError {
  return new ConnectorError(
    'overloaded',
    'The governance database could not answer, so the call was not admitted.',
    { retryAfterMs, providerCode: STORE_UNAVAILABLE_CODE, cause },
  );
}

/**
 * The error a gateway answers a refused reservation with: `quota_exceeded` (not retryable until the
 * period ends, whose time is in `retryAfterMs` when there is one), naming the budget that refused.
 * Revoked or expired keys get `authentication`.
 */
export function budgetExceededError(
  refusal: Extract<ReserveResult, { admitted: false }>,
  now: number = Date.now(),
): ConnectorError {
  if (refusal.reason === 'key_revoked' || refusal.reason === 'key_expired') {
    return new ConnectorError('authentication', 'Invalid API key.', { providerCode: refusal.reason });
  }
  const which = refusal.reason === 'team_budget' ? "team's" : "key's";
  const end = refusal.periodEnd;
  return new ConnectorError(
    'quota_exceeded',
    `The ${which} budget for this period is spent${end === undefined ? '.' : `; it renews at ${end.toISOString()}.`}`,
    {
      providerCode: BUDGET_EXCEEDED_CODE,
      ...(end !== undefined && { retryAfterMs: Math.max(0, end.getTime() - now) }),
    },
  );
}
