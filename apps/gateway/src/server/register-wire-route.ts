import { ConnectorError } from '@hub/core';
import type { FastifyInstance } from 'fastify';
import { admitCall } from '../governance/admit-call.js';
import { authenticateCaller } from '../governance/authenticate-caller.js';
import type { Caller } from '../governance/caller.js';
import type { WireCallContext, WireFormat, WireRequest, WireSideRoute } from '../wire/wire-format.js';
import { createCallScope } from './call-scope.js';
import { callerIdOf } from './caller-id.js';
import type { GatewayContext } from './gateway-context.js';
import { requestIdOf } from './request-id.js';
import { sendWireError } from './send-wire-error.js';
import { writeSseStream } from './write-sse-stream.js';

/**
 * Serves one wire format at `POST format.path`, the same way for every format:
 *
 * 1. request id (the client's when safe, else fresh; echoed as `x-request-id`);
 * 2. the caller's key (`authenticateCaller`), then `format.parse` (400/413 naming the field),
 *    then `format.resolve` when the format has one (what the request refers to: stored
 *    responses), then `admitCall` (model lists, budget reservation, per-minute limits, on the
 *    complete request) — all before any upstream I/O; the admission settles the call's cost when
 *    it ends, however it ends;
 * 3. the hub call, bounded by the gateway's deadlines and cancelled when the client leaves, with
 *    the route's or provider's deadlines as `CallOptions`;
 * 4. the answer: `format.toResponse` (and `format.commit`), or SSE through
 *    `format.createStreamEncoder` (headers after the first chunk, so early failures keep their
 *    status);
 * 5. any failure in `format`'s error shape: before the headers as a status, after them as the
 *    encoder's error frame.
 *
 * The format's side routes (`format.routes`) are served with the same authentication, deadline
 * and error shape.
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
    const call: WireCallContext = {
      caller: callerIdOf(caller),
      signal: scope.signal,
      // read after `resolve`, which may replace the request the hub is then given
      answeredBy: () => context.gateway.answeredBy(parsed.request),
    };
    try {
      if (format.resolve !== undefined) parsed = await scope.race(format.resolve(parsed, call));
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
        // the same `model` a stream of this call would name in its first frame
        const body = format.toResponse({ ...response, model: call.answeredBy?.() ?? response.model }, parsed);
        if (format.commit !== undefined) await scope.race(format.commit(body, parsed, call));
        return reply.send(body);
      }
      return await writeSseStream(
        reply,
        admission.trackStream(context.gateway.hub.stream(parsed.request, options)),
        format.createStreamEncoder(parsed, call),
        scope,
      );
    } catch (error) {
      return sendWireError(reply, format, scope.failure ?? preferRateLimit(error, context, scope.signal));
    } finally {
      scope.dispose();
    }
  });
  for (const route of format.routes ?? []) registerSideRoute(app, context, format, route);
}

/** Serves one of a format's side routes: request id, the caller's key, request deadline, its errors. */
function registerSideRoute<Parsed extends WireRequest>(
  app: FastifyInstance,
  context: GatewayContext,
  format: WireFormat<Parsed>,
  route: WireSideRoute,
): void {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (request, reply) => {
      reply.header('x-request-id', requestIdOf(request.headers['x-request-id']));
      let caller: Caller;
      try {
        caller = await authenticateCaller(request, context);
      } catch (error) {
        return sendWireError(reply, format, error);
      }
      const scope = createCallScope(reply, {
        timeoutMs: context.config.server.requestTimeoutMs,
        idleTimeoutMs: undefined,
        timers: context.timers,
      });
      try {
        const body = await scope.race(
          route.handle(
            {
              params: request.params as Record<string, string>,
              query: request.query as Record<string, string | undefined>,
            },
            { caller: callerIdOf(caller), signal: scope.signal },
          ),
        );
        return reply.send(body);
      } catch (error) {
        return sendWireError(reply, format, scope.failure ?? error);
      } finally {
        scope.dispose();
      }
    },
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
