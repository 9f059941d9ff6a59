import { type CompletionResponse, ConnectorError } from '@hub/core';
import type { ConversationItem } from './conversation-item.js';
import { buildResponse, type GatewayResponse } from './gateway-response.js';
import type { MessageItem } from './open-responses-schemas.js';
import { endingOf, functionCallItem, messageItem, reasoningItem } from './output-items.js';
import type { ResponsesRequest } from './parse-responses-request.js';
import { toResponsesUsage } from './to-responses-usage.js';

/**
 * A unified response as a `ResponseResource`. Its content parts become output items in order:
 * a text part an assistant message, a reasoning part a reasoning item, a tool call a
 * `function_call` item; a refusal joins the last message (or makes one). An answer with no
 * content is one message with empty text, so `output` is never empty. A `length` or
 * `content_filter` finish makes the response and its last item `incomplete`.
 *
 * @throws ConnectorError `provider` (502) when the provider reported a failure inside its answer
 * (finish reason `error`): a non-streamed answer reports it as an HTTP error.
 */
export function toResponseResource(
  response: CompletionResponse,
  parsed: ResponsesRequest,
  completedAt: number,
): GatewayResponse {
  const ending = endingOf(response.finishReason);
  if (ending.status === 'failed') {
    throw new ConnectorError('provider', 'The provider reported an error while answering.', {
      providerId: response.provider,
      retryable: false,
    });
  }
  const token = parsed.ids.token;
  const output: ConversationItem[] = [];
  let toolIndex = 0;
  for (const part of response.content) {
    if (part.type === 'text') output.push(messageItem(token, output.length, 'completed', part.text));
    else if (part.type === 'reasoning') output.push(reasoningItem(token, output.length, part));
    else output.push(functionCallItem(token, output.length, toolIndex++, 'completed', part));
  }
  const refusal = response.refusal;
  const last = output.at(-1);
  if (refusal !== undefined && last?.type === 'message') {
    (last.content as MessageItem['content'][number][]).push({ type: 'refusal', refusal });
  } else if (refusal !== undefined || output.length === 0) {
    output.push(
      messageItem(token, output.length, 'completed', refusal === undefined ? '' : undefined, refusal),
    );
  }
  const final = output.at(-1);
  if (ending.status === 'incomplete' && final !== undefined && final.type !== 'reasoning')
    output[output.length - 1] = { ...final, status: 'incomplete' };
  return buildResponse(parsed, {
    status: ending.status,
    completed_at: ending.status === 'completed' ? completedAt : null,
    incomplete_details: ending.incompleteDetails,
    model: response.model,
    output,
    error: null,
    usage: toResponsesUsage(response.usage),
  });
}
