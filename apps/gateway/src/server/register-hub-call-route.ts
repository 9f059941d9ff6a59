import type { FastifyInstance } from 'fastify';
import { admitCall } from '../governance/admit-call.js';
import { authenticateCaller } from '../governance/authenticate-caller.js';
import type { Caller } from '../governance/caller.js';
import { createCallScope } from './call-scope.js';
import type { GatewayContext } from './gateway-context.js';
import type { HubCallRoute } from './hub-call-route.js';
import { preferRateLimit } from './register-wire-route.js';
import { requestIdOf } from './request-id.js';
import { sendWireError } from './send-wire-error.js';

/**
 * Serves one `HubCallRoute` at `POST route.path`, in the steps of `registerWireRoute`:
 *
 * 1. request id (the client's when safe, else fresh; echoed as `x-request-id`);
 * 2. the caller's key (`authenticateCaller`), `route.parse` (400/413 naming the field), then
 *    `admitCall` (model lists, requests per minute, and for billed operations the budget
 *    reservation and tokens per minute) — all before any upstream I/O;
 * 3. the hub call, bounded by `server.requestTimeoutMs`, cancelled when the client leaves, with
 *    the route alias's deadlines as `CallOptions`; the hub's middleware (logging, metrics, cost,
 *    retry, and whatever else takes part in the operation) applies as on every route;
 * 4. `route.toResponse`, or the failure in the route's error shape (a rate limit any attempt met
 *    wins, as on the completion routes).
 */
export function registerHubCallRoute<Parsed, Result>(
  app: FastifyInstance,
  context: GatewayContext,
  route: HubCallRoute<Parsed, Result>,
): void {
  app.post(route.path, async (request, reply) => {
    const requestId = requestIdOf(request.headers['x-request-id']);
    reply.header('x-request-id', requestId);
    let caller: Caller;
    let parsed: Parsed;
    try {
      caller = await authenticateCaller(request, context);
      parsed = route.parse(request.body);
    } catch (error) {
      return sendWireError(reply, route, error);
    }
    const scope = createCallScope(reply, {
      timeoutMs: context.config.server.requestTimeoutMs,
      idleTimeoutMs: undefined,
      timers: context.timers,
    });
    const options = {
      ...context.gateway.routeDeadlines.get(route.modelOf(parsed)),
      signal: scope.signal,
      requestId,
    };
    try {
      // not raced: admission honours the signal itself, and what it holds must be given back
      const admission = await admitCall(
        caller,
        {
          route: route.path,
          operation: route.operation,
          request: route.requestOf(parsed),
          requestId,
          signal: scope.signal,
        },
        context,
      );
      const result = await scope.race(admission.trackCall(route.call(context.gateway.hub, parsed, options)));
      return reply.send(route.toResponse(result, parsed));
    } catch (error) {
      return sendWireError(reply, route, scope.failure ?? preferRateLimit(error, context, scope.signal));
    } finally {
      scope.dispose();
    }
  });
}
