import type { CallSignal } from '../internal/call-signal.js';
import { createCallSignal } from '../internal/call-signal.js';
import type { CompletionRequest } from '../model/completion-request.js';
import { validateRequest } from '../model/validate-request.js';
import { AttemptPlan } from './attempt-plan.js';
import { CallContext } from './call-context.js';
import type { PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';

/** Everything one hub call needs before its first attempt. */
export interface StartedCall {
  readonly context: CallContext;
  readonly plan: AttemptPlan;
  readonly callSignal: CallSignal;
  /** Options handed to providers: the caller's, with the call's own signal when it differs. */
  readonly providerOptions: ProviderCallOptions;
}

/**
 * Starts a hub call: validates the request once, plans its targets, and creates its context,
 * signal and attempt plan. Shared by `complete` and `stream`.
 */
export async function startCall(
  deps: PipelineDeps,
  request: CompletionRequest,
  options: ProviderCallOptions,
  operation: 'complete' | 'stream',
): Promise<StartedCall> {
  validateRequest(request, deps.requestLimits);
  const planned = await deps.plan(request, operation === 'stream');
  const callSignal = createCallSignal(options.signal, deps.timeoutMs);
  const context = new CallContext({
    requestId: options.requestId ?? crypto.randomUUID(),
    operation,
    route: planned.route,
    request,
    signal: callSignal.signal,
    stats: deps.stats,
    metrics: deps.metrics,
    modelInfo: deps.modelInfo,
    knownModels: deps.knownModels,
  });
  const providerOptions =
    callSignal.signal === options.signal || !callSignal.live
      ? options
      : { ...options, signal: callSignal.signal };
  return {
    context,
    plan: new AttemptPlan(planned.targets, deps.rules, context),
    callSignal,
    providerOptions,
  };
}
