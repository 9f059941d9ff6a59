import type { FastifyInstance } from 'fastify';
import { authenticate } from './authenticate.js';
import { createCallScope } from './call-scope.js';
import { enforceKeyPolicy } from './enforce-key-policy.js';
import type { GatewayContext } from './gateway-context.js';
import type { HubCallRoute } from './hub-call-route.js';
import { preferRateLimit } from './register-wire-route.js';
import { requestIdOf } from './request-id.js';
import { sendWireError } from './send-wire-error.js';

/**
 * Serves one `HubCallRoute` at `POST route.path`, in the steps of `registerWireRoute`:
 *
 * 1. request id (the client's when safe, else fresh; echoed as `x-request-id`);
 * 2. virtual key, `route.parse` (400/413 naming the field), the key's policy (allow-list, then
 *    requests per minute) — all before any upstream I/O;
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
    let parsed: Parsed;
    try {
      const key = authenticate(request, context);
      parsed = route.parse(request.body);
      await enforceKeyPolicy(key, route.modelOf(parsed), context);
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
      const result = await scope.race(route.call(context.gateway.hub, parsed, options));
      return reply.send(route.toResponse(result, parsed));
    } catch (error) {
      return sendWireError(reply, route, scope.failure ?? preferRateLimit(error, context, scope.signal));
    } finally {
      scope.dispose();
    }
  });
}
