import { GatewayRequestError } from '../errors/gateway-request-error.js';

/** Body fields of the admin API → the store's names for them. */
const TEAM_FIELDS: Readonly<Record<string, string>> = {
  name: 'name',
  models: 'allowedModels',
  budgetUsd: 'budget',
  budgetPeriod: 'budgetPeriod',
  requestsPerMinute: 'rpm',
  tokensPerMinute: 'tpm',
  metadata: 'metadata',
};
const KEY_FIELDS: Readonly<Record<string, string>> = {
  ...TEAM_FIELDS,
  teamId: 'teamId',
  expiresAt: 'expiresAt',
};
/** The store's field names → the admin API's, for errors the store raises. */
const API_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KEY_FIELDS).map(([api, store]) => [store, api]),
);

/** A 400 naming `field`, in the admin API's naming. */
export function invalidField(field: string | undefined, message: string): GatewayRequestError {
  return new GatewayRequestError('invalid_request', 400, message, {
    ...(field !== undefined && { field }),
    wireCode: 'invalid_request',
  });
}

/**
 * Renames an admin body's fields to the store's (`budgetUsd` → `budget`, `models` →
 * `allowedModels`, `requestsPerMinute` → `rpm`, `tokensPerMinute` → `tpm`); values pass as they
 * are, and the store validates them before any I/O.
 *
 * @throws GatewayRequestError 400 for a body that is not an object, or a field `subject` lacks.
 */
export function toStoreFields(body: unknown, subject: 'team' | 'key'): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidField(undefined, 'Invalid request: the body must be a JSON object.');
  }
  const fields = subject === 'team' ? TEAM_FIELDS : KEY_FIELDS;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const stored = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (stored === undefined) {
      // the name is the client's: cut so an error stays small
      const shown = name.slice(0, 64);
      throw invalidField(shown, `Invalid ${shown}: a ${subject} has no field "${shown}".`);
    }
    out[stored] = value;
  }
  return out;
}

/** A store field name (`allowedModels[2]`) in the admin API's naming (`models[2]`). */
export function apiFieldName(storeField: string): string {
  const bracket = storeField.indexOf('[');
  const base = bracket === -1 ? storeField : storeField.slice(0, bracket);
  const renamed = Object.hasOwn(API_NAMES, base) ? API_NAMES[base] : undefined;
  return renamed === undefined ? storeField : `${renamed}${bracket === -1 ? '' : storeField.slice(bracket)}`;
}
