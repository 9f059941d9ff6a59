import { z } from 'zod';
import { boundedArray, identifier } from '../wire/schema-bounds.js';

const jsonObject = z.record(z.string(), z.unknown());
const textPart = z.object({ type: z.enum(['input_text', 'output_text']), text: z.string() });
const refusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });
const imagePart = z.object({
  type: z.literal('input_image'),
  // the unified request carries images by URL or data; uploaded files (`file_id`) have no equivalent
  image_url: z.string({ error: 'is required (images by file_id are not supported by the gateway)' }).min(1),
  detail: z.enum(['auto', 'low', 'high']).nullish(),
});
const content = z.union(
  [
    z.string(),
    boundedArray(z.discriminatedUnion('type', [textPart, refusalPart, imagePart]), 'maxContentParts'),
  ],
  { error: 'must be a string or an array of content parts (input_text, output_text, input_image)' },
);

const messageItem = z.object({
  type: z.literal('message'),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content,
});
const functionCallItem = z.object({
  type: z.literal('function_call'),
  call_id: identifier,
  name: identifier,
  arguments: z.string(),
});
const functionCallOutputItem = z.object({
  type: z.literal('function_call_output'),
  call_id: identifier,
  output: z.union([z.string(), boundedArray(textPart, 'maxContentParts')], {
    error: 'must be a string or an array of input_text parts',
  }),
});
// reasoning items carried back in stateless conversations: accepted, not counted (their content
// is encrypted or a summary the model does not read again)
const reasoningItem = z.object({ type: z.literal('reasoning') });

// an item without `type` is a message, as OpenAI's "easy input message" is written
const item = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && !('type' in value)
      ? { ...value, type: 'message' }
      : value,
  z.discriminatedUnion('type', [messageItem, functionCallItem, functionCallOutputItem, reasoningItem]),
);

const functionTool = z.object({
  type: z.literal('function', {
    error: 'must be "function" (hosted tools such as web_search are not supported by the gateway)',
  }),
  name: identifier,
  description: z.string().nullish(),
  parameters: jsonObject.nullish(),
  strict: z.boolean().nullish(),
});

/**
 * The fields of a Responses request that `POST /v1/responses/input_tokens` counts, typed as
 * OpenAI documents them: `model`, `input` (a string, or message, function call, function call
 * output and reasoning items), `instructions`, `tools` (function tools), `tool_choice` and
 * `parallel_tool_calls`. Other fields are ignored.
 */
export const inputTokensBodySchema = z.object({
  model: identifier,
  input: z
    .union([z.string(), boundedArray(item, 'maxMessages')], {
      error: 'must be a string or an array of input items',
    })
    .nullish(),
  instructions: z.string().nullish(),
  tools: boundedArray(functionTool, 'maxTools').nullish(),
  tool_choice: z
    .union(
      [z.enum(['auto', 'none', 'required']), z.object({ type: z.literal('function'), name: identifier })],
      { error: 'must be "auto", "none", "required" or { type: "function", name }' },
    )
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
});

/** A validated input_tokens body. */
export type InputTokensBody = z.infer<typeof inputTokensBodySchema>;
