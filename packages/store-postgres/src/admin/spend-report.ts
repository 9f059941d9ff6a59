import { invalidInput } from '../errors/store-errors.js';
import type { StoreContext } from '../internal/store-context.js';
import {
  SPEND_REPORT_GROUPS,
  type SpendReportGroup,
  type SpendReportQuery,
  type SpendReportRow,
} from '../model/spend-report.js';
import { limitOf, requireDate, requireId, requireObject } from '../validation/field-validators.js';
import { type AdminCallOptions, adminRead } from './admin-operation.js';

const DAY_MS = 86_400_000;
const NIL_UUID = "'00000000-0000-0000-0000-000000000000'::uuid";

/** The SQL of each grouping: the grouped expression, and how its name is found. */
const GROUPINGS: Readonly<
  Record<SpendReportGroup, { expression: string; name: string; join: string; order: string }>
> = {
  day: { expression: "to_char(day, 'YYYY-MM-DD')", name: 'NULL::text', join: '', order: 'g.grp' },
  model: { expression: 'model', name: 'NULL::text', join: '', order: 'g.cost DESC, g.grp' },
  key: {
    expression: 'key_id',
    name: 'named.name',
    join: 'LEFT JOIN {schema}.hub_keys named ON named.id = g.grp',
    order: 'g.cost DESC, g.grp',
  },
  team: {
    expression: 'team_id',
    name: 'named.name',
    join: 'LEFT JOIN {schema}.hub_teams named ON named.id = g.grp',
    order: 'g.cost DESC, g.grp',
  },
};

interface ReportRow {
  readonly grp: string | null;
  readonly name: string | null;
  readonly requests: number;
  readonly errors: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cached_tokens: number;
  readonly reasoning_tokens: number;
  readonly cost: number;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Builds `spendReport`. Whole UTC days inside [from, to) are read from the daily rollup (one row
 * per day, key, team and model, however many calls); only the partial days at either edge are
 * read from the ledger, through its (key, time), (team, time) and BRIN time indexes. Rows the
 * ledger flush has not written yet are not included. Pruned ledger rows still count in whole days
 * (the rollup keeps them) but no longer in partial edge days.
 */
export function createSpendReport(
  context: StoreContext,
): (query: SpendReportQuery, options?: AdminCallOptions) => Promise<SpendReportRow[]> {
  const { schema, settings } = context;
  const statements = new Map<SpendReportGroup, string>();
  for (const group of SPEND_REPORT_GROUPS) {
    const grouping = GROUPINGS[group];
    statements.set(
      group,
      `WITH rows AS (
  SELECT d.day, nullif(d.key_id, ${NIL_UUID}) AS key_id, nullif(d.team_id, ${NIL_UUID}) AS team_id, d.model,
    d.requests, d.errors, d.input_tokens, d.output_tokens, d.cached_tokens, d.reasoning_tokens, d.cost
  FROM ${schema}.hub_spend_daily d
  WHERE $4::boolean AND ($5::date IS NULL OR d.day >= $5::date) AND d.day < $6::date
    AND ($1::uuid IS NULL OR d.key_id = $1::uuid) AND ($2::uuid IS NULL OR d.team_id = $2::uuid)
    AND ($3::text IS NULL OR d.model = $3::text)
  UNION ALL
  SELECT (l.occurred_at AT TIME ZONE 'UTC')::date, l.key_id, l.team_id, l.model,
    1, CASE WHEN l.status = 'success' THEN 0 ELSE 1 END, l.input_tokens, l.output_tokens, l.cached_tokens,
    l.reasoning_tokens, l.cost
  FROM ${schema}.hub_spend_ledger l
  WHERE ($7::timestamptz IS NULL OR l.occurred_at >= $7::timestamptz) AND l.occurred_at < $8::timestamptz
    AND (NOT $4::boolean OR ($9::timestamptz IS NOT NULL AND l.occurred_at < $9::timestamptz)
      OR l.occurred_at >= $10::timestamptz)
    AND ($1::uuid IS NULL OR l.key_id = $1::uuid) AND ($2::uuid IS NULL OR l.team_id = $2::uuid)
    AND ($3::text IS NULL OR l.model = $3::text)
),
g AS (
  SELECT ${grouping.expression} AS grp, sum(requests) AS requests, sum(errors) AS errors,
    sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cached_tokens) AS cached_tokens,
    sum(reasoning_tokens) AS reasoning_tokens, sum(cost) AS cost
  FROM rows GROUP BY 1
)
SELECT g.grp::text AS grp, ${grouping.name} AS name, g.requests::float8 AS requests, g.errors::float8 AS errors,
  g.input_tokens::float8 AS input_tokens, g.output_tokens::float8 AS output_tokens,
  g.cached_tokens::float8 AS cached_tokens, g.reasoning_tokens::float8 AS reasoning_tokens, g.cost::float8 AS cost
FROM g ${grouping.join.replaceAll('{schema}', schema)}
ORDER BY ${grouping.order} NULLS LAST LIMIT $11`,
    );
  }

  return (query, options) => {
    const filter = requireObject(query, 'query');
    const groupBy = filter.groupBy as SpendReportGroup;
    if (!SPEND_REPORT_GROUPS.includes(groupBy)) {
      throw invalidInput('groupBy', `expected one of ${SPEND_REPORT_GROUPS.join(', ')}.`);
    }
    const keyId = filter.keyId === undefined ? null : requireId(filter.keyId, 'keyId');
    const teamId = filter.teamId === undefined ? null : requireId(filter.teamId, 'teamId');
    if (
      filter.model !== undefined &&
      (typeof filter.model !== 'string' || filter.model === '' || filter.model.length > 256)
    ) {
      throw invalidInput('model', 'expected 1 to 256 characters.');
    }
    const model = (filter.model as string | undefined) ?? null;
    const from = filter.from === undefined ? null : requireDate(filter.from, 'from').getTime();
    const to = filter.to === undefined ? settings.now() : requireDate(filter.to, 'to').getTime();
    if (from !== null && from >= to) throw invalidInput('from', 'must be before "to".');
    const limit = limitOf(filter.limit, 'limit', 1000, 10_000);
    // whole days: from the first midnight at or after `from` to the last midnight at or before `to`
    const fullFrom = from === null ? null : Math.ceil(from / DAY_MS) * DAY_MS;
    const fullTo = Math.floor(to / DAY_MS) * DAY_MS;
    const useRollup = fullFrom === null || fullFrom < fullTo;
    const statement = statements.get(groupBy) as string;
    return adminRead(context, options, 'building a spend report', async (session) => {
      const rows = await session.query<ReportRow>(statement, [
        keyId,
        teamId,
        model,
        useRollup,
        fullFrom === null ? null : isoDay(fullFrom),
        isoDay(fullTo),
        from === null ? null : new Date(from).toISOString(),
        new Date(to).toISOString(),
        fullFrom === null ? null : new Date(fullFrom).toISOString(),
        new Date(fullTo).toISOString(),
        limit,
      ]);
      return rows.map((row) => ({
        group: row.grp,
        name: row.name,
        requests: row.requests,
        errors: row.errors,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cachedTokens: row.cached_tokens,
        reasoningTokens: row.reasoning_tokens,
        totalTokens: row.input_tokens + row.output_tokens,
        cost: row.cost,
      }));
    });
  };
}
