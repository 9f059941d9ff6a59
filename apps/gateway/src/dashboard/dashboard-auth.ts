import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import type { AdminCredential } from './admin-credential.js';
import { readCookie } from './read-cookie.js';
import type { DashboardSession, SessionStore } from './session-store.js';

/** Name of the session cookie (HttpOnly, SameSite=Strict, Path=/ui). */
export const SESSION_COOKIE = 'hub_dashboard_session';
/** Header carrying the CSRF token on every mutation made with the session cookie. */
export const CSRF_HEADER = 'x-csrf-token';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who is calling a dashboard endpoint. */
export type DashboardCaller =
  | { readonly kind: 'session'; readonly id: string; readonly session: DashboardSession }
  | { readonly kind: 'bearer' };

/**
 * The caller of a dashboard JSON endpoint: a signed-in browser (session cookie) or a script
 * presenting the admin key as `Authorization: Bearer …` (so the endpoints work on their own).
 * A bearer header that is not the admin key is refused, not ignored in favour of the cookie.
 *
 * @throws GatewayRequestError 401 when neither identifies the admin.
 */
export function dashboardCallerOf(
  request: FastifyRequest,
  credential: AdminCredential,
  sessions: SessionStore,
): DashboardCaller {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) {
    if (credential.matches(header.slice(7).trim())) return { kind: 'bearer' };
    throw new GatewayRequestError('authentication', 401, 'Invalid admin key.');
  }
  const id = readCookie(request.headers.cookie, SESSION_COOKIE);
  const session = id === undefined || id === '' ? undefined : sessions.find(id);
  if (id === undefined || session === undefined) {
    throw new GatewayRequestError(
      'authentication',
      401,
      'Sign in to the dashboard, or send the admin key as Authorization: Bearer <key>.',
    );
  }
  return { kind: 'session', id, session };
}

/**
 * Refuses a cross-site or forged mutation. Every POST, PUT, PATCH or DELETE made with the session
 * cookie must carry the session's CSRF token in `x-csrf-token` (compared in constant time); the
 * cookie is SameSite=Strict besides, and a request whose `Origin` or `Sec-Fetch-Site` says it
 * came from another site is refused whatever it carries. Bearer callers need no token: a browser
 * never attaches an Authorization header by itself.
 *
 * @throws GatewayRequestError 403 `csrf_failed`.
 */
export function checkMutation(request: FastifyRequest, caller: DashboardCaller): void {
  if (!MUTATING_METHODS.has(request.method)) return;
  checkSameOrigin(request);
  if (caller.kind === 'bearer') return;
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(caller.session.csrfToken);
  const presented = typeof sent === 'string' ? Buffer.from(sent) : undefined;
  if (
    presented === undefined ||
    presented.length !== expected.length ||
    !timingSafeEqual(presented, expected)
  ) {
    throw csrfError(`Missing or wrong CSRF token: send the session's token in ${CSRF_HEADER}.`);
  }
}

/**
 * Refuses a request a browser marked as coming from another origin (`Origin` naming another
 * host, or `Sec-Fetch-Site: cross-site`). Requests without those headers (scripts, curl) pass.
 *
 * @throws GatewayRequestError 403 `csrf_failed`.
 */
export function checkSameOrigin(request: FastifyRequest): void {
  if (request.headers['sec-fetch-site'] === 'cross-site') throw csrfError('Cross-site requests are refused.');
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host === undefined || host !== request.headers.host)
    throw csrfError('Requests from another origin are refused.');
}

/** Sets the session cookie; `Secure` when the gateway is reached over TLS. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  maxAgeMs: number,
): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${id}; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure}`,
  );
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=0`);
}

function csrfError(message: string): GatewayRequestError {
  return new GatewayRequestError('permission', 403, message, { wireCode: 'csrf_failed' });
}
