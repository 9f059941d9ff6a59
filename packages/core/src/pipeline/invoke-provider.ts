import type { CallOptions } from '../contracts/call-options.js';
import type { RequestOf, ResponseOf } from '../contracts/hub-operation.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import type { EmbeddingResponse } from '../model/embedding-response.js';
import { estimateEmbeddingTokens } from '../model/estimate-embedding-tokens.js';
import { estimateInputTokens } from '../model/estimate-input-tokens.js';
import type { TokenCount } from '../model/token-count.js';

/** The operations answered by one provider call (a stream is iterated instead). */
export type SingleCallOperation = 'complete' | 'embed' | 'count-tokens';

/** Makes the provider call of one attempt of a single-call operation. */
export function invokeProvider<O extends SingleCallOperation>(
  operation: O,
  provider: LLMProvider,
  request: RequestOf<O>,
  options: CallOptions,
): Promise<ResponseOf<O>> {
  switch (operation) {
    case 'complete':
      return provider.sendCompletion(request as CompletionRequest, options) as Promise<ResponseOf<O>>;
    case 'embed':
      return embed(provider, request as EmbeddingRequest, options) as Promise<ResponseOf<O>>;
    default:
      return countTokens(provider, request as CompletionRequest, options) as Promise<ResponseOf<O>>;
  }
}

/**
 * The provider's embeddings; when it reports no token count (0), the hub's estimate marked
 * `estimated`, so cost, budgets and token limits downstream never treat the call as free.
 */
async function embed(
  provider: LLMProvider,
  request: EmbeddingRequest,
  options: CallOptions,
): Promise<EmbeddingResponse> {
  if (provider.embed === undefined) throw notEmbedding(provider);
  const response = await provider.embed(request, options);
  if (response.usage.inputTokens > 0) return response;
  return { ...response, usage: { inputTokens: estimateEmbeddingTokens(request), estimated: true } };
}

/** The provider's exact count, or the local estimate when it has no counting API for the model. */
async function countTokens(
  provider: LLMProvider,
  request: CompletionRequest,
  options: CallOptions,
): Promise<TokenCount> {
  if (provider.countTokens !== undefined) {
    try {
      return await provider.countTokens(request, options);
    } catch (error) {
      if (!(ConnectorError.isInstance(error) && error.code === 'unsupported')) throw error;
    }
  }
  return {
    inputTokens: estimateInputTokens(request),
    exact: false,
    provider: provider.providerId,
    model: request.model,
  };
}

/** The error for an embedding call routed to a provider without embeddings. */
export function notEmbedding(provider: LLMProvider): ConnectorError {
  return new ConnectorError('unsupported', `Provider "${provider.providerId}" does not offer embeddings.`, {
    providerId: provider.providerId,
    field: 'model',
  });
}
