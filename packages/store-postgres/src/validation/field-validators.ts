import { invalidInput } from '../errors/store-errors.js';
import { BUDGET_PERIODS, type BudgetPeriod } from '../model/budget-period.js';

// The bounds of everything an admin API caller controls, so a stored row stays small.
export const MAX_NAME_LENGTH = 200;
export const MAX_MODEL_PATTERNS = 1000;
export const MAX_MODEL_LENGTH = 256;
export const MAX_METADATA_BYTES = 16_384;
const MAX_BUDGET_USD = 1e12;
const MAX_INT = 2_147_483_647;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses fields the input type does not have, so a misspelt field is not silently ignored. */
export function rejectUnknownFields(input: object, allowed: ReadonlySet<string>, subject: string): void {
  for (const field of Object.keys(input)) {
    if (!allowed.has(field)) throw invalidInput(field, `${subject} has no field "${field}".`);
  }
}

/** An object given where one is required. */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(field, 'expected an object.');
  }
  return value as Record<string, unknown>;
}

/** A UUID (any version), lower-cased. */
export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalidInput(field, 'expected a UUID.');
  return value.toLowerCase();
}

/** A UUID or null. */
export function nullableId(value: unknown, field: string): string | null {
  return value === null ? null : requireId(value, field);
}

/** A name of 1–200 characters, trimmed. */
export function requireName(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalidInput(field, 'expected a string.');
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) {
    throw invalidInput(field, `expected 1 to ${MAX_NAME_LENGTH} characters.`);
  }
  return trimmed;
}

/** A budget in USD (finite, >= 0) or null for none. */
export function nullableBudget(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_BUDGET_USD) {
    throw invalidInput(field, `expected a number of USD from 0 to ${MAX_BUDGET_USD}, or null.`);
  }
  return value;
}

/** One of `daily`, `weekly`, `monthly`, `total`. */
export function requirePeriod(value: unknown, field: string): BudgetPeriod {
  if (!BUDGET_PERIODS.includes(value as BudgetPeriod)) {
    throw invalidInput(field, `expected one of ${BUDGET_PERIODS.join(', ')}.`);
  }
  return value as BudgetPeriod;
}

/** Model patterns (at most 1,000 of 1–256 characters; `*` only at the end) or null for all. */
export function nullableModels(value: unknown, field: string): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw invalidInput(field, 'expected an array of model ids, or null for all.');
  if (value.length > MAX_MODEL_PATTERNS) throw invalidInput(field, `at most ${MAX_MODEL_PATTERNS} models.`);
  return value.map((model: unknown, index) => {
    if (typeof model !== 'string' || model === '' || model.length > MAX_MODEL_LENGTH) {
      throw invalidInput(`${field}[${index}]`, `expected 1 to ${MAX_MODEL_LENGTH} characters.`);
    }
    if (model.indexOf('*') !== -1 && model.indexOf('*') !== model.length - 1) {
      throw invalidInput(`${field}[${index}]`, '"*" may only end a pattern.');
    }
    return model;
  });
}

/** A positive integer (requests or tokens per minute) or null for none. */
export function nullableRate(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_INT) {
    throw invalidInput(field, `expected an integer from 1 to ${MAX_INT}, or null.`);
  }
  return value;
}

/** A `Date` or an ISO 8601 string, or null. */
export function nullableDate(value: unknown, field: string): Date | null {
  if (value === null) return null;
  return requireDate(value, field);
}

/** A `Date` or an ISO 8601 string. */
export function requireDate(value: unknown, field: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw invalidInput(field, 'expected a Date or an ISO 8601 date-time string.');
  }
  return date;
}

/** A JSON object of at most 16 KiB when serialized. */
export function requireMetadata(value: unknown, field: string): Record<string, unknown> {
  const object = requireObject(value, field);
  let serialized: string;
  try {
    serialized = JSON.stringify(object);
  } catch {
    throw invalidInput(field, 'expected a JSON-serializable object.');
  }
  if (Buffer.byteLength(serialized) > MAX_METADATA_BYTES) {
    throw invalidInput(field, `at most ${MAX_METADATA_BYTES} bytes of JSON.`);
  }
  return JSON.parse(serialized) as Record<string, unknown>;
}

/** An integer page size from 1 to `max`, `fallback` when undefined. */
export function limitOf(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidInput(field, `expected an integer from 1 to ${max}.`);
  }
  return value;
}
