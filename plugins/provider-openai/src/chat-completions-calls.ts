import type { CallOptions, CompletionRequest, CompletionResponse, StreamChunk } from '@hub/core';
import { decodeSseBatches, parseRateLimitHeaders } from '@hub/provider-utils';
import type { ChatCompletionsQuirks } from './chat-completions-quirks.js';
import { convertOpenAIResponse } from './convert-openai-response.js';
import { convertToOpenAIRequest, type OpenAIRequestOptions } from './convert-to-openai-request.js';
import { isOpenAIReasoningModel } from './is-openai-reasoning-model.js';
import { OpenAIStreamDecoder, type OpenAIStreamSource } from './openai-stream-decoder.js';
import type { OpenAITransport } from './openai-transport.js';
import type { OpenAIChatCompletionResponse } from './openai-wire-types.js';

const EMPTY_CALL_OPTIONS: CallOptions = Object.freeze({});

/** Where and how Chat Completions requests go. */
export interface ChatCompletionsCallsOptions {
  /** Path of the completions endpoint, fixed or per model (Azure: the deployment's). */
  readonly chatPath: string | ((model: string) => string);
  /** The body's `model` for a request's model (an Azure deployment); default unchanged. */
  readonly wireModel?: ((model: string) => string) | undefined;
  readonly quirks: ChatCompletionsQuirks;
}

/** `sendCompletion` and `streamCompletion` of one wire API (Chat Completions or Responses). */
export interface CompletionCalls {
  sendCompletion(request: CompletionRequest, options?: CallOptions): Promise<CompletionResponse>;
  streamCompletion(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamChunk>;
}

/**
 * The two completion calls of a Chat Completions server: the request mapped once into one body
 * (quirks applied), `POST` to the chat path within the call's deadline, the answer or the event
 * stream mapped back (`OpenAIStreamDecoder`), rate limits read from the headers.
 */
export function chatCompletionsCalls(
  transport: OpenAITransport,
  options: ChatCompletionsCallsOptions,
): CompletionCalls {
  const { providerId } = transport;
  const { quirks, wireModel } = options;
  const isReasoningModel = quirks.isReasoningModel ?? isOpenAIReasoningModel;
  const maxTokensField = quirks.maxTokensField ?? 'auto';
  const streamUsage = quirks.streamUsage ?? true;
  const requireDoneMarker = quirks.requireDoneMarker ?? true;
  const strictSchemas = quirks.strictSchemas ?? true;
  const { renameFields, omitFields } = quirks;
  const chatPath = options.chatPath;
  const pathFor = typeof chatPath === 'string' ? () => chatPath : chatPath;

  const mapping = (request: CompletionRequest, stream: boolean): OpenAIRequestOptions => {
    const reasoning = isReasoningModel(request.model);
    return {
      model: wireModel === undefined ? request.model : wireModel(request.model),
      stream,
      reasoning,
      maxTokensField:
        maxTokensField === 'auto' ? (reasoning ? 'max_completion_tokens' : 'max_tokens') : maxTokensField,
      streamUsage,
      strictSchemas,
      renameFields,
      omitFields,
      providerParams: request.providerParams?.[providerId],
      providerId,
    };
  };

  return {
    async sendCompletion(request, callOptions = EMPTY_CALL_OPTIONS) {
      const body = convertToOpenAIRequest(request, mapping(request, false));
      const response = await transport.callJson<OpenAIChatCompletionResponse>(
        'POST',
        pathFor(request.model),
        body,
        callOptions,
      );
      return convertOpenAIResponse(response.body, {
        providerId,
        model: request.model,
        rateLimit: parseRateLimitHeaders(response.headers),
      });
    },

    streamCompletion(request, callOptions = EMPTY_CALL_OPTIONS) {
      const open = async (): Promise<OpenAIStreamSource> => {
        const body = convertToOpenAIRequest(request, mapping(request, true));
        // the deadline runs from here to the stream's end; the decoder disposes it then
        const call = transport.start(callOptions);
        try {
          const response = await transport.requestStream(pathFor(request.model), body, call);
          return {
            eventBatches: decodeSseBatches(response.body, { providerId }),
            rateLimit: parseRateLimitHeaders(response.headers),
            deadline: call.deadline,
          };
        } catch (error) {
          call.deadline.dispose();
          throw error;
        }
      };
      return {
        [Symbol.asyncIterator]: () =>
          new OpenAIStreamDecoder({ providerId, model: request.model, requireDoneMarker, open }),
      };
    },
  };
}
