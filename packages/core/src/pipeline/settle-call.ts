import type { HubOperation } from '../contracts/hub-operation.js';
import type { RequestMeasurement } from '../contracts/metrics-collector.js';
import type { CallOutcome } from '../contracts/middleware.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { EmbeddingResponse } from '../model/embedding-response.js';
import type { CallContext } from './call-context.js';
import type { PipelineDeps } from './pipeline-deps.js';
import type { StartedCall } from './start-call.js';

type ResponseDetails = Pick<RequestMeasurement, 'usage' | 'responseModel' | 'finishReason' | 'costUsd'>;

/** What a measurement reports of a successful response, per operation. */
function detailsOf(operation: HubOperation, response: unknown): ResponseDetails {
  if (operation === 'count-tokens') return {};
  if (operation === 'embed') {
    const embedded = response as EmbeddingResponse;
    const inputTokens = embedded.usage.inputTokens;
    return {
      usage: { inputTokens, outputTokens: 0, totalTokens: inputTokens },
      responseModel: embedded.model,
      ...(embedded.cost !== undefined && { costUsd: embedded.cost.totalUsd }),
    };
  }
  const completion = response as CompletionResponse;
  return {
    usage: completion.usage,
    responseModel: completion.model,
    finishReason: completion.finishReason,
    ...(completion.cost !== undefined && { costUsd: completion.cost.totalUsd }),
  };
}

/**
 * Ends a hub call: one measurement to the collectors, then `onSettled` hooks in reverse
 * registration order (their failures are ignored; the outcome is decided).
 */
export async function settleCall<O extends HubOperation>(
  deps: PipelineDeps,
  call: StartedCall<O>,
  outcome: CallOutcome<O>,
  timeToFirstTokenMs?: number,
): Promise<void> {
  const context = call.context as CallContext;
  if (deps.measuring) {
    await context.learnModelFromCatalog();
    deps.metrics.recordRequest({
      labels: context.metricLabels(),
      outcome: outcome.ok ? 'success' : outcome.error.code,
      durationMs: context.elapsed(),
      cached: outcome.ok && outcome.cached,
      attempts: context.attempt,
      ...(timeToFirstTokenMs !== undefined && { timeToFirstTokenMs }),
      ...(outcome.ok && detailsOf(call.operation, outcome.response)),
    });
  }
  const hooks = call.middleware.settleHooks;
  for (let index = hooks.length - 1; index >= 0; index--) {
    try {
      await hooks[index]?.onSettled?.(outcome as CallOutcome<HubOperation>, context);
    } catch {
      // the outcome is already decided; a failing observer must not change it
    }
  }
}
