import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A charge the fake's spend report counts (the tests add them). */
export interface FakeCharge {
  readonly keyId: string;
  readonly model: string;
  readonly costUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Epoch ms. */
  readonly at: number;
}

type Record_ = Record<string, unknown> & { id: string; name: string };

/** The fake's state, for assertions. */
export interface FakeAdminApi {
  /** Registers `/admin/…` on `app`. */
  register(app: FastifyInstance): void;
  readonly teams: Map<string, Record_>;
  readonly keys: Map<string, Record_>;
  /** SHA-256 of each live secret → key id. */
  readonly secrets: Map<string, string>;
  readonly charges: FakeCharge[];
  /** Every call the fake answered, as `METHOD /path` (with the authorization it carried). */
  readonly calls: { readonly route: string; readonly authorization: string | undefined }[];
}

const FIELDS = [
  'name',
  'teamId',
  'models',
  'budgetUsd',
  'budgetPeriod',
  'requestsPerMinute',
  'tokensPerMinute',
  'expiresAt',
  'metadata',
] as const;

/**
 * A small in-memory stand-in for the governance admin API as documented (JSON, admin key as a
 * bearer token, errors in OpenAI's shape), for dashboard tests written before the real one is
 * merged: enough to list, create (plaintext once), rotate, revoke, edit and report spend.
 */
export function fakeAdminApi(adminKey: string): FakeAdminApi {
  const teams = new Map<string, Record_>();
  const keys = new Map<string, Record_>();
  const secrets = new Map<string, string>();
  const charges: FakeCharge[] = [];
  const calls: FakeAdminApi['calls'] = [];
  const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');
  const newSecret = (): string => `sk-hub-${randomBytes(24).toString('base64url')}`;

  const fail = (reply: FastifyReply, status: number, message: string, code: string) =>
    reply.code(status).send({ error: { message, type: 'invalid_request_error', param: null, code } });
  const fieldsOf = (body: unknown): Record<string, unknown> => {
    const input = (body ?? {}) as Record<string, unknown>;
    const picked: Record<string, unknown> = {};
    for (const field of FIELDS) if (field in input) picked[field] = input[field];
    return picked;
  };
  const authorized = (request: FastifyRequest, reply: FastifyReply): boolean => {
    calls.push({ route: `${request.method} ${request.url}`, authorization: request.headers.authorization });
    if (request.headers.authorization === `Bearer ${adminKey}`) return true;
    void fail(reply, 401, 'Invalid admin key.', 'authentication');
    return false;
  };

  const register = (app: FastifyInstance): void => {
    app.post('/admin/teams', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const fields = fieldsOf(request.body);
      if (typeof fields.name !== 'string' || fields.name === '')
        return fail(reply, 400, "'name' is required.", 'invalid_request');
      const team = { id: randomUUID(), ...fields, name: fields.name, createdAt: new Date().toISOString() };
      teams.set(team.id, team);
      return reply.code(201).send(team);
    });
    app.get('/admin/teams', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      return { object: 'list', data: [...teams.values()] };
    });
    app.patch('/admin/teams/:id', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const team = teams.get((request.params as { id: string }).id);
      if (team === undefined) return fail(reply, 404, 'No such team.', 'not_found');
      Object.assign(team, fieldsOf(request.body));
      return team;
    });

    app.post('/admin/keys', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const fields = fieldsOf(request.body);
      if (typeof fields.name !== 'string' || fields.name === '')
        return fail(reply, 400, "'name' is required.", 'invalid_request');
      const key = newSecret();
      const record = {
        id: randomUUID(),
        ...fields,
        name: fields.name,
        prefix: key.slice(0, 13),
        revokedAt: null,
        createdAt: new Date().toISOString(),
      };
      keys.set(record.id, record);
      secrets.set(digest(key), record.id);
      return reply.code(201).send({ ...record, key });
    });
    app.get('/admin/keys', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      return { object: 'list', data: [...keys.values()] };
    });
    app.get('/admin/keys/:id', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const record = keys.get((request.params as { id: string }).id);
      return record ?? fail(reply, 404, 'No such key.', 'not_found');
    });
    app.patch('/admin/keys/:id', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const record = keys.get((request.params as { id: string }).id);
      if (record === undefined) return fail(reply, 404, 'No such key.', 'not_found');
      Object.assign(record, fieldsOf(request.body));
      return record;
    });
    app.delete('/admin/keys/:id', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const record = keys.get((request.params as { id: string }).id);
      if (record === undefined) return fail(reply, 404, 'No such key.', 'not_found');
      record.revokedAt ??= new Date().toISOString();
      for (const [hash, id] of secrets) if (id === record.id) secrets.delete(hash);
      return record;
    });
    app.post('/admin/keys/:id/rotate', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const record = keys.get((request.params as { id: string }).id);
      if (record === undefined) return fail(reply, 404, 'No such key.', 'not_found');
      for (const [hash, id] of secrets) if (id === record.id) secrets.delete(hash);
      const key = newSecret();
      secrets.set(digest(key), record.id);
      record.prefix = key.slice(0, 13);
      return { ...record, key };
    });
    app.get('/admin/keys/:id/usage', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const id = (request.params as { id: string }).id;
      const record = keys.get(id);
      if (record === undefined) return fail(reply, 404, 'No such key.', 'not_found');
      const mine = charges.filter((charge) => charge.keyId === id);
      const spent = mine.reduce((sum, charge) => sum + charge.costUsd, 0);
      return {
        keyId: id,
        period: record.budgetPeriod ?? null,
        budgetUsd: record.budgetUsd ?? null,
        spentUsd: spent,
        requests: mine.length,
      };
    });

    app.get('/admin/spend', async (request, reply) => {
      if (!authorized(request, reply)) return reply;
      const query = request.query as Record<string, string | undefined>;
      const from = query.from === undefined ? 0 : Date.parse(query.from);
      const to = query.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.to);
      const groupBy = query.groupBy ?? 'day';
      const groups = new Map<
        string,
        {
          group: string;
          name: string;
          requests: number;
          errors: number;
          inputTokens: number;
          outputTokens: number;
          costUsd: number;
        }
      >();
      for (const charge of charges) {
        if (charge.at < from || charge.at >= to) continue;
        const key = keys.get(charge.keyId);
        const teamId = typeof key?.teamId === 'string' ? key.teamId : 'none';
        const group =
          groupBy === 'model'
            ? charge.model
            : groupBy === 'key'
              ? charge.keyId
              : groupBy === 'team'
                ? teamId
                : new Date(charge.at).toISOString().slice(0, 10);
        const name =
          groupBy === 'key'
            ? (key?.name ?? group)
            : groupBy === 'team'
              ? (teams.get(teamId)?.name ?? group)
              : group;
        const row = groups.get(group) ?? {
          group,
          name,
          requests: 0,
          errors: 0,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
        };
        row.requests += 1;
        row.inputTokens += charge.inputTokens;
        row.outputTokens += charge.outputTokens;
        row.costUsd += charge.costUsd;
        groups.set(group, row);
      }
      return {
        object: 'list',
        data: [...groups.values()].sort((left, right) => left.group.localeCompare(right.group)),
      };
    });
  };

  return { register, teams, keys, secrets, charges, calls };
}
