import type {
  CompletionRequest,
  CompletionResponse,
  ConnectorError,
  FinishReason,
  StreamChunk,
  Usage,
} from '@hub/core';

/**
 * One scripted answer of the mock provider. Steps are consumed one per call, in order; when the
 * script is empty the provider's default reply answers.
 */
export type MockStep =
  /** Answer with text (streamed word by word); `delayMs` waits before answering. */
  | {
      readonly type: 'text';
      readonly text: string;
      readonly finishReason?: FinishReason;
      readonly usage?: Usage;
      readonly delayMs?: number;
      /** For streams: wait this long between chunks. */
      readonly chunkDelayMs?: number;
    }
  /** Answer with a tool call. */
  | { readonly type: 'tool-call'; readonly name: string; readonly arguments: string; readonly id?: string }
  /** Answer with exactly these stream chunks (for `sendCompletion` they are folded). */
  | { readonly type: 'chunks'; readonly chunks: readonly StreamChunk[]; readonly chunkDelayMs?: number }
  /** Fail with `error`; for streams after `afterChunks` text chunks of `text` (default 0). */
  | {
      readonly type: 'error';
      readonly error: ConnectorError;
      readonly delayMs?: number;
      readonly afterChunks?: number;
      readonly text?: string;
    }
  /** Never answer until the call is aborted; streams first yield `text` chunks when given. */
  | { readonly type: 'hang'; readonly text?: string }
  /** Answer with a fixed response (provider and model are filled in). */
  | { readonly type: 'response'; readonly response: Partial<CompletionResponse> };

/** One call the mock received. */
export interface MockCall {
  readonly operation: 'complete' | 'stream';
  readonly request: CompletionRequest;
  readonly signal: AbortSignal | undefined;
  /** Set when the call ended: completed, failed, aborted, or closed by its consumer. */
  ended: 'completed' | 'failed' | 'aborted' | 'closed' | undefined;
}
