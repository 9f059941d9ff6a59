import { ConnectorError, type EmbeddingRequest, type EmbeddingResponse, type ModelInfo } from '@hub/core';
import { countTextTokens } from './count-mock-tokens.js';
import { embedText } from './embed-text.js';
import { MOCK_EMBEDDING_DIMENSIONS } from './mock-catalog.js';

// longest vector the mock makes for a model its catalog does not describe: the request chooses
// the length, and a client must not make it allocate without bound (the largest real models
// produce 3,072 to 4,096)
const MAX_MOCK_DIMENSIONS = 4_096;

/**
 * The mock's answer to an embedding request: one `embedText` vector per input, in input order,
 * and usage of a quarter token per character (each input at least 1).
 *
 * The vector length follows the catalog: an embedding model (`mock-embed`) produces its
 * `dimensions`, or fewer when it has `flexibleDimensions`; any other model id produces 256, or
 * the requested length up to 4,096.
 *
 * @throws ConnectorError `invalid_request` naming `dimensions` for a length the model cannot
 * produce; `context_length_exceeded` naming `input.<index>` for an input above the model's
 * `maxInputTokens`.
 */
export function mockEmbeddingResponse(
  request: EmbeddingRequest,
  model: ModelInfo | undefined,
  providerId: string,
): EmbeddingResponse {
  const dimensions = vectorLength(request, model, providerId);
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const maxInputTokens = model?.embedding?.maxInputTokens;
  let inputTokens = 0;
  const embeddings: Float32Array[] = [];
  for (const [index, input] of inputs.entries()) {
    const tokens = countTextTokens(input);
    if (maxInputTokens !== undefined && tokens > maxInputTokens) {
      throw new ConnectorError(
        'context_length_exceeded',
        `Input ${index} has about ${tokens} tokens; ${request.model} embeds at most ${maxInputTokens}.`,
        { providerId, model: request.model, field: `input.${index}`, status: 400 },
      );
    }
    inputTokens += tokens;
    embeddings.push(embedText(input, dimensions));
  }
  return { provider: providerId, model: request.model, embeddings, usage: { inputTokens } };
}

function vectorLength(request: EmbeddingRequest, model: ModelInfo | undefined, providerId: string): number {
  const requested = request.dimensions;
  const own = model?.embedding;
  const refuse = (problem: string): ConnectorError =>
    new ConnectorError('invalid_request', `Invalid request: dimensions ${problem}.`, {
      providerId,
      model: request.model,
      field: 'dimensions',
      status: 400,
    });
  if (own === undefined) {
    if (requested === undefined) return MOCK_EMBEDDING_DIMENSIONS;
    if (requested > MAX_MOCK_DIMENSIONS) throw refuse(`must be at most ${MAX_MOCK_DIMENSIONS}`);
    return requested;
  }
  if (requested === undefined || requested === own.dimensions) return own.dimensions;
  if (own.flexibleDimensions === true && requested < own.dimensions) return requested;
  throw refuse(
    own.flexibleDimensions === true
      ? `must be at most ${own.dimensions} for ${request.model}`
      : `must be ${own.dimensions} for ${request.model} (its length is fixed)`,
  );
}
