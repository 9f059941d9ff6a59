import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { httpStatusError } from '../server/http-status-error.js';
import { sendWireError } from '../server/send-wire-error.js';
import type { WireFormat } from '../wire/wire-format.js';
import { type AdminCredential, adminCredential } from './admin-credential.js';
import { ADMIN_RESOURCE, callAdminApi } from './call-admin-api.js';
import { createCallerLabels } from './caller-labels.js';
import type { Dashboard } from './create-dashboard.js';
import {
  checkMutation,
  checkSameOrigin,
  clearSessionCookie,
  type DashboardCaller,
  dashboardCallerOf,
  SESSION_COOKIE,
  setSessionCookie,
} from './dashboard-auth.js';
import { createHealthCache } from './health-cache.js';
import { parseRequestFilter, parseStepMs } from './parse-dashboard-query.js';
import { providersSnapshot } from './providers-snapshot.js';
import { readCookie } from './read-cookie.js';
import { createSessionStore, SESSION_LIFETIME_MS } from './session-store.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { loadUiAssets, type UiAsset } from './ui-assets.js';

/** Options of `registerDashboard`. */
export interface RegisterDashboardOptions {
  readonly dashboard: Dashboard;
  /** The admin key; without one nobody can sign in and the UI says how to set it. */
  readonly adminKey: string | undefined;
  /** The built UI; default read from `UI_ASSETS_DIR` now. */
  readonly assets?: ReadonlyMap<string, UiAsset>;
  /** Clock of sessions and the sign-in throttle, epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

// the UI loads nothing from elsewhere and is never framed; uPlot and Preact set styles through
// the CSSOM, which style-src does not restrict, so no 'unsafe-inline' is needed
const UI_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
const MAX_ADMIN_KEY_LENGTH = 1_024;

/**
 * Serves the admin dashboard at `/ui` and the JSON endpoints behind it under `/ui/api` (see the
 * README's "Dashboard" section for each), and records every `POST /v1/…` request for the
 * Requests page. Sign-in takes the admin key once and sets an HttpOnly, SameSite=Strict session
 * cookie; every mutation made with it needs the session's CSRF token. Keys, teams and spend are
 * the governance admin API (`/admin/…`), called in process as the admin, present only when a
 * governance store registered those routes.
 */
export function registerDashboard(
  app: FastifyInstance,
  context: GatewayContext,
  options: RegisterDashboardOptions,
): void {
  const { dashboard } = options;
  const format = context.formats[0] as WireFormat;
  const now = options.now ?? Date.now;
  const credential: AdminCredential | undefined =
    options.adminKey === undefined || options.adminKey === '' ? undefined : adminCredential(options.adminKey);
  const sessions = createSessionStore({ now });
  const throttle = createSignInThrottle({ now });
  const health = createHealthCache(context.gateway.hub);
  const callers = createCallerLabels(context, { now });
  const assets = options.assets ?? loadUiAssets();
  const hasGovernance = (): boolean => app.hasRoute({ method: 'GET', url: '/admin/keys' });

  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST') return;
    const path = request.url.split('?', 1)[0] as string;
    if (!path.startsWith('/v1/')) return;
    const requestId = reply.getHeader('x-request-id');
    dashboard.recent.recordResponse({
      requestId: typeof requestId === 'string' ? requestId : '',
      method: request.method,
      path: path.slice(0, 256),
      key: await callers.labelOf(request, reply.statusCode),
      status: reply.statusCode,
      latencyMs: reply.elapsedTime,
    });
  });

  const sendAsset = (request: FastifyRequest, reply: FastifyReply, name: string): FastifyReply => {
    const asset = assets.get(name);
    if (asset === undefined) {
      if (name === 'index.html') {
        return sendWireError(
          reply,
          format,
          httpStatusError(503, 'The dashboard is not built: run `pnpm --filter @hub/gateway build`.'),
        );
      }
      return sendWireError(
        reply,
        format,
        httpStatusError(404, `Unknown dashboard file /ui/${name.slice(0, 200)}.`),
      );
    }
    reply.headers(UI_HEADERS);
    reply.header('content-type', asset.contentType);
    reply.header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('vary', 'accept-encoding');
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (asset.gzip !== undefined && acceptsGzip) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip);
    }
    return reply.send(asset.body);
  };

  app.get('/ui', (_request, reply) => reply.redirect('/ui/'));
  app.get('/ui/', (request, reply) => sendAsset(request, reply, 'index.html'));
  app.get('/ui/assets/*', (request, reply) =>
    sendAsset(request, reply, `assets/${(request.params as { '*': string })['*']}`),
  );

  const refuseWhileThrottled = (address: string): void => {
    const wait = throttle.retryAfterMs(address);
    if (wait > 0) {
      throw httpStatusError(429, 'Too many wrong admin keys; try again later.', {
        'retry-after': String(Math.ceil(wait / 1000)),
      });
    }
  };

  /** Runs `handler` for the admin only (and checks CSRF on mutations); errors in OpenAI's shape. */
  const guarded =
    (handler: (request: FastifyRequest, reply: FastifyReply, caller: DashboardCaller) => unknown) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header('cache-control', 'no-store');
      try {
        if (credential === undefined) throw notConfigured();
        // a wrong bearer key counts like a wrong sign-in: the JSON endpoints are no way around it
        const bearer = /^bearer /i.test(String(request.headers.authorization ?? ''));
        if (bearer) refuseWhileThrottled(request.ip);
        let caller: DashboardCaller;
        try {
          caller = dashboardCallerOf(request, credential, sessions);
        } catch (error) {
          if (bearer) throttle.fail(request.ip);
          throw error;
        }
        checkMutation(request, caller);
        return await handler(request, reply, caller);
      } catch (error) {
        return sendWireError(reply, format, error);
      }
    };

  app.post('/ui/api/session', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      if (credential === undefined) throw notConfigured();
      checkSameOrigin(request);
      refuseWhileThrottled(request.ip);
      const presented = (request.body as { adminKey?: unknown } | undefined)?.adminKey;
      if (typeof presented !== 'string' || presented === '' || presented.length > MAX_ADMIN_KEY_LENGTH) {
        throw new GatewayRequestError(
          'invalid_request',
          400,
          "Invalid request: 'adminKey' must be a non-empty string.",
          {
            field: 'adminKey',
          },
        );
      }
      if (!credential.matches(presented)) {
        throttle.fail(request.ip);
        context.logger.warn({ ip: request.ip }, 'dashboard sign-in refused');
        throw new GatewayRequestError('authentication', 401, 'Wrong admin key.');
      }
      throttle.succeed(request.ip);
      // a browser that was signed in gets a fresh session: an old cookie value never lives on
      const previous = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (previous !== undefined) sessions.remove(previous);
      const { id, session } = sessions.create();
      setSessionCookie(request, reply, id, SESSION_LIFETIME_MS);
      context.logger.info({ ip: request.ip }, 'dashboard sign-in');
      return reply.code(201).send({
        signedIn: true,
        csrfToken: session.csrfToken,
        governance: hasGovernance(),
      });
    } catch (error) {
      return sendWireError(reply, format, error);
    }
  });

  app.get(
    '/ui/api/session',
    guarded((_request, _reply, caller) => ({
      signedIn: true,
      csrfToken: caller.kind === 'session' ? caller.session.csrfToken : null,
      governance: hasGovernance(),
    })),
  );

  app.delete(
    '/ui/api/session',
    guarded((_request, reply, caller) => {
      if (caller.kind === 'session') sessions.remove(caller.id);
      clearSessionCookie(reply);
      return reply.code(204).send();
    }),
  );

  app.get(
    '/ui/api/overview',
    guarded((request) => dashboard.live.overview(parseStepMs(request.query))),
  );

  app.get(
    '/ui/api/providers',
    guarded(() => providersSnapshot(context, dashboard.live, health)),
  );

  app.get(
    '/ui/api/requests',
    guarded((request) => ({
      data: dashboard.recent.list(parseRequestFilter(request.query)),
      keys: dashboard.recent.keys(),
    })),
  );

  app.route({
    method: ['GET', 'POST', 'PATCH', 'DELETE'],
    url: '/ui/api/admin/*',
    handler: guarded(async (request, reply) => {
      const resource = (request.params as { '*': string })['*'];
      if (!hasGovernance()) {
        throw new GatewayRequestError(
          'not_found',
          404,
          'No governance store is configured: keys, teams and spend need one.',
          { wireCode: 'governance_not_configured' },
        );
      }
      if (!ADMIN_RESOURCE.test(resource)) {
        throw httpStatusError(404, `Unknown admin resource ${resource.slice(0, 200)}.`);
      }
      const query = request.url.includes('?')
        ? (request.url.slice(request.url.indexOf('?') + 1) as string)
        : '';
      const answer = await callAdminApi(app, credential as AdminCredential, {
        method: request.method as 'GET' | 'POST' | 'PATCH' | 'DELETE',
        resource,
        query,
        body: request.body,
      });
      if (request.method !== 'GET') {
        context.logger.info(
          { method: request.method, resource, status: answer.status },
          'dashboard admin change',
        );
      }
      reply.code(answer.status).header('content-type', 'application/json; charset=utf-8');
      return reply.send(answer.payload);
    }),
  });
}

function notConfigured(): GatewayRequestError {
  return new GatewayRequestError(
    'overloaded',
    503,
    'The dashboard has no admin key: set the environment variable named by dashboard.adminKeyEnv (default HUB_ADMIN_KEY).',
    { wireCode: 'dashboard_not_configured' },
  );
}
