import { ConnectorError } from '@hub/core';
import type { FastifyRequest } from 'fastify';
import { presentedKey } from '../security/presented-key.js';
import { findVirtualKey, type VirtualKey } from '../security/virtual-keys.js';
import type { GatewayContext } from './gateway-context.js';

/**
 * Identifies the caller's config-file virtual key from `Authorization: Bearer …` or `x-api-key`.
 * Without configured keys the gateway is open (local use) and this returns undefined.
 *
 * With a `database` (governance), routes must use `authenticateCaller` and `admitCall` from
 * `src/governance/` instead, which know database keys and budgets: this function then refuses
 * every call, so a route that was not wired to governance fails closed rather than open.
 *
 * @throws ConnectorError `authentication` (401) for a missing or unknown key; `config` (500)
 *   under governance.
 */
export function authenticate(request: FastifyRequest, context: GatewayContext): VirtualKey | undefined {
  if (context.governance !== undefined) {
    throw new ConnectorError(
      'config',
      `${request.url.split('?', 1)[0]} is not wired to governance: it must call authenticateCaller and admitCall.`,
    );
  }
  if (context.keys.length === 0) return undefined;
  const presented = presentedKey(request.headers);
  if (presented === undefined) {
    throw new ConnectorError(
      'authentication',
      'Missing API key: send x-api-key: <key> or Authorization: Bearer <key>.',
    );
  }
  const key = findVirtualKey(context.keys, presented);
  if (key === undefined) throw new ConnectorError('authentication', 'Invalid API key.');
  return key;
}
