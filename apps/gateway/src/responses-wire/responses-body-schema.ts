import { z } from 'zod';
import { boundedArray, boundedMap, boundedString, identifier } from '../wire/schema-bounds.js';

const shortText = boundedString('maxShortTextLength');
const jsonObject = z.record(z.string(), z.unknown());
// the spec's function name rule (FunctionToolParam, FunctionCallItemParam)
const functionName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,64}$/, { error: 'must be 1 to 64 letters, digits, "_" or "-"' });

const inputText = z.object({ type: z.literal('input_text'), text: z.string() });
const inputImage = z.object({
  type: z.literal('input_image'),
  // uploaded files have no unified equivalent: an image must come as a URL or a data URL
  image_url: z
    .string({ error: 'is required: send the image as a URL or a data: URL (file_id is not supported)' })
    .min(1),
  detail: z.enum(['low', 'high', 'auto']).nullish(),
});
const outputText = z.object({ type: z.literal('output_text'), text: z.string() });
const refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });
const textOnly = z.union([z.string(), boundedArray(inputText, 'maxContentParts')], {
  error: 'must be a string or an array of input_text parts',
});
const itemStatus = z.enum(['in_progress', 'completed', 'incomplete']).nullish();
const itemId = identifier.nullish();

const userMessage = z.object({
  type: z.literal('message'),
  role: z.literal('user'),
  content: z.union(
    [
      z.string(),
      boundedArray(
        z.discriminatedUnion('type', [inputText, inputImage], {
          error:
            'must be one of input_text, input_image (input_file and input_video are not supported by the gateway)',
        }),
        'maxContentParts',
      ),
    ],
    { error: 'must be a string or an array of input_text and input_image parts' },
  ),
  id: itemId,
  status: itemStatus,
});
const instructionMessage = <Role extends 'system' | 'developer'>(role: Role) =>
  z.object({
    type: z.literal('message'),
    role: z.literal(role),
    content: textOnly,
    id: itemId,
    status: itemStatus,
  });
const assistantMessage = z.object({
  type: z.literal('message'),
  role: z.literal('assistant'),
  content: z.union(
    [
      z.string(),
      boundedArray(
        // some clients send earlier answers back as input_text
        z.discriminatedUnion('type', [outputText, refusal, inputText], {
          error: 'must be one of output_text, refusal',
        }),
        'maxContentParts',
      ),
    ],
    { error: 'must be a string or an array of output_text and refusal parts' },
  ),
  id: itemId,
  status: itemStatus,
  phase: z.enum(['commentary', 'final_answer']).nullish(),
});
const message = z.discriminatedUnion('role', [
  userMessage,
  instructionMessage('system'),
  instructionMessage('developer'),
  assistantMessage,
]);

const functionCall = z.object({
  type: z.literal('function_call'),
  call_id: identifier,
  name: functionName,
  arguments: z.string(),
  id: itemId,
  status: itemStatus,
  /** The gateway's extension: a provider signature the call must be sent back with (Gemini). */
  signature: z.string().nullish(),
});
const functionCallOutput = z.object({
  type: z.literal('function_call_output'),
  call_id: identifier,
  output: z.union(
    [
      z.string(),
      boundedArray(
        z.discriminatedUnion('type', [inputText], {
          // the unified tool message carries text only
          error: 'must be input_text (images and files in function outputs are not supported by the gateway)',
        }),
        'maxContentParts',
      ),
    ],
    { error: 'must be a string or an array of input_text parts' },
  ),
  id: itemId,
  status: itemStatus,
});
const reasoningText = z.object({ type: z.enum(['reasoning_text', 'output_text', 'text']), text: z.string() });
const reasoning = z.object({
  type: z.literal('reasoning'),
  id: itemId,
  summary: boundedArray(z.object({ type: z.literal('summary_text'), text: z.string() }), 'maxContentParts'),
  content: boundedArray(reasoningText, 'maxContentParts').nullish(),
  encrypted_content: z.string().nullish(),
  status: itemStatus,
});
const itemReference = z.object({ type: z.literal('item_reference'), id: identifier });

const ITEM_TYPES = ['message', 'function_call', 'function_call_output', 'reasoning', 'item_reference'];

/**
 * One input item. A message may come without `type` (OpenAI's "easy" input message, as most SDKs
 * send it) and a reference as `{ id }` alone; both get their `type` before validation.
 */
const inputItem = z.preprocess(
  (item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const fields = item as Record<string, unknown>;
    if (fields.type !== undefined && fields.type !== null) return item;
    if (fields.role !== undefined) return { ...fields, type: 'message' };
    if (fields.id !== undefined) return { ...fields, type: 'item_reference' };
    return item;
  },
  z.discriminatedUnion('type', [message, functionCall, functionCallOutput, reasoning, itemReference], {
    error: `must be one of ${ITEM_TYPES.join(', ')} (other item types are not supported by the gateway)`,
  }),
);

const functionTool = z.object({
  type: z.literal('function', {
    error:
      'must be "function": the gateway serves function tools only (built-in tools such as web_search and file_search are not supported)',
  }),
  name: functionName,
  description: z.string().nullish(),
  parameters: jsonObject.nullish(),
  strict: z.boolean().nullish(),
});

const namedFunction = z.object({ type: z.literal('function'), name: functionName });
const toolChoice = z.union(
  [
    z.enum(['none', 'auto', 'required']),
    z.discriminatedUnion(
      'type',
      [
        namedFunction,
        z.object({
          type: z.literal('allowed_tools'),
          tools: boundedArray(namedFunction, 'maxTools').min(1),
          mode: z.enum(['none', 'auto', 'required']).nullish(),
        }),
      ],
      { error: 'must be "function" or "allowed_tools" (choices of built-in tools are not supported)' },
    ),
  ],
  { error: 'must be "none", "auto", "required" or an object with type "function" or "allowed_tools"' },
);

const textFormat = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('text') }),
    z.object({ type: z.literal('json_object') }),
    z.object({
      type: z.literal('json_schema'),
      name: identifier,
      schema: jsonObject,
      description: z.string().nullish(),
      strict: z.boolean().nullish(),
    }),
  ],
  { error: 'must be one of text, json_object, json_schema' },
);

const unsupported = (what: string) =>
  z.null({ error: `is not supported by the gateway (${what})` }).optional();

/**
 * The Open Responses request fields the gateway reads (`CreateResponseBody`, plus OpenAI's
 * extras clients send). Unknown fields are ignored, as on the other routes; known fields the
 * gateway cannot honour are refused, naming the field, rather than silently dropped: built-in
 * tools, `background: true`, `conversation`, `prompt`, `include` values other than
 * `reasoning.encrypted_content`, log probabilities, and efforts without a unified equivalent.
 * `null` means "not set", as SDKs send it.
 */
export const responsesBodySchema = z.object({
  model: identifier,
  input: z
    .union([z.string(), boundedArray(inputItem, 'maxMessages')], {
      error: 'must be a string or an array of input items',
    })
    .nullish(),
  instructions: z.string().nullish(),
  previous_response_id: identifier.nullish(),
  store: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_obfuscation: z.boolean().nullish() }).nullish(),
  tools: boundedArray(functionTool, 'maxTools').nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  // honoured trivially: it bounds calls of built-in tools, and the gateway runs none
  max_tool_calls: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  top_logprobs: z
    .number()
    .int()
    .max(0, { error: 'is not supported by the gateway (it returns no log probabilities); send 0 or omit it' })
    .nullish(),
  text: z
    .object({ format: textFormat.nullish(), verbosity: z.enum(['low', 'medium', 'high']).nullish() })
    .nullish(),
  reasoning: z
    .object({
      effort: z
        .enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'], {
          error: 'must be one of "none", "minimal", "low", "medium", "high", "xhigh"',
        })
        .nullish(),
      summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
    })
    .nullish(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  include: boundedArray(
    z.literal('reasoning.encrypted_content', {
      error: 'may only hold "reasoning.encrypted_content" (the gateway returns no other extra data)',
    }),
    'maxContentParts',
  ).nullish(),
  metadata: boundedMap(shortText).nullish(),
  user: shortText.nullish(),
  safety_identifier: shortText.nullish(),
  prompt_cache_key: shortText.nullish(),
  service_tier: identifier.nullish(),
  background: z
    .literal(false, { error: 'is not supported by the gateway (it answers in the foreground); omit it' })
    .nullish(),
  conversation: unsupported('conversations are not kept; continue with previous_response_id'),
  prompt: unsupported('prompt templates are not kept; send input and instructions'),
});

/** A validated Responses request body. */
export type ResponsesBody = z.infer<typeof responsesBodySchema>;
/** One validated input item. */
export type InputItemBody = Exclude<NonNullable<ResponsesBody['input']>, string>[number];
