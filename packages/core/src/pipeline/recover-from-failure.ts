import type { HubOperation } from '../contracts/hub-operation.js';
import type { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { AttemptFailure } from './attempt-failure.js';
import type { CallContext } from './call-context.js';
import { decideErrorAction } from './decide-error-action.js';
import type { PipelineDeps } from './pipeline-deps.js';
import type { StartedCall } from './start-call.js';

/**
 * After a failed attempt: counts it, lets the `onError` hooks decide, and applies their action.
 * Resolves `undefined` when the plan moved on to another attempt, or the error that ends the call
 * (the decided one, or `cancelled`/`timeout` when a retry wait was aborted). Shared by every
 * operation.
 */
export async function recoverFromFailure<O extends HubOperation>(
  deps: PipelineDeps,
  call: StartedCall<O>,
  failure: AttemptFailure,
): Promise<ConnectorError | undefined> {
  const context = call.context as CallContext;
  if (deps.measuring) {
    await context.learnModelFromCatalog();
    deps.metrics.recordAttemptError(context.metricLabels(), failure.error.code);
  }
  const decision = await decideErrorAction(call.middleware.all, failure.error, failure.depth, context);
  try {
    return (await call.plan.advance(decision, context)) ? undefined : decision.error;
  } catch (waitError) {
    return toConnectorError(waitError, { providerId: context.providerId });
  }
}
