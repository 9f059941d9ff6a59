import type { BudgetPeriod } from '../model/budget-period.js';
import type { Team } from '../model/team.js';
import type { VirtualKey } from '../model/virtual-key.js';

/** A team row as selected by `teamColumns`. */
export interface TeamRow {
  readonly id: string;
  readonly name: string;
  readonly budget: number | null;
  readonly budget_period: BudgetPeriod;
  readonly allowed_models: string[] | null;
  readonly rpm: number | null;
  readonly tpm: number | null;
  readonly metadata: Record<string, unknown>;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** A key row as selected by `keyColumns`. */
export interface KeyRow extends TeamRow {
  readonly team_id: string | null;
  readonly prefix: string;
  readonly expires_at: Date | null;
  readonly revoked_at: Date | null;
}

/** The select list of a team row (numeric read as float8, so both drivers return numbers). */
export function teamColumns(alias: string, prefix = ''): string {
  return [
    `${alias}.id AS ${prefix}id`,
    `${alias}.name AS ${prefix}name`,
    `${alias}.budget::float8 AS ${prefix}budget`,
    `${alias}.budget_period AS ${prefix}budget_period`,
    `${alias}.allowed_models AS ${prefix}allowed_models`,
    `${alias}.rpm AS ${prefix}rpm`,
    `${alias}.tpm AS ${prefix}tpm`,
    `${alias}.metadata AS ${prefix}metadata`,
    `${alias}.created_at AS ${prefix}created_at`,
    `${alias}.updated_at AS ${prefix}updated_at`,
  ].join(', ');
}

/** The select list of a key row. */
export function keyColumns(alias: string, prefix = ''): string {
  return [
    teamColumns(alias, prefix),
    `${alias}.team_id AS ${prefix}team_id`,
    `${alias}.prefix AS ${prefix}prefix`,
    `${alias}.expires_at AS ${prefix}expires_at`,
    `${alias}.revoked_at AS ${prefix}revoked_at`,
  ].join(', ');
}

/** A date from either driver (both return `Date` for timestamptz; strings are tolerated). */
function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function nullableDate(value: Date | string | null): Date | null {
  return value === null ? null : toDate(value);
}

/** The public, frozen form of a team row. */
export function toTeam(row: TeamRow): Team {
  return Object.freeze({
    id: row.id,
    name: row.name,
    budget: row.budget === null ? null : Number(row.budget),
    budgetPeriod: row.budget_period,
    allowedModels: row.allowed_models === null ? null : Object.freeze([...row.allowed_models]),
    rpm: row.rpm,
    tpm: row.tpm,
    metadata: Object.freeze({ ...row.metadata }),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  });
}

/** The public, frozen form of a key row. */
export function toVirtualKey(row: KeyRow): VirtualKey {
  const team = toTeam(row);
  const revokedAt = nullableDate(row.revoked_at);
  return Object.freeze({
    id: team.id,
    name: team.name,
    teamId: row.team_id,
    prefix: row.prefix,
    allowedModels: team.allowedModels,
    budget: team.budget,
    budgetPeriod: team.budgetPeriod,
    rpm: team.rpm,
    tpm: team.tpm,
    expiresAt: nullableDate(row.expires_at),
    revoked: revokedAt !== null,
    revokedAt,
    metadata: team.metadata,
    createdAt: team.createdAt,
    updatedAt: team.updatedAt,
  });
}

/** Picks the columns selected with `prefix` out of a joined row. */
export function unprefix<Row>(row: Record<string, unknown>, prefix: string): Row {
  const picked: Record<string, unknown> = {};
  for (const name of Object.keys(row)) {
    if (name.startsWith(prefix)) picked[name.slice(prefix.length)] = row[name];
  }
  return picked as Row;
}
