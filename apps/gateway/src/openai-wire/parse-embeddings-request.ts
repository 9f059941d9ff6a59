import { ConnectorError, type EmbeddingRequest } from '@hub/core';
import { parseWithSchema } from '../wire/parse-with-schema.js';
import { embeddingsBodySchema } from './embeddings-body-schema.js';
import { openAIFieldPath } from './openai-field-path.js';

/** An Embeddings request as the gateway understood it. */
export interface EmbeddingsRequest {
  readonly request: EmbeddingRequest;
  /** `encoding_format`: vectors as JSON numbers, or as base64 of little-endian float32. */
  readonly encoding: 'float' | 'base64';
}

/**
 * Turns an OpenAI Embeddings body into a unified request. `input_type` becomes `inputType`, which
 * each provider maps to its own task type (Gemini's `RETRIEVAL_QUERY`, Cohere's `search_query`, …);
 * Cohere's spellings are read as the unified ones. Errors name the OpenAI parameter (`input[3]`). Token arrays (`input: [1, 2]` or `[[1, 2]]`) are refused with a 400 naming the
 * field: turning tokens back into text needs the model's own tokenizer, which the gateway does
 * not have for every provider.
 *
 * @throws ConnectorError `invalid_request` naming `param`; 413 above `maxEmbeddingInputs`.
 */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  refuseTokenArrays(body);
  const parsed = parseWithSchema(embeddingsBodySchema, body, openAIFieldPath);
  const request: { -readonly [Key in keyof EmbeddingRequest]: EmbeddingRequest[Key] } = {
    model: parsed.model,
    input: parsed.input,
  };
  if (parsed.dimensions !== undefined && parsed.dimensions !== null) request.dimensions = parsed.dimensions;
  if (parsed.user !== undefined && parsed.user !== null) request.user = parsed.user;
  const inputType = parsed.input_type;
  if (inputType !== undefined && inputType !== null)
    request.inputType = inputType === 'search_query' || inputType === 'query' ? 'query' : 'document';
  return { request, encoding: parsed.encoding_format ?? 'float' };
}

function refuseTokenArrays(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const input: unknown = (body as { input?: unknown }).input;
  if (!Array.isArray(input) || input.length === 0) return;
  // only numbers: one token list; an array among the items: a list of token lists. A number among
  // strings is a wrong item, which the schema names
  const nested = input.findIndex((item) => Array.isArray(item));
  if (nested === -1 && !input.every((item) => typeof item === 'number')) return;
  const field = nested === -1 ? 'input' : openAIFieldPath(['input', nested]);
  throw new ConnectorError(
    'invalid_request',
    `Invalid request: '${field}' is a token array; the gateway embeds text only (send the text itself).`,
    { field },
  );
}
