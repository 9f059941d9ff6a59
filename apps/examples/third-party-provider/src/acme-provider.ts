import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type FinishReason,
  type LLMProvider,
  type ProviderMetadata,
  type StreamChunk,
} from '@hub/core';
import { callRequestOptions, createHttpClient, decodeJsonLines } from '@hub/provider-utils';
import type { AcmeConfig } from './acme-config.js';
import { acmeConfig } from './acme-config.js';
import type { AcmeGenerateBody, AcmeResult, AcmeStreamLine } from './acme-wire-types.js';

const STOP_REASONS: Record<AcmeResult['stop_reason'], FinishReason> = {
  end: 'stop',
  max_tokens: 'length',
  filtered: 'content_filter',
};

/** Creates the Acme `LLMProvider` (provider id `acme`). */
export function createAcmeProvider(config: AcmeConfig): LLMProvider {
  const client = createHttpClient({
    baseUrl: config.baseUrl,
    providerId: 'acme',
    headers: { authorization: `Bearer ${config.apiKey}` },
  });

  const toBody = (request: CompletionRequest, stream: boolean): AcmeGenerateBody => ({
    model: request.model,
    turns: request.messages.map((message) => {
      if (message.role === 'tool' || (message.role === 'assistant' && message.toolCalls !== undefined)) {
        throw new ConnectorError('invalid_request', 'Acme does not support tools.', {
          providerId: 'acme',
          field: 'messages',
        });
      }
      const text =
        typeof message.content === 'string'
          ? message.content
          : message.content.map((part) => ('text' in part ? part.text : '')).join('');
      return {
        speaker: message.role === 'user' ? 'human' : message.role === 'assistant' ? 'bot' : 'system',
        text,
      };
    }),
    ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(stream && { stream: true }),
  });

  // the configured deadlines; each call's own CallOptions win (see callRequestOptions)
  const callDefaults = {
    timeoutMs: config.timeoutMs,
    firstByteTimeoutMs: config.firstByteTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
  };

  const usageOf = (result: AcmeResult) => ({
    inputTokens: result.usage.in,
    outputTokens: result.usage.out,
    totalTokens: result.usage.in + result.usage.out,
  });

  async function* readLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamChunk> {
    for await (const value of decodeJsonLines(body, { providerId: 'acme' })) {
      const line = value as AcmeStreamLine;
      if ('delta' in line) {
        yield { type: 'text-delta', text: line.delta };
        continue;
      }
      yield {
        type: 'finish',
        finishReason: STOP_REASONS[line.stop_reason] ?? 'other',
        usage: usageOf(line),
        responseId: line.id,
        model: line.model,
      };
      return;
    }
    throw new ConnectorError('stream', 'The Acme stream ended without its final line.', {
      providerId: 'acme',
    });
  }

  return {
    providerId: 'acme',
    async sendCompletion(request, options: CallOptions = {}): Promise<CompletionResponse> {
      const body = toBody(request, false);
      // signal, headers and the three deadlines of the call, as every provider forwards them
      const call = callRequestOptions('acme', options, callDefaults);
      let result: AcmeResult;
      try {
        ({ body: result } = await client.requestJson<AcmeResult>({
          method: 'POST',
          path: '/v1/generate',
          body,
          ...call,
        }));
      } finally {
        call.deadline.dispose();
      }
      return {
        id: result.id,
        provider: 'acme',
        model: result.model,
        text: result.output,
        content: [{ type: 'text', text: result.output }],
        finishReason: STOP_REASONS[result.stop_reason] ?? 'other',
        usage: usageOf(result),
      };
    },
    streamCompletion(request, options: CallOptions = {}): AsyncIterable<StreamChunk> {
      return {
        async *[Symbol.asyncIterator]() {
          const body = toBody(request, true);
          const call = callRequestOptions('acme', options, callDefaults);
          try {
            const response = await client.requestStream({
              method: 'POST',
              path: '/v1/generate',
              body,
              ...call,
            });
            yield* readLines(response.body);
          } finally {
            // the deadlines run until the stream ends or the consumer leaves it
            call.deadline.dispose();
          }
        },
      };
    },
    async getMetadata(): Promise<ProviderMetadata> {
      return {
        providerId: 'acme',
        displayName: 'Acme LLM',
        apiVersion: 'v1',
        fetchedAt: Date.now(),
        models: [
          {
            id: 'acme-small',
            contextWindow: 32_000,
            maxOutputTokens: 4096,
            capabilities: { streaming: true, tools: false, vision: false, json: false },
            pricing: { inputPer1k: 0.0002, outputPer1k: 0.0006 },
          },
        ],
      };
    },
    validateConfig: (input) => acmeConfig.check(input),
    async healthCheck(options = {}) {
      const started = Date.now();
      try {
        await client.requestJson({
          method: 'GET',
          path: '/v1/health',
          timeoutMs: 5000,
          ...(options.signal !== undefined && { signal: options.signal }),
        });
        return { status: 'healthy', latencyMs: Date.now() - started, checkedAt: Date.now() };
      } catch (error) {
        const message = ConnectorError.isInstance(error) ? error.code : 'unknown';
        return { status: 'unhealthy', message, latencyMs: Date.now() - started, checkedAt: Date.now() };
      }
    },
    close: () => client.close(),
  };
}
