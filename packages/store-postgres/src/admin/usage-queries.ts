import type { SqlSession } from '../driver/sql-driver.js';
import { notFound } from '../errors/store-errors.js';
import {
  type KeyRow,
  keyColumns,
  type TeamRow,
  teamColumns,
  toTeam,
  toVirtualKey,
  unprefix,
} from '../internal/row-mapping.js';
import type { StoreContext } from '../internal/store-context.js';
import { type BudgetPeriod, periodEnd, periodStart } from '../model/budget-period.js';
import type { KeyUsage, PeriodUsage, TeamUsage } from '../model/usage.js';
import { requireId } from '../validation/field-validators.js';
import { type AdminCallOptions, adminRead } from './admin-operation.js';

/** Usage reads: the methods of `GovernanceStore` that report a key's or team's current period. */
export interface UsageQueries {
  getKeyUsage(keyId: string, options?: AdminCallOptions): Promise<KeyUsage>;
  getTeamUsage(teamId: string, options?: AdminCallOptions): Promise<TeamUsage>;
}

interface UsageRow {
  readonly scope: 'key' | 'team';
  readonly spent: number;
  readonly reserved: number;
  readonly requests: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cached_tokens: number;
  readonly reasoning_tokens: number;
}

function periodUsage(
  period: BudgetPeriod,
  start: number,
  budget: number | null,
  row: UsageRow | undefined,
): PeriodUsage {
  const end = periodEnd(period, start);
  const spent = row?.spent ?? 0;
  const reserved = row?.reserved ?? 0;
  return {
    period,
    periodStart: new Date(start),
    periodEnd: end === undefined ? undefined : new Date(end),
    budget,
    spent,
    reserved,
    remaining: budget === null ? null : Math.max(0, budget - spent - reserved),
    requests: row?.requests ?? 0,
    inputTokens: row?.input_tokens ?? 0,
    outputTokens: row?.output_tokens ?? 0,
    cachedTokens: row?.cached_tokens ?? 0,
    reasoningTokens: row?.reasoning_tokens ?? 0,
  };
}

/** Builds the usage reads on one store. They read the database, not this replica's cache. */
export function createUsageQueries(context: StoreContext): UsageQueries {
  const { schema, settings } = context;
  const readUsage = (session: SqlSession, scope: 'key' | 'team', subjectId: string, start: number) =>
    session.query<UsageRow>(
      `SELECT scope, spent::float8 AS spent, reserved::float8 AS reserved, requests::float8 AS requests,
         input_tokens::float8 AS input_tokens, output_tokens::float8 AS output_tokens,
         cached_tokens::float8 AS cached_tokens, reasoning_tokens::float8 AS reasoning_tokens
       FROM ${schema}.hub_budget_usage WHERE scope = $1 AND subject_id = $2 AND period_start = $3`,
      [scope, subjectId, new Date(start).toISOString()],
    );

  return {
    getKeyUsage: (id, options) => {
      const keyId = requireId(id, 'keyId');
      return adminRead(context, options, 'reading key usage', async (session) => {
        const rows = await session.query<Record<string, unknown>>(
          `SELECT ${keyColumns('k', 'k_')}, ${teamColumns('t', 't_')}
           FROM ${schema}.hub_keys k LEFT JOIN ${schema}.hub_teams t ON t.id = k.team_id WHERE k.id = $1`,
          [keyId],
        );
        const row = rows[0];
        if (row === undefined) throw notFound('keyId', 'key', keyId);
        const key = toVirtualKey(unprefix<KeyRow>(row, 'k_'));
        const team = row.t_id === null ? undefined : toTeam(unprefix<TeamRow>(row, 't_'));
        const now = settings.now();
        const keyStart = periodStart(key.budgetPeriod, now);
        const [keyRows, teamRows] = await Promise.all([
          readUsage(session, 'key', key.id, keyStart),
          team === undefined
            ? Promise.resolve([])
            : readUsage(session, 'team', team.id, periodStart(team.budgetPeriod, now)),
        ]);
        return {
          keyId: key.id,
          ...periodUsage(key.budgetPeriod, keyStart, key.budget, keyRows[0]),
          team:
            team === undefined
              ? undefined
              : {
                  teamId: team.id,
                  ...periodUsage(
                    team.budgetPeriod,
                    periodStart(team.budgetPeriod, now),
                    team.budget,
                    teamRows[0],
                  ),
                },
        };
      });
    },

    getTeamUsage: (id, options) => {
      const teamId = requireId(id, 'teamId');
      return adminRead(context, options, 'reading team usage', async (session) => {
        const rows = await session.query<TeamRow>(
          `SELECT ${teamColumns('t')} FROM ${schema}.hub_teams t WHERE t.id = $1`,
          [teamId],
        );
        if (rows[0] === undefined) throw notFound('teamId', 'team', teamId);
        const team = toTeam(rows[0]);
        const start = periodStart(team.budgetPeriod, settings.now());
        const usage = await readUsage(session, 'team', team.id, start);
        return { teamId: team.id, ...periodUsage(team.budgetPeriod, start, team.budget, usage[0]) };
      });
    },
  };
}
