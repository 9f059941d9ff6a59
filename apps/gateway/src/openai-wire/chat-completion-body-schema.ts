import { z } from 'zod';
import { boundedArray, boundedMap, boundedString, identifier } from '../wire/schema-bounds.js';

const shortText = boundedString('maxShortTextLength');
const textPart = z.object({ type: z.literal('text'), text: z.string() });
// assistant turns may carry a refusal part; it is not resent to providers as text
const refusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).nullish() }),
});
const textContent = z
  .union([z.string(), boundedArray(textPart, 'maxContentParts')], {
    error: 'must be a string or an array of text parts',
  })
  .nullish();
const jsonObject = z.record(z.string(), z.unknown());

const toolCall = z.object({
  id: identifier,
  type: z.literal('function').optional(),
  function: z.object({
    name: identifier,
    // JSON text as OpenAI sends it; some clients send the object itself
    arguments: z.union([z.string(), jsonObject], { error: 'must be a JSON string' }).nullish(),
  }),
});

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: textContent, name: identifier.nullish() }),
  z.object({ role: z.literal('developer'), content: textContent, name: identifier.nullish() }),
  z.object({
    role: z.literal('user'),
    content: z.union(
      [z.string(), boundedArray(z.discriminatedUnion('type', [textPart, imagePart]), 'maxContentParts')],
      { error: 'must be a string or an array of content parts' },
    ),
    name: identifier.nullish(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z
      .union(
        [z.string(), boundedArray(z.discriminatedUnion('type', [textPart, refusalPart]), 'maxContentParts')],
        { error: 'must be a string or an array of text parts' },
      )
      .nullish(),
    refusal: z.string().nullish(),
    name: identifier.nullish(),
    tool_calls: boundedArray(toolCall, 'maxContentParts').nullish(),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: identifier, content: textContent }),
]);

const tool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: identifier,
    description: z.string().nullish(),
    parameters: jsonObject.nullish(),
    strict: z.boolean().nullish(),
  }),
});

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: identifier,
      schema: jsonObject.nullish(),
      description: z.string().nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/**
 * The Chat Completions request fields the gateway reads, typed as OpenAI documents them. Fields
 * it does not know are ignored (clients send new ones first); a known field of the wrong type
 * is refused. `null` means "not set", as OpenAI's SDKs send it.
 */
export const chatCompletionBodySchema = z.object({
  model: identifier,
  messages: boundedArray(message, 'maxMessages').min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  max_tokens: z.number().int().nullish(),
  max_completion_tokens: z.number().int().nullish(),
  stop: z
    .union([shortText, boundedArray(shortText, 'maxStopSequences')], {
      error: 'must be a string or an array of strings',
    })
    .nullish(),
  seed: z.number().int().nullish(),
  n: z.number().int().nullish(),
  tools: boundedArray(tool, 'maxTools').nullish(),
  tool_choice: z
    .union(
      [
        z.enum(['auto', 'none', 'required']),
        z.object({ type: z.literal('function'), function: z.object({ name: identifier }) }),
      ],
      { error: 'must be "auto", "none", "required" or { type: "function", function: { name } }' },
    )
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormat.nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  user: shortText.nullish(),
  metadata: boundedMap(shortText).nullish(),
  frequency_penalty: z.number().nullish(),
  presence_penalty: z.number().nullish(),
  logit_bias: boundedMap(z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().nullish(),
  service_tier: identifier.nullish(),
  prediction: z.object({ type: z.literal('content'), content: textContent }).nullish(),
});

/** A validated Chat Completions body. */
export type ChatCompletionBody = z.infer<typeof chatCompletionBodySchema>;
