import { ConnectorError } from '@hub/core';
import { allowsModel, type VirtualKey } from '../security/virtual-keys.js';
import type { GatewayContext } from './gateway-context.js';

/**
 * Applies a virtual key's limits to one call, whatever endpoint it came through: the model
 * allow-list, then the key's requests per minute (checked last so refused calls spend nothing).
 * Without a key (open gateway) everything is allowed.
 *
 * @throws ConnectorError `permission` (403) naming `model`, or `rate_limit` (429) with the wait.
 */
export async function enforceKeyPolicy(
  key: VirtualKey | undefined,
  model: string,
  context: GatewayContext,
): Promise<void> {
  if (key === undefined) return;
  if (!allowsModel(key, model)) {
    throw new ConnectorError('permission', `This key may not use model "${model}".`, { field: 'model' });
  }
  if (key.requestsPerMinute !== undefined) {
    const decision = await context.gateway.keyLimiter.checkLimits([
      {
        key: `virtual-key:${key.name}`,
        rule: { requestsPerWindow: key.requestsPerMinute, windowMs: 60_000 },
      },
    ]);
    if (!decision.allowed) {
      throw new ConnectorError('rate_limit', 'This key exceeded its requests per minute.', {
        retryAfterMs: decision.retryAfterMs,
      });
    }
  }
}
