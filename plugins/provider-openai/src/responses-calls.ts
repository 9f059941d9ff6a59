import type { CallOptions, CompletionRequest, StreamChunk } from '@hub/core';
import { decodeSse, parseRateLimitHeaders } from '@hub/provider-utils';
import type { CompletionCalls } from './chat-completions-calls.js';
import { convertResponsesResponse } from './convert-responses-response.js';
import { convertToResponsesRequest } from './convert-to-responses-request.js';
import { isOpenAIReasoningModel } from './is-openai-reasoning-model.js';
import type { OpenAITransport } from './openai-transport.js';
import { decodeResponsesStream, type ResponsesStreamSource } from './responses-stream-decoder.js';
import type { ResponsesResponse } from './responses-wire-types.js';

const EMPTY_CALL_OPTIONS: CallOptions = Object.freeze({});

/** Where Responses API requests go. */
export interface ResponsesCallsOptions {
  /** Path of the Responses endpoint relative to the base URL. Default `/responses`. */
  readonly path?: string | undefined;
  /** The body's `model` for a request's model (an Azure deployment); default unchanged. */
  readonly wireModel?: ((model: string) => string) | undefined;
}

/**
 * `sendCompletion` and `streamCompletion` over OpenAI's Responses API (`POST /responses`): the
 * request mapped once (`convertToResponsesRequest`), the answer or the event stream mapped back
 * (`convertResponsesResponse`, `decodeResponsesStream`), rate limits read from the headers, errors
 * mapped as on Chat Completions.
 */
export function responsesCalls(
  transport: OpenAITransport,
  options: ResponsesCallsOptions = {},
): CompletionCalls {
  const { providerId } = transport;
  const path = options.path ?? '/responses';
  const { wireModel } = options;
  const mapping = (request: CompletionRequest, stream: boolean) => ({
    model: wireModel === undefined ? request.model : wireModel(request.model),
    stream,
    reasoning: isOpenAIReasoningModel(request.model),
    providerParams: request.providerParams?.[providerId],
    providerId,
  });

  return {
    async sendCompletion(request, callOptions = EMPTY_CALL_OPTIONS) {
      const body = convertToResponsesRequest(request, mapping(request, false));
      const response = await transport.callJson<ResponsesResponse>('POST', path, body, callOptions);
      return convertResponsesResponse(response.body, {
        providerId,
        model: request.model,
        rateLimit: parseRateLimitHeaders(response.headers),
      });
    },

    streamCompletion(request, callOptions = EMPTY_CALL_OPTIONS): AsyncIterable<StreamChunk> {
      const open = async (): Promise<ResponsesStreamSource> => {
        const body = convertToResponsesRequest(request, mapping(request, true));
        // the deadline runs from here to the stream's end; the decoder disposes it then
        const call = transport.start(callOptions);
        try {
          const response = await transport.requestStream(path, body, call);
          return {
            events: decodeSse(response.body, { providerId }),
            rateLimit: parseRateLimitHeaders(response.headers),
            deadline: call.deadline,
          };
        } catch (error) {
          call.deadline.dispose();
          throw error;
        }
      };
      return {
        [Symbol.asyncIterator]: () => decodeResponsesStream({ providerId, model: request.model, open }),
      };
    },
  };
}
