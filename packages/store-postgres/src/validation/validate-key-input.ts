import type { BudgetPeriod } from '../model/budget-period.js';
import {
  nullableBudget,
  nullableDate,
  nullableId,
  nullableModels,
  nullableRate,
  rejectUnknownFields,
  requireMetadata,
  requireName,
  requireObject,
  requirePeriod,
} from './field-validators.js';

/** Key fields checked and normalized; only the fields that were given. */
export interface KeyColumns {
  name?: string;
  teamId?: string | null;
  allowedModels?: string[] | null;
  budget?: number | null;
  budgetPeriod?: BudgetPeriod;
  rpm?: number | null;
  tpm?: number | null;
  expiresAt?: Date | null;
  metadata?: Record<string, unknown>;
}

const KEY_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'teamId',
  'allowedModels',
  'budget',
  'budgetPeriod',
  'rpm',
  'tpm',
  'expiresAt',
  'metadata',
]);

/**
 * Checks a `KeyInput` (`partial: false`, `name` required) or a `KeyPatch` (`partial: true`).
 *
 * @throws ConnectorError `invalid_request` naming the first bad field.
 */
export function validateKeyInput(input: unknown, partial: boolean): KeyColumns {
  const object = requireObject(input, partial ? 'patch' : 'key');
  rejectUnknownFields(object, KEY_FIELDS, partial ? 'A key patch' : 'A key');
  const columns: KeyColumns = {};
  if (!partial || object.name !== undefined) columns.name = requireName(object.name, 'name');
  if (object.teamId !== undefined) columns.teamId = nullableId(object.teamId, 'teamId');
  if (object.allowedModels !== undefined) {
    columns.allowedModels = nullableModels(object.allowedModels, 'allowedModels');
  }
  if (object.budget !== undefined) columns.budget = nullableBudget(object.budget, 'budget');
  if (object.budgetPeriod !== undefined)
    columns.budgetPeriod = requirePeriod(object.budgetPeriod, 'budgetPeriod');
  if (object.rpm !== undefined) columns.rpm = nullableRate(object.rpm, 'rpm');
  if (object.tpm !== undefined) columns.tpm = nullableRate(object.tpm, 'tpm');
  if (object.expiresAt !== undefined) columns.expiresAt = nullableDate(object.expiresAt, 'expiresAt');
  if (object.metadata !== undefined) columns.metadata = requireMetadata(object.metadata, 'metadata');
  return columns;
}
