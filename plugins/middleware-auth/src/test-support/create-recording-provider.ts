import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type LLMProvider,
  responseToChunks,
  type StreamChunk,
  type TokenCount,
} from '@hub/core';

/** One call a recording provider received, with the headers the hub handed it. */
export interface RecordedCall {
  readonly operation: 'complete' | 'stream' | 'embed' | 'count-tokens';
  readonly request: CompletionRequest | EmbeddingRequest;
  readonly headers: Readonly<Record<string, string>>;
}

/** A provider whose answer depends on the headers it receives (as a real upstream's would). */
export interface RecordingProvider extends LLMProvider {
  readonly calls: RecordedCall[];
  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResponse>;
  countTokens(request: CompletionRequest, options?: CallOptions): Promise<TokenCount>;
}

/** Decides one call: resolve with the answer text, or throw a `ConnectorError`. */
export type Responder = (call: RecordedCall, index: number) => string | Promise<string>;

/**
 * Creates a minimal `LLMProvider` that records `options.headers` of every call: completions,
 * streams, embeddings (one vector of three zeros per input) and token counts (always 7).
 */
export function createRecordingProvider(providerId: string, respond: Responder): RecordingProvider {
  const calls: RecordedCall[] = [];
  const record = async (
    operation: RecordedCall['operation'],
    request: CompletionRequest | EmbeddingRequest,
    options: CallOptions | undefined,
  ): Promise<{ index: number; text: string }> => {
    const call: RecordedCall = { operation, request, headers: { ...options?.headers } };
    const index = calls.push(call) - 1;
    if (options?.signal?.aborted)
      throw new ConnectorError('cancelled', 'The request was cancelled.', { providerId });
    return { index, text: await respond(call, index) };
  };
  const answer = async (
    operation: 'complete' | 'stream',
    request: CompletionRequest,
    options: CallOptions | undefined,
  ): Promise<CompletionResponse> => {
    const { index, text } = await record(operation, request, options);
    return {
      id: `${providerId}-${index}`,
      provider: providerId,
      model: request.model,
      text,
      content: [{ type: 'text', text }],
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    };
  };
  return {
    providerId,
    calls,
    sendCompletion: (request, options) => answer('complete', request, options),
    streamCompletion(request, options): AsyncIterable<StreamChunk> {
      return {
        async *[Symbol.asyncIterator]() {
          yield* responseToChunks(await answer('stream', request, options));
        },
      };
    },
    async embed(request, options) {
      await record('embed', request, options);
      const inputs = typeof request.input === 'string' ? [request.input] : request.input;
      return {
        provider: providerId,
        model: request.model,
        embeddings: inputs.map(() => new Float32Array(3)),
        usage: { inputTokens: inputs.length },
      };
    },
    async countTokens(request, options) {
      await record('count-tokens', request, options);
      return { inputTokens: 7, exact: true, provider: providerId, model: request.model };
    },
    getMetadata: async () => ({
      providerId,
      displayName: providerId,
      apiVersion: 'test',
      models: [],
      fetchedAt: Date.now(),
    }),
    validateConfig: () => ({ ok: true }),
    probe: async () => {},
  };
}

/** The error a real provider raises for HTTP 401. */
export function unauthorized(providerId: string): ConnectorError {
  return new ConnectorError('authentication', 'Incorrect API key provided.', { providerId, status: 401 });
}
