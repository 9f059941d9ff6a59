import {
  type CallOptions,
  type CompletionRequest,
  type CompletionResponse,
  ConnectorError,
  type FinishReason,
  type StreamChunk,
  type Usage,
} from '@hub/core';
import {
  type CallDefaults,
  callRequestOptions,
  createHttpClient,
  decodeJsonLines,
  defineHttpProvider,
  type HttpProvider,
} from '@hub/provider-utils';
import type { AcmeConfig } from './acme-config.js';
import { acmeConfig } from './acme-config.js';
import { ACME_MODEL_CATALOG } from './acme-model-catalog.js';
import type { AcmeGenerateBody, AcmeResult, AcmeStreamError, AcmeStreamLine } from './acme-wire-types.js';

const PROVIDER_ID = 'acme';
const STOP_REASONS: Record<AcmeResult['stop_reason'], FinishReason> = {
  end: 'stop',
  max_tokens: 'length',
  filtered: 'content_filter',
};

function toBody(request: CompletionRequest, stream: boolean): AcmeGenerateBody {
  return {
    model: request.model,
    turns: request.messages.map((message) => {
      if (message.role === 'tool' || (message.role === 'assistant' && message.toolCalls !== undefined)) {
        // refused before any network I/O, naming the field
        throw new ConnectorError('invalid_request', 'Acme does not support tools.', {
          providerId: PROVIDER_ID,
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
  };
}

const usageOf = (result: AcmeResult): Usage => ({
  inputTokens: result.usage.in,
  outputTokens: result.usage.out,
  totalTokens: result.usage.in + result.usage.out,
});

// an error line after the stream started: overloaded backs off, anything else is the provider's
function streamError(line: AcmeStreamError): ConnectorError {
  return new ConnectorError(
    line.error.type === 'overloaded' ? 'overloaded' : 'provider',
    `The stream reported an error: ${line.error.message}`,
    { providerId: PROVIDER_ID, providerCode: line.error.type },
  );
}

/**
 * Creates the Acme `LLMProvider` (provider id `acme`) on the provider kit: this file holds only
 * what is Acme's (its wire format and catalog); `defineHttpProvider` adds metadata, and every call
 * hands its `CallOptions` to `callRequestOptions`, so the call's signal, headers, request id and
 * three deadlines are honoured like in every provider.
 */
export function createAcmeProvider(config: AcmeConfig): HttpProvider {
  // the default error mapping is `errorFromStatus`, the one status table every provider shares
  const client = createHttpClient({
    baseUrl: config.baseUrl,
    providerId: PROVIDER_ID,
    headers: { authorization: `Bearer ${config.apiKey}` },
  });
  // the configured deadlines and request id header; each call's own CallOptions win
  const callDefaults: CallDefaults = {
    timeoutMs: config.timeoutMs,
    firstByteTimeoutMs: config.firstByteTimeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
    requestIdHeader: 'x-acme-request-id',
  };

  async function* readLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamChunk> {
    for await (const value of decodeJsonLines(body, { providerId: PROVIDER_ID })) {
      const line = value as AcmeStreamLine;
      if ('delta' in line) {
        yield { type: 'text-delta', text: line.delta };
        continue;
      }
      if ('error' in line) throw streamError(line);
      yield {
        type: 'finish',
        finishReason: STOP_REASONS[line.stop_reason] ?? 'other',
        usage: usageOf(line),
        responseId: line.id,
        model: line.model,
      };
      return;
    }
    // a stream without its final line ended early: an error, never a short answer
    throw new ConnectorError('stream', 'The stream ended without its final line.', {
      providerId: PROVIDER_ID,
    });
  }

  return defineHttpProvider({
    providerId: PROVIDER_ID,
    displayName: 'Acme LLM',
    apiVersion: 'v1',
    catalog: ACME_MODEL_CATALOG,

    async sendCompletion(request, options: CallOptions = {}): Promise<CompletionResponse> {
      const body = toBody(request, false);
      const call = callRequestOptions(PROVIDER_ID, options, callDefaults);
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
        provider: PROVIDER_ID,
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
          // the deadlines run until the stream ends or the consumer leaves it
          const call = callRequestOptions(PROVIDER_ID, options, callDefaults);
          try {
            const response = await client.requestStream({
              method: 'POST',
              path: '/v1/generate',
              body,
              ...call,
            });
            yield* readLines(response.body);
          } finally {
            call.deadline.dispose();
          }
        },
      };
    },

    // something cheap that needs the key; the hub owns the time budget and the classification
    async probe(options) {
      const call = callRequestOptions(PROVIDER_ID, options, callDefaults);
      try {
        await client.requestJson({ method: 'GET', path: '/v1/health', ...call });
      } finally {
        call.deadline.dispose();
      }
    },

    validateConfig: (input) => acmeConfig.check(input),
    close: () => client.close(),
  });
}
