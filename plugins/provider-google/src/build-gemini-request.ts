import type { CompletionRequest } from '@hub/core';
import { assertNestingDepth } from '@hub/provider-utils';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertToGeminiTools } from './convert-to-gemini-tools.js';
import type { GeminiSchemaFormat } from './gemini-schema-format.js';
import type { GeminiGenerationConfig, GeminiRequest } from './gemini-wire-types.js';
import { mergePlainObjects } from './internal/merge-plain-objects.js';
import { toGeminiSchema } from './to-gemini-schema.js';
import { toGeminiThinkingConfig } from './to-gemini-thinking-config.js';

/** Options of `buildGeminiRequest`. */
export interface BuildGeminiRequestOptions {
  /**
   * `google` or `google-vertex`: `request.providerParams[providerId]` is merged into the body,
   * and errors carry the id.
   */
  readonly providerId: string;
  /** How tool and response schemas are sent; default `json-schema`. */
  readonly schemaFormat?: GeminiSchemaFormat;
}

function generationConfig(request: CompletionRequest, format: GeminiSchemaFormat): GeminiGenerationConfig {
  const config: { -readonly [Key in keyof GeminiGenerationConfig]: GeminiGenerationConfig[Key] } = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.stop !== undefined && request.stop.length > 0) config.stopSequences = [...request.stop];
  if (request.seed !== undefined) config.seed = request.seed;
  const responseFormat = request.responseFormat;
  if (responseFormat?.type === 'json') config.responseMimeType = 'application/json';
  if (responseFormat?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    if (format === 'json-schema') config.responseJsonSchema = { ...responseFormat.schema };
    else config.responseSchema = toGeminiSchema(responseFormat.schema);
  }
  const thinking = toGeminiThinkingConfig(request.reasoning, request.model);
  if (thinking !== undefined) config.thinkingConfig = thinking;
  return config;
}

/**
 * Builds the body of `:generateContent` / `:streamGenerateContent` (the same body for both):
 * `contents` and `systemInstruction` (see `convertToGeminiContents`), `tools` and `toolConfig`
 * (see `convertToGeminiTools`), and `generationConfig` with `temperature`, `topP`,
 * `maxOutputTokens`, `stopSequences`, `seed`, `responseMimeType: 'application/json'` for JSON
 * formats plus `responseJsonSchema` (or `responseSchema`) for `json_schema`, and
 * `thinkingConfig` (see `toGeminiThinkingConfig`). Then `request.providerParams[providerId]`
 * is merged last, recursing into objects (so `{ generationConfig: { topK: 40 } }` keeps the
 * rest of `generationConfig`), for `safetySettings`, `cachedContent`, `labels` or anything else.
 * `user` and `metadata` are not sent: Gemini has no such fields.
 *
 * @param request - The validated request (model without provider prefix).
 * @param options - Provider id and schema format.
 * @throws ConnectorError `invalid_request` naming the field for a tool result without a matching
 *   tool call, tool call arguments that are not a JSON object, or a tool schema, response schema,
 *   tool call arguments, tool result or `providerParams` entry nested deeper than
 *   `MAX_NESTING_DEPTH`.
 */
export function buildGeminiRequest(
  request: CompletionRequest,
  options: BuildGeminiRequestOptions,
): GeminiRequest {
  const format = options.schemaFormat ?? 'json-schema';
  const { providerId } = options;
  // each value below is serialized or walked recursively (toGeminiSchema, the providerParams
  // merge), so its depth is bounded first
  if (request.responseFormat?.type === 'json_schema') {
    assertNestingDepth(request.responseFormat.schema, 'responseFormat.schema', providerId);
  }
  const extra = request.providerParams?.[providerId];
  if (extra !== undefined) assertNestingDepth(extra, `providerParams.${providerId}`, providerId);
  const conversation = convertToGeminiContents(request.messages, options.providerId);
  const config = generationConfig(request, format);
  const body: GeminiRequest = {
    contents: conversation.contents,
    ...(conversation.systemInstruction !== undefined && {
      systemInstruction: conversation.systemInstruction,
    }),
    ...convertToGeminiTools(request.tools, request.toolChoice, format, providerId),
    ...(Object.keys(config).length > 0 && { generationConfig: config }),
  };
  if (extra === undefined) return body;
  return mergePlainObjects(body as unknown as Record<string, unknown>, extra) as unknown as GeminiRequest;
}
