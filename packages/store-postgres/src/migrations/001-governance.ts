/**
 * Teams, virtual keys and their secrets, budget usage per period, in-flight reservations, the
 * spend ledger with its daily rollup, and `hub_reserve`, the one statement that reserves a batch
 * of calls. `{schema}` is replaced by the quoted schema name. Never edit an applied migration:
 * add a new one (the runner refuses a changed checksum).
 */
export const MIGRATION_001_GOVERNANCE = `
CREATE TABLE {schema}.hub_teams (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  budget numeric CHECK (budget >= 0),
  budget_period text NOT NULL DEFAULT 'monthly'
    CHECK (budget_period IN ('daily', 'weekly', 'monthly', 'total')),
  allowed_models text[],
  rpm integer CHECK (rpm > 0),
  tpm integer CHECK (tpm > 0),
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT hub_teams_name_unique UNIQUE (name)
);

CREATE TABLE {schema}.hub_keys (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  -- a team with keys cannot be deleted: its keys would silently escape the team budget
  team_id uuid REFERENCES {schema}.hub_teams (id) ON DELETE RESTRICT,
  prefix text NOT NULL,
  allowed_models text[],
  budget numeric CHECK (budget >= 0),
  budget_period text NOT NULL DEFAULT 'monthly'
    CHECK (budget_period IN ('daily', 'weekly', 'monthly', 'total')),
  rpm integer CHECK (rpm > 0),
  tpm integer CHECK (tpm > 0),
  expires_at timestamptz,
  revoked_at timestamptz,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX hub_keys_team_id ON {schema}.hub_keys (team_id);

-- A key has one current secret and the ones rotated away (revoked_at set, possibly in the future
-- for a grace period). Only SHA-256 hashes are stored, never a secret.
CREATE TABLE {schema}.hub_key_secrets (
  hash text PRIMARY KEY,
  key_id uuid NOT NULL REFERENCES {schema}.hub_keys (id) ON DELETE CASCADE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX hub_key_secrets_key_id ON {schema}.hub_key_secrets (key_id);

-- Spend of one key or team in one budget period. A new period is a new row, so a call reserved
-- before a rollover settles into the period it was admitted in. spent + reserved <= budget holds
-- at every admission.
CREATE TABLE {schema}.hub_budget_usage (
  scope text NOT NULL CHECK (scope IN ('key', 'team')),
  subject_id uuid NOT NULL,
  period_start timestamptz NOT NULL,
  spent numeric NOT NULL DEFAULT 0,
  reserved numeric NOT NULL DEFAULT 0,
  requests bigint NOT NULL DEFAULT 0,
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cached_tokens bigint NOT NULL DEFAULT 0,
  reasoning_tokens bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, subject_id, period_start)
);

-- Estimates held for calls in flight. A row that outlives its expiry (its replica crashed before
-- settling) is charged at its estimate by the sweep, so a crash never loses the spend. Rows live
-- only while their call is in flight, so the table stays small and the sweep scans it without an
-- index on expires_at (one index less to update on every reservation and settle).
CREATE TABLE {schema}.hub_reservations (
  id uuid PRIMARY KEY,
  key_id uuid NOT NULL,
  key_period_start timestamptz NOT NULL,
  team_id uuid,
  team_period_start timestamptz,
  estimate numeric NOT NULL,
  model text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- One row per call: counts, ids and timings, never prompt or answer text. Ids are UUIDv7, so
-- inserts append at the right edge of the primary key. No foreign keys: history survives deleted
-- keys and inserts take no locks on keys or teams.
CREATE TABLE {schema}.hub_spend_ledger (
  id uuid PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  key_id uuid,
  team_id uuid,
  route text,
  provider text,
  model text NOT NULL,
  operation text NOT NULL,
  input_tokens integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  cached_tokens integer NOT NULL DEFAULT 0,
  reasoning_tokens integer NOT NULL DEFAULT 0,
  cost numeric NOT NULL,
  status text NOT NULL CHECK (status IN ('success', 'error', 'cancelled', 'expired')),
  latency_ms integer,
  request_id text
);
CREATE INDEX hub_spend_ledger_key_time ON {schema}.hub_spend_ledger (key_id, occurred_at);
CREATE INDEX hub_spend_ledger_team_time ON {schema}.hub_spend_ledger (team_id, occurred_at);
-- rows arrive in time order: a BRIN index answers time ranges at a tiny fraction of a B-tree's size
CREATE INDEX hub_spend_ledger_time ON {schema}.hub_spend_ledger USING brin (occurred_at);

-- Daily totals kept in the same statement that writes the ledger, so reports read one row per
-- day, key, team and model instead of every call. The nil UUID stands for "no key" or "no team"
-- (a primary key column cannot be null).
CREATE TABLE {schema}.hub_spend_daily (
  day date NOT NULL,
  key_id uuid NOT NULL,
  team_id uuid NOT NULL,
  model text NOT NULL,
  requests bigint NOT NULL,
  errors bigint NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  cached_tokens bigint NOT NULL,
  reasoning_tokens bigint NOT NULL,
  cost numeric NOT NULL,
  PRIMARY KEY (day, key_id, team_id, model)
);
CREATE INDEX hub_spend_daily_key_day ON {schema}.hub_spend_daily (key_id, day);
CREATE INDEX hub_spend_daily_team_day ON {schema}.hub_spend_daily (team_id, day);

-- Reserves a batch of calls in one statement. p_groups is a small JSON array of the distinct
-- [{g, key_id, key_period, team_id, team_period, model}] of the batch (usually one); the items are
-- three arrays read once each: p_ids (reservation ids), p_group_of (index into p_groups) and
-- p_estimates (USD). Every usage row the batch touches is locked first, in one global order
-- (scope, subject, period), which is also the order the ledger flush locks them in: concurrent
-- batches and flushes queue behind each other and never deadlock. When every touched budget has
-- room for the whole batch (the common case) all items are admitted with one UPDATE and one
-- INSERT, and the answer is the single row (-1, 'all_admitted'). Otherwise items are decided one by
-- one, in order, against the locked totals: admitted only if the key's AND the team's
-- spent + reserved + estimate stays within budget (and is below it, so a zero estimate cannot pass
-- a spent budget); the answer is one row per item. Budgets, revocation and expiry are read from
-- the tables, not from any replica's cache.
--
-- Unless p_synchronous, the commit does not wait for the WAL to reach disk (synchronous_commit
-- off for this transaction only; visibility to other sessions is immediate either way). A
-- database crash can then lose the last fraction of a second of reservations: those calls are
-- still charged when they settle (settling needs no reservation row), they only stopped holding
-- their estimate early. Ledger flushes always commit synchronously.
CREATE FUNCTION {schema}.hub_reserve(p_groups json, p_ids uuid[], p_group_of integer[], p_estimates numeric[],
  p_now timestamptz, p_expires_at timestamptz, p_synchronous boolean)
RETURNS TABLE (idx integer, outcome text, budget float8, committed float8)
LANGUAGE plpgsql
-- one plan for every call: re-planning each statement for each batch cost more than running it
SET plan_cache_mode = force_generic_plan
AS $function$
#variable_conflict use_column
DECLARE
  usage_row record;
  item record;
  all_fit boolean;
  row_names text[] := ARRAY[]::text[];
  row_scopes text[] := ARRAY[]::text[];
  row_subjects uuid[] := ARRAY[]::uuid[];
  row_periods timestamptz[] := ARRAY[]::timestamptz[];
  row_committed numeric[] := ARRAY[]::numeric[];
  row_budgets numeric[] := ARRAY[]::numeric[];
  row_states text[] := ARRAY[]::text[];
  row_deltas numeric[] := ARRAY[]::numeric[];
  group_keys text[];
  group_teams text[];
  admitted boolean[];
  key_at integer;
  team_at integer;
BEGIN
  IF NOT p_synchronous THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;

  INSERT INTO {schema}.hub_budget_usage (scope, subject_id, period_start)
  SELECT DISTINCT touched.scope, touched.subject_id, touched.period_start
  FROM json_to_recordset(p_groups) AS grp(key_id uuid, key_period timestamptz, team_id uuid, team_period timestamptz)
  CROSS JOIN LATERAL (VALUES ('key', grp.key_id, grp.key_period), ('team', grp.team_id, grp.team_period))
    AS touched(scope, subject_id, period_start)
  WHERE touched.subject_id IS NOT NULL
  ORDER BY 1, 2, 3
  ON CONFLICT DO NOTHING;

  WITH per_group AS (
    SELECT item.g, sum(item.estimate) AS total FROM unnest(p_group_of, p_estimates) AS item(g, estimate) GROUP BY item.g
  ),
  totals AS (
    SELECT touched.scope, touched.subject_id, touched.period_start, sum(per_group.total) AS total
    FROM json_to_recordset(p_groups) AS grp(g integer, key_id uuid, key_period timestamptz, team_id uuid, team_period timestamptz)
    JOIN per_group ON per_group.g = grp.g
    CROSS JOIN LATERAL (VALUES ('key', grp.key_id, grp.key_period), ('team', grp.team_id, grp.team_period))
      AS touched(scope, subject_id, period_start)
    WHERE touched.subject_id IS NOT NULL
    GROUP BY 1, 2, 3
  ),
  locked AS (
    SELECT u.scope, u.subject_id, u.period_start, u.spent + u.reserved AS committed,
      CASE u.scope WHEN 'key' THEN k.budget ELSE t.budget END AS budget,
      CASE
        WHEN u.scope = 'team' THEN 'ok'
        WHEN k.id IS NULL OR k.revoked_at IS NOT NULL THEN 'key_revoked'
        WHEN k.expires_at IS NOT NULL AND k.expires_at <= p_now THEN 'key_expired'
        ELSE 'ok'
      END AS state
    FROM {schema}.hub_budget_usage u
    LEFT JOIN {schema}.hub_keys k ON u.scope = 'key' AND k.id = u.subject_id
    LEFT JOIN {schema}.hub_teams t ON u.scope = 'team' AND t.id = u.subject_id
    WHERE (u.scope, u.subject_id, u.period_start) IN (SELECT scope, subject_id, period_start FROM totals)
    ORDER BY u.scope, u.subject_id, u.period_start
    FOR UPDATE OF u
  )
  SELECT coalesce(bool_and(locked.scope IS NOT NULL AND locked.state = 'ok' AND (locked.budget IS NULL
      OR (locked.committed < locked.budget AND locked.committed + totals.total <= locked.budget))), true)
  INTO all_fit
  FROM totals LEFT JOIN locked USING (scope, subject_id, period_start);

  IF all_fit THEN
    UPDATE {schema}.hub_budget_usage u SET reserved = u.reserved + totals.total
    FROM (
      SELECT touched.scope, touched.subject_id, touched.period_start, sum(per_group.total) AS total
      FROM json_to_recordset(p_groups) AS grp(g integer, key_id uuid, key_period timestamptz, team_id uuid, team_period timestamptz)
      JOIN (SELECT item.g, sum(item.estimate) AS total FROM unnest(p_group_of, p_estimates) AS item(g, estimate) GROUP BY item.g)
        AS per_group ON per_group.g = grp.g
      CROSS JOIN LATERAL (VALUES ('key', grp.key_id, grp.key_period), ('team', grp.team_id, grp.team_period))
        AS touched(scope, subject_id, period_start)
      WHERE touched.subject_id IS NOT NULL
      GROUP BY 1, 2, 3
    ) AS totals
    WHERE totals.total <> 0 AND u.scope = totals.scope AND u.subject_id = totals.subject_id
      AND u.period_start = totals.period_start;
    INSERT INTO {schema}.hub_reservations
      (id, key_id, key_period_start, team_id, team_period_start, estimate, model, created_at, expires_at)
    SELECT item.id, grp.key_id, grp.key_period, grp.team_id, grp.team_period, item.estimate, grp.model, p_now, p_expires_at
    FROM unnest(p_ids, p_group_of, p_estimates) AS item(id, g, estimate)
    JOIN json_to_recordset(p_groups) AS grp(g integer, key_id uuid, key_period timestamptz, team_id uuid,
      team_period timestamptz, model text) ON grp.g = item.g;
    idx := -1;
    outcome := 'all_admitted';
    budget := NULL;
    committed := NULL;
    RETURN NEXT;
    RETURN;
  END IF;

  -- some budget is near its limit: decide item by item against the rows locked above
  FOR usage_row IN
    SELECT u.scope, u.subject_id, u.period_start, u.spent + u.reserved AS committed,
      CASE u.scope WHEN 'key' THEN k.budget ELSE t.budget END AS budget,
      CASE
        WHEN u.scope = 'team' THEN 'ok'
        WHEN k.id IS NULL OR k.revoked_at IS NOT NULL THEN 'key_revoked'
        WHEN k.expires_at IS NOT NULL AND k.expires_at <= p_now THEN 'key_expired'
        ELSE 'ok'
      END AS state
    FROM {schema}.hub_budget_usage u
    LEFT JOIN {schema}.hub_keys k ON u.scope = 'key' AND k.id = u.subject_id
    LEFT JOIN {schema}.hub_teams t ON u.scope = 'team' AND t.id = u.subject_id
    WHERE (u.scope, u.subject_id, u.period_start) IN (
      SELECT touched.scope, touched.subject_id, touched.period_start
      FROM json_to_recordset(p_groups) AS grp(key_id uuid, key_period timestamptz, team_id uuid, team_period timestamptz)
      CROSS JOIN LATERAL (VALUES ('key', grp.key_id, grp.key_period), ('team', grp.team_id, grp.team_period))
        AS touched(scope, subject_id, period_start)
      WHERE touched.subject_id IS NOT NULL
    )
    ORDER BY u.scope, u.subject_id, u.period_start
    FOR UPDATE OF u
  LOOP
    row_names := row_names || (usage_row.scope || '/' || usage_row.subject_id || '/' || extract(epoch FROM usage_row.period_start));
    row_scopes := row_scopes || usage_row.scope;
    row_subjects := row_subjects || usage_row.subject_id;
    row_periods := row_periods || usage_row.period_start;
    row_committed := row_committed || usage_row.committed;
    row_budgets := row_budgets || usage_row.budget;
    row_states := row_states || usage_row.state;
    row_deltas := row_deltas || 0::numeric;
  END LOOP;

  -- each group's key and team row names, by group index (1-based)
  SELECT array_agg('key/' || grp.key_id || '/' || extract(epoch FROM grp.key_period) ORDER BY grp.g),
    array_agg(CASE WHEN grp.team_id IS NULL THEN NULL
      ELSE 'team/' || grp.team_id || '/' || extract(epoch FROM grp.team_period) END ORDER BY grp.g)
  INTO group_keys, group_teams
  FROM json_to_recordset(p_groups) AS grp(g integer, key_id uuid, key_period timestamptz, team_id uuid, team_period timestamptz);

  admitted := array_fill(false, ARRAY[coalesce(array_length(p_ids, 1), 0)]);
  FOR item IN
    SELECT (u.ord - 1)::integer AS position, u.g, u.estimate
    FROM unnest(p_group_of, p_estimates) WITH ORDINALITY AS u(g, estimate, ord)
    ORDER BY u.ord
  LOOP
    key_at := array_position(row_names, group_keys[item.g + 1]);
    team_at := CASE WHEN group_teams[item.g + 1] IS NULL THEN NULL ELSE array_position(row_names, group_teams[item.g + 1]) END;
    idx := item.position;
    budget := NULL;
    committed := NULL;
    IF key_at IS NULL THEN
      -- the key was deleted between this replica's lookup and now
      outcome := 'key_revoked';
    ELSIF row_states[key_at] <> 'ok' THEN
      outcome := row_states[key_at];
    ELSIF row_budgets[key_at] IS NOT NULL AND (row_committed[key_at] >= row_budgets[key_at]
        OR row_committed[key_at] + item.estimate > row_budgets[key_at]) THEN
      outcome := 'key_budget';
      budget := row_budgets[key_at];
      committed := row_committed[key_at];
    ELSIF team_at IS NOT NULL AND row_budgets[team_at] IS NOT NULL AND (row_committed[team_at] >= row_budgets[team_at]
        OR row_committed[team_at] + item.estimate > row_budgets[team_at]) THEN
      outcome := 'team_budget';
      budget := row_budgets[team_at];
      committed := row_committed[team_at];
    ELSE
      outcome := 'admitted';
      row_committed[key_at] := row_committed[key_at] + item.estimate;
      row_deltas[key_at] := row_deltas[key_at] + item.estimate;
      IF team_at IS NOT NULL THEN
        row_committed[team_at] := row_committed[team_at] + item.estimate;
        row_deltas[team_at] := row_deltas[team_at] + item.estimate;
      END IF;
      admitted[item.position + 1] := true;
    END IF;
    RETURN NEXT;
  END LOOP;

  UPDATE {schema}.hub_budget_usage u SET reserved = u.reserved + d.delta
  FROM unnest(row_scopes, row_subjects, row_periods, row_deltas) AS d(scope, subject_id, period_start, delta)
  WHERE d.delta <> 0 AND u.scope = d.scope AND u.subject_id = d.subject_id AND u.period_start = d.period_start;

  INSERT INTO {schema}.hub_reservations
    (id, key_id, key_period_start, team_id, team_period_start, estimate, model, created_at, expires_at)
  SELECT item.id, grp.key_id, grp.key_period, grp.team_id, grp.team_period, item.estimate, grp.model, p_now, p_expires_at
  FROM unnest(p_ids, p_group_of, p_estimates, admitted) AS item(id, g, estimate, ok)
  JOIN json_to_recordset(p_groups) AS grp(g integer, key_id uuid, key_period timestamptz, team_id uuid,
    team_period timestamptz, model text) ON grp.g = item.g
  WHERE item.ok;
END
$function$;
`;
