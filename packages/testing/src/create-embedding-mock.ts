import type {
  CallOptions,
  CompletionRequest,
  ConnectorError,
  EmbeddingRequest,
  EmbeddingResponse,
  ModelInfo,
  TokenCount,
} from '@hub/core';
import { createMockProvider, type MockProvider } from '@hub/provider-mock';

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

/**
 * A mock provider (`createMockProvider`) whose `embed` and `countTokens` answer fixed, trivially
 * predictable values and fail on demand, for middleware tests that need to see each call:
 * `embed` answers zero vectors of `dimensions` (or the request's `dimensions`) with usage of a
 * quarter of each input's characters (at least 1 each); `countTokens` answers 42, exact. Each
 * call is recorded in `embedCalls`; an error pushed to `failures` is thrown by the next call.
 *
 * (`createMockProvider` embeds and counts too, with deterministic unit vectors and the mock's
 * token count; use this one when a test asserts on failures injected per call.)
 */
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
