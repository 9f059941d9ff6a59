import type {
  CallOptions,
  CompletionRequest,
  CompletionResponse,
  ConnectorError,
  EmbeddingRequest,
  FinishReason,
  StreamChunk,
  Usage,
} from '@hub/core';

/** One tool call of a `tool-calls` step. */
export interface MockToolCall {
  readonly name: string;
  /** The arguments as JSON text. */
  readonly arguments: string;
  /** Default: `call_<response number>_<index>`. */
  readonly id?: string;
}

/**
 * One scripted answer of the mock provider. Each call takes the first step in the script that
 * answers its operation, so completion steps and embedding steps can be queued side by side:
 *
 * - completions (`complete`, `stream`) take any step but `embedding` and `token-count`;
 * - `embed` takes `embedding`, `error` or `hang`; `countTokens` takes `token-count`, `error` or
 *   `hang`.
 *
 * When no step answers, the call's scenario (by model id) or the default reply answers.
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
  /** Answer with one tool call. */
  | { readonly type: 'tool-call'; readonly name: string; readonly arguments: string; readonly id?: string }
  /** Answer with several tool calls in one turn (finish reason `tool_calls`), after optional text. */
  | { readonly type: 'tool-calls'; readonly calls: readonly MockToolCall[]; readonly text?: string }
  /** Answer with exactly these stream chunks (for `sendCompletion` they are folded). */
  | { readonly type: 'chunks'; readonly chunks: readonly StreamChunk[]; readonly chunkDelayMs?: number }
  /**
   * Fail with `error`, after `delayMs`; for streams after `afterChunks` text chunks of `text`
   * (default 0). Answers any operation.
   */
  | {
      readonly type: 'error';
      readonly error: ConnectorError;
      readonly delayMs?: number;
      readonly afterChunks?: number;
      readonly text?: string;
    }
  /**
   * Never answer until the call is aborted; streams first yield `text` chunks when given.
   * Answers any operation.
   */
  | { readonly type: 'hang'; readonly text?: string }
  /** Answer with a fixed response (provider and model are filled in). */
  | { readonly type: 'response'; readonly response: Partial<CompletionResponse> }
  /**
   * Answer an `embed` call with these vectors (one per input) instead of the computed ones;
   * `inputTokens` defaults to the computed usage.
   */
  | {
      readonly type: 'embedding';
      readonly embeddings: readonly (Float32Array | readonly number[])[];
      readonly inputTokens?: number;
    }
  /** Answer a `countTokens` call with this count. */
  | { readonly type: 'token-count'; readonly inputTokens: number; readonly exact?: boolean };

/** How a recorded call ended: completed, failed, aborted, or closed by its consumer. */
export type MockCallEnd = 'completed' | 'failed' | 'aborted' | 'closed';

/** One completion call the mock received. */
export interface MockCall {
  readonly operation: 'complete' | 'stream';
  readonly request: CompletionRequest;
  readonly signal: AbortSignal | undefined;
  /** Every option the call carried (deadlines, headers, request id). */
  readonly options: CallOptions;
  /** Set when the call ended. */
  ended: MockCallEnd | undefined;
}

/** One `embed` call the mock received. */
export interface MockEmbeddingCall {
  readonly operation: 'embed';
  readonly request: EmbeddingRequest;
  readonly options: CallOptions;
  ended: MockCallEnd | undefined;
}

/** One `countTokens` call the mock received. */
export interface MockTokenCountCall {
  readonly operation: 'count-tokens';
  readonly request: CompletionRequest;
  readonly options: CallOptions;
  ended: MockCallEnd | undefined;
}
