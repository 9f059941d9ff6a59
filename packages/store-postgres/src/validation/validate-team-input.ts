import type { BudgetPeriod } from '../model/budget-period.js';
import {
  nullableBudget,
  nullableModels,
  nullableRate,
  rejectUnknownFields,
  requireMetadata,
  requireName,
  requireObject,
  requirePeriod,
} from './field-validators.js';

/** Team fields checked and normalized; only the fields that were given. */
export interface TeamColumns {
  name?: string;
  budget?: number | null;
  budgetPeriod?: BudgetPeriod;
  allowedModels?: string[] | null;
  rpm?: number | null;
  tpm?: number | null;
  metadata?: Record<string, unknown>;
}

const TEAM_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'budget',
  'budgetPeriod',
  'allowedModels',
  'rpm',
  'tpm',
  'metadata',
]);

/**
 * Checks a `TeamInput` (`partial: false`, `name` required) or a `TeamPatch` (`partial: true`).
 *
 * @throws ConnectorError `invalid_request` naming the first bad field.
 */
export function validateTeamInput(input: unknown, partial: boolean): TeamColumns {
  const object = requireObject(input, partial ? 'patch' : 'team');
  rejectUnknownFields(object, TEAM_FIELDS, partial ? 'A team patch' : 'A team');
  const columns: TeamColumns = {};
  if (!partial || object.name !== undefined) columns.name = requireName(object.name, 'name');
  if (object.budget !== undefined) columns.budget = nullableBudget(object.budget, 'budget');
  if (object.budgetPeriod !== undefined)
    columns.budgetPeriod = requirePeriod(object.budgetPeriod, 'budgetPeriod');
  if (object.allowedModels !== undefined) {
    columns.allowedModels = nullableModels(object.allowedModels, 'allowedModels');
  }
  if (object.rpm !== undefined) columns.rpm = nullableRate(object.rpm, 'rpm');
  if (object.tpm !== undefined) columns.tpm = nullableRate(object.tpm, 'tpm');
  if (object.metadata !== undefined) columns.metadata = requireMetadata(object.metadata, 'metadata');
  return columns;
}
