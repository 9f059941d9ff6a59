import { estimateUtf8Tokens, splitIntoBatches } from '@hub/provider-utils';
import type {
  VertexEmbeddingInstance,
  VertexEmbeddingPrediction,
  VertexEmbeddingPredictRequest,
  VertexEmbeddingPredictResponse,
} from './gemini-embedding-wire-types.js';
import type { EmbeddingWire } from './internal/embedding-wire.js';
import { readEmbeddingVectors } from './read-embedding-vectors.js';
import { toGeminiTaskType } from './to-gemini-task-type.js';

// Vertex AI's documented request limits for text embeddings: at most 250 input texts and 20,000
// input tokens per request (more is a 400), and gemini-embedding-001 "supports one instance per
// request"
const MAX_INSTANCES = 250;
const MAX_TOKENS_PER_REQUEST = 20_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tokenCountOf(prediction: VertexEmbeddingPrediction | undefined): number {
  const statistics = prediction?.embeddings?.statistics;
  const count = statistics?.token_count ?? statistics?.tokenCount;
  return typeof count === 'number' && Number.isFinite(count) && count > 0 ? count : 0;
}

/**
 * Vertex AI's text embeddings (`gemini-embedding-001`, `text-embedding-005`,
 * `text-multilingual-embedding-002`) through the documented `:predict` method of the publisher
 * model: `instances` of `{ content, task_type }` (`task_type` from `inputType`),
 * `parameters.outputDimensionality` from `dimensions`. Batches hold at most 250 inputs and an
 * estimated 20,000 tokens; `gemini-embedding-*` models take one input per request. In
 * `providerParams['google-vertex']`, `parameters` is merged into the request's parameters
 * (`{ autoTruncate: false }`) and every other field into each instance (`title`, another
 * `task_type`). Usage is the sum of the predictions' `statistics.token_count`.
 */
export const vertexEmbeddingWire: EmbeddingWire = {
  batches(model, inputs) {
    const maxInputs = model.startsWith('gemini-embedding') ? 1 : MAX_INSTANCES;
    // estimated without a tokenizer; one input over the limit still goes alone
    return splitIntoBatches(inputs, {
      maxInputs,
      maxTokens: MAX_TOKENS_PER_REQUEST,
      estimateTokens: estimateUtf8Tokens,
    });
  },

  request(batch, { request, extra }) {
    const taskType = toGeminiTaskType(request.inputType);
    const { parameters: extraParameters, ...instanceFields } = extra ?? {};
    const parameters = {
      ...(request.dimensions !== undefined && { outputDimensionality: request.dimensions }),
      ...(isRecord(extraParameters) && extraParameters),
    };
    const instances = batch.map(
      (content): VertexEmbeddingInstance => ({
        content,
        ...(taskType !== undefined && { task_type: taskType }),
        ...instanceFields,
      }),
    );
    const body: VertexEmbeddingPredictRequest = {
      instances,
      ...(Object.keys(parameters).length > 0 && { parameters }),
    };
    return { method: 'predict', body };
  },

  read(body, batch, origin) {
    const predictions = (body as VertexEmbeddingPredictResponse | undefined)?.predictions;
    const embeddings = readEmbeddingVectors<VertexEmbeddingPrediction>(
      predictions,
      batch.length,
      (prediction) => prediction?.embeddings?.values,
      origin,
    );
    let inputTokens = 0;
    for (const prediction of predictions as readonly VertexEmbeddingPrediction[])
      inputTokens += tokenCountOf(prediction);
    return { embeddings, inputTokens };
  },
};
