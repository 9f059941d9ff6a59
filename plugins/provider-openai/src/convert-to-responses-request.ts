import { type CompletionRequest, ConnectorError, type ResponseFormat, type ToolChoice } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import { convertToResponsesInput } from './convert-to-responses-input.js';
import type {
  ResponsesFunctionTool,
  ResponsesRequest,
  ResponsesTextFormat,
  ResponsesToolChoice,
} from './responses-wire-types.js';

/** How one request is mapped to the Responses API. */
export interface ResponsesRequestOptions {
  /** The body's `model`: the request's model, or an Azure deployment name. */
  readonly model: string;
  readonly stream: boolean;
  /** A reasoning model: `reasoning.effort`, encrypted reasoning, no `temperature` / `top_p`. */
  readonly reasoning: boolean;
  /** The provider's own `providerParams` entry, merged into the body last. */
  readonly providerParams: Readonly<Record<string, unknown>> | undefined;
  /** Named in errors and in the `providerParams.<id>` field they name. */
  readonly providerId: string;
}

// encrypted reasoning is what lets a stateless conversation hand the model its reasoning back
const INCLUDE_REASONING = Object.freeze(['reasoning.encrypted_content']);
const TEXT_FORMAT = Object.freeze({ format: Object.freeze({ type: 'text' }) }) as {
  format: ResponsesTextFormat;
};
const JSON_OBJECT_FORMAT = Object.freeze({ format: Object.freeze({ type: 'json_object' }) }) as {
  format: ResponsesTextFormat;
};

function convertToolChoice(choice: ToolChoice): ResponsesToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

function convertFormat(format: ResponseFormat): { readonly format: ResponsesTextFormat } {
  switch (format.type) {
    case 'text':
      return TEXT_FORMAT;
    case 'json':
      return JSON_OBJECT_FORMAT;
    case 'json_schema':
      return {
        format: {
          type: 'json_schema',
          name: format.name,
          schema: format.schema,
          // structured outputs are only guaranteed with strict; the unified default is true
          strict: format.strict ?? true,
          description: format.description,
        },
      };
  }
}

/** The parts of a Responses body that make up the model's input (what `/responses/input_tokens` counts). */
export type ResponsesPrompt = Pick<
  ResponsesRequest,
  'model' | 'input' | 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'text' | 'reasoning'
>;

/**
 * The input half of a Responses body: `messages` → `input` items (`convertToResponsesInput`),
 * `tools` → flat function tools (`strict` as given, else false: the Responses API would
 * otherwise default to strict and reject ordinary schemas), `toolChoice` → `tool_choice`,
 * `parallelToolCalls` → `parallel_tool_calls`, `responseFormat` → `text.format`, and for
 * reasoning models `reasoning.effort`.
 *
 * @throws ConnectorError `invalid_request` for a tool schema or response schema nested deeper
 *   than `MAX_NESTING_DEPTH`, before any network I/O.
 */
export function convertToResponsesPrompt(
  request: CompletionRequest,
  options: ResponsesRequestOptions,
): ResponsesPrompt {
  const { providerId, reasoning } = options;
  if (request.responseFormat?.type === 'json_schema') {
    assertNestingDepth(request.responseFormat.schema, 'responseFormat.schema', providerId);
  }
  let tools: ResponsesFunctionTool[] | undefined;
  if (request.tools !== undefined) {
    tools = new Array(request.tools.length);
    for (let index = 0; index < request.tools.length; index++) {
      const tool = request.tools[index]!;
      assertNestingDepth(tool.parameters, `tools.${index}.parameters`, providerId);
      tools[index] = {
        type: 'function',
        name: tool.name,
        description: tool.description,
        parameters: tool.parameters,
        strict: tool.strict ?? false,
      };
    }
  }
  const effort = request.reasoning?.effort;
  return {
    model: options.model,
    input: convertToResponsesInput(request.messages),
    tools,
    tool_choice: request.toolChoice === undefined ? undefined : convertToolChoice(request.toolChoice),
    parallel_tool_calls: request.parallelToolCalls,
    text: request.responseFormat === undefined ? undefined : convertFormat(request.responseFormat),
    reasoning: reasoning && effort !== undefined ? { effort } : undefined,
  };
}

/**
 * Builds the `POST /responses` body for one request as a single object literal: the prompt
 * (`convertToResponsesPrompt`), then
 *
 * - `maxTokens` → `max_output_tokens`, `user`; `temperature` and `top_p` except for reasoning
 *   models, which get `include: ['reasoning.encrypted_content']` instead;
 * - `store: false`: the hub is stateless (every request carries the whole conversation), so
 *   nothing is kept on OpenAI's side; reasoning travels back encrypted instead;
 * - `seed` has no Responses field and is not sent (it is best-effort anyway);
 * - `request.providerParams[providerId]` is copied over the result last (`store: true`, say).
 *
 * @throws ConnectorError `invalid_request` naming `stop` (the Responses API has no stop
 *   sequences, and ignoring them would change the answer), or a field nested deeper than
 *   `MAX_NESTING_DEPTH` — before any network I/O.
 */
export function convertToResponsesRequest(
  request: CompletionRequest,
  options: ResponsesRequestOptions,
): ResponsesRequest {
  const { providerId, reasoning } = options;
  if (request.stop !== undefined && request.stop.length > 0) {
    throw new ConnectorError(
      'invalid_request',
      'The Responses API has no stop sequences: leave out stop, or use the Chat Completions API (api: "chat").',
      { providerId, model: request.model, field: 'stop' },
    );
  }
  if (options.providerParams !== undefined) {
    assertNestingDepth(options.providerParams, `providerParams.${providerId}`, providerId);
  }
  const body: ResponsesRequest = {
    ...convertToResponsesPrompt(request, options),
    temperature: reasoning ? undefined : request.temperature,
    top_p: reasoning ? undefined : request.topP,
    max_output_tokens: request.maxTokens,
    include: reasoning ? INCLUDE_REASONING : undefined,
    store: false,
    stream: options.stream ? true : undefined,
    user: request.user,
  };
  if (options.providerParams !== undefined) Object.assign(body, options.providerParams);
  return body;
}
