import type { KeyInput, KeyPatch, SpendReportGroup, TeamInput, TeamPatch } from '@hub/store-postgres';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRequestError } from '../errors/gateway-request-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { sendWireError } from '../server/send-wire-error.js';
import type { WireFormat } from '../wire/wire-format.js';
import { assertAdmin } from './admin-auth.js';
import { toAdminError } from './admin-error.js';
import { invalidField, toStoreFields } from './admin-fields.js';
import { booleanParam, integerParam, queryParams } from './admin-query.js';
import {
  createdKeyView,
  keyUsageView,
  keyView,
  spendRowView,
  teamUsageView,
  teamView,
} from './admin-views.js';

/** What an admin handler gets: the request, a signal that aborts when the client leaves, the id. */
interface AdminCall {
  readonly request: FastifyRequest;
  readonly signal: AbortSignal;
  /** The `:id` path parameter, when the route has one. */
  readonly id: string;
}

type Handler = (call: AdminCall) => Promise<unknown>;

const PAGE_QUERY = ['limit', 'after'] as const;
const KEY_LIST_QUERY = ['teamId', 'includeRevoked', ...PAGE_QUERY] as const;
const SPEND_QUERY = ['keyId', 'teamId', 'model', 'from', 'to', 'groupBy', 'limit'] as const;

/**
 * The admin API under `/admin` (see the README's "Admin API" for every body and answer), served
 * only when the config has `database` and `admin`. Every request carries the admin key
 * (`Authorization: Bearer <admin key>`, compared in constant time; virtual keys never pass); JSON
 * in and out; errors in OpenAI's shape (400 naming the field, 401, 404, 409, 503 with
 * `retry-after`). Every change is logged with its id, never with a secret.
 */
export function registerAdminRoutes(app: FastifyInstance, context: GatewayContext): void {
  const governance = context.governance;
  const adminKeyDigest = governance?.adminKeyDigest;
  if (governance === undefined || adminKeyDigest === undefined) return;
  const store = governance.store;
  const format = context.formats[0] as WireFormat;
  const log = (action: string, fields: Record<string, unknown>): void =>
    context.logger.info({ admin: action, ...fields }, `admin: ${action}`);

  const route = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    status: number,
    handler: Handler,
  ) => {
    app.route({
      method,
      url,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const aborter = abortOnClose(reply);
        try {
          assertAdmin(adminKeyDigest, request.headers);
          const id = (request.params as { id?: string } | undefined)?.id ?? '';
          const body = await handler({ request, signal: aborter.signal, id });
          return reply.code(status).send(body);
        } catch (error) {
          return sendWireError(reply, format, toAdminError(error));
        } finally {
          aborter.dispose();
        }
      },
    });
  };
  // ── teams ────────────────────────────────────────────────────────────────────────────────────
  route('POST', '/admin/teams', 201, async ({ request, signal }) => {
    const team = await store.createTeam(toStoreFields(request.body, 'team') as unknown as TeamInput, {
      signal,
    });
    log('team.create', { teamId: team.id });
    return teamView(team);
  });
  route('GET', '/admin/teams', 200, async ({ request, signal }) => {
    const query = queryParams(request.query, PAGE_QUERY);
    const limit = integerParam(query.limit, 'limit', 1, 1000);
    const page = await store.listTeams(
      { ...(limit !== undefined && { limit }), ...(query.after !== undefined && { after: query.after }) },
      { signal },
    );
    return { object: 'list', data: page.items.map(teamView), nextCursor: page.nextCursor ?? null };
  });
  route('GET', '/admin/teams/:id', 200, async ({ id, signal }) => {
    const team = await store.getTeam(id, { signal });
    if (team === undefined) throw notFoundError('team', id);
    return teamView(team);
  });
  route('PATCH', '/admin/teams/:id', 200, async ({ request, id, signal }) => {
    const team = await store.updateTeam(id, toStoreFields(request.body, 'team') as TeamPatch, { signal });
    log('team.update', { teamId: team.id });
    return teamView(team);
  });
  route('DELETE', '/admin/teams/:id', 200, async ({ id, signal }) => {
    await store.deleteTeam(id, { signal });
    log('team.delete', { teamId: id });
    return { id, object: 'team', deleted: true };
  });
  route('GET', '/admin/teams/:id/usage', 200, async ({ id, signal }) =>
    teamUsageView(await store.getTeamUsage(id, { signal })),
  );

  // ── keys ─────────────────────────────────────────────────────────────────────────────────────
  route('POST', '/admin/keys', 201, async ({ request, signal }) => {
    const created = await store.createKey(toStoreFields(request.body, 'key') as unknown as KeyInput, {
      signal,
    });
    log('key.create', { keyId: created.id, teamId: created.teamId, prefix: created.prefix });
    return createdKeyView(created);
  });
  route('GET', '/admin/keys', 200, async ({ request, signal }) => {
    const query = queryParams(request.query, KEY_LIST_QUERY);
    const limit = integerParam(query.limit, 'limit', 1, 1000);
    const includeRevoked = booleanParam(query.includeRevoked, 'includeRevoked');
    const page = await store.listKeys(
      {
        ...(limit !== undefined && { limit }),
        ...(query.after !== undefined && { after: query.after }),
        ...(query.teamId !== undefined && { teamId: query.teamId }),
        ...(includeRevoked !== undefined && { includeRevoked }),
      },
      { signal },
    );
    return { object: 'list', data: page.items.map(keyView), nextCursor: page.nextCursor ?? null };
  });
  route('GET', '/admin/keys/:id', 200, async ({ id, signal }) => {
    const key = await store.getKey(id, { signal });
    if (key === undefined) throw notFoundError('key', id);
    return keyView(key);
  });
  route('PATCH', '/admin/keys/:id', 200, async ({ request, id, signal }) => {
    const key = await store.updateKey(id, toStoreFields(request.body, 'key') as KeyPatch, { signal });
    log('key.update', { keyId: key.id });
    return keyView(key);
  });
  route('DELETE', '/admin/keys/:id', 200, async ({ id, signal }) => {
    const key = await store.revokeKey(id, { signal });
    log('key.revoke', { keyId: key.id, prefix: key.prefix });
    return keyView(key);
  });
  route('POST', '/admin/keys/:id/rotate', 200, async ({ request, id, signal }) => {
    const graceMs = rotateGraceOf(request.body);
    const rotated = await store.rotateKey(id, {
      signal,
      ...(graceMs !== undefined && { graceMs: graceMs as number }),
    });
    log('key.rotate', { keyId: rotated.id, prefix: rotated.prefix, graceMs: graceMs ?? 0 });
    return createdKeyView(rotated);
  });
  route('GET', '/admin/keys/:id/usage', 200, async ({ id, signal }) =>
    keyUsageView(await store.getKeyUsage(id, { signal })),
  );

  // ── spend ────────────────────────────────────────────────────────────────────────────────────
  route('GET', '/admin/spend', 200, async ({ request, signal }) => {
    const query = queryParams(request.query, SPEND_QUERY);
    const groupBy = (query.groupBy ?? 'day') as SpendReportGroup;
    const limit = integerParam(query.limit, 'limit', 1, 10_000);
    const rows = await store.spendReport(
      {
        groupBy,
        ...(query.keyId !== undefined && { keyId: query.keyId }),
        ...(query.teamId !== undefined && { teamId: query.teamId }),
        ...(query.model !== undefined && { model: query.model }),
        ...(query.from !== undefined && { from: query.from }),
        ...(query.to !== undefined && { to: query.to }),
        ...(limit !== undefined && { limit }),
      },
      { signal },
    );
    return { object: 'list', groupBy, data: rows.map(spendRowView) };
  });
}

/** A 404 for a team or key that does not exist (the id is the client's: shown cut). */
function notFoundError(what: 'team' | 'key', id: string): GatewayRequestError {
  return new GatewayRequestError('not_found', 404, `No ${what} with id ${id.slice(0, 64)}.`, {
    field: 'id',
    wireCode: 'not_found',
  });
}

/**
 * `graceMs` of a rotate body: optional, and so is the body. The store checks its range before
 * any I/O.
 *
 * @throws GatewayRequestError 400 for a body that is not an object or has other fields.
 */
function rotateGraceOf(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidField(undefined, 'Invalid request: the body must be a JSON object.');
  }
  for (const name of Object.keys(body)) {
    if (name !== 'graceMs') {
      const shown = name.slice(0, 64);
      throw invalidField(shown, `Invalid ${shown}: rotate takes only "graceMs".`);
    }
  }
  return (body as { graceMs?: unknown }).graceMs;
}

/** A signal that aborts when the client disconnects before its answer was written. */
function abortOnClose(reply: FastifyReply): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const raw = reply.raw;
  const onClose = (): void => {
    if (!raw.writableFinished) controller.abort(new DOMException('The client disconnected.', 'AbortError'));
  };
  raw.once('close', onClose);
  return { signal: controller.signal, dispose: () => raw.removeListener('close', onClose) };
}
