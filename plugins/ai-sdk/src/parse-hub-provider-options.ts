import type { HubEmbeddingProviderOptions, HubProviderOptions } from './hub-provider-options.js';
import { invalidArgument } from './internal/invalid-argument.js';
import { isRecord } from './internal/is-record.js';

type Check = (value: unknown, field: string) => void;

const FIELD = 'providerOptions.hub';

const nonEmptyString: Check = (value, field) => {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalidArgument(field, 'must be a non-empty string');
};
const string: Check = (value, field) => {
  if (typeof value !== 'string') throw invalidArgument(field, 'must be a string');
};
const boolean: Check = (value, field) => {
  if (typeof value !== 'boolean') throw invalidArgument(field, 'must be a boolean');
};
const positiveMilliseconds: Check = (value, field) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw invalidArgument(field, 'must be a positive number of milliseconds');
};
const positiveInteger: Check = (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw invalidArgument(field, 'must be a positive integer');
};
const object: Check = (value, field) => {
  if (!isRecord(value)) throw invalidArgument(field, 'must be an object');
};
const stringRecord: Check = (value, field) => {
  if (!isRecord(value)) throw invalidArgument(field, 'must be an object of strings');
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw invalidArgument(`${field}.${key}`, 'must be a string');
  }
};
const providerParams: Check = (value, field) => {
  if (!isRecord(value)) throw invalidArgument(field, 'must be an object keyed by hub provider id');
  for (const [key, entry] of Object.entries(value)) {
    if (!isRecord(entry)) throw invalidArgument(`${field}.${key}`, 'must be an object of wire fields');
  }
};
const inputType: Check = (value, field) => {
  if (value !== 'query' && value !== 'document')
    throw invalidArgument(field, 'must be "query" or "document"');
};

// the hub validates the inside of `reasoning` (effort, budgetTokens) with its own messages
const COMPLETION_FIELDS: Readonly<Record<keyof HubProviderOptions, Check>> = {
  model: nonEmptyString,
  metadata: stringRecord,
  providerParams,
  parallelToolCalls: boolean,
  reasoning: object,
  user: string,
  timeoutMs: positiveMilliseconds,
  firstByteTimeoutMs: positiveMilliseconds,
  idleTimeoutMs: positiveMilliseconds,
  requestId: nonEmptyString,
};

const EMBEDDING_FIELDS: Readonly<Record<keyof HubEmbeddingProviderOptions, Check>> = {
  model: nonEmptyString,
  metadata: stringRecord,
  providerParams,
  dimensions: positiveInteger,
  inputType,
  user: string,
  timeoutMs: positiveMilliseconds,
  requestId: nonEmptyString,
};

function parse<T>(value: unknown, fields: Readonly<Record<string, Check>>): T {
  if (value === undefined) return {} as T;
  if (!isRecord(value)) throw invalidArgument(FIELD, 'must be an object');
  for (const [key, entry] of Object.entries(value)) {
    const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (check === undefined) {
      throw invalidArgument(
        `${FIELD}.${key}`,
        `is not a hub option (known: ${Object.keys(fields).join(', ')})`,
      );
    }
    if (entry !== undefined) check(entry, `${FIELD}.${key}`);
  }
  return value as T;
}

/**
 * Reads `providerOptions.hub` of a language-model call.
 *
 * @throws ConnectorError `invalid_request` naming the field (`providerOptions.hub.timeoutMs`) for
 * an unknown key or a value of the wrong type, before any I/O.
 */
export function parseHubProviderOptions(value: unknown): HubProviderOptions {
  return parse<HubProviderOptions>(value, COMPLETION_FIELDS);
}

/**
 * Reads `providerOptions.hub` of an embedding call.
 *
 * @throws ConnectorError `invalid_request` naming the field, as `parseHubProviderOptions`.
 */
export function parseHubEmbeddingProviderOptions(value: unknown): HubEmbeddingProviderOptions {
  return parse<HubEmbeddingProviderOptions>(value, EMBEDDING_FIELDS);
}
