const NIL_UUID = "'00000000-0000-0000-0000-000000000000'::uuid";

/**
 * The end shared by the flush and the sweep, given two CTEs: `charged` (ledger rows just inserted,
 * with the budget periods they count in) and `released` (reservations just deleted). Spend goes to
 * the periods of `charged`, refunds of held estimates to those of `released`, and each daily
 * rollup row gets its totals. Usage rows are upserted in (scope, subject, period) order, the order
 * `hub_reserve` locks them in, so flushes and reservations never deadlock. A row counts only if
 * this statement inserted it (ON CONFLICT DO NOTHING upstream), which makes a retried flush
 * harmless: nothing is counted twice.
 */
function applyTail(schema: string): string {
  return `,
deltas AS (
  SELECT d.scope, d.subject_id, d.period_start, sum(d.spent) AS spent, sum(d.refund) AS refund,
    sum(d.requests) AS requests, sum(d.input_tokens) AS input_tokens, sum(d.output_tokens) AS output_tokens,
    sum(d.cached_tokens) AS cached_tokens, sum(d.reasoning_tokens) AS reasoning_tokens
  FROM (
    SELECT 'key' AS scope, key_id AS subject_id, key_period AS period_start, cost AS spent, 0::numeric AS refund,
      1 AS requests, input_tokens, output_tokens, cached_tokens, reasoning_tokens
    FROM charged WHERE key_id IS NOT NULL AND key_period IS NOT NULL
    UNION ALL
    SELECT 'team', team_id, team_period, cost, 0::numeric, 1, input_tokens, output_tokens, cached_tokens, reasoning_tokens
    FROM charged WHERE team_id IS NOT NULL AND team_period IS NOT NULL
    UNION ALL
    SELECT 'key', key_id, key_period_start, 0::numeric, estimate, 0, 0, 0, 0, 0 FROM released
    UNION ALL
    SELECT 'team', team_id, team_period_start, 0::numeric, estimate, 0, 0, 0, 0, 0 FROM released WHERE team_id IS NOT NULL
  ) AS d
  GROUP BY d.scope, d.subject_id, d.period_start
),
usage AS (
  INSERT INTO ${schema}.hub_budget_usage AS u
    (scope, subject_id, period_start, spent, reserved, requests, input_tokens, output_tokens, cached_tokens, reasoning_tokens)
  SELECT scope, subject_id, period_start, spent, -refund, requests, input_tokens, output_tokens, cached_tokens, reasoning_tokens
  FROM deltas ORDER BY scope, subject_id, period_start
  ON CONFLICT (scope, subject_id, period_start) DO UPDATE SET
    spent = u.spent + excluded.spent,
    reserved = u.reserved + excluded.reserved,
    requests = u.requests + excluded.requests,
    input_tokens = u.input_tokens + excluded.input_tokens,
    output_tokens = u.output_tokens + excluded.output_tokens,
    cached_tokens = u.cached_tokens + excluded.cached_tokens,
    reasoning_tokens = u.reasoning_tokens + excluded.reasoning_tokens
  RETURNING 1
),
rollup AS (
  INSERT INTO ${schema}.hub_spend_daily AS r
    (day, key_id, team_id, model, requests, errors, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost)
  SELECT (occurred_at AT TIME ZONE 'UTC')::date, coalesce(key_id, ${NIL_UUID}), coalesce(team_id, ${NIL_UUID}), model,
    count(*), count(*) FILTER (WHERE status <> 'success'), sum(input_tokens), sum(output_tokens),
    sum(cached_tokens), sum(reasoning_tokens), sum(cost)
  FROM charged
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, key_id, team_id, model) DO UPDATE SET
    requests = r.requests + excluded.requests,
    errors = r.errors + excluded.errors,
    input_tokens = r.input_tokens + excluded.input_tokens,
    output_tokens = r.output_tokens + excluded.output_tokens,
    cached_tokens = r.cached_tokens + excluded.cached_tokens,
    reasoning_tokens = r.reasoning_tokens + excluded.reasoning_tokens,
    cost = r.cost + excluded.cost
  RETURNING 1
)
SELECT (SELECT count(*) FROM charged)::integer AS charged, (SELECT count(*) FROM released)::integer AS released,
  (SELECT count(*) FROM usage)::integer AS usage_rows, (SELECT count(*) FROM rollup)::integer AS rollup_rows`;
}

/**
 * Writes a batch of settles and releases in ONE statement, so the ledger, the budget usage and the
 * daily rollup never disagree. `$1` is a JSON array of entries (`kind` `settle` or `release`).
 * Every entry's reservation is deleted (its estimate refunded) if it still exists; every settle
 * becomes a ledger row keyed by the reservation id, unless that row exists already (a retry, or
 * the sweep charged the reservation first).
 */
export function flushStatement(schema: string): string {
  return `WITH input AS (
  SELECT * FROM json_to_recordset($1::json) AS i(id uuid, kind text, occurred_at timestamptz, key_id uuid,
    key_period timestamptz, team_id uuid, team_period timestamptz, route text, provider text, model text,
    operation text, input_tokens integer, output_tokens integer, cached_tokens integer, reasoning_tokens integer,
    cost numeric, status text, latency_ms integer, request_id text)
),
released AS (
  DELETE FROM ${schema}.hub_reservations r USING input i WHERE r.id = i.id
  RETURNING r.key_id, r.key_period_start, r.team_id, r.team_period_start, r.estimate
),
inserted AS (
  INSERT INTO ${schema}.hub_spend_ledger (id, occurred_at, key_id, team_id, route, provider, model, operation,
    input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost, status, latency_ms, request_id)
  SELECT id, occurred_at, key_id, team_id, route, provider, model, operation,
    input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost, status, latency_ms, request_id
  FROM input WHERE kind = 'settle' ORDER BY id
  ON CONFLICT (id) DO NOTHING
  RETURNING id, occurred_at, key_id, team_id, model, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost, status
),
charged AS (
  SELECT n.*, i.key_period, i.team_period FROM inserted n JOIN input i ON i.id = n.id
)${applyTail(schema)}`;
}

/**
 * Charges reservations that expired unsettled (their replica died mid-call) at their estimate: a
 * ledger row with status `expired` under the reservation id, in the period it was admitted in.
 * `$1` is now, `$2` the most rows per run. SKIP LOCKED lets several replicas sweep side by side and
 * never waits on a flush that is settling the same reservation.
 */
export function sweepStatement(schema: string): string {
  return `WITH released AS (
  DELETE FROM ${schema}.hub_reservations WHERE id IN (
    SELECT id FROM ${schema}.hub_reservations WHERE expires_at <= $1
    ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
  )
  RETURNING id, key_id, key_period_start, team_id, team_period_start, estimate, model, created_at
),
inserted AS (
  INSERT INTO ${schema}.hub_spend_ledger (id, occurred_at, key_id, team_id, model, operation, cost, status)
  SELECT id, created_at, key_id, team_id, model, 'unknown', estimate, 'expired' FROM released ORDER BY id
  ON CONFLICT (id) DO NOTHING
  RETURNING id, occurred_at, key_id, team_id, model, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost, status
),
charged AS (
  SELECT n.*, r.key_period_start AS key_period, r.team_period_start AS team_period
  FROM inserted n JOIN released r ON r.id = n.id
)${applyTail(schema)}`;
}
