import type { ServerResponse } from 'node:http';
import {
  type ContractEmbeddingAnswer,
  encodeFloat32Base64,
  fixtureReader,
  type RecordedRequest,
  type ScriptedServer,
  sseFrame,
} from '@hub/testing';

/** The wire fixtures of this package, copied from the servers' documentation. */
export const fixtures = fixtureReader(new URL('../__fixtures__/', import.meta.url));

/** A text-only chat.completion.chunk as compatible servers send it. */
export function textChunk(text: string, finishReason: string | null = null): string {
  return sseFrame({
    id: 'chatcmpl-compat',
    object: 'chat.completion.chunk',
    created: 1_735_700_000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, delta: text === '' ? {} : { content: text }, finish_reason: finishReason }],
  });
}

/** A non-streaming completion body answering `text`. */
export function completionBody(text: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-compat',
    object: 'chat.completion',
    created: 1_735_700_000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
  };
}

/** A real-looking fake Groq key (never valid anywhere). */
export const FAKE_GROQ_KEY = 'gsk_Q2hhdEJvdEZha2VLZXlGb3JUZXN0aW5nT25seTEyMzQ1Njc4OTBhYmNk';

/**
 * Answers every `POST` to `path` as an OpenAI-style embeddings server: the inputs (and the length
 * asked for, under `dimensionsField`) read from the request, vectors from `answer` encoded as the
 * request asked (base64 little-endian float32, else numbers), a 500 for `'fail'`.
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
          object: 'error',
          message: 'engine crashed',
          type: 'InternalServerError',
          code: 500,
        }),
      );
      return;
    }
    const encode = (vector: readonly number[]) =>
      body.encoding_format === 'base64' ? encodeFloat32Base64(vector) : vector;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        object: 'list',
        data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encode(vector) })),
        model: body.model,
        usage: { prompt_tokens: vectors.length, total_tokens: vectors.length },
      }),
    );
  });
}
