import { ConnectorError } from '../errors/connector-error.js';
import type { EmbeddingRequest } from './embedding-request.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-limits.js';

function invalid(field: string, problem: string, status?: number): ConnectorError {
  return new ConnectorError('invalid_request', `Invalid request: ${field} ${problem}.`, {
    field,
    ...(status !== undefined && { status }),
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an embedding request once, at the hub's edge, before any middleware or network I/O.
 *
 * @throws ConnectorError `invalid_request` whose `field` names the offending field (`input.3`):
 * a missing model, empty input, an empty string, more than `maxEmbeddingInputs` inputs (413),
 * a non-positive `dimensions`, an unknown `inputType`.
 */
export function validateEmbeddingRequest(
  request: EmbeddingRequest,
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
): void {
  if (!isObject(request)) throw invalid('request', 'must be an object');
  if (typeof request.model !== 'string' || request.model.trim() === '')
    throw invalid('model', 'must be a non-empty string');
  const input: unknown = request.input;
  if (typeof input === 'string') {
    if (input === '') throw invalid('input', 'must not be empty');
  } else if (Array.isArray(input)) {
    if (input.length === 0) throw invalid('input', 'must hold at least one string');
    if (input.length > limits.maxEmbeddingInputs) {
      throw invalid(
        'input',
        `holds ${input.length} items, more than the limit of ${limits.maxEmbeddingInputs} (maxEmbeddingInputs)`,
        413,
      );
    }
    for (let index = 0; index < input.length; index++) {
      const item: unknown = input[index];
      if (typeof item !== 'string') throw invalid(`input.${index}`, 'must be a string');
      if (item === '') throw invalid(`input.${index}`, 'must not be empty');
    }
  } else throw invalid('input', 'must be a string or an array of strings');
  if (request.dimensions !== undefined && !(Number.isInteger(request.dimensions) && request.dimensions > 0))
    throw invalid('dimensions', 'must be a positive integer');
  if (request.inputType !== undefined && request.inputType !== 'query' && request.inputType !== 'document')
    throw invalid('inputType', 'must be "query" or "document"');
  if (request.user !== undefined && typeof request.user !== 'string')
    throw invalid('user', 'must be a string');
  if (request.metadata !== undefined) {
    if (!isObject(request.metadata)) throw invalid('metadata', 'must be an object of strings');
    for (const [key, value] of Object.entries(request.metadata)) {
      if (typeof value !== 'string') throw invalid(`metadata.${key}`, 'must be a string');
    }
  }
  if (request.providerParams !== undefined && !isObject(request.providerParams))
    throw invalid('providerParams', 'must be an object keyed by provider id');
}
