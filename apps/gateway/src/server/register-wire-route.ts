import { ConnectorError } from '@hub/core';
import type { FastifyInstance } from 'fastify';
import type { WireFormat, WireRequest } from '../wire/wire-format.js';
import { authenticate } from './authenticate.js';
import { createCallScope } from './call-scope.js';
import { enforceKeyPolicy } from './enforce-key-policy.js';
import type { GatewayContext } from './gateway-context.js';
import { requestIdOf } from './request-id.js';
import { sendWireError } from './send-wire-error.js';
import { writeSseStream } from './write-sse-stream.js';

/**
 * Serves one wire format at `POST format.path`, the same way for every format:
 *
 * 1. request id (the client's when safe, else fresh; echoed as `x-request-id`);
 * 2. virtual key, then `format.parse` (400/413 naming the field), then the key's policy — all
 *    before any upstream I/O;
 * 3. the hub call, bounded by the gateway's deadlines and cancelled when the client leaves, with
 *    the route's or provider's deadlines as `CallOptions`;
 * 4. the answer: `format.toResponse`, or SSE through `format.createStreamEncoder` (headers after
 *    the first chunk, so early failures keep their status);
 * 5. any failure in `format`'s error shape: before the headers as a status, after them as the
 *    encoder's error frame.
 */
export function registerWireRoute<Parsed extends WireRequest>(
  app: FastifyInstance,
  context: GatewayContext,
  format: WireFormat<Parsed>,
): void {
  const server = context.config.server;
  app.post(format.path, async (request, reply) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    reply.header('x-request-id', requestId);
    let parsed: Parsed;
    try {
      const key = authenticate(request, context);
      parsed = format.parse(request.body, { openAIProviders: context.gateway.openAIProviders });
      await enforceKeyPolicy(key, parsed.request.model, context);
    } catch (error) {
      return sendWireError(reply, format, error);
    }
    const scope = createCallScope(reply, {
      timeoutMs: server.requestTimeoutMs,
      idleTimeoutMs: parsed.stream ? server.streamIdleTimeoutMs : undefined,
      timers: context.timers,
    });
    const options = {
      ...context.gateway.routeDeadlines.get(parsed.request.model),
      signal: scope.signal,
      requestId,
    };
    try {
      if (!parsed.stream) {
        const response = await scope.race(context.gateway.hub.complete(parsed.request, options));
        return reply.send(format.toResponse(response, parsed));
      }
      return await writeSseStream(
        reply,
        context.gateway.hub.stream(parsed.request, options),
        format.createStreamEncoder(parsed),
        scope,
      );
    } catch (error) {
      return sendWireError(reply, format, scope.failure ?? preferRateLimit(error, context, scope.signal));
    } finally {
      scope.dispose();
    }
  });
}

/**
 * The error to answer a failed call with: a rate limit one of its attempts met wins over what
 * the last attempt said (see `rateLimitWitness`), unless the client itself gave up.
 */
export function preferRateLimit(error: unknown, context: GatewayContext, signal: AbortSignal): unknown {
  if (ConnectorError.isInstance(error) && (error.code === 'rate_limit' || error.code === 'cancelled'))
    return error;
  return context.gateway.rateLimitOf(signal) ?? error;
}
