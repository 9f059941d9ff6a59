import {
  type CallOutcome,
  type ConnectorError,
  type HubOperation,
  isCompletionResponse,
  isEmbeddingRequest,
  isEmbeddingResponse,
  type MiddlewareContext,
  type ResponseOf,
} from '@hub/core';
import type { Sanitizer } from '../sanitizer.js';
import { compileLineRedaction } from './compile-line-redaction.js';
import { describeEmbeddingInput } from './describe-embedding-input.js';
import { describeError } from './describe-error.js';
import { describeMessages } from './describe-messages.js';

/** Builds the middleware's log lines. */
export interface LineBuilder {
  /** The `hub.call` line of a settled call; `ttftMs` for streams that yielded content. */
  callLine(
    outcome: CallOutcome<HubOperation>,
    context: MiddlewareContext<HubOperation>,
    ttftMs: number | undefined,
  ): Record<string, unknown>;
  /** The `hub.attempt` line of one failed attempt. */
  attemptLine(error: ConnectorError, context: MiddlewareContext<HubOperation>): Record<string, unknown>;
}

/** Options of `createLineBuilder`. */
export interface LineBuilderOptions {
  readonly sanitizer: Sanitizer;
  readonly includeMetadata: boolean;
}

// distinct model ids are few; the bound only stops caller-chosen ids from growing the memo
const MODEL_MEMO_LIMIT = 256;

/**
 * Creates the builder of log lines. Lines are assembled from what the middleware knows the shape
 * of, so nothing walks a whole line: ids the hub assigned or validated (`requestId`, `provider`,
 * `route`), closed sets (`operation`, `outcome`, `finishReason`, error codes) and numbers are
 * written as they are; model ids (caller- and provider-chosen, few and repeated) are masked once
 * each and memoized; free text (error messages, provider codes, completions) goes through
 * `sanitizer.text`; and caller-shaped data (request metadata, annotations, the prompt) through
 * `sanitizer.value` plus whatever redact paths it does not already cover. Fields that
 * `redactFields` names are censored last.
 *
 * Per operation: completions and token counts log the number of `messages`; embeddings log
 * `inputs` (count), `inputCharacters` and the requested `dimensions`, never the input text; on
 * success completions add `finishReason` and their tokens, embeddings `vectors`, `dimensions` and
 * input tokens, token counts the counted input tokens and whether the count is `exact`.
 *
 * @throws ConfigError naming `sanitizer.redactPaths` when a path is not pino path syntax.
 */
export function createLineBuilder(options: LineBuilderOptions): LineBuilder {
  const { sanitizer, includeMetadata } = options;
  const redaction = compileLineRedaction(sanitizer);
  const censorFields = redaction.censorFields;
  // Bound: MODEL_MEMO_LIMIT entries (model ids come from callers); when full it is cleared at once
  // and refilled by the ids still in use, each masked once more
  const maskedModels = new Map<string, string>();

  const modelId = (model: string): string => {
    let masked = maskedModels.get(model);
    if (masked === undefined) {
      masked = sanitizer.text(model);
      if (maskedModels.size >= MODEL_MEMO_LIMIT) maskedModels.clear();
      maskedModels.set(model, masked);
    }
    return masked;
  };

  /** Writes what a successful response says into `line`, by operation. */
  const describeResponse = (line: Record<string, unknown>, response: ResponseOf<HubOperation>): void => {
    if (isCompletionResponse(response)) {
      const usage = response.usage;
      line.finishReason = response.finishReason;
      line.responseModel = modelId(response.model);
      const tokens: Record<string, number> = { input: usage.inputTokens, output: usage.outputTokens };
      if (usage.cachedInputTokens !== undefined) tokens.cached = usage.cachedInputTokens;
      if (usage.reasoningTokens !== undefined) tokens.reasoning = usage.reasoningTokens;
      line.tokens = tokens;
      if (response.cost !== undefined) line.costUsd = response.cost.totalUsd;
      if (sanitizer.includeContent) line.completion = sanitizer.text(response.text);
    } else if (isEmbeddingResponse(response)) {
      // vectors are numbers derived from user text: their count and length say enough
      line.responseModel = modelId(response.model);
      line.vectors = response.embeddings.length;
      const first = response.embeddings[0];
      if (first !== undefined) line.dimensions = first.length;
      line.tokens = { input: response.usage.inputTokens };
      if (response.cost !== undefined) line.costUsd = response.cost.totalUsd;
    } else {
      line.tokens = { input: response.inputTokens };
      line.exact = response.exact;
    }
  };

  return {
    callLine(outcome, context, ttftMs) {
      const request = context.originalRequest;
      const embedding = isEmbeddingRequest(request);
      const line: Record<string, unknown> = {
        event: 'hub.call',
        requestId: context.requestId,
        operation: context.operation,
        provider: context.providerId,
        model: modelId(context.model),
      };
      if (context.route !== undefined) line.route = context.route;
      if (embedding) {
        const size = describeEmbeddingInput(request);
        line.inputs = size.inputs;
        line.inputCharacters = size.inputCharacters;
        if (request.dimensions !== undefined) line.dimensions = request.dimensions;
      } else {
        line.messages = request.messages.length;
      }
      line.latencyMs = Math.round(context.elapsed());
      if (ttftMs !== undefined) line.ttftMs = Math.round(ttftMs);
      line.attempts = context.attempt;
      line.fallbacks = context.fallbacks;
      line.outcome = outcome.ok ? 'success' : outcome.error.code;
      line.cached = wasCached(outcome, context);
      if (outcome.ok) {
        describeResponse(line, outcome.response);
      } else {
        line.error = describeError(outcome.error, sanitizer);
      }
      if (includeMetadata) {
        if (request.metadata !== undefined && hasKeys(request.metadata))
          line.metadata = redaction.freeForm('metadata', request.metadata);
        if (context.metadata.size > 0)
          line.annotations = redaction.freeForm('annotations', Object.fromEntries(context.metadata));
      }
      // embedding inputs are never logged, not even with includeContent (see describeEmbeddingInput)
      if (sanitizer.includeContent && !embedding)
        line.prompt = redaction.freeForm('prompt', describeMessages(request.messages));
      censorFields?.(line);
      return line;
    },

    attemptLine(error, context) {
      const line: Record<string, unknown> = {
        event: 'hub.attempt',
        requestId: context.requestId,
        operation: context.operation,
        provider: context.providerId,
        model: modelId(context.model),
      };
      if (context.route !== undefined) line.route = context.route;
      line.attempt = context.attempt;
      line.latencyMs = Math.round(context.elapsed());
      line.contentYielded = context.contentYielded;
      line.error = describeError(error, sanitizer);
      censorFields?.(line);
      return line;
    },
  };
}

function hasKeys(value: object): boolean {
  for (const _key in value) return true;
  return false;
}

/**
 * Whether a cache answered: from the outcome when the hub reports it, else from the
 * `cache.hit` annotation that `@hub/middleware-cache` sets.
 */
function wasCached(outcome: CallOutcome<HubOperation>, context: MiddlewareContext<HubOperation>): boolean {
  const reported = (outcome as { readonly cached?: unknown }).cached;
  if (typeof reported === 'boolean') return reported;
  return outcome.ok && context.metadata.get('cache.hit') === 'true';
}
