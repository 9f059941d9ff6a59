import { ConnectorError } from '@hub/core';
import type { FastifyInstance } from 'fastify';
import { admitCall } from '../governance/admit-call.js';
import { authenticateCaller } from '../governance/authenticate-caller.js';
import type { Caller } from '../governance/caller.js';
import type { WireFormat, WireRequest } from '../wire/wire-format.js';
import { createCallScope } from './call-scope.js';
import type { GatewayContext } from './gateway-context.js';
import { requestIdOf } from './request-id.js';
import { sendWireError } from './send-wire-error.js';
import { writeSseStream } from './write-sse-stream.js';

/**
 * Serves one wire format at `POST format.path`, the same way for every format:
 *
 * 1. request id (the client's when safe, else fresh; echoed as `x-request-id`);
 * 2. the caller's key (`authenticateCaller`), then `format.parse` (400/413 naming the field),
 *    then `admitCall` (model lists, budget reservation, per-minute limits) — all before any
 *    upstream I/O; the admission settles the call's cost when it ends, however it ends;
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
    let caller: Caller;
    let parsed: Parsed;
    try {
      caller = await authenticateCaller(request, context);
      parsed = format.parse(request.body, { openAIProviders: context.gateway.openAIProviders });
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
      // not raced: admission honours the signal itself, and what it holds must be given back
      const admission = await admitCall(
        caller,
        {
          route: format.path,
          operation: parsed.stream ? 'stream' : 'complete',
          request: parsed.request,
          requestId,
          signal: scope.signal,
        },
        context,
      );
      if (!parsed.stream) {
        const response = await scope.race(
          admission.trackCompletion(context.gateway.hub.complete(parsed.request, options)),
        );
        return reply.send(format.toResponse(response, parsed));
      }
      return await writeSseStream(
        reply,
        admission.trackStream(context.gateway.hub.stream(parsed.request, options)),
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
