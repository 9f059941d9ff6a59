import type { CompletionResponse } from '@hub/core';
import { toOpenAIFinishReason } from './to-openai-finish-reason.js';
import { toOpenAIUsage } from './to-openai-usage.js';

/**
 * A unified response as an OpenAI `chat.completion` object. `model` is what the client asked
 * for when it named a route alias, so clients see the name they used.
 */
export function toChatCompletion(
  response: CompletionResponse,
  id: string,
  created: number,
): Record<string, unknown> {
  const toolCalls = [];
  for (const part of response.content) {
    if (part.type === 'tool-call')
      toolCalls.push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: part.arguments },
      });
  }
  return {
    id,
    object: 'chat.completion',
    created,
    model: response.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: toolCalls.length > 0 && response.text === '' ? null : response.text,
          refusal: response.refusal ?? null,
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
        },
        logprobs: null,
        finish_reason: toOpenAIFinishReason(response.finishReason),
      },
    ],
    usage: toOpenAIUsage(response.usage),
    system_fingerprint: null,
  };
}
