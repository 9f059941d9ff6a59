import type { WireFormat, WireRequest } from '../wire/wire-format.js';
import { anthropicFieldPath } from './anthropic-field-path.js';
import { MessageEventEncoder } from './message-event-encoder.js';
import { parseMessagesRequest } from './parse-messages-request.js';
import { toAnthropicError } from './to-anthropic-error.js';
import { toAnthropicMessage } from './to-anthropic-message.js';

let sequence = 0;
const uniqueSuffix = (): string => `${Date.now().toString(36)}${(sequence++).toString(36)}`;
const messageId = (): string => `msg_gw${uniqueSuffix()}`;
const toolUseId = (): string => `toolu_gw${uniqueSuffix()}`;

/**
 * `POST /v1/messages`: Anthropic's Messages API, plain and streamed, over every configured
 * provider. Errors use Anthropic's `{"type":"error","error":{type,message}}`; the virtual key may
 * come as `x-api-key`, as Anthropic clients send it.
 */
export const anthropicMessagesFormat: WireFormat<WireRequest> = {
  name: 'anthropic-messages',
  path: '/v1/messages',
  fieldPath: anthropicFieldPath,
  parse: (body) => parseMessagesRequest(body),
  toResponse: (response) => toAnthropicMessage(response, messageId()),
  createStreamEncoder: (parsed, call) =>
    new MessageEventEncoder(messageId(), () => call.answeredBy?.() ?? parsed.request.model, toolUseId),
  toErrorReply: toAnthropicError,
};
