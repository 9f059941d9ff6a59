import { type CallOptions, type CompletionRequest, ConnectorError, type TokenCount } from '@hub/core';
import { convertToResponsesPrompt } from './convert-to-responses-request.js';
import { isOpenAIReasoningModel } from './is-openai-reasoning-model.js';
import type { OpenAITransport } from './openai-transport.js';
import type { ResponsesInputTokens } from './responses-wire-types.js';

const EMPTY_CALL_OPTIONS: CallOptions = Object.freeze({});

/** What `countTokensCall` needs besides the transport. */
export interface CountTokensOptions {
  /** Path of the counting endpoint. Default `/responses/input_tokens`. */
  readonly path?: string | undefined;
  /** Models the endpoint does not count for (embedding models): `unsupported`, before any I/O. */
  readonly uncountable?: ((model: string) => boolean) | undefined;
}

/**
 * The `countTokens` operation over OpenAI's `POST /v1/responses/input_tokens`: the request's
 * input as the Responses API would receive it (messages, tools, tool choice, output format,
 * reasoning effort; not the generation settings, which the endpoint does not take, nor
 * `providerParams`) is counted by OpenAI itself, so the answer is `exact: true`.
 *
 * @throws ConnectorError `unsupported` for a model that is not counted (an embedding model), or
 *   when the endpoint is not served at the configured base URL (a 404 that is not
 *   `model_not_found`, as from a proxy without it) — the hub then answers with its estimate;
 *   `parse` for an answer without a count; else as `sendCompletion`.
 */
export function countTokensCall(
  transport: OpenAITransport,
  options: CountTokensOptions = {},
): (request: CompletionRequest, callOptions?: CallOptions) => Promise<TokenCount> {
  const { providerId } = transport;
  const path = options.path ?? '/responses/input_tokens';
  return async (request, callOptions = EMPTY_CALL_OPTIONS) => {
    const { model } = request;
    if (options.uncountable?.(model) === true) {
      throw new ConnectorError('unsupported', `${model} is not a model the counting API counts for.`, {
        providerId,
        model,
      });
    }
    const body = convertToResponsesPrompt(request, {
      model,
      stream: false,
      reasoning: isOpenAIReasoningModel(model),
      providerParams: undefined,
      providerId,
    });
    let answer: ResponsesInputTokens;
    try {
      ({ body: answer } = await transport.callJson<ResponsesInputTokens>('POST', path, body, callOptions));
    } catch (error) {
      if (
        ConnectorError.isInstance(error) &&
        error.code === 'not_found' &&
        error.providerCode !== 'model_not_found'
      ) {
        throw new ConnectorError(
          'unsupported',
          'The token counting endpoint is not served at this base URL.',
          {
            providerId,
            model,
            status: 404,
            cause: error,
          },
        );
      }
      throw error;
    }
    const inputTokens = answer?.input_tokens;
    if (typeof inputTokens !== 'number' || !Number.isInteger(inputTokens) || inputTokens < 0) {
      throw new ConnectorError('parse', 'The token count answer has no input_tokens.', { providerId, model });
    }
    return { inputTokens, exact: true, provider: providerId, model };
  };
}
