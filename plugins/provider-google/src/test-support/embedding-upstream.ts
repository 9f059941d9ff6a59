import type { RecordedRequest, ScriptedReply } from '@hub/testing';
import type {
  GeminiBatchEmbedContentsRequest,
  GeminiEmbedContentRequest,
  VertexEmbeddingPredictRequest,
} from '../gemini-embedding-wire-types.js';

/**
 * The vector the scripted upstreams answer for an input named `input-<n>`: `[n, length]`,
 * integers a `Float32Array` holds exactly, so a test can tell which input a vector belongs to.
 */
export function vectorFor(input: string): number[] {
  return [Number(input.slice(input.lastIndexOf('-') + 1)), input.length];
}

/** `count` inputs named `input-0` … `input-<count - 1>`. */
export function inputs(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `input-${index}`);
}

/** The texts of one recorded embedding request, Gemini API or Vertex AI, in request order. */
export function textsOf(request: RecordedRequest): string[] {
  if (request.url.includes(':batchEmbedContents')) {
    return request
      .json<GeminiBatchEmbedContentsRequest>()
      .requests.map((entry) => entry.content.parts[0]?.text ?? '');
  }
  if (request.url.includes(':embedContent')) {
    return [request.json<GeminiEmbedContentRequest>().content.parts[0]?.text ?? ''];
  }
  return request.json<VertexEmbeddingPredictRequest>().instances.map((instance) => instance.content);
}

/**
 * Answers a Gemini API `:embedContent` / `:batchEmbedContents` request as the API does, one
 * `vectorFor` vector per request, after `hold(request)` resolves (default: at once).
 */
export function geminiEmbeddingReply(hold?: (request: RecordedRequest) => Promise<void>): ScriptedReply {
  return async (request, response) => {
    await hold?.(request);
    const vectors = textsOf(request).map((text) => ({ values: vectorFor(text) }));
    const body = request.url.includes(':embedContent') ? { embedding: vectors[0] } : { embeddings: vectors };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

/**
 * Answers a Vertex AI `:predict` request as the API does: one prediction per instance with its
 * `vectorFor` vector and `statistics.token_count` (the text's length, so usage is checkable).
 */
export function vertexPredictReply(hold?: (request: RecordedRequest) => Promise<void>): ScriptedReply {
  return async (request, response) => {
    await hold?.(request);
    const predictions = textsOf(request).map((text) => ({
      embeddings: { statistics: { truncated: false, token_count: text.length }, values: vectorFor(text) },
    }));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ predictions, metadata: { billableCharacterCount: 0 } }));
  };
}
