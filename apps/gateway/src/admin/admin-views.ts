import type {
  CreatedKey,
  KeyUsage,
  PeriodUsage,
  SpendReportRow,
  Team,
  TeamUsage,
  VirtualKey,
} from '@hub/store-postgres';

// The admin API's JSON, one function per shape; the README's "Admin API" section shows each.
// Field names match the request bodies (`budgetUsd`, `models`, `requestsPerMinute`, …); times are
// ISO 8601 strings in UTC; absent values are null, never missing.

const iso = (date: Date | null | undefined): string | null => (date == null ? null : date.toISOString());

/** A team. */
export function teamView(team: Team) {
  return {
    id: team.id,
    object: 'team' as const,
    name: team.name,
    models: team.allowedModels,
    budgetUsd: team.budget,
    budgetPeriod: team.budgetPeriod,
    requestsPerMinute: team.rpm,
    tokensPerMinute: team.tpm,
    metadata: team.metadata,
    createdAt: iso(team.createdAt),
    updatedAt: iso(team.updatedAt),
  };
}

/** A key as listed and read: its display `prefix`, never its secret. */
export function keyView(key: VirtualKey) {
  return {
    id: key.id,
    object: 'key' as const,
    name: key.name,
    teamId: key.teamId,
    prefix: key.prefix,
    models: key.allowedModels,
    budgetUsd: key.budget,
    budgetPeriod: key.budgetPeriod,
    requestsPerMinute: key.rpm,
    tokensPerMinute: key.tpm,
    expiresAt: iso(key.expiresAt),
    revoked: key.revoked,
    revokedAt: iso(key.revokedAt),
    metadata: key.metadata,
    createdAt: iso(key.createdAt),
    updatedAt: iso(key.updatedAt),
  };
}

/** A key just created or rotated: `key` holds the secret, shown this once. */
export function createdKeyView(created: CreatedKey) {
  const { id, name, ...rest } = keyView(created);
  return { id, key: created.key, name, ...rest };
}

function periodView(usage: PeriodUsage) {
  return {
    period: usage.period,
    periodStart: iso(usage.periodStart),
    periodEnd: iso(usage.periodEnd),
    budgetUsd: usage.budget,
    spentUsd: usage.spent,
    reservedUsd: usage.reserved,
    remainingUsd: usage.remaining,
    requests: usage.requests,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedTokens: usage.cachedTokens,
    reasoningTokens: usage.reasoningTokens,
  };
}

/** A key's current period, and its team's (null without a team). */
export function keyUsageView(usage: KeyUsage) {
  return {
    object: 'key.usage' as const,
    keyId: usage.keyId,
    ...periodView(usage),
    team: usage.team === undefined ? null : { teamId: usage.team.teamId, ...periodView(usage.team) },
  };
}

/** A team's current period. */
export function teamUsageView(usage: TeamUsage) {
  return { object: 'team.usage' as const, teamId: usage.teamId, ...periodView(usage) };
}

/** One row of a spend report. */
export function spendRowView(row: SpendReportRow) {
  return {
    group: row.group,
    name: row.name,
    requests: row.requests,
    errors: row.errors,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    cachedTokens: row.cachedTokens,
    reasoningTokens: row.reasoningTokens,
    totalTokens: row.totalTokens,
    costUsd: row.cost,
  };
}
