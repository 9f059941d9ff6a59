// Test support only: never exported from the package. Until @hub/testing's mock provider embeds
// and counts, this adds both to it.
import type {
  CallOptions,
  CompletionRequest,
  ConnectorError,
  EmbeddingRequest,
  EmbeddingResponse,
  ModelInfo,
  TokenCount,
} from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/testing';

/** One `embed` or `countTokens` call the mock received. */
export interface EmbeddingMockCall {
  readonly operation: 'embed' | 'count-tokens';
  readonly request: EmbeddingRequest | CompletionRequest;
  readonly options: CallOptions;
}

/** A mock provider that also embeds (vectors of `dimensions` zeros) and counts tokens. */
export interface EmbeddingMock extends MockProvider {
  readonly embed: (request: EmbeddingRequest, options?: CallOptions) => Promise<EmbeddingResponse>;
  readonly countTokens: (request: CompletionRequest, options?: CallOptions) => Promise<TokenCount>;
  /** `embed` and `countTokens` calls, oldest first (completions are in `calls`). */
  readonly embedCalls: EmbeddingMockCall[];
  /** Errors the next `embed` / `countTokens` calls throw, one per call, before answering again. */
  readonly failures: ConnectorError[];
}

/** Options of `createEmbeddingMock`. */
export interface EmbeddingMockOptions {
  readonly providerId?: string;
  readonly models?: readonly ModelInfo[];
  /** Length of every vector. Default 3. */
  readonly dimensions?: number;
}

// about four characters per token, as the hub's own estimate, never 0
const tokensOf = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** Creates a mock provider of `@hub/testing` with `embed` and `countTokens`. */
export function createEmbeddingMock(options: EmbeddingMockOptions = {}): EmbeddingMock {
  const providerId = options.providerId ?? 'mock';
  const dimensions = options.dimensions ?? 3;
  const base = createMockProvider({ providerId, ...(options.models && { models: options.models }) });
  const embedCalls: EmbeddingMockCall[] = [];
  const failures: ConnectorError[] = [];
  return Object.assign(base, {
    embedCalls,
    failures,
    async embed(request: EmbeddingRequest, callOptions: CallOptions = {}): Promise<EmbeddingResponse> {
      embedCalls.push({ operation: 'embed', request, options: callOptions });
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      return {
        provider: providerId,
        model: request.model,
        embeddings: inputs.map(() => new Float32Array(request.dimensions ?? dimensions)),
        usage: { inputTokens: inputs.reduce((sum, input) => sum + tokensOf(input), 0) },
      };
    },
    async countTokens(request: CompletionRequest, callOptions: CallOptions = {}): Promise<TokenCount> {
      embedCalls.push({ operation: 'count-tokens', request, options: callOptions });
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      return { inputTokens: 42, exact: true, provider: providerId, model: request.model };
    },
  });
}
