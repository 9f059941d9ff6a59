import type { RequiredCapabilities } from '../contracts/provider-selector.js';
import type { CompletionRequest } from '../model/completion-request.js';

// A rough, tokenizer-free estimate: English averages about four characters per token
const CHARS_PER_TOKEN = 4;
const DEFAULT_OUTPUT_TOKENS = 256;

/** Derives what a request needs from a model, for capability filtering in selectors. */
export function requiredCapabilities(request: CompletionRequest, streaming: boolean): RequiredCapabilities {
  let characters = 0;
  let vision = false;
  for (const message of request.messages) {
    if (typeof message.content === 'string') {
      characters += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'image') vision = true;
      else characters += part.text.length;
    }
  }
  const format = request.responseFormat?.type;
  return {
    streaming,
    tools: (request.tools?.length ?? 0) > 0,
    vision,
    json: format === 'json' || format === 'json_schema',
    minContextTokens: Math.ceil(characters / CHARS_PER_TOKEN) + (request.maxTokens ?? DEFAULT_OUTPUT_TOKENS),
  };
}

/** Estimates the prompt's tokens from its characters (for rate-limit reservations). */
export function estimatePromptTokens(request: CompletionRequest): number {
  return requiredCapabilities(request, false).minContextTokens - (request.maxTokens ?? DEFAULT_OUTPUT_TOKENS);
}
