import type { FastifyReply, FastifyRequest } from 'fastify';
import { callSignal } from './call-signal.js';
import type { GatewayContext } from './gateway-context.js';

/**
 * The hub call options of one gateway request: a signal that aborts on client disconnect or the
 * request timeout, and the caller's `x-request-id`. `dispose` clears the timer.
 */
export function hubCallOptions(
  request: FastifyRequest,
  reply: FastifyReply,
  context: GatewayContext,
): { options: { signal: AbortSignal; requestId?: string }; dispose: () => void } {
  const { signal, dispose } = callSignal(reply, context.config.server.requestTimeoutMs);
  const requestId = request.headers['x-request-id'];
  return { options: typeof requestId === 'string' ? { signal, requestId } : { signal }, dispose };
}
