import type { CompletionRequest, ResponseFormat, ToolChoice, ToolDefinition } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import type {
  OpenAIChatCompletionRequest,
  OpenAIResponseFormat,
  OpenAITool,
  OpenAIToolChoice,
} from './openai-wire-types.js';

/** How one request is mapped; fixed per provider except `model` and `stream`. */
export interface OpenAIRequestOptions {
  /** The body's `model`: the request's model, or an Azure deployment name. */
  readonly model: string;
  readonly stream: boolean;
  /** Apply the reasoning-model mapping (see `ChatCompletionsQuirks.isReasoningModel`). */
  readonly reasoning: boolean;
  /** Which field carries `maxTokens`, already resolved from `ChatCompletionsQuirks.maxTokensField`. */
  readonly maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Send `stream_options.include_usage` on streams. */
  readonly streamUsage: boolean;
  /** Send `strict` on tools and JSON schemas. */
  readonly strictSchemas: boolean;
  /** Fields renamed after mapping (see `ChatCompletionsQuirks.renameFields`). */
  readonly renameFields?: Readonly<Record<string, string>> | undefined;
  /** Fields removed after mapping (see `ChatCompletionsQuirks.omitFields`). */
  readonly omitFields?: readonly string[] | undefined;
  /** The provider's own `providerParams` entry, merged into the body last. */
  readonly providerParams: Readonly<Record<string, unknown>> | undefined;
  /** Named in errors (and in the `providerParams.<id>` field they name). Default `openai`. */
  readonly providerId?: string;
}

const INCLUDE_USAGE = Object.freeze({ include_usage: true });
const TEXT_FORMAT: OpenAIResponseFormat = Object.freeze({ type: 'text' });
const JSON_OBJECT_FORMAT: OpenAIResponseFormat = Object.freeze({ type: 'json_object' });

function convertTools(
  tools: readonly ToolDefinition[],
  strictSchemas: boolean,
  providerId: string,
): OpenAITool[] {
  const result: OpenAITool[] = new Array(tools.length);
  for (let index = 0; index < tools.length; index++) {
    const tool = tools[index]!;
    assertNestingDepth(tool.parameters, `tools.${index}.parameters`, providerId);
    result[index] = {
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
        strict: strictSchemas ? tool.strict : undefined,
      },
    };
  }
  return result;
}

function convertToolChoice(choice: ToolChoice): OpenAIToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function convertResponseFormat(format: ResponseFormat, strictSchemas: boolean): OpenAIResponseFormat {
  switch (format.type) {
    case 'text':
      return TEXT_FORMAT;
    case 'json':
      return JSON_OBJECT_FORMAT;
    case 'json_schema':
      return {
        type: 'json_schema',
        json_schema: {
          name: format.name,
          schema: format.schema,
          // structured outputs are only guaranteed with strict; the unified default is true
          strict: strictSchemas ? (format.strict ?? true) : undefined,
          description: format.description,
        },
      };
  }
}

function adjustFields(body: OpenAIChatCompletionRequest, options: OpenAIRequestOptions): void {
  const fields = body as unknown as Record<string, unknown>;
  const { renameFields, omitFields } = options;
  if (renameFields !== undefined) {
    for (const from of Object.keys(renameFields)) {
      const to = renameFields[from] as string;
      if (fields[from] === undefined) continue;
      fields[to] = fields[from];
      fields[from] = undefined;
    }
  }
  if (omitFields !== undefined) for (const field of omitFields) fields[field] = undefined;
}

/**
 * Builds the `POST /chat/completions` body for one request as a single object literal, ready for
 * one `JSON.stringify` (absent options are `undefined` members, which serialization drops).
 *
 * Reasoning models get `max_completion_tokens` and `reasoning_effort` and never `temperature` or
 * `top_p` (they reject both); other models get `max_tokens` (unless the provider asks for the
 * newer field). Streams add `stream: true` and, unless the quirk is off,
 * `stream_options: { include_usage: true }`. Renamed and omitted fields (quirks) are applied next;
 * `request.providerParams[providerId]` is copied over the result last, so it can add or override
 * any field. `metadata` is never sent.
 *
 * @param request - The validated request (model without provider prefix).
 * @param options - Per-provider mapping choices and the wire model.
 * @returns The wire body.
 * @throws ConnectorError `invalid_request` naming the field when a tool schema, the response
 *   schema or the `providerParams` entry is nested deeper than `MAX_NESTING_DEPTH` (serializing
 *   it would overflow the stack).
 */
export function convertToOpenAIRequest(
  request: CompletionRequest,
  options: OpenAIRequestOptions,
): OpenAIChatCompletionRequest {
  const { reasoning, stream } = options;
  const providerId = options.providerId ?? 'openai';
  if (request.responseFormat?.type === 'json_schema') {
    assertNestingDepth(request.responseFormat.schema, 'responseFormat.schema', providerId);
  }
  if (options.providerParams !== undefined) {
    assertNestingDepth(options.providerParams, `providerParams.${providerId}`, providerId);
  }
  const newField = options.maxTokensField === 'max_completion_tokens';
  const body: OpenAIChatCompletionRequest = {
    model: options.model,
    messages: convertToOpenAIMessages(request.messages),
    temperature: reasoning ? undefined : request.temperature,
    top_p: reasoning ? undefined : request.topP,
    max_tokens: newField ? undefined : request.maxTokens,
    max_completion_tokens: newField ? request.maxTokens : undefined,
    reasoning_effort: reasoning ? request.reasoning?.effort : undefined,
    stop: request.stop,
    seed: request.seed,
    user: request.user,
    tools:
      request.tools === undefined
        ? undefined
        : convertTools(request.tools, options.strictSchemas, providerId),
    tool_choice: request.toolChoice === undefined ? undefined : convertToolChoice(request.toolChoice),
    response_format:
      request.responseFormat === undefined
        ? undefined
        : convertResponseFormat(request.responseFormat, options.strictSchemas),
    stream: stream ? true : undefined,
    stream_options: stream && options.streamUsage ? INCLUDE_USAGE : undefined,
  };
  if (options.renameFields !== undefined || options.omitFields !== undefined) adjustFields(body, options);
  if (options.providerParams !== undefined) Object.assign(body, options.providerParams);
  return body;
}
