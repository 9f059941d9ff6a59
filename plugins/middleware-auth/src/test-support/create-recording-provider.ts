import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type LLMProvider,
  responseToChunks,
  type StreamChunk,
} from '@hub/core';

/** One call a recording provider received, with the headers the hub handed it. */
export interface RecordedCall {
  readonly operation: 'complete' | 'stream';
  readonly request: CompletionRequest;
  readonly headers: Readonly<Record<string, string>>;
}

/** A provider whose answer depends on the headers it receives (as a real upstream's would). */
export interface RecordingProvider extends LLMProvider {
  readonly calls: RecordedCall[];
}

/** Decides one call: resolve with the answer text, or throw a `ConnectorError`. */
export type Responder = (call: RecordedCall, index: number) => string | Promise<string>;

/** Creates a minimal `LLMProvider` that records `options.headers` of every call. */
export function createRecordingProvider(providerId: string, respond: Responder): RecordingProvider {
  const calls: RecordedCall[] = [];
  const answer = async (
    operation: 'complete' | 'stream',
    request: CompletionRequest,
    options: CallOptions | undefined,
  ): Promise<CompletionResponse> => {
    const call: RecordedCall = { operation, request, headers: { ...options?.headers } };
    const index = calls.push(call) - 1;
    if (options?.signal?.aborted)
      throw new ConnectorError('cancelled', 'The request was cancelled.', { providerId });
    const text = await respond(call, index);
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
    getMetadata: async () => ({
      providerId,
      displayName: providerId,
      apiVersion: 'test',
      models: [],
      fetchedAt: Date.now(),
    }),
    validateConfig: () => ({ ok: true }),
    healthCheck: async () => ({ status: 'healthy', latencyMs: 0, checkedAt: Date.now() }),
  };
}

/** The error a real provider raises for HTTP 401. */
export function unauthorized(providerId: string): ConnectorError {
  return new ConnectorError('authentication', 'Incorrect API key provided.', { providerId, status: 401 });
}
