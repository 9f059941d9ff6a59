import type { HubOperation, RequestOf } from '../contracts/hub-operation.js';
import type { CallSignal } from '../internal/call-signal.js';
import { createCallSignal } from '../internal/call-signal.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { EmbeddingRequest } from '../model/embedding-request.js';
import { validateEmbeddingRequest } from '../model/validate-embedding-request.js';
import { validateRequest } from '../model/validate-request.js';
import { AttemptPlan } from './attempt-plan.js';
import { CallContext } from './call-context.js';
import type { OperationMiddleware, PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';

/** Everything one hub call needs before its first attempt. */
export interface StartedCall<O extends HubOperation> {
  readonly operation: O;
  readonly request: RequestOf<O>;
  readonly context: CallContext<O>;
  readonly plan: AttemptPlan;
  readonly callSignal: CallSignal;
  readonly middleware: OperationMiddleware;
  /** Options handed to providers: the caller's, with the call's own signal when it differs. */
  readonly providerOptions: ProviderCallOptions;
}

/**
 * Starts a hub call of any operation: validates the request once, plans its targets, and
 * creates its context, signal and attempt plan.
 */
export async function startCall<O extends HubOperation>(
  deps: PipelineDeps,
  request: RequestOf<O>,
  options: ProviderCallOptions,
  operation: O,
): Promise<StartedCall<O>> {
  if (operation === 'embed') validateEmbeddingRequest(request as EmbeddingRequest, deps.requestLimits);
  else validateRequest(request as CompletionRequest, deps.requestLimits);
  const planned = await deps.plan(request, operation);
  const callSignal = createCallSignal(options.signal, deps.timeoutMs, operation === 'stream');
  const context = new CallContext<O>({
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
    operation,
    request,
    context,
    plan: new AttemptPlan(planned.targets, deps.rules, context as CallContext),
    callSignal,
    middleware: deps.middleware[operation],
    providerOptions,
  };
}
