import type { WireFormat } from '../wire/wire-format.js';
import { ChatChunkEncoder } from './chat-chunk-encoder.js';
import { openAIFieldPath } from './openai-field-path.js';
import { type ChatRequest, parseChatRequest } from './parse-chat-request.js';
import { toChatCompletion } from './to-chat-completion.js';
import { toOpenAIError } from './to-openai-error.js';

let sequence = 0;
const completionId = (): string => `chatcmpl-${Date.now().toString(36)}${(sequence++).toString(36)}`;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * `POST /v1/chat/completions`: OpenAI's Chat Completions API, plain and streamed
 * (`stream_options.include_usage` adds a usage chunk before `[DONE]`). Errors use OpenAI's
 * `{"error":{message,type,param,code}}`; the gateway's default shape for paths no format owns.
 */
export const openAIChatFormat: WireFormat<ChatRequest> = {
  name: 'openai-chat',
  path: '/v1/chat/completions',
  fieldPath: openAIFieldPath,
  parse: parseChatRequest,
  toResponse: (response) => toChatCompletion(response, completionId(), nowSeconds()),
  createStreamEncoder: (parsed, call) =>
    new ChatChunkEncoder(
      completionId(),
      nowSeconds(),
      () => call.answeredBy?.() ?? parsed.request.model,
      parsed.includeUsage,
    ),
  toErrorReply: toOpenAIError,
};
