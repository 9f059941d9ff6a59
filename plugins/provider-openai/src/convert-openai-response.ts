import { randomUUID } from 'node:crypto';
import {
  type CompletionResponse,
  ConnectorError,
  EMPTY_USAGE,
  type FinishReason,
  type RateLimitSnapshot,
  type ResponseContentPart,
} from '@hub/core';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import type { OpenAIChatCompletionResponse } from './openai-wire-types.js';

/** What a response needs besides its body. */
export interface OpenAIResponseContext {
  readonly providerId: string;
  /** The model the request asked for; used when the body names none. */
  readonly model: string;
  /** Parsed from the response headers (`x-ratelimit-*`). */
  readonly rateLimit?: RateLimitSnapshot | undefined;
}

/**
 * Maps a `chat.completion` body to the unified response. Content parts come in the order
 * reasoning (from compatible servers' `reasoning_content`/`reasoning`), text, tool calls;
 * `message.refusal` becomes `refusal`, and a refusal with no text finishes as `content_filter`.
 * `usage` includes cached prompt tokens and reasoning tokens when reported. Only the first choice
 * is read (the provider never asks for `n > 1`).
 *
 * @param body - The parsed response body.
 * @param context - Provider id, requested model and the rate-limit snapshot.
 * @returns The unified response.
 * @throws ConnectorError `parse` when the body has no choice with a message.
 */
export function convertOpenAIResponse(
  body: OpenAIChatCompletionResponse,
  context: OpenAIResponseContext,
): CompletionResponse {
  const choice = body?.choices?.[0];
  const message = choice?.message;
  if (message === undefined || message === null) {
    throw new ConnectorError('parse', 'The response has no choices[0].message.', {
      providerId: context.providerId,
      model: context.model,
    });
  }
  const content: ResponseContentPart[] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') content.push({ type: 'reasoning', text: reasoning });
  const text = typeof message.content === 'string' ? message.content : '';
  if (text !== '') content.push({ type: 'text', text });
  const toolCalls = message.tool_calls;
  if (toolCalls !== undefined && toolCalls !== null) {
    for (const call of toolCalls) {
      content.push({
        type: 'tool-call',
        id: call.id ?? '',
        name: call.function?.name ?? '',
        arguments: call.function?.arguments ?? '',
      });
    }
  } else if (message.function_call !== undefined && message.function_call !== null) {
    const call = message.function_call;
    content.push({ type: 'tool-call', id: '', name: call.name ?? '', arguments: call.arguments ?? '' });
  }
  const refusal = typeof message.refusal === 'string' && message.refusal !== '' ? message.refusal : undefined;
  let finishReason: FinishReason = mapOpenAIFinishReason(choice?.finish_reason);
  if (refusal !== undefined && text === '') finishReason = 'content_filter';
  return {
    id: body.id ?? `chatcmpl-${randomUUID()}`,
    provider: context.providerId,
    model: body.model ?? context.model,
    text,
    content,
    finishReason,
    usage: convertOpenAIUsage(body.usage) ?? EMPTY_USAGE,
    ...(context.rateLimit !== undefined && { rateLimit: context.rateLimit }),
    ...(refusal !== undefined && { refusal }),
  };
}
