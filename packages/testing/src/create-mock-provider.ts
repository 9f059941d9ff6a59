import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConfigError,
  ConnectorError,
  foldStream,
  type HealthStatus,
  type LLMProvider,
  type ModelInfo,
  type ProviderMetadata,
  responseToChunks,
  type StreamChunk,
  type Usage,
  type ValidationResult,
} from '@hub/core';
import type { MockCall, MockStep } from './mock-script.js';

/** Options of `createMockProvider`. */
export interface MockProviderOptions {
  /** Default `mock`. */
  readonly providerId?: string;
  /** Models reported by `getMetadata`. Default: `mock-1` with every capability and a price. */
  readonly models?: readonly ModelInfo[];
  /** Steps answered in order, one per call. */
  readonly script?: readonly MockStep[];
  /** Answer when the script is empty. Default: echoes the last user message. */
  readonly defaultReply?: (request: CompletionRequest) => MockStep;
  /**
   * How `probe` behaves: `healthy` resolves, `degraded` rejects with `rate_limit` (up, but
   * refusing work), `unhealthy` rejects with `network`. Default `healthy`.
   */
  readonly health?: HealthStatus['status'];
  /**
   * Most calls kept in `calls`; when full, the oldest is dropped. Default 10,000 (recording is
   * for tests). `0` records nothing: use it when the mock serves real traffic (a demo gateway),
   * where every recorded request would be kept for the life of the process.
   */
  readonly maxRecordedCalls?: number;
}

// how many calls a mock keeps by default: plenty for a test, bounded for anything else
const DEFAULT_MAX_RECORDED_CALLS = 10_000;

/** A scriptable in-memory `LLMProvider` for tests and examples. */
export interface MockProvider extends LLMProvider {
  /** The most recent calls received (at most `maxRecordedCalls`), oldest first. */
  readonly calls: MockCall[];
  /** Appends steps to the script. */
  enqueue(...steps: MockStep[]): void;
  /** Sets how `probe` behaves (see `MockProviderOptions.health`). */
  setHealth(status: HealthStatus['status']): void;
  /**
   * Resolves when the call at `index` of `calls` (counting from the current first; an index not
   * reached yet waits for that call) has ended, any way. Never resolves without recording.
   */
  ended(index: number): Promise<MockCall['ended']>;
}

const DEFAULT_MODELS: readonly ModelInfo[] = [
  {
    id: 'mock-1',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: { streaming: true, tools: true, vision: true, json: true, reasoning: false },
    pricing: { inputPer1k: 0.0005, outputPer1k: 0.0015, cachedInputPer1k: 0.00025 },
  },
];

const echo = (request: CompletionRequest): MockStep => {
  const last = [...request.messages].reverse().find((message) => message.role === 'user');
  const text =
    last === undefined
      ? 'Hello from the mock provider.'
      : typeof last.content === 'string'
        ? last.content
        : last.content.map((part) => (part.type === 'text' ? part.text : '[image]')).join(' ');
  return { type: 'text', text: `Echo: ${text}` };
};

const countTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/**
 * Creates a mock provider. It honours the `LLMProvider` contract exactly: abort rejects with
 * `cancelled`, the last stream chunk is `finish`, errors are `ConnectorError`s.
 */
export function createMockProvider(options: MockProviderOptions = {}): MockProvider {
  const providerId = options.providerId ?? 'mock';
  const models = options.models ?? DEFAULT_MODELS;
  const script: MockStep[] = [...(options.script ?? [])];
  const reply = options.defaultReply ?? echo;
  let health = options.health ?? 'healthy';
  const maxRecordedCalls = options.maxRecordedCalls ?? DEFAULT_MAX_RECORDED_CALLS;
  if (!Number.isInteger(maxRecordedCalls) || maxRecordedCalls < 0) {
    throw new ConfigError('maxRecordedCalls must be a non-negative integer.', { path: 'maxRecordedCalls' });
  }
  // bounded by maxRecordedCalls, oldest dropped first; `dropped` turns positions into call numbers
  const calls: MockCall[] = [];
  let dropped = 0;
  // call number → who waits for its end; only tests wait, for calls they made
  const waiters = new Map<number, Array<(ended: MockCall['ended']) => void>>();
  let responseCounter = 0;

  /** Records a call; returns its call number, or undefined when recording is off. */
  const record = (call: MockCall): number | undefined => {
    if (maxRecordedCalls === 0) return undefined;
    if (calls.length === maxRecordedCalls) {
      calls.shift();
      dropped++;
    }
    return dropped + calls.push(call) - 1;
  };

  const end = (number: number | undefined, how: NonNullable<MockCall['ended']>): void => {
    if (number === undefined) return;
    const call = calls[number - dropped];
    if (call === undefined || call.ended !== undefined) return;
    call.ended = how;
    for (const resolve of waiters.get(number) ?? []) resolve(how);
    waiters.delete(number);
  };

  const usageFor = (request: CompletionRequest, text: string): Usage => {
    let promptCharacters = 0;
    for (const message of request.messages) {
      promptCharacters +=
        typeof message.content === 'string' ? message.content.length : JSON.stringify(message.content).length;
    }
    const inputTokens = countTokens('x'.repeat(promptCharacters));
    const outputTokens = countTokens(text);
    return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  };

  async function* chunksFor(
    step: MockStep,
    request: CompletionRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamChunk> {
    const responseId = `mock-${++responseCounter}`;
    switch (step.type) {
      case 'text': {
        await wait(step.delayMs ?? 0, signal);
        const words = step.text.match(/\S+\s*|\s+/g) ?? [''];
        for (const word of words) {
          await wait(step.chunkDelayMs ?? 0, signal);
          yield { type: 'text-delta', text: word };
        }
        yield {
          type: 'finish',
          finishReason: step.finishReason ?? 'stop',
          usage: step.usage ?? usageFor(request, step.text),
          responseId,
          model: request.model,
        };
        return;
      }
      case 'tool-call':
        yield {
          type: 'tool-call-delta',
          index: 0,
          id: step.id ?? `call_${responseCounter}`,
          name: step.name,
          argumentsDelta: step.arguments,
        };
        yield {
          type: 'finish',
          finishReason: 'tool_calls',
          usage: usageFor(request, step.arguments),
          responseId,
          model: request.model,
        };
        return;
      case 'chunks':
        for (const chunk of step.chunks) {
          await wait(step.chunkDelayMs ?? 0, signal);
          yield chunk;
        }
        // honour the contract: a stream without its finish chunk is an error, never a short answer
        if (step.chunks.at(-1)?.type !== 'finish') {
          throw new ConnectorError('stream', 'The mock stream ended without a finish chunk.', { providerId });
        }
        return;
      case 'error': {
        await wait(step.delayMs ?? 0, signal);
        const words = (step.text ?? 'partial answer before the failure').split(' ');
        for (let index = 0; index < (step.afterChunks ?? 0); index++) {
          yield { type: 'text-delta', text: `${words[index % words.length]} ` };
        }
        throw step.error;
      }
      case 'hang':
        if (step.text !== undefined) yield { type: 'text-delta', text: step.text };
        await wait(Number.POSITIVE_INFINITY, signal);
        return;
      case 'response': {
        const response = completeResponse(step.response, providerId, request.model, responseId);
        yield* responseToChunks(response);
        return;
      }
    }
  }

  const nextStep = (request: CompletionRequest): MockStep => script.shift() ?? reply(request);

  const provider: MockProvider = {
    providerId,
    calls,
    enqueue: (...steps) => {
      script.push(...steps);
    },
    setHealth: (status) => {
      health = status;
    },
    ended(index) {
      const call = calls[index];
      if (call?.ended !== undefined) return Promise.resolve(call.ended);
      const number = dropped + index;
      return new Promise((resolve) => {
        const list = waiters.get(number) ?? [];
        list.push(resolve);
        waiters.set(number, list);
      });
    },
    async sendCompletion(
      request: CompletionRequest,
      callOptions: CallOptions = {},
    ): Promise<CompletionResponse> {
      const callNumber = record({
        operation: 'complete',
        request,
        signal: callOptions.signal,
        ended: undefined,
      });
      try {
        throwIfAborted(callOptions.signal, providerId);
        const step = nextStep(request);
        if (step.type === 'response') {
          await wait(0, callOptions.signal);
          end(callNumber, 'completed');
          return completeResponse(step.response, providerId, request.model, `mock-${++responseCounter}`);
        }
        const response = await foldStream(chunksFor(step, request, callOptions.signal), {
          provider: providerId,
          model: request.model,
        });
        end(callNumber, 'completed');
        return response;
      } catch (error) {
        end(callNumber, callOptions.signal?.aborted ? 'aborted' : 'failed');
        throw error;
      }
    },
    streamCompletion(request: CompletionRequest, callOptions: CallOptions = {}): AsyncIterable<StreamChunk> {
      return {
        [Symbol.asyncIterator]: () => {
          const callNumber = record({
            operation: 'stream',
            request,
            signal: callOptions.signal,
            ended: undefined,
          });
          const inner = (async function* () {
            let finished = false;
            try {
              throwIfAborted(callOptions.signal, providerId);
              yield* chunksFor(nextStep(request), request, callOptions.signal);
              finished = true;
              end(callNumber, 'completed');
            } catch (error) {
              end(callNumber, callOptions.signal?.aborted ? 'aborted' : 'failed');
              throw error;
            } finally {
              if (!finished) end(callNumber, 'closed');
            }
          })();
          return inner;
        },
      };
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

function completeResponse(
  partial: Partial<CompletionResponse>,
  provider: string,
  model: string,
  id: string,
): CompletionResponse {
  const text = partial.text ?? '';
  return {
    id: partial.id ?? id,
    provider,
    model: partial.model ?? model,
    text,
    content: partial.content ?? (text === '' ? [] : [{ type: 'text', text }]),
    finishReason: partial.finishReason ?? 'stop',
    usage: partial.usage ?? { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    ...(partial.cost !== undefined && { cost: partial.cost }),
  };
}

function throwIfAborted(signal: AbortSignal | undefined, providerId: string): void {
  if (signal?.aborted)
    throw new ConnectorError('cancelled', 'The request was cancelled.', { providerId, cause: signal.reason });
}

/** Waits `ms` (forever for Infinity), rejecting with `cancelled` when `signal` aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new ConnectorError('cancelled', 'The request was cancelled.'));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(new ConnectorError('cancelled', 'The request was cancelled.'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
