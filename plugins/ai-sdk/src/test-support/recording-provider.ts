import type { CallOptions, CompletionRequest, LLMProvider } from '@hub/core';

/** One call a recording provider received. */
export interface RecordedCall {
  readonly request: CompletionRequest;
  readonly options: CallOptions | undefined;
}

/**
 * Wraps `provider` so every completion request it receives (after the hub's validation and
 * middleware, without the provider prefix) is appended to `requests`, and, when given, the
 * request with its call options to `calls`.
 */
export function recordingProvider(
  provider: LLMProvider,
  requests: CompletionRequest[],
  calls?: RecordedCall[],
): LLMProvider {
  return {
    ...provider,
    sendCompletion(request, options) {
      requests.push(request);
      calls?.push({ request, options });
      return provider.sendCompletion(request, options);
    },
    streamCompletion(request, options) {
      requests.push(request);
      calls?.push({ request, options });
      return provider.streamCompletion(request, options);
    },
  };
}
