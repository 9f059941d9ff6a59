import { z } from 'zod';
import { boundedArray, boundedString, identifier } from '../wire/schema-bounds.js';

const shortText = boundedString('maxShortTextLength');
// `cache_control` and `citations` may ride on any block; the unified request has no use for them
const textBlock = z.object({ type: z.literal('text'), text: z.string() });
const imageBlock = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('base64'), media_type: identifier, data: z.string().min(1) }),
    z.object({ type: z.literal('url'), url: z.string().min(1) }),
  ]),
});
const toolResultBlock = z.object({
  type: z.literal('tool_result'),
  tool_use_id: identifier,
  content: z
    .union([z.string(), boundedArray(textBlock, 'maxContentParts')], {
      // the unified tool message carries text only; images in tool results have no equivalent
      error: 'must be a string or an array of text blocks (the gateway supports text tool results)',
    })
    .nullish(),
  is_error: z.boolean().nullish(),
});
const thinkingBlock = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().nullish(),
});
const redactedThinkingBlock = z.object({ type: z.literal('redacted_thinking'), data: z.string() });
const toolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: identifier,
  name: identifier,
  input: z.record(z.string(), z.unknown()).nullish(),
});

const userMessage = z.object({
  role: z.literal('user'),
  content: z.union(
    [
      z.string(),
      boundedArray(z.discriminatedUnion('type', [textBlock, imageBlock, toolResultBlock]), 'maxContentParts'),
    ],
    { error: 'must be a string or an array of content blocks' },
  ),
});
const assistantMessage = z.object({
  role: z.literal('assistant'),
  content: z.union(
    [
      z.string(),
      boundedArray(
        z.discriminatedUnion('type', [textBlock, thinkingBlock, redactedThinkingBlock, toolUseBlock]),
        'maxContentParts',
      ),
    ],
    { error: 'must be a string or an array of content blocks' },
  ),
});

const tool = z.object({
  // Anthropic's server tools (web_search_…, bash_…) run on Anthropic's side only; checked first
  type: z
    .literal('custom', { error: 'must be "custom" (server tools are not supported by the gateway)' })
    .nullish(),
  name: identifier,
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' }),
});

/**
 * The Messages API request fields the gateway reads, typed as Anthropic documents them. Unknown
 * fields are ignored; a known field of the wrong type is refused.
 */
export const messagesBodySchema = z.object({
  model: identifier,
  max_tokens: z.number().int().min(1, { error: 'must be a positive integer' }),
  system: z
    .union([z.string(), boundedArray(textBlock, 'maxContentParts')], {
      error: 'must be a string or an array of text blocks',
    })
    .nullish(),
  messages: boundedArray(z.discriminatedUnion('role', [userMessage, assistantMessage]), 'maxMessages').min(1),
  stop_sequences: boundedArray(shortText, 'maxStopSequences').nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  // accepted for compatibility and not forwarded: the unified request has no top-k
  top_k: z.number().int().nullish(),
  tools: boundedArray(tool, 'maxTools').nullish(),
  tool_choice: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().nullish() }),
      z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().nullish() }),
      z.object({ type: z.literal('none') }),
      z.object({
        type: z.literal('tool'),
        name: identifier,
        disable_parallel_tool_use: z.boolean().nullish(),
      }),
    ])
    .nullish(),
  stream: z.boolean().nullish(),
  metadata: z.object({ user_id: shortText.nullish() }).nullish(),
  thinking: z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('enabled'),
        budget_tokens: z.number().int().min(1, { error: 'must be a positive integer' }),
      }),
      z.object({ type: z.literal('disabled') }),
    ])
    .nullish(),
});

/** A validated Messages API body. */
export type MessagesBody = z.infer<typeof messagesBodySchema>;

/**
 * The body of `POST /v1/messages/count_tokens`: the Messages fields without `max_tokens` (and
 * without `stream`), as Anthropic documents it. A `max_tokens` sent anyway is ignored.
 */
export const countTokensBodySchema = messagesBodySchema.omit({ max_tokens: true, stream: true });

/** A validated count_tokens body. */
export type CountTokensBody = z.infer<typeof countTokensBodySchema>;
