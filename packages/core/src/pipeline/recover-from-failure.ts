import type { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { AttemptPlan } from './attempt-plan.js';
import type { CallContext } from './call-context.js';
import { decideErrorAction } from './decide-error-action.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { asFailure } from './run-hooks.js';

/**
 * After a failed attempt: counts it, lets the `onError` hooks decide, and applies their action.
 * Resolves `undefined` when the plan moved on to another attempt, or the error that ends the call
 * (the decided one, or `cancelled`/`timeout` when a retry wait was aborted). Shared by `complete`
 * and `stream`.
 */
export async function recoverFromFailure(
  deps: PipelineDeps,
  context: CallContext,
  plan: AttemptPlan,
  thrown: unknown,
): Promise<ConnectorError | undefined> {
  const failure = asFailure(thrown, deps.middleware, context);
  if (deps.measuring) {
    await context.learnModelFromCatalog();
    deps.metrics.recordAttemptError(context.metricLabels(), failure.error.code);
  }
  const decision = await decideErrorAction(deps.middleware, failure.error, failure.depth, context);
  try {
    return (await plan.advance(decision, context)) ? undefined : decision.error;
  } catch (waitError) {
    return toConnectorError(waitError, { providerId: context.providerId });
  }
}
