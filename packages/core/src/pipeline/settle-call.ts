import type { CallOutcome } from '../contracts/middleware.js';
import type { CallContext } from './call-context.js';
import type { PipelineDeps } from './pipeline-deps.js';

/**
 * Ends a hub call: one measurement to the collectors, then `onSettled` hooks in reverse
 * registration order (their failures are ignored; the outcome is decided).
 */
export async function settleCall(
  deps: PipelineDeps,
  context: CallContext,
  outcome: CallOutcome,
  timeToFirstTokenMs?: number,
): Promise<void> {
  if (deps.measuring) {
    const response = outcome.ok ? outcome.response : undefined;
    await context.learnModelFromCatalog();
    deps.metrics.recordRequest({
      labels: context.metricLabels(),
      outcome: outcome.ok ? 'success' : outcome.error.code,
      durationMs: context.elapsed(),
      cached: outcome.ok && outcome.cached,
      attempts: context.attempt,
      ...(timeToFirstTokenMs !== undefined && { timeToFirstTokenMs }),
      ...(response !== undefined && {
        usage: response.usage,
        responseModel: response.model,
        finishReason: response.finishReason,
      }),
      ...(response?.cost !== undefined && { costUsd: response.cost.totalUsd }),
    });
  }
  for (let index = deps.settleHooks.length - 1; index >= 0; index--) {
    try {
      await deps.settleHooks[index]?.onSettled?.(outcome, context);
    } catch {
      // the outcome is already decided; a failing observer must not change it
    }
  }
}
