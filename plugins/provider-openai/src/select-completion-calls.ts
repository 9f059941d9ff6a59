import type { CompletionCalls } from './chat-completions-calls.js';
import { isServedOnlyOnResponses } from './openai-model-catalog.js';

/** Which OpenAI API serves completions: fixed by the `api` option, or chosen per model. */
export type OpenAICompletionApi = 'chat' | 'responses';

/**
 * The completion calls of a provider that speaks both APIs: with `api` set, that API for every
 * model; without it, the Responses API for the models served only there
 * (`isServedOnlyOnResponses`) and Chat Completions for the rest.
 */
export function selectCompletionCalls(
  chat: CompletionCalls,
  responses: CompletionCalls,
  api: OpenAICompletionApi | undefined,
): CompletionCalls {
  if (api === 'chat') return chat;
  if (api === 'responses') return responses;
  return {
    sendCompletion: (request, options) =>
      (isServedOnlyOnResponses(request.model) ? responses : chat).sendCompletion(request, options),
    streamCompletion: (request, options) =>
      (isServedOnlyOnResponses(request.model) ? responses : chat).streamCompletion(request, options),
  };
}
