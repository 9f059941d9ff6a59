import { ConnectorError } from '@hub/core';
import { STORE_CONFLICT_CODE } from '@hub/store-postgres';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import { apiFieldName } from './admin-fields.js';

/**
 * A store error as the admin API answers it, with the field in the API's naming (`budgetUsd`,
 * not `budget`): `invalid_request` 400, a conflict (a taken team name, a team that still has
 * keys, rotating a revoked key) 409 `conflict`, `not_found` 404. Anything else (`overloaded` 503
 * with `retry-after` when the database cannot answer) keeps the gateway's usual mapping.
 */
export function toAdminError(error: unknown): unknown {
  if (!ConnectorError.isInstance(error) || error instanceof GatewayRequestError) return error;
  const storeField = error.field;
  const field = storeField === undefined ? undefined : apiFieldName(storeField);
  const message =
    storeField === undefined || field === storeField
      ? error.message
      : error.message.replace(`Invalid ${storeField}:`, `Invalid ${field}:`);
  const options = { ...(field !== undefined && { field }), cause: error };
  if (error.code === 'invalid_request' && error.providerCode === STORE_CONFLICT_CODE) {
    return new GatewayRequestError('invalid_request', 409, message, { ...options, wireCode: 'conflict' });
  }
  if (error.code === 'invalid_request') {
    return new GatewayRequestError('invalid_request', 400, message, {
      ...options,
      wireCode: 'invalid_request',
    });
  }
  if (error.code === 'not_found') {
    return new GatewayRequestError('not_found', 404, message, { ...options, wireCode: 'not_found' });
  }
  return error;
}
