import type { CompletionRequest, HealthStatus, ModelInfo } from '@hub/core';
import type { MockScenario } from './mock-scenarios.js';
import type { MockStep } from './mock-script.js';

/** Options of `createMockProvider`. */
export interface MockProviderOptions {
  /** Default `mock`. */
  readonly providerId?: string;
  /**
   * Models reported by `getMetadata`. Default `MOCK_MODELS`: `mock-1`, one model per built-in
   * scenario and the embedding model `mock-embed`.
   */
  readonly models?: readonly ModelInfo[];
  /** Steps answered in order (see `MockStep` for which call takes which step). */
  readonly script?: readonly MockStep[];
  /**
   * Scenarios by model id (without the provider prefix). Default `MOCK_SCENARIOS`; pass
   * `{ ...MOCK_SCENARIOS, 'my-case': … }` to add one, `{}` to turn them off.
   */
  readonly scenarios?: Readonly<Record<string, MockScenario>>;
  /**
   * Answer when neither the script nor a scenario answers. Default: the built-in reply (echo,
   * tool calls, structured output; see `defaultReply`).
   */
  readonly defaultReply?: (request: CompletionRequest) => MockStep;
  /**
   * How `probe` behaves: `healthy` resolves, `degraded` rejects with `rate_limit` (up, but
   * refusing work), `unhealthy` rejects with `network`. Default `healthy`.
   */
  readonly health?: HealthStatus['status'];
  /**
   * Most calls kept in each of `calls`, `embeddingCalls` and `tokenCountCalls`; when full, the
   * oldest is dropped. Default 10,000 (recording is for tests). `0` records nothing: use it when
   * the mock serves real traffic (a demo gateway), where every recorded request would be kept for
   * the life of the process.
   */
  readonly maxRecordedCalls?: number;
  /**
   * Most inputs the mock embeds per "request" when `answerEmbeddings` is set, emulating a real
   * API's batch limit (the provider contract suite checks splitting and order with it). Default:
   * every input in one batch.
   */
  readonly embeddingBatchSize?: number;
}
