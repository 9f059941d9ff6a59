import { splitIntoBatches } from '@hub/provider-utils';
import type {
  GeminiBatchEmbedContentsResponse,
  GeminiContentEmbedding,
  GeminiEmbedContentRequest,
  GeminiEmbedContentResponse,
} from './gemini-embedding-wire-types.js';
import type { EmbedBatchContext, EmbeddingWire } from './internal/embedding-wire.js';
import { mergePlainObjects } from './internal/merge-plain-objects.js';
import { readEmbeddingVectors } from './read-embedding-vectors.js';
import { toGeminiTaskType } from './to-gemini-task-type.js';

// The API refuses more ("BatchEmbedContentsRequest.requests: at most 100 requests can be in one
// batch", INVALID_ARGUMENT)
const MAX_REQUESTS_PER_BATCH = 100;

function embedRequest(input: string, context: EmbedBatchContext, model?: string): GeminiEmbedContentRequest {
  const taskType = toGeminiTaskType(context.request.inputType);
  const dimensions = context.request.dimensions;
  const body: GeminiEmbedContentRequest = {
    ...(model !== undefined && { model }),
    content: { parts: [{ text: input }] },
    ...(taskType !== undefined && { taskType }),
    ...(dimensions !== undefined && { outputDimensionality: dimensions }),
  };
  if (context.extra === undefined) return body;
  return mergePlainObjects(
    body as unknown as Record<string, unknown>,
    context.extra,
  ) as unknown as GeminiEmbedContentRequest;
}

/**
 * The Gemini API's embeddings: one input goes to `models/{model}:embedContent`, several to
 * `:batchEmbedContents` in batches of at most 100 requests, each request carrying the model's
 * name, the text as one part, `taskType` from `inputType` and `outputDimensionality` from
 * `dimensions`, with `providerParams.google` merged into every request (`title`, another
 * `taskType`). The API reports no token counts for embeddings: usage is 0.
 */
export const geminiEmbeddingWire: EmbeddingWire = {
  batches: (_model, inputs) => splitIntoBatches(inputs, { maxInputs: MAX_REQUESTS_PER_BATCH }),

  request(batch, context) {
    if (batch.length === 1)
      return { method: 'embedContent', body: embedRequest(batch[0] as string, context) };
    // inside a batch every request names the model, which must be the one of the URL
    const model = context.modelPath.slice(1);
    return {
      method: 'batchEmbedContents',
      body: { requests: batch.map((input) => embedRequest(input, context, model)) },
    };
  },

  read(body, batch, origin) {
    const response = body as GeminiEmbedContentResponse & GeminiBatchEmbedContentsResponse;
    const items = batch.length === 1 ? [response?.embedding] : response?.embeddings;
    const embeddings = readEmbeddingVectors<GeminiContentEmbedding>(
      items,
      batch.length,
      (item) => item?.values,
      origin,
    );
    return { embeddings, inputTokens: 0 };
  },
};
