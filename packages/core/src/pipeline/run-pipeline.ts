import type { Middleware } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import { explainAbort } from '../internal/sleep.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import type { AttemptPlan } from './attempt-plan.js';
import type { CallContext } from './call-context.js';
import { decideErrorAction } from './decide-error-action.js';
import type { PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';
import { AttemptFailure, runRequestHooks, runResponseHooks } from './run-hooks.js';
import { labelsOf, settleCall } from './settle-call.js';
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
  let cached = false;
  try {
    for (;;) {
      try {
        const attempt = await runAttempt(deps, request, context, plan, providerOptions);
        cached = attempt.cached;
        await settleCall(deps, context, { ok: true, response: attempt.response, cached }, { cached });
        return attempt.response;
      } catch (thrown) {
        const failure = asFailure(thrown, deps.middleware, context);
        if (deps.measuring) deps.metrics.recordAttemptError(labelsOf(context), failure.error.code);
        const decision = await decideErrorAction(deps.middleware, failure.error, failure.depth, context);
        let proceed = false;
        try {
          proceed = await plan.advance(decision, context, () => labelsOf(context));
        } catch (waitError) {
          const error = toConnectorError(waitError, { providerId: context.providerId });
          await settleCall(deps, context, { ok: false, error }, { cached });
          throw error;
        }
        if (!proceed) {
          await settleCall(deps, context, { ok: false, error: decision.error }, { cached });
          throw decision.error;
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
  if (middleware.length === 0) return { response, cached: false };
  return {
    response: await runResponseHooks(middleware, response, middleware.length, context),
    cached: false,
  };
}

/** Normalizes anything an attempt threw into an `AttemptFailure`. */
export function asFailure(
  thrown: unknown,
  middleware: readonly Middleware[],
  context: CallContext,
): AttemptFailure {
  if (thrown instanceof AttemptFailure) return thrown;
  return new AttemptFailure(
    toConnectorError(thrown, { providerId: context.providerId }),
    middleware.length,
    false,
  );
}
