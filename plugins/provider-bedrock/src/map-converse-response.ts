import type { CompletionResponse, ResponseContentPart } from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type { ConverseResponse } from './bedrock-wire-types.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
import { mapBedrockUsage } from './map-bedrock-usage.js';

/** Where the response came from: Bedrock's body names neither its id nor its model. */
export interface ConverseResponseOrigin {
  /** The `x-amzn-requestid` response header, used as the response id. */
  readonly requestId: string;
  /** The model id the request used. */
  readonly model: string;
}

/**
 * Maps a Converse response to the unified response: `output.message.content` blocks in order —
 * `text` → text, `reasoningContent.reasoningText` → reasoning with its `signature`,
 * `reasoningContent.redactedContent` → redacted reasoning carrying the encrypted data as its
 * signature, `toolUse` → a tool call whose arguments are `input` as JSON text — with the
 * `stopReason` (see `mapBedrockStopReason`) and usage (see `mapBedrockUsage`). Unknown block
 * types (citations, guardrail content, …) are skipped.
 *
 * @param body - The parsed response body.
 * @param origin - The request id and model, which the body does not carry.
 */
export function mapConverseResponse(
  body: ConverseResponse,
  origin: ConverseResponseOrigin,
): CompletionResponse {
  const content: ResponseContentPart[] = [];
  let text = '';
  for (const block of body.output?.message?.content ?? []) {
    if ('text' in block && typeof block.text === 'string') {
      content.push({ type: 'text', text: block.text });
      text += block.text;
    } else if ('toolUse' in block && block.toolUse !== undefined) {
      const { toolUseId, name, input } = block.toolUse;
      content.push({ type: 'tool-call', id: toolUseId, name, arguments: JSON.stringify(input ?? {}) });
    } else if ('reasoningContent' in block && block.reasoningContent !== undefined) {
      const reasoning = block.reasoningContent;
      if ('reasoningText' in reasoning) {
        const { text: thought, signature } = reasoning.reasoningText;
        content.push({ type: 'reasoning', text: thought, ...(signature !== undefined && { signature }) });
      } else if ('redactedContent' in reasoning) {
        content.push({ type: 'reasoning', text: '', signature: reasoning.redactedContent, redacted: true });
      }
    }
  }
  return {
    id: origin.requestId,
    provider: BEDROCK_PROVIDER_ID,
    model: origin.model,
    text,
    content,
    finishReason: mapBedrockStopReason(body.stopReason),
    usage: mapBedrockUsage(body.usage),
  };
}
