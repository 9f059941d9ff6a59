import { type CompletionRequest, ConnectorError, type ErrorCode } from '@hub/core';
import type { DefaultReplyOptions } from './default-reply.js';
import type { MockStep } from './mock-script.js';

/**
 * A scripted behaviour selected by model id (`mock/mock-error-429`): given the request and the
 * provider id, the step that answers it. Only `error` and `hang` steps answer `embed` and
 * `countTokens` calls to the model; any other step lets them answer normally.
 */
export type MockScenario = (request: CompletionRequest, context: MockScenarioContext) => MockStep;

/** What a scenario may need besides the request. */
export interface MockScenarioContext {
  readonly providerId: string;
  /** The answer the mock gives a model without a scenario (echo, tool calls, structured output). */
  readonly defaultReply: (request: CompletionRequest, options?: DefaultReplyOptions) => MockStep;
}

/**
 * How long `mock-slow` waits, in milliseconds: once before answering, then before each chunk (so
 * the first chunk arrives after 600 ms, each next one 100 ms later).
 */
export const MOCK_SLOW_DELAYS = Object.freeze({ beforeAnswerMs: 500, beforeEachChunkMs: 100 });

const failing =
  (status: number, code: ErrorCode, message: string, extra: { retryAfterMs?: number } = {}): MockScenario =>
  (_request, { providerId }) => ({
    type: 'error',
    error: new ConnectorError(code, message, {
      providerId,
      status,
      providerCode: `mock_${status}`,
      ...extra,
    }),
  });

// the scenarios, documented on MOCK_SCENARIOS below
const BUILT_IN: Record<string, MockScenario> = {
  'mock-tools': (request, { defaultReply }) => defaultReply(request, { forceToolCall: true }),
  'mock-slow': (request, { defaultReply }) => {
    const step = defaultReply(request);
    return step.type === 'text'
      ? {
          ...step,
          delayMs: MOCK_SLOW_DELAYS.beforeAnswerMs,
          chunkDelayMs: MOCK_SLOW_DELAYS.beforeEachChunkMs,
        }
      : step;
  },
  'mock-hang': () => ({ type: 'hang' }),
  'mock-broken-stream': (_request, { providerId }) => ({
    type: 'error',
    afterChunks: 3,
    text: 'This answer breaks',
    error: new ConnectorError('stream', 'The mock stream broke mid-answer.', { providerId }),
  }),
  'mock-error-400': failing(400, 'invalid_request', 'The mock refuses the request (mock-error-400).'),
  'mock-error-401': failing(401, 'authentication', 'The mock refuses the API key (mock-error-401).'),
  'mock-error-404': failing(404, 'not_found', 'The mock does not know this model (mock-error-404).'),
  'mock-error-429': failing(429, 'rate_limit', 'The mock is rate limited (mock-error-429).', {
    retryAfterMs: 1000,
  }),
  'mock-error-500': failing(500, 'provider', 'The mock failed (mock-error-500).'),
  'mock-error-503': failing(503, 'overloaded', 'The mock is overloaded (mock-error-503).'),
};

/**
 * The built-in scenarios, one per model id. Every model id not listed here answers with the
 * default reply (`mock-1` included).
 *
 * | Model id | Answers |
 * | --- | --- |
 * | `mock-tools` | a tool call whenever tools are given (the mentioned ones, else the first), then text once results arrive |
 * | `mock-slow` | the default reply, its first chunk after 600 ms, then one every 100 ms |
 * | `mock-hang` | nothing, until the call is cancelled or times out |
 * | `mock-broken-stream` | three words, then a `stream` error (a connection lost mid-answer) |
 * | `mock-error-400` | `invalid_request` (status 400) |
 * | `mock-error-401` | `authentication` (status 401: a provider refusing the gateway's key) |
 * | `mock-error-404` | `not_found` (status 404) |
 * | `mock-error-429` | `rate_limit` with a 1 s `retryAfterMs` (status 429) |
 * | `mock-error-500` | `provider` (status 500), retryable |
 * | `mock-error-503` | `overloaded` (status 503), retryable |
 *
 * Errors happen on every call, so retry and fallback see a provider that keeps failing.
 */
export const MOCK_SCENARIOS: Readonly<Record<string, MockScenario>> = Object.freeze(BUILT_IN);
