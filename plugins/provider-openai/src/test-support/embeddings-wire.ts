import type { ServerResponse } from 'node:http';
import {
  type ContractEmbeddingAnswer,
  encodeFloat32Base64,
  type RecordedRequest,
  type ScriptedServer,
} from '@hub/testing';

/** An `/embeddings` answer in the documented shape, vectors encoded as the request asked. */
export function embeddingsBody(
  vectors: readonly (readonly number[])[],
  base64: boolean,
  model: string,
): object {
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? encodeFloat32Base64(vector) : vector,
    })),
    model,
    usage: { prompt_tokens: vectors.length * 3, total_tokens: vectors.length * 3 },
  };
}

/**
 * Answers every `POST` to `path` as an embeddings server: the inputs (and the requested
 * dimensions, under `dimensionsField`) read from the request, the vectors from `answer`, a 500
 * in OpenAI's error shape for `'fail'`.
 */
export function routeEmbeddings(
  server: ScriptedServer,
  path: string,
  answer: ContractEmbeddingAnswer,
  dimensionsField = 'dimensions',
): void {
  server.route('POST', path, (request: RecordedRequest, response: ServerResponse) => {
    const body = request.json<Record<string, unknown> & { input: string[]; model: string }>();
    const dimensions = body[dimensionsField];
    const vectors = answer(body.input, typeof dimensions === 'number' ? dimensions : undefined);
    if (vectors === 'fail') {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: {
            message: 'The server had an error processing your request.',
            type: 'server_error',
            param: null,
            code: null,
          },
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(embeddingsBody(vectors, body.encoding_format === 'base64', body.model)));
  });
}
