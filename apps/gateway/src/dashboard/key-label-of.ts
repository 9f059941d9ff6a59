import type { FastifyRequest } from 'fastify';
import { authenticate } from '../server/authenticate.js';
import type { GatewayContext } from '../server/gateway-context.js';

/**
 * The name of the key a request presented, for the Requests page: never the key itself. Null for
 * an open gateway and for a missing or unknown key (the row's 401 says which).
 */
export function keyLabelOf(request: FastifyRequest, context: GatewayContext): string | null {
  try {
    return authenticate(request, context)?.name ?? null;
  } catch {
    return null;
  }
}
