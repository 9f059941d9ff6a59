import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import type { EmbeddingResponse } from '../model/embedding-response.js';
import type { TokenCount } from '../model/token-count.js';

/**
 * What a hub call does: `complete` and `stream` a completion, `embed` texts, or `count-tokens`
 * of a completion request. Middleware declares the operations it takes part in; metrics label
 * every measurement with one.
 */
export type HubOperation = 'complete' | 'stream' | 'embed' | 'count-tokens';

/** The two completion operations: what middleware takes part in unless it declares otherwise. */
export type CompletionOperation = 'complete' | 'stream';

/** The request and response types of each operation. */
export interface OperationTypes {
  readonly complete: { readonly request: CompletionRequest; readonly response: CompletionResponse };
  readonly stream: { readonly request: CompletionRequest; readonly response: CompletionResponse };
  readonly embed: { readonly request: EmbeddingRequest; readonly response: EmbeddingResponse };
  readonly 'count-tokens': { readonly request: CompletionRequest; readonly response: TokenCount };
}

/** The request type of an operation (a union for a union of operations). */
export type RequestOf<O extends HubOperation> = OperationTypes[O]['request'];

/** The response type of an operation (a union for a union of operations). */
export type ResponseOf<O extends HubOperation> = OperationTypes[O]['response'];

/**
 * The operations of middleware that declares none: the completion operations it was written
 * for. Embedding and counting calls never reach such middleware, so a chat-only middleware
 * (written before those operations existed, or by a third party) cannot misread them.
 */
export const DEFAULT_MIDDLEWARE_OPERATIONS: readonly HubOperation[] = Object.freeze(['complete', 'stream']);

/** Every operation, for middleware that takes part in all of them. */
export const ALL_OPERATIONS: readonly HubOperation[] = Object.freeze([
  'complete',
  'stream',
  'embed',
  'count-tokens',
]);

/** Whether a request of a mixed-operation middleware is an embedding request. */
export function isEmbeddingRequest(request: RequestOf<HubOperation>): request is EmbeddingRequest {
  return 'input' in request;
}

/** Whether a response of a mixed-operation middleware is an embedding response. */
export function isEmbeddingResponse(response: ResponseOf<HubOperation>): response is EmbeddingResponse {
  return 'embeddings' in response;
}

/** Whether a response of a mixed-operation middleware is a completion. */
export function isCompletionResponse(response: ResponseOf<HubOperation>): response is CompletionResponse {
  return 'content' in response && 'finishReason' in response;
}
