import type { SqlSession } from '../driver/sql-driver.js';
import { conflict, invalidInput, notFound } from '../errors/store-errors.js';
import { generateKeySecret } from '../internal/key-secret.js';
import { type KeyRow, keyColumns, toVirtualKey } from '../internal/row-mapping.js';
import { FOREIGN_KEY_VIOLATION, sqlState } from '../internal/sql-state.js';
import type { StoreContext } from '../internal/store-context.js';
import { uuidV7 } from '../internal/uuid-v7.js';
import type { KeyListQuery, Page } from '../model/page.js';
import type { CreatedKey, KeyInput, KeyPatch, VirtualKey } from '../model/virtual-key.js';
import { limitOf, requireId, requireObject } from '../validation/field-validators.js';
import { validateKeyInput } from '../validation/validate-key-input.js';
import { type AdminCallOptions, adminRead, adminWrite } from './admin-operation.js';
import { columnAssignments } from './column-assignments.js';

/** Options of `rotateKey`. */
export interface RotateKeyOptions extends AdminCallOptions {
  /**
   * How long the old secret keeps working, ms (0–7 days), so clients can switch without an outage.
   * Default 0: the old secret is revoked at once.
   */
  readonly graceMs?: number;
}

/** Key administration: the methods of `GovernanceStore` that manage virtual keys. */
export interface KeyAdmin {
  createKey(input: KeyInput, options?: AdminCallOptions): Promise<CreatedKey>;
  listKeys(query?: KeyListQuery, options?: AdminCallOptions): Promise<Page<VirtualKey>>;
  getKey(id: string, options?: AdminCallOptions): Promise<VirtualKey | undefined>;
  updateKey(id: string, patch: KeyPatch, options?: AdminCallOptions): Promise<VirtualKey>;
  revokeKey(id: string, options?: AdminCallOptions): Promise<VirtualKey>;
  rotateKey(id: string, options?: RotateKeyOptions): Promise<CreatedKey>;
  deleteKey(id: string, options?: AdminCallOptions): Promise<void>;
}

const MAX_GRACE_MS = 7 * 86_400_000;

function missingTeam(error: unknown, teamId: string | null | undefined): unknown {
  return sqlState(error) === FOREIGN_KEY_VIOLATION && typeof teamId === 'string'
    ? notFound('teamId', 'team', teamId)
    : error;
}

/** Builds the key methods on one store. */
export function createKeyAdmin(context: StoreContext): KeyAdmin {
  const { schema, settings } = context;
  const columns = keyColumns('k');
  const select = `SELECT ${columns} FROM ${schema}.hub_keys k`;

  const insertSecret = (session: SqlSession, keyId: string, hash: string, prefix: string, at: string) =>
    session.query(
      `INSERT INTO ${schema}.hub_key_secrets (hash, key_id, prefix, created_at) VALUES ($1, $2, $3, $4)`,
      [hash, keyId, prefix, at],
    );

  const getKey = (id: string, options?: AdminCallOptions): Promise<VirtualKey | undefined> => {
    const keyId = requireId(id, 'id');
    return adminRead(context, options, 'reading a key', async (session) => {
      const rows = await session.query<KeyRow>(`${select} WHERE k.id = $1`, [keyId]);
      return rows[0] === undefined ? undefined : toVirtualKey(rows[0]);
    });
  };

  return {
    createKey: (input, options) => {
      const fields = validateKeyInput(input, false);
      const now = settings.now();
      const id = uuidV7(now);
      const secret = generateKeySecret(settings.keyPrefix);
      const at = new Date(now).toISOString();
      return adminWrite(context, options, 'creating a key', async (session) => {
        let rows: KeyRow[];
        try {
          rows = await session.query<KeyRow>(
            `INSERT INTO ${schema}.hub_keys AS k (id, name, team_id, prefix, allowed_models, budget, budget_period,
               rpm, tpm, expires_at, metadata, created_at, updated_at)
             VALUES ($1, $2, $3::uuid, $4, $5::text[], $6::numeric, $7, $8, $9, $10::timestamptz, $11::jsonb, $12, $12)
             RETURNING ${columns}`,
            [
              id,
              fields.name,
              fields.teamId ?? null,
              secret.prefix,
              fields.allowedModels ?? null,
              fields.budget ?? null,
              fields.budgetPeriod ?? 'monthly',
              fields.rpm ?? null,
              fields.tpm ?? null,
              fields.expiresAt?.toISOString() ?? null,
              JSON.stringify(fields.metadata ?? {}),
              at,
            ],
          );
        } catch (error) {
          throw missingTeam(error, fields.teamId);
        }
        await insertSecret(session, id, secret.hash, secret.prefix, at);
        const key: CreatedKey = Object.freeze({ ...toVirtualKey(rows[0] as KeyRow), key: secret.key });
        return { result: key, change: { kind: 'key', id, action: 'created' } };
      });
    },

    listKeys: (query = {}, options) => {
      const filter = requireObject(query, 'query');
      const limit = limitOf(filter.limit, 'limit', 100, 1000);
      const after = filter.after === undefined ? null : requireId(filter.after, 'after');
      const teamId = filter.teamId === undefined ? null : requireId(filter.teamId, 'teamId');
      if (filter.includeRevoked !== undefined && typeof filter.includeRevoked !== 'boolean') {
        throw invalidInput('includeRevoked', 'expected a boolean.');
      }
      const includeRevoked = filter.includeRevoked ?? true;
      return adminRead(context, options, 'listing keys', async (session) => {
        const rows = await session.query<KeyRow>(
          `${select}
           WHERE ($1::uuid IS NULL OR k.id > $1::uuid) AND ($2::uuid IS NULL OR k.team_id = $2::uuid)
             AND ($3::boolean OR k.revoked_at IS NULL)
           ORDER BY k.id LIMIT $4`,
          [after, teamId, includeRevoked, limit],
        );
        const items = rows.map(toVirtualKey);
        return { items, nextCursor: items.length === limit ? items[items.length - 1]?.id : undefined };
      });
    },

    getKey,

    updateKey: async (id, patch, options) => {
      const keyId = requireId(id, 'id');
      const fields = validateKeyInput(patch, true);
      const { assignments, values } = columnAssignments(fields, 2);
      if (assignments.length === 0) {
        const key = await getKey(keyId, options);
        if (key === undefined) throw notFound('id', 'key', keyId);
        return key;
      }
      return adminWrite(context, options, 'updating a key', async (session) => {
        let rows: KeyRow[];
        try {
          rows = await session.query<KeyRow>(
            `UPDATE ${schema}.hub_keys k SET ${assignments.join(', ')}, updated_at = $2
             WHERE k.id = $1 RETURNING ${columns}`,
            [keyId, new Date(settings.now()).toISOString(), ...values],
          );
        } catch (error) {
          throw missingTeam(error, fields.teamId);
        }
        if (rows[0] === undefined) throw notFound('id', 'key', keyId);
        return { result: toVirtualKey(rows[0]), change: { kind: 'key', id: keyId, action: 'updated' } };
      });
    },

    revokeKey: (id, options) => {
      const keyId = requireId(id, 'id');
      const at = new Date(settings.now()).toISOString();
      return adminWrite(context, options, 'revoking a key', async (session) => {
        const rows = await session.query<KeyRow>(
          `UPDATE ${schema}.hub_keys k SET revoked_at = coalesce(k.revoked_at, $2::timestamptz), updated_at = $2
           WHERE k.id = $1 RETURNING ${columns}`,
          [keyId, at],
        );
        if (rows[0] === undefined) throw notFound('id', 'key', keyId);
        return { result: toVirtualKey(rows[0]), change: { kind: 'key', id: keyId, action: 'revoked' } };
      });
    },

    rotateKey: (id, options = {}) => {
      const keyId = requireId(id, 'id');
      const graceMs = options.graceMs ?? 0;
      if (
        typeof graceMs !== 'number' ||
        !Number.isInteger(graceMs) ||
        graceMs < 0 ||
        graceMs > MAX_GRACE_MS
      ) {
        throw invalidInput('graceMs', `expected an integer from 0 to ${MAX_GRACE_MS}.`);
      }
      const now = settings.now();
      const at = new Date(now).toISOString();
      const graceEnd = new Date(now + graceMs).toISOString();
      const secret = generateKeySecret(settings.keyPrefix);
      return adminWrite(context, options, 'rotating a key', async (session) => {
        const current = await session.query<{ revoked_at: Date | null }>(
          `SELECT revoked_at FROM ${schema}.hub_keys WHERE id = $1 FOR UPDATE`,
          [keyId],
        );
        if (current[0] === undefined) throw notFound('id', 'key', keyId);
        if (current[0].revoked_at !== null) throw conflict('id', 'A revoked key cannot be rotated.');
        // secrets already ending sooner (an earlier rotation's grace) keep their earlier end
        await session.query(
          `UPDATE ${schema}.hub_key_secrets SET revoked_at = $2
           WHERE key_id = $1 AND (revoked_at IS NULL OR revoked_at > $2::timestamptz)`,
          [keyId, graceEnd],
        );
        await insertSecret(session, keyId, secret.hash, secret.prefix, at);
        const rows = await session.query<KeyRow>(
          `UPDATE ${schema}.hub_keys k SET prefix = $2, updated_at = $3 WHERE k.id = $1 RETURNING ${columns}`,
          [keyId, secret.prefix, at],
        );
        const key: CreatedKey = Object.freeze({ ...toVirtualKey(rows[0] as KeyRow), key: secret.key });
        return { result: key, change: { kind: 'key', id: keyId, action: 'rotated' } };
      });
    },

    deleteKey: (id, options) => {
      const keyId = requireId(id, 'id');
      return adminWrite(context, options, 'deleting a key', async (session) => {
        const rows = await session.query<{ id: string }>(
          `DELETE FROM ${schema}.hub_keys WHERE id = $1 RETURNING id`,
          [keyId],
        );
        if (rows[0] === undefined) throw notFound('id', 'key', keyId);
        await session.query(
          `DELETE FROM ${schema}.hub_budget_usage WHERE scope = 'key' AND subject_id = $1`,
          [keyId],
        );
        return { result: undefined, change: { kind: 'key', id: keyId, action: 'deleted' } };
      });
    },
  };
}
