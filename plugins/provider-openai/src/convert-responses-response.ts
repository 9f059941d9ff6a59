import { randomUUID } from 'node:crypto';
import {
  type CompletionResponse,
  ConnectorError,
  EMPTY_USAGE,
  type FinishReason,
  type RateLimitSnapshot,
  type ResponseContentPart,
} from '@hub/core';
import { convertResponsesUsage } from './convert-responses-usage.js';
import { failedResponseError, incompleteFinishReason } from './map-responses-status.js';
import type { ResponsesOutputItem, ResponsesResponse } from './responses-wire-types.js';

/** What a response needs besides its body. */
export interface ResponsesResponseContext {
  readonly providerId: string;
  /** The model the request asked for; used when the body names none. */
  readonly model: string;
  /** Parsed from the response headers (`x-ratelimit-*`). */
  readonly rateLimit?: RateLimitSnapshot | undefined;
}

// the readable part of a reasoning item: its summaries, or open reasoning text where a model
// returns it (`reasoning_text` content)
function reasoningText(item: ResponsesOutputItem): string {
  const pieces: string[] = [];
  for (const part of item.summary ?? []) if (typeof part.text === 'string') pieces.push(part.text);
  if (pieces.length === 0) {
    for (const part of item.content ?? [])
      if (part.type === 'reasoning_text' && typeof part.text === 'string') pieces.push(part.text);
  }
  return pieces.join('\n\n');
}

/**
 * Maps a Responses API `response` object to the unified response, item by item in output order:
 * `reasoning` → a reasoning part (summary text; `encrypted_content` as `signature`, the item id as
 * `id`, so the next turn can send it back), `message` → text parts (its `refusal` parts become
 * `refusal`), `function_call` → tool-call parts (`call_id` as the id). Other items (built-in tool
 * calls) are not part of the unified model and are skipped.
 *
 * Finish reason: `incomplete` → `length` or `content_filter` from `incomplete_details.reason`;
 * otherwise `tool_calls` when the model called a function, `content_filter` for a refusal without
 * text, else `stop`.
 *
 * @throws ConnectorError with the response's own error when its status is `failed`; `parse` when
 *   the body is not a finished response.
 */
export function convertResponsesResponse(
  body: ResponsesResponse,
  context: ResponsesResponseContext,
): CompletionResponse {
  const { providerId } = context;
  const status = body?.status;
  if (status === 'failed') throw failedResponseError(body, providerId, context.model);
  if (status !== 'completed' && status !== 'incomplete') {
    throw new ConnectorError('parse', `The response is not finished (status ${String(status)}).`, {
      providerId,
      model: context.model,
    });
  }
  const content: ResponseContentPart[] = [];
  let text = '';
  let refusal = '';
  let calledTool = false;
  for (const item of body.output ?? []) {
    switch (item.type) {
      case 'reasoning': {
        const encrypted = typeof item.encrypted_content === 'string' ? item.encrypted_content : undefined;
        content.push({
          type: 'reasoning',
          text: reasoningText(item),
          ...(encrypted !== undefined && { signature: encrypted }),
          ...(item.id !== undefined && { id: item.id }),
        });
        break;
      }
      case 'message':
        for (const part of item.content ?? []) {
          if (part.type === 'output_text' && typeof part.text === 'string' && part.text !== '') {
            const last = content.at(-1);
            // one text part per run of text, as a stream folds it
            if (last?.type === 'text')
              content[content.length - 1] = { type: 'text', text: last.text + part.text };
            else content.push({ type: 'text', text: part.text });
            text += part.text;
          } else if (part.type === 'refusal' && typeof part.refusal === 'string') {
            refusal += part.refusal;
          }
        }
        break;
      case 'function_call':
        calledTool = true;
        content.push({
          type: 'tool-call',
          id: item.call_id ?? item.id ?? '',
          name: item.name ?? '',
          arguments: item.arguments ?? '',
        });
        break;
      default:
    }
  }
  let finishReason: FinishReason;
  if (status === 'incomplete') finishReason = incompleteFinishReason(body);
  else if (calledTool) finishReason = 'tool_calls';
  else if (refusal !== '' && text === '') finishReason = 'content_filter';
  else finishReason = 'stop';
  return {
    id: body.id ?? `resp-${randomUUID()}`,
    provider: providerId,
    model: body.model ?? context.model,
    text,
    content,
    finishReason,
    usage: convertResponsesUsage(body.usage) ?? EMPTY_USAGE,
    ...(context.rateLimit !== undefined && { rateLimit: context.rateLimit }),
    ...(refusal !== '' && { refusal }),
  };
}
