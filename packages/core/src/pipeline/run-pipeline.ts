import type { HubOperation, RequestOf, ResponseOf } from '../contracts/hub-operation.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { AttemptFailure } from './attempt-failure.js';
import { explainAbort } from './explain-abort.js';
import { invokeProvider, type SingleCallOperation } from './invoke-provider.js';
import { openAttempt } from './open-attempt.js';
import type { PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';
import { recoverFromFailure } from './recover-from-failure.js';
import { runResponseHooks } from './run-hooks.js';
import { settleCall } from './settle-call.js';
import { type StartedCall, startCall } from './start-call.js';

/** How one attempt ended. */
type AttemptResult<O extends HubOperation> =
  | { readonly ok: true; readonly response: ResponseOf<O>; readonly cached: boolean }
  | { readonly ok: false; readonly failure: AttemptFailure };

/**
 * Runs a single-call operation (`complete`, `embed`, `count-tokens`): validate once, plan
 * targets, then attempts through the onion until one succeeds or the `onError` decisions give up.
 */
export async function runPipeline<O extends SingleCallOperation>(
  deps: PipelineDeps,
  request: RequestOf<O>,
  options: ProviderCallOptions,
  operation: O,
): Promise<ResponseOf<O>> {
  const call = await startCall(deps, request, options, operation);
  try {
    for (;;) {
      const attempt = await runAttempt(deps, call);
      if (attempt.ok) {
        await settleCall(deps, call, { ok: true, response: attempt.response, cached: attempt.cached });
        return attempt.response;
      }
      const error = await recoverFromFailure(deps, call, attempt.failure);
      if (error !== undefined) {
        await settleCall(deps, call, { ok: false, error });
        throw error;
      }
    }
  } finally {
    call.callSignal.dispose();
  }
}

async function runAttempt<O extends SingleCallOperation>(
  deps: PipelineDeps,
  call: StartedCall<O>,
): Promise<AttemptResult<O>> {
  const opened = await openAttempt(deps, call);
  if (opened.kind === 'failed') return { ok: false, failure: opened.failure };
  const { context } = call;
  const middleware = call.middleware.all;
  if (opened.kind === 'respond') {
    const hooked = await runResponseHooks(middleware, opened.response, opened.depth, context);
    return hooked.ok ? { ok: true, response: hooked.response, cached: true } : hooked;
  }
  const { target } = opened;
  const started = performance.now();
  let response: ResponseOf<O>;
  try {
    response = await invokeProvider(call.operation, opened.provider, opened.request, opened.options);
  } catch (error) {
    const converted = explainAbort(
      toConnectorError(error, { providerId: target.providerId, model: target.model }),
      context.signal,
    );
    if (converted.code !== 'cancelled')
      deps.stats.record(target, { ok: false, latencyMs: performance.now() - started });
    return { ok: false, failure: { error: converted, depth: middleware.length, fromProvider: true } };
  }
  deps.stats.record(target, { ok: true, latencyMs: performance.now() - started });
  deps.knownModels.learn(target);
  if (middleware.length === 0) return { ok: true, response, cached: false };
  const hooked = await runResponseHooks(middleware, response, middleware.length, context);
  return hooked.ok ? { ok: true, response: hooked.response, cached: false } : hooked;
}
