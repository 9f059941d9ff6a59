import {
  type CallOptions,
  type CompletionRequest,
  ConnectorError,
  type TokenCount,
  throwIfAborted,
} from '@hub/core';
import { BEDROCK_PROVIDER_ID } from './bedrock-config.js';
import type { CountTokensRequest, CountTokensResponse } from './bedrock-wire-types.js';
import { buildConverseRequest } from './build-converse-request.js';
import type { BedrockTransport } from './internal/bedrock-transport.js';
import { modelPath } from './model-path.js';
import { serializeRequestBody } from './serialize-request-body.js';
import { toBaseModelId } from './to-base-model-id.js';

// Models Bedrock answered "The provided model doesn't support counting tokens." for, so later
// counts go straight to the hub's estimate. Bounded: at most this many ids, the oldest evicted
// first (model ids come from callers).
const MAX_REMEMBERED_MODELS = 64;

const NOT_COUNTABLE = /(?:doesn't|does not) support counting tokens/i;

function unsupported(model: string, cause?: unknown): ConnectorError {
  return new ConnectorError(
    'unsupported',
    `Bedrock cannot count tokens for "${model}"; CountTokens covers some Anthropic Claude models only.`,
    { providerId: BEDROCK_PROVIDER_ID, model, ...(cause !== undefined && { cause }) },
  );
}

/**
 * Counts input tokens with Bedrock's CountTokens API: `POST /model/{modelId}/count-tokens` with
 * `{ input: { converse: { messages, system, toolConfig } } }` built exactly as for Converse, so
 * the count is what the same request would be charged; answered with `{ inputTokens }`.
 *
 * CountTokens takes the foundation-model id (inference-profile prefixes and ARNs are reduced to
 * it) and covers some Anthropic Claude models only (documented: Claude 3.5 Haiku, 3.5 Sonnet and
 * v2, 3.7 Sonnet, Sonnet 4, Opus 4; AWS adds others). Every other model family fails with
 * `unsupported` before any I/O; a Claude model Bedrock refuses ("doesn't support counting
 * tokens") fails with `unsupported` too and is remembered, so the hub answers with its local
 * estimate without asking again. Inference settings (`thinking`, `top_k`) are not sent: they do
 * not change the input count.
 *
 * @returns The counting function of one provider (it holds the remembered models).
 */
export function createBedrockTokenCounter(
  runtime: BedrockTransport,
): (request: CompletionRequest, options?: CallOptions) => Promise<TokenCount> {
  const notCountable = new Set<string>();
  const remember = (base: string): void => {
    if (notCountable.has(base)) return;
    if (notCountable.size >= MAX_REMEMBERED_MODELS) {
      const oldest = notCountable.values().next().value as string;
      notCountable.delete(oldest);
    }
    notCountable.add(base);
  };

  return async (request, options = {}) => {
    const { model } = request;
    const base = toBaseModelId(model);
    if (!base.startsWith('anthropic.') || notCountable.has(base)) throw unsupported(model);
    throwIfAborted(options.signal, { providerId: BEDROCK_PROVIDER_ID, model });
    const converse = buildConverseRequest(request);
    const input: CountTokensRequest = {
      input: {
        converse: {
          messages: converse.messages,
          ...(converse.system !== undefined && { system: converse.system }),
          ...(converse.toolConfig !== undefined && { toolConfig: converse.toolConfig }),
        },
      },
    };
    const body = serializeRequestBody(input, model);
    const call = runtime.startCall(options);
    try {
      const response = await runtime.postJson<CountTokensResponse>(
        modelPath(base, 'count-tokens'),
        body,
        call,
      );
      const inputTokens = response.body?.inputTokens;
      if (typeof inputTokens !== 'number' || !Number.isInteger(inputTokens) || inputTokens < 0) {
        throw new ConnectorError('parse', 'The CountTokens response holds no inputTokens.', {
          providerId: BEDROCK_PROVIDER_ID,
          model,
          status: response.status,
        });
      }
      return { inputTokens, exact: true, provider: BEDROCK_PROVIDER_ID, model };
    } catch (error) {
      if (
        ConnectorError.isInstance(error) &&
        error.code === 'invalid_request' &&
        NOT_COUNTABLE.test(error.message)
      ) {
        remember(base);
        throw unsupported(model, error);
      }
      throw error;
    } finally {
      call.deadline.dispose();
    }
  };
}
