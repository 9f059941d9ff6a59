import { z } from 'zod';

/**
 * The Open Responses specification (version 2026-04-24) as zod schemas, written by hand from its
 * OpenAPI document: the `ResponseResource` that `POST /v1/responses` returns, every output item
 * and content type, the error shapes, and the schema of every streaming event. Field by field as
 * the spec writes them: `required` fields are required, `anyOf [T, null]` fields are nullable,
 * other fields optional. Objects accept extra fields, as the spec does (implementations may
 * extend existing schemas with optional fields).
 *
 * The gateway's own answers are checked against these in its tests; where the spec is stricter
 * than OpenAI's API, the gateway follows the spec (see the notes at `jsonSchemaTextFormat`).
 */

/** The spec's version these schemas were written from. */
export const OPEN_RESPONSES_SPEC_VERSION = '2026-04-24';

const nullable = <Schema extends z.ZodType>(schema: Schema) => schema.nullable();
const integer = z.number().int();

// ---- content -------------------------------------------------------------------------------

const imageDetail = z.enum(['low', 'high', 'auto']);

/** `InputTextContent`. */
export const inputTextContentSchema = z.object({ type: z.literal('input_text'), text: z.string() });
/** `UrlCitationBody`, the one `Annotation`. */
export const urlCitationSchema = z.object({
  type: z.literal('url_citation'),
  url: z.string(),
  start_index: integer,
  end_index: integer,
  title: z.string(),
});
const topLogProb = z.object({ token: z.string(), logprob: z.number(), bytes: z.array(integer) });
/** `LogProb`. */
export const logProbSchema = topLogProb.extend({ top_logprobs: z.array(topLogProb) });
/** `OutputTextContent`. */
export const outputTextContentSchema = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(urlCitationSchema),
  logprobs: z.array(logProbSchema).optional(),
});
/** `TextContent`. */
export const textContentSchema = z.object({ type: z.literal('text'), text: z.string() });
/** `SummaryTextContent`. */
export const summaryTextContentSchema = z.object({ type: z.literal('summary_text'), text: z.string() });
/** `ReasoningTextContent`. */
export const reasoningTextContentSchema = z.object({ type: z.literal('reasoning_text'), text: z.string() });
/** `RefusalContent`. */
export const refusalContentSchema = z.object({ type: z.literal('refusal'), refusal: z.string() });
/** `InputImageContent`. */
export const inputImageContentSchema = z.object({
  type: z.literal('input_image'),
  image_url: nullable(z.string()),
  detail: imageDetail,
});
/** `InputFileContent`. */
export const inputFileContentSchema = z.object({
  type: z.literal('input_file'),
  filename: z.string().optional(),
  file_url: z.string().optional(),
});
/** `InputVideoContent`. */
export const inputVideoContentSchema = z.object({ type: z.literal('input_video'), video_url: z.string() });

// the content union of streaming `part`s and reasoning items (no video)
const partContent = z.discriminatedUnion('type', [
  inputTextContentSchema,
  outputTextContentSchema,
  textContentSchema,
  summaryTextContentSchema,
  reasoningTextContentSchema,
  refusalContentSchema,
  inputImageContentSchema,
  inputFileContentSchema,
]);

// ---- items ---------------------------------------------------------------------------------

const itemStatus = z.enum(['in_progress', 'completed', 'incomplete']);

/** `Message`: an input or output message item. */
export const messageItemSchema = z.object({
  type: z.literal('message'),
  id: z.string(),
  status: itemStatus,
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.array(
    z.discriminatedUnion('type', [
      inputTextContentSchema,
      outputTextContentSchema,
      textContentSchema,
      summaryTextContentSchema,
      reasoningTextContentSchema,
      refusalContentSchema,
      inputImageContentSchema,
      inputFileContentSchema,
      inputVideoContentSchema,
    ]),
  ),
  phase: z.enum(['commentary', 'final_answer']).optional(),
});
/** `FunctionCall`. */
export const functionCallItemSchema = z.object({
  type: z.literal('function_call'),
  id: z.string(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
  status: itemStatus,
});
/** `FunctionCallOutput`. */
export const functionCallOutputItemSchema = z.object({
  type: z.literal('function_call_output'),
  id: z.string(),
  call_id: z.string(),
  output: z.union([
    z.string(),
    z.array(
      z.discriminatedUnion('type', [inputTextContentSchema, inputImageContentSchema, inputFileContentSchema]),
    ),
  ]),
  status: itemStatus,
});
/** `ReasoningBody`: `encrypted_content` is a string when present, never null. */
export const reasoningItemSchema = z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  content: z.array(partContent).optional(),
  summary: z.array(partContent),
  encrypted_content: z.string().optional(),
});
/** `CompactionBody`. */
export const compactionItemSchema = z.object({
  type: z.literal('compaction'),
  id: z.string(),
  encrypted_content: z.string(),
  created_by: z.string().optional(),
});
/** `ItemField`: any item of a response's `output` (or of a stored response's input). */
export const itemFieldSchema = z.discriminatedUnion('type', [
  messageItemSchema,
  functionCallItemSchema,
  functionCallOutputItemSchema,
  reasoningItemSchema,
  compactionItemSchema,
]);

// ---- the response --------------------------------------------------------------------------

const toolChoiceValue = z.enum(['none', 'auto', 'required']);
const functionToolChoice = z.object({ type: z.literal('function'), name: z.string().optional() });

/** `FunctionTool`, the one `Tool`: `description`, `parameters` and `strict` are required, nullable. */
export const functionToolSchema = z.object({
  type: z.literal('function'),
  name: z.string(),
  description: nullable(z.string()),
  parameters: nullable(z.record(z.string(), z.unknown())),
  strict: nullable(z.boolean()),
});

/**
 * `JsonSchemaResponseFormat` as the spec types it: `schema` is `{"type": "null"}` there, so a
 * conformant response echoes `schema: null` (OpenAI's API echoes the schema object).
 */
export const jsonSchemaTextFormatSchema = z.object({
  type: z.literal('json_schema'),
  name: z.string(),
  description: nullable(z.string()),
  schema: z.null(),
  strict: z.boolean(),
});
/** `TextField`. */
export const textFieldSchema = z.object({
  format: z.union([
    z.object({ type: z.literal('text') }),
    z.object({ type: z.literal('json_object') }),
    jsonSchemaTextFormatSchema,
  ]),
  verbosity: z.enum(['low', 'medium', 'high']).optional(),
});
/** `Usage`. */
export const usageSchema = z.object({
  input_tokens: integer,
  output_tokens: integer,
  total_tokens: integer,
  input_tokens_details: z.object({ cached_tokens: integer }),
  output_tokens_details: z.object({ reasoning_tokens: integer }),
});
/** `Error`: the error of a failed response. */
export const responseErrorSchema = z.object({ code: z.string(), message: z.string() });

/** `ResponseResource`: the body of `POST /v1/responses` and the `response` of lifecycle events. */
export const responseResourceSchema = z.object({
  id: z.string(),
  object: z.literal('response'),
  created_at: integer,
  completed_at: nullable(integer),
  status: z.string(),
  incomplete_details: nullable(z.object({ reason: z.string() })),
  model: z.string(),
  previous_response_id: nullable(z.string()),
  instructions: nullable(z.string()),
  output: z.array(itemFieldSchema),
  error: nullable(responseErrorSchema),
  tools: z.array(functionToolSchema),
  tool_choice: z.union([
    functionToolChoice,
    toolChoiceValue,
    z.object({ type: z.literal('allowed_tools'), tools: z.array(functionToolChoice), mode: toolChoiceValue }),
  ]),
  truncation: z.enum(['auto', 'disabled']),
  parallel_tool_calls: z.boolean(),
  text: textFieldSchema,
  top_p: z.number(),
  presence_penalty: z.number(),
  frequency_penalty: z.number(),
  top_logprobs: integer,
  temperature: z.number(),
  reasoning: nullable(
    z.object({
      effort: nullable(z.enum(['none', 'low', 'medium', 'high', 'xhigh'])),
      summary: nullable(z.enum(['concise', 'detailed', 'auto'])),
    }),
  ),
  usage: nullable(usageSchema),
  max_output_tokens: nullable(integer),
  max_tool_calls: nullable(integer),
  store: z.boolean(),
  background: z.boolean(),
  service_tier: z.string(),
  metadata: z.unknown(),
  safety_identifier: nullable(z.string()),
  prompt_cache_key: nullable(z.string()),
});

// ---- errors --------------------------------------------------------------------------------

/** `ErrorPayload`: the error of an `error` streaming event. */
export const errorPayloadSchema = z.object({
  type: z.string(),
  code: nullable(z.string()),
  message: z.string(),
  param: nullable(z.string()),
  headers: z.record(z.string(), z.string()).optional(),
});
/** The body of an HTTP error answer: `{"error": {message, type, param, code}}`. */
export const errorBodySchema = z.object({ error: errorPayloadSchema });

// ---- streaming events ----------------------------------------------------------------------

const event = <Type extends string, Shape extends z.ZodRawShape>(type: Type, shape: Shape) =>
  z.object({ type: z.literal(type), sequence_number: integer, ...shape });
const lifecycle = <Type extends string>(type: Type) => event(type, { response: responseResourceSchema });
const inItem = { item_id: z.string(), output_index: integer };
const inContent = { ...inItem, content_index: integer };
const inSummary = { ...inItem, summary_index: integer };

/** Every streaming event of the spec, by its `type`. */
export const streamingEventSchemas = {
  'response.created': lifecycle('response.created'),
  'response.queued': lifecycle('response.queued'),
  'response.in_progress': lifecycle('response.in_progress'),
  'response.completed': lifecycle('response.completed'),
  'response.failed': lifecycle('response.failed'),
  'response.incomplete': lifecycle('response.incomplete'),
  'response.output_item.added': event('response.output_item.added', {
    output_index: integer,
    item: nullable(itemFieldSchema),
  }),
  'response.output_item.done': event('response.output_item.done', {
    output_index: integer,
    item: nullable(itemFieldSchema),
  }),
  'response.reasoning_summary_part.added': event('response.reasoning_summary_part.added', {
    ...inSummary,
    part: partContent,
  }),
  'response.reasoning_summary_part.done': event('response.reasoning_summary_part.done', {
    ...inSummary,
    part: partContent,
  }),
  'response.content_part.added': event('response.content_part.added', { ...inContent, part: partContent }),
  'response.content_part.done': event('response.content_part.done', { ...inContent, part: partContent }),
  'response.output_text.delta': event('response.output_text.delta', {
    ...inContent,
    delta: z.string(),
    logprobs: z.array(logProbSchema).optional(),
    obfuscation: z.string().optional(),
  }),
  'response.output_text.done': event('response.output_text.done', {
    ...inContent,
    text: z.string(),
    logprobs: z.array(logProbSchema).optional(),
  }),
  'response.refusal.delta': event('response.refusal.delta', { ...inContent, delta: z.string() }),
  'response.refusal.done': event('response.refusal.done', { ...inContent, refusal: z.string() }),
  'response.reasoning.delta': event('response.reasoning.delta', {
    ...inContent,
    delta: z.string(),
    obfuscation: z.string().optional(),
  }),
  'response.reasoning.done': event('response.reasoning.done', { ...inContent, text: z.string() }),
  'response.reasoning_summary_text.delta': event('response.reasoning_summary_text.delta', {
    ...inSummary,
    delta: z.string(),
    obfuscation: z.string().optional(),
  }),
  'response.reasoning_summary_text.done': event('response.reasoning_summary_text.done', {
    ...inSummary,
    text: z.string(),
  }),
  'response.output_text.annotation.added': event('response.output_text.annotation.added', {
    ...inContent,
    annotation_index: integer,
    annotation: nullable(urlCitationSchema),
  }),
  'response.function_call_arguments.delta': event('response.function_call_arguments.delta', {
    ...inItem,
    delta: z.string(),
    obfuscation: z.string().optional(),
  }),
  'response.function_call_arguments.done': event('response.function_call_arguments.done', {
    ...inItem,
    arguments: z.string(),
  }),
  error: event('error', { error: errorPayloadSchema }),
} as const;

/** Any streaming event of the spec, discriminated by `type`. */
export const streamingEventSchema = z.discriminatedUnion(
  'type',
  Object.values(streamingEventSchemas) as unknown as [
    (typeof streamingEventSchemas)['response.created'],
    ...(typeof streamingEventSchemas)[keyof typeof streamingEventSchemas][],
  ],
);

/** A `ResponseResource`. */
export type ResponseResource = z.infer<typeof responseResourceSchema>;
/** An item of a response's `output` or a stored input. */
export type ResponseItem = z.infer<typeof itemFieldSchema>;
/** A message item. */
export type MessageItem = z.infer<typeof messageItemSchema>;
/** A function call item. */
export type FunctionCallItem = z.infer<typeof functionCallItemSchema>;
/** A function call output item. */
export type FunctionCallOutputItem = z.infer<typeof functionCallOutputItemSchema>;
/** A reasoning item. */
export type ReasoningItem = z.infer<typeof reasoningItemSchema>;
/** The usage object. */
export type ResponseUsage = z.infer<typeof usageSchema>;
/** `ErrorPayload`. */
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;
/** A function tool as a response echoes it. */
export type FunctionTool = z.infer<typeof functionToolSchema>;
