import type { LanguageModelV3Content, SharedV3ProviderMetadata } from '@ai-sdk/provider';
import type { CompletionResponse, ReasoningPart } from '@hub/core';
import { HUB_KEY } from './internal/hub-key.js';
import { generatedToolCallId, toolInput } from './internal/tool-call-id.js';

/**
 * The AI SDK content of a hub response, in the order the model produced it. Reasoning signatures,
 * item ids and the redacted flag, and tool-call signatures, go to the part's
 * `providerMetadata.hub`, which the AI SDK hands back as `providerOptions.hub` on the next turn.
 */
export function convertHubResponse(response: CompletionResponse): LanguageModelV3Content[] {
  const content: LanguageModelV3Content[] = [];
  for (const part of response.content) {
    switch (part.type) {
      case 'text':
        content.push({ type: 'text', text: part.text });
        break;
      case 'reasoning': {
        const providerMetadata = reasoningMetadata(part);
        content.push({
          type: 'reasoning',
          text: part.text,
          ...(providerMetadata !== undefined && { providerMetadata }),
        });
        break;
      }
      case 'tool-call':
        content.push({
          type: 'tool-call',
          toolCallId: part.id === '' ? generatedToolCallId() : part.id,
          toolName: part.name,
          input: toolInput(part.arguments),
          ...(part.signature !== undefined && {
            providerMetadata: { [HUB_KEY]: { signature: part.signature } },
          }),
        });
        break;
    }
  }
  return content;
}

/** `providerMetadata.hub` of a reasoning part (signature, item id, redacted), if it has any. */
export function reasoningMetadata(
  part: Pick<ReasoningPart, 'signature' | 'id' | 'redacted'>,
): SharedV3ProviderMetadata | undefined {
  if (part.signature === undefined && part.id === undefined && part.redacted !== true) return undefined;
  return {
    [HUB_KEY]: {
      ...(part.signature !== undefined && { signature: part.signature }),
      ...(part.id !== undefined && { id: part.id }),
      ...(part.redacted === true && { redacted: true }),
    },
  };
}
