/**
 * The governance admin API's records as the pages use them. The API is the gateway's `/admin/…`
 * (reached through `/ui/api/admin/…`); these readers accept its JSON and fill gaps with null.
 */

export type BudgetPeriod = 'daily' | 'weekly' | 'monthly' | 'total';
export const BUDGET_PERIODS: readonly BudgetPeriod[] = ['daily', 'weekly', 'monthly', 'total'];

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly budgetUsd: number | null;
  readonly budgetPeriod: BudgetPeriod | null;
  readonly requestsPerMinute: number | null;
  readonly tokensPerMinute: number | null;
  readonly models: readonly string[] | null;
}

export interface ApiKey extends Team {
  readonly prefix: string;
  readonly teamId: string | null;
  readonly expiresAt: string | null;
  readonly revoked: boolean;
  readonly createdAt: string | null;
}

export interface Usage {
  readonly spentUsd: number;
  readonly budgetUsd: number | null;
  readonly requests: number;
  readonly period: string | null;
}

export interface SpendRow {
  readonly group: string;
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

type Json = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && value !== '' && Number.isFinite(Number(value))
      ? Number(value)
      : null;
const first = (record: Json, ...names: string[]): unknown => {
  for (const name of names) if (record[name] !== undefined && record[name] !== null) return record[name];
  return null;
};

/** The items of a list answer (`{ data: [...] }` or a bare array). */
export function listOf(answer: unknown): Json[] {
  if (Array.isArray(answer)) return answer as Json[];
  const record = (answer ?? {}) as Json;
  for (const name of ['data', 'items', 'keys', 'teams', 'rows']) {
    if (Array.isArray(record[name])) return record[name] as Json[];
  }
  return [];
}

export function readTeam(record: Json): Team {
  const models = first(record, 'models', 'allowedModels');
  const period = text(first(record, 'budgetPeriod'));
  return {
    id: String(record.id ?? ''),
    name: text(record.name) ?? String(record.id ?? ''),
    budgetUsd: count(first(record, 'budgetUsd', 'budget')),
    budgetPeriod: (period as BudgetPeriod | null) ?? null,
    requestsPerMinute: count(first(record, 'requestsPerMinute', 'rpm')),
    tokensPerMinute: count(first(record, 'tokensPerMinute', 'tpm')),
    models: Array.isArray(models) ? models.map(String) : null,
  };
}

export function readKey(record: Json): ApiKey {
  const status = text(record.status);
  return {
    ...readTeam(record),
    prefix: text(record.prefix) ?? '',
    teamId: text(record.teamId),
    expiresAt: text(record.expiresAt),
    revoked: record.revoked === true || status === 'revoked' || text(record.revokedAt) !== null,
    createdAt: text(record.createdAt),
  };
}

export function readUsage(record: Json): Usage {
  return {
    spentUsd: count(first(record, 'spentUsd', 'spent', 'costUsd', 'cost')) ?? 0,
    budgetUsd: count(first(record, 'budgetUsd', 'budget')),
    requests: count(record.requests) ?? 0,
    period: text(first(record, 'period', 'budgetPeriod')),
  };
}

export function readSpendRow(record: Json): SpendRow {
  const group = String(first(record, 'group', 'day', 'model', 'keyId', 'teamId') ?? '');
  return {
    group,
    name: text(record.name) ?? group,
    requests: count(record.requests) ?? 0,
    errors: count(record.errors) ?? 0,
    inputTokens: count(record.inputTokens) ?? 0,
    outputTokens: count(record.outputTokens) ?? 0,
    costUsd: count(first(record, 'costUsd', 'cost')) ?? 0,
  };
}
