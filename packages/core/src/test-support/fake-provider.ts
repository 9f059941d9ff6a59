// Test support only: never exported from the package.
import type { CallOptions } from '../contracts/call-options.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { ModelInfo } from '../contracts/provider-metadata.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { StreamChunk } from '../model/stream-chunk.js';

/** What the fake answers one call with. */
export type FakeAnswer =
  | string
  | ConnectorError
  | { chunks: StreamChunk[]; thenError?: ConnectorError }
  | 'hang';

export interface FakeProvider extends LLMProvider {
  readonly calls: Array<{ request: CompletionRequest; options: CallOptions; closed: boolean }>;
  answers: FakeAnswer[];
}

/** A tiny scriptable provider for core's own tests (core cannot depend on @hub/testing). */
export function fakeProvider(
  providerId: string,
  answers: FakeAnswer[] = [],
  models: ModelInfo[] = [],
): FakeProvider {
  const calls: FakeProvider['calls'] = [];
  const provider: FakeProvider = {
    providerId,
    calls,
    answers,
    async sendCompletion(request, options = {}) {
      calls.push({ request, options, closed: false });
      const answer = provider.answers.shift() ?? 'ok';
      if (answer instanceof ConnectorError) throw answer;
      if (answer === 'hang') return hang(options.signal);
      const text =
        typeof answer === 'string'
          ? answer
          : answer.chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('');
      return response(providerId, request.model, text);
    },
    streamCompletion(request, options = {}) {
      return {
        [Symbol.asyncIterator]() {
          const call = { request, options, closed: false };
          calls.push(call);
          const answer = provider.answers.shift() ?? 'ok';
          return (async function* () {
            try {
              if (answer instanceof ConnectorError) throw answer;
              if (answer === 'hang') {
                yield { type: 'text-delta', text: 'partial' } as StreamChunk;
                await hang(options.signal);
                return;
              }
              if (typeof answer === 'string') {
                for (const word of answer.split(/(?<= )/))
                  yield { type: 'text-delta', text: word } as StreamChunk;
                yield {
                  type: 'finish',
                  finishReason: 'stop',
                  usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
                } as StreamChunk;
                return;
              }
              yield* answer.chunks;
              if (answer.thenError !== undefined) throw answer.thenError;
            } finally {
              call.closed = true;
            }
          })();
        },
      };
    },
    async getMetadata() {
      return { providerId, displayName: providerId, models, fetchedAt: Date.now() };
    },
    validateConfig: () => ({ ok: true }),
    async probe() {},
  };
  return provider;
}

export function response(provider: string, model: string, text: string): CompletionResponse {
  return {
    id: `resp-${text.length}`,
    provider,
    model,
    text,
    content: [{ type: 'text', text }],
    finishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
  };
}

function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(new ConnectorError('cancelled', 'cancelled'));
    signal?.addEventListener('abort', () => reject(new ConnectorError('cancelled', 'cancelled')), {
      once: true,
    });
  });
}

export const userRequest = (model: string, content = 'hi'): CompletionRequest => ({
  model,
  messages: [{ role: 'user', content }],
});
