import {
  type CompletionRequest,
  ConnectorError,
  type ReasoningOptions,
  type ResponseFormat,
} from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type { BedrockInferenceConfig, ConverseRequest } from './bedrock-wire-types.js';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';
import { convertToBedrockTools } from './convert-to-bedrock-tools.js';
import { findBedrockModel } from './find-bedrock-model.js';
import { toBaseModelId } from './to-base-model-id.js';

// Claude has no effort knob on Bedrock; an effort maps to a thinking budget (1,024 is the
// smallest budget Anthropic accepts)
const BUDGET_BY_EFFORT: Readonly<Record<NonNullable<ReasoningOptions['effort']>, number | undefined>> = {
  // no thinking at all
  none: undefined,
  xhigh: 32_768,
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16_384,
};

// room for the answer after the thinking, when the request sets no maxTokens
const ANSWER_TOKENS_AFTER_THINKING = 4096;

const JSON_INSTRUCTION =
  'Respond only with a single valid JSON value. Do not add any text before or after it, and do not wrap it in Markdown code fences.';

/**
 * The system instruction that asks for JSON output: Converse has no JSON mode common to all
 * models, so the format is requested in the prompt; a `json_schema` format includes the schema.
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

function thinkingBudget(request: CompletionRequest): number | undefined {
  const reasoning = request.reasoning;
  if (reasoning === undefined) return undefined;
  // only Claude takes `thinking` in additionalModelRequestFields; other models would reject it
  if (!toBaseModelId(request.model).startsWith('anthropic.claude')) return undefined;
  if (findBedrockModel(request.model)?.capabilities.reasoning === false) return undefined;
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens;
  return reasoning.effort === undefined ? undefined : BUDGET_BY_EFFORT[reasoning.effort];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Builds the body of `POST /model/{modelId}/converse` (and `/converse-stream`, same body) from a
 * unified request, without I/O:
 *
 * - `messages` and `system` come from `convertToBedrockMessages`; a JSON `responseFormat` adds an
 *   instruction as the last system block.
 * - `inferenceConfig`: `maxTokens`, `temperature`, `topP`, `stop` → `stopSequences`; left out
 *   when none is set, so each model's own defaults apply.
 * - `toolConfig` from `convertToBedrockTools`.
 * - For Claude models, `reasoning.budgetTokens` (or an `effort`, mapped to 1,024 / 2,048 / 8,192 /
 *   16,384 tokens) → `additionalModelRequestFields.thinking: { type: 'enabled', budget_tokens }`;
 *   without `maxTokens`, `maxTokens` is set to the budget plus 4,096 (capped at the model's
 *   maximum output when that is larger than the budget), since Claude requires more output
 *   tokens than thinking tokens. Other models ignore `reasoning`.
 * - `seed` and `user` have no Converse equivalent and are dropped.
 * - `providerParams['aws-bedrock']` is merged last: an object field that already exists
 *   (`inferenceConfig`, `additionalModelRequestFields`, `toolConfig`) is merged one level deep,
 *   anything else (`guardrailConfig`, `performanceConfig`, `requestMetadata`, …) is set as given.
 *
 * @throws ConnectorError `invalid_request` naming the field: `temperature` above 1 (the range of
 *   every model Converse serves), image URLs, unsupported image types, tool-call arguments that
 *   are not a JSON object, a tool schema, response schema, tool-call arguments or
 *   `providerParams['aws-bedrock']` nested deeper than `MAX_NESTING_DEPTH`.
 */
export function buildConverseRequest(request: CompletionRequest): ConverseRequest {
  if (request.temperature !== undefined && request.temperature > 1) {
    throw new ConnectorError(
      'invalid_request',
      'temperature must be between 0 and 1 for models on Bedrock.',
      { field: 'temperature', providerId: BEDROCK_PROVIDER_ID, model: request.model },
    );
  }
  // every value below is serialized (JSON.stringify recurses), so its depth is bounded first
  if (request.responseFormat?.type === 'json_schema') {
    assertNestingDepth(request.responseFormat.schema, 'responseFormat.schema', BEDROCK_PROVIDER_ID);
  }
  const extra = request.providerParams?.[BEDROCK_PROVIDER_ID];
  if (extra !== undefined)
    assertNestingDepth(extra, `providerParams.${BEDROCK_PROVIDER_ID}`, BEDROCK_PROVIDER_ID);
  const conversation = convertToBedrockMessages(request.messages);
  const body: ConverseRequest = { messages: conversation.messages };

  const system = conversation.system ?? [];
  const instruction = responseFormatInstruction(request.responseFormat);
  if (instruction !== undefined) system.push({ text: instruction });
  if (system.length > 0) body.system = system;

  const inference: BedrockInferenceConfig = {};
  if (request.maxTokens !== undefined) inference.maxTokens = request.maxTokens;
  if (request.temperature !== undefined) inference.temperature = request.temperature;
  if (request.topP !== undefined) inference.topP = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) inference.stopSequences = [...request.stop];

  const budget = thinkingBudget(request);
  if (budget !== undefined) {
    body.additionalModelRequestFields = { thinking: { type: 'enabled', budget_tokens: budget } };
    if (inference.maxTokens === undefined) {
      const modelMaximum = findBedrockModel(request.model)?.maxOutputTokens;
      const wanted = budget + ANSWER_TOKENS_AFTER_THINKING;
      inference.maxTokens =
        modelMaximum !== undefined && modelMaximum > budget ? Math.min(wanted, modelMaximum) : wanted;
    }
  }
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;

  const conversationHasTools = request.messages.some(
    (message) =>
      message.role === 'tool' || (message.role === 'assistant' && (message.toolCalls?.length ?? 0) > 0),
  );
  const toolConfig = convertToBedrockTools(request.tools, request.toolChoice, conversationHasTools);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;

  if (extra !== undefined) {
    for (const [field, value] of Object.entries(extra)) {
      const current = body[field];
      body[field] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
    }
  }
  return body;
}
