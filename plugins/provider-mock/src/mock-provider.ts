import type { HealthStatus, LLMProvider } from '@hub/core';
import type {
  MockCall,
  MockCallEnd,
  MockEmbeddingCall,
  MockStep,
  MockTokenCountCall,
} from './mock-script.js';

/**
 * A scriptable in-memory `LLMProvider` for tests, examples and keyless demos. It completes,
 * streams, embeds (`embed`) and counts tokens (`countTokens`, exact).
 */
/** How `answerEmbeddings` answers one batch of inputs. */
export type MockEmbeddingAnswer = (
  inputs: readonly string[],
  dimensions: number | undefined,
) => readonly (readonly number[])[] | 'fail';

export interface MockProvider extends LLMProvider {
  /** The most recent completion calls received (at most `maxRecordedCalls`), oldest first. */
  readonly calls: MockCall[];
  /** The most recent `embed` calls (at most `maxRecordedCalls`), oldest first. */
  readonly embeddingCalls: MockEmbeddingCall[];
  /** The most recent `countTokens` calls (at most `maxRecordedCalls`), oldest first. */
  readonly tokenCountCalls: MockTokenCountCall[];
  /** Appends steps to the script. */
  enqueue(...steps: MockStep[]): void;
  /** Sets how `probe` behaves (see `MockProviderOptions.health`). */
  setHealth(status: HealthStatus['status']): void;
  /**
   * Resolves when the completion call at `index` of `calls` (counting from the current first; an
   * index not reached yet waits for that call) has ended, any way. Never resolves without
   * recording.
   */
  ended(index: number): Promise<MockCallEnd | undefined>;
  /**
   * Answers every later `embed` call batch by batch (`embeddingBatchSize` inputs at a time, in
   * input order) with `answer`: the vectors of one batch, or `'fail'` for a retryable `provider`
   * error that fails the whole call, as a real API's failed batch does. `undefined` restores the
   * computed vectors.
   */
  answerEmbeddings(answer: MockEmbeddingAnswer | undefined): void;
  embed: NonNullable<LLMProvider['embed']>;
  countTokens: NonNullable<LLMProvider['countTokens']>;
}
