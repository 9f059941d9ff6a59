import { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { AttemptPlan } from './attempt-plan.js';
import type { CallContext } from './call-context.js';
import { explainAbort } from './explain-abort.js';
import type { PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';
import { recoverFromFailure } from './recover-from-failure.js';
import { AttemptFailure, runRequestHooks, runResponseHooks } from './run-hooks.js';
import { settleCall } from './settle-call.js';
import { startCall } from './start-call.js';

/**
 * Runs `hub.complete`: validate once, plan targets, then attempts through the onion until one
 * succeeds or the `onError` decisions give up.
 */
export async function runPipeline(
  deps: PipelineDeps,
  request: CompletionRequest,
  options: ProviderCallOptions,
): Promise<CompletionResponse> {
  const { context, plan, callSignal, providerOptions } = await startCall(deps, request, options, 'complete');
  try {
    for (;;) {
      try {
        const attempt = await runAttempt(deps, request, context, plan, providerOptions);
        await settleCall(deps, context, { ok: true, response: attempt.response, cached: attempt.cached });
        return attempt.response;
      } catch (thrown) {
        const error = await recoverFromFailure(deps, context, plan, thrown);
        if (error !== undefined) {
          await settleCall(deps, context, { ok: false, error });
          throw error;
        }
      }
    }
  } finally {
    callSignal.dispose();
  }
}

async function runAttempt(
  deps: PipelineDeps,
  request: CompletionRequest,
  context: CallContext,
  plan: AttemptPlan,
  options: ProviderCallOptions,
): Promise<{ response: CompletionResponse; cached: boolean }> {
  const target = plan.current;
  const provider = deps.providers.get(target.providerId);
  if (provider === undefined) {
    throw new AttemptFailure(
      new ConnectorError('config', `No provider "${target.providerId}" is registered.`),
      deps.middleware.length,
      false,
    );
  }
  const providerRequest = request.model === target.model ? request : { ...request, model: target.model };
  const middleware = deps.middleware;
  context.beginAttempt();
  let callRequest = providerRequest;
  if (middleware.length > 0) {
    const hooks = await runRequestHooks(middleware, providerRequest, context);
    if (hooks.kind === 'respond') {
      return {
        response: await runResponseHooks(middleware, hooks.response, hooks.depth, context),
        cached: true,
      };
    }
    callRequest = hooks.request;
  }
  const started = performance.now();
  let response: CompletionResponse;
  try {
    response = await provider.sendCompletion(callRequest, context.optionsFor(options));
  } catch (error) {
    const converted = explainAbort(
      toConnectorError(error, { providerId: target.providerId, model: target.model }),
      context.signal,
    );
    if (converted.code !== 'cancelled')
      deps.stats.record(target, { ok: false, latencyMs: performance.now() - started });
    throw new AttemptFailure(converted, middleware.length, true);
  }
  deps.stats.record(target, { ok: true, latencyMs: performance.now() - started });
  deps.knownModels.learn(target);
  if (middleware.length === 0) return { response, cached: false };
  return {
    response: await runResponseHooks(middleware, response, middleware.length, context),
    cached: false,
  };
}
