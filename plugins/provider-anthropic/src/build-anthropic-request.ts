import {
  type CompletionRequest,
  ConnectorError,
  type ReasoningOptions,
  type ResponseFormat,
} from '@hub/core';
import { assertNestingDepth, findCatalogModel } from '@hub/provider-utils';
import { ANTHROPIC_MODEL_CATALOG } from './anthropic-model-catalog.js';
import type { AnthropicMessagesRequest } from './anthropic-wire-types.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { convertToAnthropicTools } from './convert-to-anthropic-tools.js';

/** What `buildAnthropicRequest` needs besides the request. */
export interface BuildAnthropicRequestOptions {
  /** Adds `stream: true`. */
  readonly stream: boolean;
  /** `max_tokens` for requests without `maxTokens`, before the catalog's maximum output. */
  readonly defaultMaxTokens?: number;
}

/** `max_tokens` when neither the request, the options nor the catalog give one. */
export const FALLBACK_MAX_TOKENS = 4096;

// Anthropic has no effort knob for these models; an effort maps to a thinking budget
// (1,024 is the smallest budget Anthropic accepts); `none` sends no thinking at all
const BUDGET_BY_EFFORT: Readonly<Record<NonNullable<ReasoningOptions['effort']>, number | undefined>> = {
  none: undefined,
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16_384,
  xhigh: 32_768,
};

const JSON_INSTRUCTION =
  'Respond only with a single valid JSON value. Do not add any text before or after it, and do not wrap it in Markdown code fences.';

/**
 * The system instruction that asks for JSON output. Anthropic's Messages API has no JSON mode
 * for every model, so, as Anthropic's guide on consistent output recommends, the format is
 * requested in the prompt; a `json_schema` format includes the schema itself.
 */
function responseFormatInstruction(format: ResponseFormat | undefined): string | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json') return JSON_INSTRUCTION;
  const about = format.description === undefined ? '' : ` (${format.description})`;
  return (
    `Respond only with a single valid JSON value that conforms to the JSON Schema "${format.name}"${about} ` +
    'below. Do not add any text before or after it, and do not wrap it in Markdown code fences.\n' +
    `<json_schema>\n${JSON.stringify(format.schema)}\n</json_schema>`
  );
}

function thinkingBudget(reasoning: ReasoningOptions | undefined): number | undefined {
  if (reasoning === undefined) return undefined;
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens;
  return reasoning.effort === undefined ? undefined : BUDGET_BY_EFFORT[reasoning.effort];
}

/**
 * Builds the body of `POST /v1/messages` from a unified request, without I/O:
 *
 * - `messages` and the lifted `system` prompt come from `convertToAnthropicMessages`; a JSON
 *   `responseFormat` adds an instruction to the end of the system prompt.
 * - `max_tokens` is always sent (Anthropic requires it): the request's `maxTokens`, else
 *   `defaultMaxTokens`, else the catalog's maximum output for the model, else 4096. When thinking
 *   is enabled and the request set no `maxTokens`, it is raised above the thinking budget.
 * - `stop` → `stop_sequences`, `topP` → `top_p`, `user` → `metadata.user_id`; `seed` has no
 *   Anthropic equivalent and is dropped.
 * - `reasoning.budgetTokens` (or an `effort`, mapped to 1,024 / 2,048 / 8,192 / 16,384 tokens) →
 *   `thinking: { type: 'enabled', budget_tokens }`, except for models the catalog knows to lack
 *   extended thinking, so a route falling back to them still works.
 * - `providerParams.anthropic` is merged last, overriding anything above (`top_k`,
 *   `metadata`, a `system` array with `cache_control`, …).
 *
 * @throws ConnectorError `invalid_request` naming the field: `temperature` above 1 (Anthropic's
 *   range is 0 to 1), tool-call arguments that are not a JSON object, a tool schema, response
 *   schema, tool-call arguments or `providerParams.anthropic` nested deeper than
 *   `MAX_NESTING_DEPTH`.
 */
export function buildAnthropicRequest(
  request: CompletionRequest,
  options: BuildAnthropicRequestOptions,
): AnthropicMessagesRequest {
  if (request.temperature !== undefined && request.temperature > 1) {
    throw new ConnectorError('invalid_request', 'temperature must be between 0 and 1 for Anthropic models.', {
      field: 'temperature',
      providerId: 'anthropic',
      model: request.model,
    });
  }
  // every value below is serialized (JSON.stringify recurses), so its depth is bounded first
  if (request.responseFormat?.type === 'json_schema') {
    assertNestingDepth(request.responseFormat.schema, 'responseFormat.schema', 'anthropic');
  }
  const extra = request.providerParams?.anthropic;
  if (extra !== undefined) assertNestingDepth(extra, 'providerParams.anthropic', 'anthropic');
  const conversation = convertToAnthropicMessages(request.messages);
  const instruction = responseFormatInstruction(request.responseFormat);
  const system =
    instruction === undefined
      ? conversation.system
      : conversation.system === undefined
        ? instruction
        : `${conversation.system}\n\n${instruction}`;
  const catalogEntry = findCatalogModel(request.model, ANTHROPIC_MODEL_CATALOG);
  const budget =
    catalogEntry?.capabilities.reasoning === false ? undefined : thinkingBudget(request.reasoning);
  let maxTokens =
    request.maxTokens ?? options.defaultMaxTokens ?? catalogEntry?.maxOutputTokens ?? FALLBACK_MAX_TOKENS;
  if (budget !== undefined && request.maxTokens === undefined && maxTokens <= budget) {
    // Anthropic requires max_tokens > budget_tokens; leave room for the answer after thinking
    maxTokens = budget + FALLBACK_MAX_TOKENS;
  }

  const body: AnthropicMessagesRequest = {
    model: request.model,
    max_tokens: maxTokens,
    messages: conversation.messages,
  };
  if (system !== undefined) body.system = system;
  if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = [...request.stop];
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  const toolFields = convertToAnthropicTools(request.tools, request.toolChoice, request.parallelToolCalls);
  if (toolFields.tools !== undefined) body.tools = toolFields.tools;
  if (toolFields.tool_choice !== undefined) body.tool_choice = toolFields.tool_choice;
  if (budget !== undefined) body.thinking = { type: 'enabled', budget_tokens: budget };
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (options.stream) body.stream = true;
  if (extra !== undefined) Object.assign(body, extra);
  return body;
}
