import { ConnectorError } from '@hub/core';
import type { FastifyRequest } from 'fastify';
import { presentedKey } from '../security/presented-key.js';
import { findVirtualKey } from '../security/virtual-keys.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { type Caller, OPEN_CALLER } from './caller.js';

const MISSING_KEY = 'Missing API key: send x-api-key: <key> or Authorization: Bearer <key>.';
// one message for unknown, revoked and expired keys: the client must not learn which it was
const INVALID_KEY = 'Invalid API key.';

/**
 * Identifies the caller from `Authorization: Bearer …` or `x-api-key`: a config-file key first
 * (compared in constant time with every configured hash), else a database key (`store.authenticate`:
 * hashed, then cached per replica; revocations reach every replica within a second). With
 * neither configured keys nor a database the gateway is open. With a database a key is always
 * required. Refusals are counted by reason (`missing`, `unknown`, `revoked`, `expired`).
 *
 * @throws ConnectorError `authentication` (401) for a missing, unknown, revoked or expired key;
 *   the store's `overloaded` (503) when the database cannot answer and the key is not cached.
 */
export async function authenticateCaller(
  request: FastifyRequest,
  context: GatewayContext,
  signal?: AbortSignal,
): Promise<Caller> {
  const governance = context.governance;
  if (governance === undefined && context.keys.length === 0) return OPEN_CALLER;
  const presented = presentedKey(request.headers);
  if (presented === undefined) {
    if (governance !== undefined) governance.counters.authenticationRefusals.missing++;
    throw new ConnectorError('authentication', MISSING_KEY);
  }
  if (context.keys.length > 0) {
    const key = findVirtualKey(context.keys, presented);
    if (key !== undefined) return { kind: 'config', key };
  }
  if (governance === undefined) throw new ConnectorError('authentication', INVALID_KEY);
  const authenticated = await governance.store.authenticate(
    presented,
    signal === undefined ? undefined : { signal },
  );
  if (authenticated.status === 'ok') return { kind: 'database', authenticated };
  governance.counters.authenticationRefusals[authenticated.status]++;
  throw new ConnectorError('authentication', INVALID_KEY);
}
