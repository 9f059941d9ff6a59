import type { LanguageModelV3CallOptions, SharedV3Warning } from '@ai-sdk/provider';
import { type CallOptions, type CompletionRequest, type ResponseFormat, withoutUndefined } from '@hub/core';
import { convertToHubMessages } from './convert-to-hub-messages.js';
import { convertToHubTools } from './convert-to-hub-tools.js';
import { definedHeaders } from './internal/defined-headers.js';
import { HUB_KEY } from './internal/hub-key.js';
import { parseHubProviderOptions } from './parse-hub-provider-options.js';

/** One AI SDK call as the hub takes it. */
export interface HubCall {
  readonly request: CompletionRequest;
  readonly callOptions: CallOptions;
  /** Settings the hub cannot honour, reported to the AI SDK instead of dropped silently. */
  readonly warnings: SharedV3Warning[];
}

/** What the model adds to every call. */
export interface HubCallDefaults {
  /** The model id the AI SDK model was created with (a route alias or `provider/model`). */
  readonly modelId: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

// settings with no unified meaning across providers; each gets an `unsupported` warning
const UNSUPPORTED_SETTINGS = ['topK', 'presencePenalty', 'frequencyPenalty'] as const;

/**
 * Converts the options of `doGenerate` / `doStream` to a hub request and call options:
 * `maxOutputTokens` → `maxTokens`, `stopSequences` → `stop`, temperature, topP and seed as they
 * are; `responseFormat` JSON with a schema → `json_schema` (name defaults to `response`); tools
 * and tool choice; `abortSignal` and `headers`; `providerOptions.hub` (see `HubProviderOptions`).
 * `topK`, `presencePenalty`, `frequencyPenalty` and `includeRawChunks` have no unified form and
 * produce `unsupported` warnings (set them per provider with `providerOptions.hub.providerParams`).
 *
 * @throws ConnectorError `invalid_request` naming the field, for a bad `providerOptions.hub` or
 * prompt content the hub cannot carry (see `convertToHubMessages`); the hub validates the rest.
 */
export function convertToHubRequest(options: LanguageModelV3CallOptions, defaults: HubCallDefaults): HubCall {
  const warnings: SharedV3Warning[] = [];
  const hub = parseHubProviderOptions(options.providerOptions?.[HUB_KEY]);
  for (const setting of UNSUPPORTED_SETTINGS) {
    if (options[setting] !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: setting,
        details:
          'The hub has no unified form of it; pass it per provider in providerOptions.hub.providerParams.',
      });
    }
  }
  if (options.includeRawChunks === true) {
    warnings.push({
      type: 'unsupported',
      feature: 'includeRawChunks',
      details: 'Hub streams carry unified chunks only.',
    });
  }
  const messages = convertToHubMessages(options.prompt, warnings);
  const { tools, toolChoice } = convertToHubTools(options.tools, options.toolChoice, warnings);
  const metadata =
    defaults.metadata === undefined && hub.metadata === undefined
      ? undefined
      : { ...defaults.metadata, ...hub.metadata };
  const request: CompletionRequest = withoutUndefined({
    model: hub.model ?? defaults.modelId,
    messages,
    maxTokens: options.maxOutputTokens,
    temperature: options.temperature,
    topP: options.topP,
    stop: options.stopSequences,
    seed: options.seed,
    tools,
    toolChoice,
    parallelToolCalls: hub.parallelToolCalls,
    responseFormat: convertResponseFormat(options.responseFormat),
    reasoning: hub.reasoning,
    user: hub.user,
    metadata,
    providerParams: hub.providerParams,
  });
  const callOptions: CallOptions = withoutUndefined({
    signal: options.abortSignal,
    headers: definedHeaders(options.headers),
    timeoutMs: hub.timeoutMs,
    firstByteTimeoutMs: hub.firstByteTimeoutMs,
    idleTimeoutMs: hub.idleTimeoutMs,
    requestId: hub.requestId,
  });
  return { request, callOptions, warnings };
}

function convertResponseFormat(
  format: LanguageModelV3CallOptions['responseFormat'],
): ResponseFormat | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.schema === undefined) return { type: 'json' };
  return {
    type: 'json_schema',
    // the AI SDK leaves the name out unless the caller gave one; the hub (and OpenAI) need one
    name: format.name ?? 'response',
    schema: format.schema as Record<string, unknown>,
    ...(format.description !== undefined && { description: format.description }),
  };
}
