import { conflict, notFound } from '../errors/store-errors.js';
import { type TeamRow, teamColumns, toTeam } from '../internal/row-mapping.js';
import {
  FOREIGN_KEY_VIOLATION,
  RESTRICT_VIOLATION,
  sqlState,
  UNIQUE_VIOLATION,
} from '../internal/sql-state.js';
import type { StoreContext } from '../internal/store-context.js';
import { uuidV7 } from '../internal/uuid-v7.js';
import type { Page, PageQuery } from '../model/page.js';
import type { Team, TeamInput, TeamPatch } from '../model/team.js';
import { limitOf, requireId, requireObject } from '../validation/field-validators.js';
import { validateTeamInput } from '../validation/validate-team-input.js';
import { type AdminCallOptions, adminRead, adminWrite } from './admin-operation.js';
import { columnAssignments } from './column-assignments.js';

/** Team administration: the methods of `GovernanceStore` that manage teams. */
export interface TeamAdmin {
  createTeam(input: TeamInput, options?: AdminCallOptions): Promise<Team>;
  listTeams(query?: PageQuery, options?: AdminCallOptions): Promise<Page<Team>>;
  getTeam(id: string, options?: AdminCallOptions): Promise<Team | undefined>;
  updateTeam(id: string, patch: TeamPatch, options?: AdminCallOptions): Promise<Team>;
  deleteTeam(id: string, options?: AdminCallOptions): Promise<void>;
}

function duplicateName(error: unknown, name: string | undefined): unknown {
  return sqlState(error) === UNIQUE_VIOLATION
    ? conflict('name', `A team named "${name}" exists already.`)
    : error;
}

/** Builds the team methods on one store. */
export function createTeamAdmin(context: StoreContext): TeamAdmin {
  const { schema, settings } = context;
  const columns = teamColumns('t');
  const select = `SELECT ${columns} FROM ${schema}.hub_teams t`;

  const getTeam = (id: string, options?: AdminCallOptions): Promise<Team | undefined> => {
    const teamId = requireId(id, 'id');
    return adminRead(context, options, 'reading a team', async (session) => {
      const rows = await session.query<TeamRow>(`${select} WHERE t.id = $1`, [teamId]);
      return rows[0] === undefined ? undefined : toTeam(rows[0]);
    });
  };

  return {
    createTeam: (input, options) => {
      const fields = validateTeamInput(input, false);
      const now = settings.now();
      const id = uuidV7(now);
      return adminWrite(context, options, 'creating a team', async (session) => {
        try {
          const rows = await session.query<TeamRow>(
            `INSERT INTO ${schema}.hub_teams AS t
               (id, name, budget, budget_period, allowed_models, rpm, tpm, metadata, created_at, updated_at)
             VALUES ($1, $2, $3::numeric, $4, $5::text[], $6, $7, $8::jsonb, $9, $9)
             RETURNING ${columns}`,
            [
              id,
              fields.name,
              fields.budget ?? null,
              fields.budgetPeriod ?? 'monthly',
              fields.allowedModels ?? null,
              fields.rpm ?? null,
              fields.tpm ?? null,
              JSON.stringify(fields.metadata ?? {}),
              new Date(now).toISOString(),
            ],
          );
          return { result: toTeam(rows[0] as TeamRow), change: { kind: 'team', id, action: 'created' } };
        } catch (error) {
          throw duplicateName(error, fields.name);
        }
      });
    },

    listTeams: (query = {}, options) => {
      const page = requireObject(query, 'query');
      const limit = limitOf(page.limit, 'limit', 100, 1000);
      const after = page.after === undefined ? null : requireId(page.after, 'after');
      return adminRead(context, options, 'listing teams', async (session) => {
        const rows = await session.query<TeamRow>(
          `${select} WHERE ($1::uuid IS NULL OR t.id > $1::uuid) ORDER BY t.id LIMIT $2`,
          [after, limit],
        );
        const items = rows.map(toTeam);
        return { items, nextCursor: items.length === limit ? items[items.length - 1]?.id : undefined };
      });
    },

    getTeam,

    updateTeam: async (id, patch, options) => {
      const teamId = requireId(id, 'id');
      const fields = validateTeamInput(patch, true);
      const { assignments, values } = columnAssignments(fields, 2);
      if (assignments.length === 0) {
        const team = await getTeam(teamId, options);
        if (team === undefined) throw notFound('id', 'team', teamId);
        return team;
      }
      return adminWrite(context, options, 'updating a team', async (session) => {
        let rows: TeamRow[];
        try {
          rows = await session.query<TeamRow>(
            `UPDATE ${schema}.hub_teams t SET ${assignments.join(', ')}, updated_at = $2
             WHERE t.id = $1 RETURNING ${columns}`,
            [teamId, new Date(settings.now()).toISOString(), ...values],
          );
        } catch (error) {
          throw duplicateName(error, fields.name);
        }
        if (rows[0] === undefined) throw notFound('id', 'team', teamId);
        return { result: toTeam(rows[0]), change: { kind: 'team', id: teamId, action: 'updated' } };
      });
    },

    deleteTeam: (id, options) => {
      const teamId = requireId(id, 'id');
      return adminWrite(context, options, 'deleting a team', async (session) => {
        let rows: { id: string }[];
        try {
          rows = await session.query<{ id: string }>(
            `DELETE FROM ${schema}.hub_teams WHERE id = $1 RETURNING id`,
            [teamId],
          );
        } catch (error) {
          const state = sqlState(error);
          if (state === FOREIGN_KEY_VIOLATION || state === RESTRICT_VIOLATION) {
            throw conflict('id', 'The team still has keys: move them to another team or delete them first.');
          }
          throw error;
        }
        if (rows[0] === undefined) throw notFound('id', 'team', teamId);
        await session.query(
          `DELETE FROM ${schema}.hub_budget_usage WHERE scope = 'team' AND subject_id = $1`,
          [teamId],
        );
        return { result: undefined, change: { kind: 'team', id: teamId, action: 'deleted' } };
      });
    },
  };
}
