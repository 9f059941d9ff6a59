import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  ConnectorError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  foldStream,
  type ProviderMetadata,
  type StreamChunk,
  sleep,
  type TokenCount,
  throwIfAborted,
  type ValidationResult,
} from '@hub/core';
import { CallRecorder } from './call-recorder.js';
import { countMockTokens } from './count-mock-tokens.js';
import { defaultReply } from './default-reply.js';
import { MOCK_MODELS } from './mock-catalog.js';
import { completeResponse, mockChunks } from './mock-chunks.js';
import { mockEmbeddingResponse } from './mock-embedding-response.js';
import type { MockEmbeddingAnswer, MockProvider } from './mock-provider.js';
import type { MockProviderOptions } from './mock-provider-options.js';
import { MOCK_SCENARIOS, type MockScenarioContext } from './mock-scenarios.js';
import type { MockCall, MockEmbeddingCall, MockStep, MockTokenCountCall } from './mock-script.js';
import { type MockStepOperation, MockStepQueue } from './mock-step-queue.js';
import { untilAborted } from './until-aborted.js';

// how many calls a mock keeps by default: plenty for a test, bounded for anything else
const DEFAULT_MAX_RECORDED_CALLS = 10_000;

/**
 * Creates a mock provider. Each call is answered, in this order, by the first script step that
 * answers its operation (`MockStep`), by the scenario its model id names (`MOCK_SCENARIOS`:
 * `mock-tools`, `mock-error-429`, …), by `options.defaultReply`, or by the built-in reply
 * (`defaultReply`: echo, schema-filled tool calls, structured output). `embed` answers
 * deterministic unit vectors (`embedText`), `countTokens` an exact count (`countMockTokens`,
 * equal to the `usage.inputTokens` its completions report).
 *
 * It keeps the `LLMProvider` contract: abort rejects with `cancelled` (or `timeout` for a
 * timeout reason), the last stream chunk is `finish`, errors are `ConnectorError`s. It has no
 * network, so the three deadlines of `CallOptions` are recorded, not enforced: bound a hanging
 * call with the signal (the hub's and the gateway's deadlines abort it).
 *
 * @throws ConfigError when `maxRecordedCalls` is not a non-negative integer.
 */
export function createMockProvider(options: MockProviderOptions = {}): MockProvider {
  const providerId = options.providerId ?? 'mock';
  const models = options.models ?? MOCK_MODELS;
  const scenarios = options.scenarios ?? MOCK_SCENARIOS;
  const script = new MockStepQueue(options.script ?? []);
  const fallbackReply = options.defaultReply;
  let health = options.health ?? 'healthy';
  const maxRecordedCalls = options.maxRecordedCalls ?? DEFAULT_MAX_RECORDED_CALLS;
  if (!Number.isInteger(maxRecordedCalls) || maxRecordedCalls < 0) {
    throw new ConfigError('maxRecordedCalls must be a non-negative integer.', { path: 'maxRecordedCalls' });
  }
  const completions = new CallRecorder<MockCall>(maxRecordedCalls);
  const embeddings = new CallRecorder<MockEmbeddingCall>(maxRecordedCalls);
  const counts = new CallRecorder<MockTokenCountCall>(maxRecordedCalls);
  const batchSize = options.embeddingBatchSize ?? Number.POSITIVE_INFINITY;
  let embeddingAnswer: MockEmbeddingAnswer | undefined;
  const answeredEmbeddings = (request: EmbeddingRequest): EmbeddingResponse => {
    const answer = embeddingAnswer as MockEmbeddingAnswer;
    const inputs = typeof request.input === 'string' ? [request.input] : [...request.input];
    const embeddings: Float32Array[] = [];
    for (let start = 0; start < inputs.length; start += batchSize) {
      const vectors = answer(inputs.slice(start, start + batchSize), request.dimensions);
      if (vectors === 'fail') {
        throw new ConnectorError('provider', 'HTTP 500: an embedding batch failed.', {
          providerId,
          model: request.model,
          status: 500,
        });
      }
      for (const vector of vectors) embeddings.push(Float32Array.from(vector));
    }
    return { provider: providerId, model: request.model, embeddings, usage: { inputTokens: inputs.length } };
  };
  const scenarioContext: MockScenarioContext = { providerId, defaultReply };
  let responseCounter = 0;

  // own keys only: a model id is client input, and "constructor" must not find Object's
  const scenarioStep = (request: CompletionRequest): MockStep | undefined =>
    Object.hasOwn(scenarios, request.model)
      ? scenarios[request.model]?.(request, scenarioContext)
      : undefined;

  const completionStep = (request: CompletionRequest): MockStep =>
    script.take('completion') ?? scenarioStep(request) ?? fallbackReply?.(request) ?? defaultReply(request);

  /**
   * The scripted or scenario failure of an `embed` or `countTokens` call (an `error` or `hang`
   * step), or the script's answer for it; undefined when it answers normally.
   */
  const otherStep = (operation: MockStepOperation, request: CompletionRequest): MockStep | undefined => {
    const scripted = script.take(operation);
    if (scripted !== undefined) return scripted;
    const step = scenarioStep(request);
    return step?.type === 'error' || step?.type === 'hang' ? step : undefined;
  };

  /** Fails or hangs as an `error` or `hang` step says; returns for any other step. */
  const failAsScripted = async (
    step: MockStep | undefined,
    signal: AbortSignal | undefined,
    model: string,
  ) => {
    const origin = { providerId, model };
    if (step?.type === 'error') {
      await sleep(step.delayMs ?? 0, signal, origin);
      throw step.error;
    }
    if (step?.type === 'hang') await untilAborted(signal, origin);
  };

  /** Runs `work` for a recorded call, marking how it ended. */
  const settle = async <Result>(
    recorder: CallRecorder<{ ended: MockCall['ended'] }>,
    number: number | undefined,
    signal: AbortSignal | undefined,
    work: () => Promise<Result>,
  ): Promise<Result> => {
    try {
      const result = await work();
      recorder.end(number, 'completed');
      return result;
    } catch (error) {
      recorder.end(number, signal?.aborted ? 'aborted' : 'failed');
      throw error;
    }
  };

  const provider: MockProvider = {
    providerId,
    calls: completions.calls,
    embeddingCalls: embeddings.calls,
    tokenCountCalls: counts.calls,
    enqueue: (...steps) => script.push(steps),
    answerEmbeddings: (answer) => {
      embeddingAnswer = answer;
    },
    setHealth: (status) => {
      health = status;
    },
    ended: (index) => completions.ended(index),

    sendCompletion(request: CompletionRequest, callOptions: CallOptions = {}): Promise<CompletionResponse> {
      const signal = callOptions.signal;
      const number = completions.record({
        operation: 'complete',
        request,
        signal,
        options: callOptions,
        ended: undefined,
      });
      return settle(completions, number, signal, async () => {
        throwIfAborted(signal, { providerId });
        const step = completionStep(request);
        const responseNumber = ++responseCounter;
        if (step.type === 'response') {
          await sleep(0, signal, { providerId });
          return completeResponse(step.response, providerId, request.model, responseNumber);
        }
        return foldStream(mockChunks(step, request, { providerId, responseNumber, signal }), {
          provider: providerId,
          model: request.model,
        });
      });
    },

    streamCompletion(request: CompletionRequest, callOptions: CallOptions = {}): AsyncIterable<StreamChunk> {
      return {
        [Symbol.asyncIterator]: () => {
          const signal = callOptions.signal;
          const number = completions.record({
            operation: 'stream',
            request,
            signal,
            options: callOptions,
            ended: undefined,
          });
          return (async function* () {
            let finished = false;
            try {
              throwIfAborted(signal, { providerId });
              const step = completionStep(request);
              yield* mockChunks(step, request, { providerId, responseNumber: ++responseCounter, signal });
              finished = true;
              completions.end(number, 'completed');
            } catch (error) {
              completions.end(number, signal?.aborted ? 'aborted' : 'failed');
              throw error;
            } finally {
              if (!finished) completions.end(number, 'closed');
            }
          })();
        },
      };
    },

    embed(request: EmbeddingRequest, callOptions: CallOptions = {}): Promise<EmbeddingResponse> {
      const signal = callOptions.signal;
      const number = embeddings.record({
        operation: 'embed',
        request,
        options: callOptions,
        ended: undefined,
      });
      return settle(embeddings, number, signal, async () => {
        throwIfAborted(signal, { providerId, model: request.model });
        const first = typeof request.input === 'string' ? request.input : (request.input[0] ?? '');
        const step = otherStep('embed', {
          model: request.model,
          messages: [{ role: 'user', content: first }],
        });
        await failAsScripted(step, signal, request.model);
        if (embeddingAnswer !== undefined) return answeredEmbeddings(request);
        const computed = mockEmbeddingResponse(
          request,
          models.find((model) => model.id === request.model),
          providerId,
        );
        if (step?.type !== 'embedding') return computed;
        return {
          ...computed,
          embeddings: step.embeddings.map((vector) => Float32Array.from(vector)),
          usage: { inputTokens: step.inputTokens ?? computed.usage.inputTokens },
        };
      });
    },

    countTokens(request: CompletionRequest, callOptions: CallOptions = {}): Promise<TokenCount> {
      const signal = callOptions.signal;
      const number = counts.record({
        operation: 'count-tokens',
        request,
        options: callOptions,
        ended: undefined,
      });
      return settle(counts, number, signal, async () => {
        throwIfAborted(signal, { providerId, model: request.model });
        const step = otherStep('count-tokens', request);
        await failAsScripted(step, signal, request.model);
        return {
          inputTokens: step?.type === 'token-count' ? step.inputTokens : countMockTokens(request),
          exact: step?.type === 'token-count' ? (step.exact ?? true) : true,
          provider: providerId,
          model: request.model,
        };
      });
    },

    async getMetadata(): Promise<ProviderMetadata> {
      return {
        providerId,
        displayName: 'Mock provider',
        apiVersion: 'mock-1',
        models,
        fetchedAt: Date.now(),
      };
    },

    validateConfig(config: unknown): ValidationResult {
      if (config === undefined || (typeof config === 'object' && config !== null && !Array.isArray(config))) {
        const id = (config as { providerId?: unknown } | undefined)?.providerId;
        if (id === undefined || (typeof id === 'string' && /^[a-z0-9][a-z0-9._-]*$/.test(id)))
          return { ok: true };
        return {
          ok: false,
          issues: [{ path: 'providerId', message: 'must be lowercase letters, digits, ".", "_" or "-"' }],
        };
      }
      return { ok: false, issues: [{ path: '', message: 'must be an object' }] };
    },

    async probe() {
      if (health === 'degraded')
        throw new ConnectorError('rate_limit', 'The mock is rate limited.', { providerId });
      if (health === 'unhealthy')
        throw new ConnectorError('network', 'The mock is unreachable.', { providerId });
    },
  };
  return provider;
}
