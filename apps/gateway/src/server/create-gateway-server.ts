import { ConnectorError } from '@hub/core';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../admin/register-admin-routes.js';
import { registerDashboard } from '../dashboard/register-dashboard.js';
import { createClientErrorHandler } from './client-error-handler.js';
import { findWireFormat } from './find-wire-format.js';
import type { GatewayContext } from './gateway-context.js';
import { httpStatusError } from './http-status-error.js';
import { registerInfoRoutes } from './info-routes.js';
import { registerJsonBodyParser } from './json-body-parser.js';
import { registerHubCallRoutes } from './register-hub-call-routes.js';
import { registerWireRoute } from './register-wire-route.js';
import { requestIdOf } from './request-id.js';
import { sendWireError } from './send-wire-error.js';

// a path echoed in an error message is cut here: the client sent it, it may be anything
const SHOWN_PATH_LENGTH = 200;

/**
 * The gateway's HTTP server on Fastify (chosen by measurement: about 2.7× the throughput of Hono
 * on @hono/node-server for a JSON POST on this machine). Every error it sends is in the shape
 * of the route the client called (see `findWireFormat`): route failures, bad or non-JSON bodies
 * (400, 415), oversize bodies (413), unknown routes and methods (404, 405), requests Node cannot
 * parse (400, 408, 431) and requests during shutdown (503).
 */
export function createGatewayServer(context: GatewayContext): FastifyInstance {
  const server = context.config.server;
  const formats = context.formats;
  const app = Fastify({
    logger: false,
    bodyLimit: server.bodyLimitBytes,
    requestTimeout: server.requestTimeoutMs,
    forceCloseConnections: 'idle',
    // answered below in the route's shape instead of Fastify's
    return503OnClosing: false,
    clientErrorHandler: createClientErrorHandler(formats),
    frameworkErrors: (error, request, reply) => {
      sendWireError(reply, findWireFormat(formats, request.url), httpStatusError(400, error.message));
    },
  });
  registerJsonBodyParser(app, formats);

  // path → methods served there, so a wrong method is a 405 naming the right ones
  const methodsByPath = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = methodsByPath.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByPath.set(route.url, methods);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!context.lifecycle.closing) return;
    reply.header('connection', 'close');
    return sendWireError(
      reply,
      findWireFormat(formats, request.url),
      httpStatusError(503, 'The gateway is shutting down; retry on another instance.', {
        'retry-after': '1',
      }),
    );
  });
  if (server.corsOrigins.length > 0) {
    const allowed = new Set(server.corsOrigins);
    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined && (allowed.has(origin) || allowed.has('*'))) {
        reply.header('access-control-allow-origin', origin).header('vary', 'origin');
        reply.header(
          'access-control-allow-headers',
          'authorization, content-type, x-api-key, x-request-id, anthropic-version',
        );
        reply.header('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
        reply.header('access-control-expose-headers', 'x-request-id, retry-after');
      }
    });
    app.options('*', async (_request, reply) => reply.code(204).send());
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // a refusal raised before the route ran (bad JSON, nesting, body size) still names the call
    if (!reply.hasHeader('x-request-id'))
      reply.header('x-request-id', requestIdOf(request.headers['x-request-id']));
    const format = findWireFormat(formats, request.url);
    if (ConnectorError.isInstance(error)) return sendWireError(reply, format, error);
    const status = error.statusCode;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendWireError(
        reply,
        format,
        httpStatusError(
          413,
          `Request body exceeds ${server.bodyLimitBytes} bytes (limit server.bodyLimitBytes).`,
        ),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendWireError(
        reply,
        format,
        httpStatusError(415, 'Unsupported content-type: send the body as application/json.'),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendWireError(
        reply,
        format,
        httpStatusError(400, 'Invalid request: the body is not valid JSON.'),
      );
    }
    if (status !== undefined && status < 500) {
      return sendWireError(reply, format, httpStatusError(status, `Invalid request: ${error.message}`));
    }
    context.logger.error({ code: error.code }, 'unhandled gateway error');
    return sendWireError(reply, format, error);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.header('x-request-id', requestIdOf(request.headers['x-request-id']));
    const format = findWireFormat(formats, request.url);
    const path = (request.url.split('?', 1)[0] as string).slice(0, SHOWN_PATH_LENGTH);
    const methods = methodsByPath.get(path);
    if (methods !== undefined && !methods.has(request.method)) {
      const allow = [...methods].sort().join(', ');
      return sendWireError(
        reply,
        format,
        httpStatusError(405, `Method ${request.method} is not allowed on ${path}; use ${allow}.`, { allow }),
      );
    }
    return sendWireError(reply, format, httpStatusError(404, `Unknown route ${request.method} ${path}.`));
  });

  if (context.dashboard !== undefined) {
    registerDashboard(app, context, {
      dashboard: context.dashboard.state,
      adminKey: context.dashboard.adminKey,
    });
  }
  for (const format of formats) registerWireRoute(app, context, format);
  registerHubCallRoutes(app, context);
  registerInfoRoutes(app, context);
  registerAdminRoutes(app, context);
  return app;
}
