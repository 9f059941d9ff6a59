import { ConnectorError } from '@hub/core';
import type { FastifyRequest } from 'fastify';
import { findVirtualKey, type VirtualKey } from '../security/virtual-keys.js';
import type { GatewayContext } from './gateway-context.js';

/**
 * Identifies the caller's virtual key from `Authorization: Bearer …` or `x-api-key`. Without
 * configured keys the gateway is open (local use) and this returns undefined.
 *
 * @throws ConnectorError `authentication` (401) for a missing or unknown key.
 */
export function authenticate(request: FastifyRequest, context: GatewayContext): VirtualKey | undefined {
  if (context.keys.length === 0) return undefined;
  const header = request.headers.authorization;
  const presented =
    typeof header === 'string' && header.toLowerCase().startsWith('bearer ')
      ? header.slice(7).trim()
      : typeof request.headers['x-api-key'] === 'string'
        ? request.headers['x-api-key']
        : undefined;
  if (presented === undefined || presented === '') {
    throw new ConnectorError(
      'authentication',
      'Missing API key: send x-api-key: <key> or Authorization: Bearer <key>.',
    );
  }
  const key = findVirtualKey(context.keys, presented);
  if (key === undefined) throw new ConnectorError('authentication', 'Invalid API key.');
  return key;
}
