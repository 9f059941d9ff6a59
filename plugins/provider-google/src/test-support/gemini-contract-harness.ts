import type {
  ContractEmbeddingAnswer,
  ProviderContractHarness,
  RecordedRequest,
  ScriptedServer,
} from '@hub/testing';
import { sseFrame } from '@hub/testing';
import type {
  GeminiBatchEmbedContentsRequest,
  GeminiEmbedContentRequest,
  VertexEmbeddingPredictRequest,
} from '../gemini-embedding-wire-types.js';
import { textsOf } from './embedding-upstream.js';
import { fixtures } from './fixtures.js';
import { textReply, textResponse } from './gemini-replies.js';

/** Which API the scripted upstream plays, and the embedding model the suite embeds with. */
export interface GeminiContractUpstream {
  /** The upstream of the current test (a fresh scripted server per test). */
  server(): ScriptedServer;
  /** The path prefix of the embedding model's methods (`/v1beta/models/gemini-embedding-001:`). */
  readonly embeddingPath: string;
  readonly embeddingModel: string;
  /** The API's documented most inputs per embedding request. */
  readonly embeddingBatchSize: number;
}

type Hooks = Omit<
  ProviderContractHarness,
  'createProvider' | 'model' | 'validConfig' | 'invalidConfig' | 'secret' | 'cleanup' | 'arrangeError'
>;

/** A `GenerateContentResponse` calling `name` with `args`, finishing the turn. */
function functionCallResponse(name: string, args: unknown): Record<string, unknown> {
  return {
    candidates: [
      {
        content: { role: 'model', parts: [{ functionCall: { name, args } }] },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 17 },
    modelVersion: 'gemini-2.5-flash',
  };
}

const NEGATIVE_ZERO = '"<negative zero>"';

/**
 * JSON as Google writes it: `JSON.stringify` turns `-0` into `0`, while protobuf's JSON mapping
 * keeps the sign (`-0`), and the suite checks vectors bit for bit.
 */
function jsonKeepingNegativeZero(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    Object.is(item, -0) ? '<negative zero>' : item,
  ).replaceAll(NEGATIVE_ZERO, '-0');
}

/** The dimensions an embedding request asked for, Gemini API or Vertex AI. */
function dimensionsOf(request: RecordedRequest): number | undefined {
  if (request.url.includes(':batchEmbedContents'))
    return request.json<GeminiBatchEmbedContentsRequest>().requests[0]?.outputDimensionality;
  if (request.url.includes(':embedContent'))
    return request.json<GeminiEmbedContentRequest>().outputDimensionality;
  return request.json<VertexEmbeddingPredictRequest>().parameters?.outputDimensionality;
}

/**
 * The contract suite's hooks for a Gemini upstream, the same for the Gemini API and Vertex AI
 * (both speak `GenerateContentResponse`, SSE events and Google's error body); only embeddings
 * differ in wire format, and the reply follows the request's method.
 */
export function geminiContractHooks(upstream: GeminiContractUpstream): Hooks {
  const server = upstream.server;
  return {
    arrangeText(pieces) {
      server().enqueue(textReply(pieces));
    },
    arrangeStall(firstPiece) {
      server().enqueue({ frames: [sseFrame(textResponse(firstPiece, null))], ending: 'hang' });
    },
    arrangeTruncation(firstPiece) {
      server().enqueue({ frames: [sseFrame(textResponse(firstPiece, null))], ending: 'end' });
    },
    upstreamClosed: () => server().nextClientAbort(),
    upstreamRequests: () => server().requests,
    // Google documents no client request id header: the id must appear in none
    arrangeSilence() {
      server().enqueue(() => undefined);
    },
    arrangeToolCall(name, argumentsJson) {
      const response = functionCallResponse(name, JSON.parse(argumentsJson));
      server().enqueue((request, reply) => {
        const streaming = request.url.includes(':streamGenerateContent');
        reply.writeHead(200, { 'content-type': streaming ? 'text/event-stream' : 'application/json' });
        reply.end(streaming ? sseFrame(response) : JSON.stringify(response));
      });
    },
    arrangeStreamError(firstPiece) {
      server().enqueue({
        frames: [
          sseFrame(textResponse(firstPiece, null)),
          sseFrame({
            error: {
              code: 503,
              message: 'The model is overloaded. Please try again later.',
              status: 'UNAVAILABLE',
            },
          }),
        ],
        ending: 'hang',
      });
    },
    arrangeMalformedEvent(firstPiece) {
      server().enqueue({
        frames: [
          sseFrame(textResponse(firstPiece, null)),
          'data: {"candidates": [{"content": {"parts": [{"te\n\n',
        ],
        ending: 'hang',
      });
    },
    embedding: {
      model: upstream.embeddingModel,
      batchSize: upstream.embeddingBatchSize,
      flexibleDimensions: true,
      arrangeEmbeddings(answer: ContractEmbeddingAnswer) {
        server().route('POST', upstream.embeddingPath, (request, reply) => {
          const vectors = answer(textsOf(request), dimensionsOf(request));
          if (vectors === 'fail') {
            const internal = fixtures.json<Record<string, { body: unknown }>>('errors.json').internal;
            reply.writeHead(500, { 'content-type': 'application/json' });
            reply.end(JSON.stringify(internal?.body));
            return;
          }
          const body = request.url.includes(':predict')
            ? {
                predictions: vectors.map((values) => ({
                  embeddings: { values, statistics: { token_count: 3 } },
                })),
              }
            : request.url.includes(':embedContent')
              ? { embedding: { values: vectors[0] } }
              : { embeddings: vectors.map((values) => ({ values })) };
          reply.writeHead(200, { 'content-type': 'application/json' });
          reply.end(jsonKeepingNegativeZero(body));
        });
      },
    },
    arrangeTokenCount(inputTokens) {
      server().enqueue({
        body: {
          totalTokens: inputTokens,
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
        },
      });
    },
  };
}
