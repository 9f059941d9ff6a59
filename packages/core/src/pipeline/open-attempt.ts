import type { CallOptions } from '../contracts/call-options.js';
import type { HubOperation, RequestOf, ResponseOf } from '../contracts/hub-operation.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import type { Target } from '../contracts/middleware-context.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { AttemptFailure } from './attempt-failure.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { runRequestHooks } from './run-hooks.js';
import type { StartedCall } from './start-call.js';

/** How an attempt starts: a provider call to make, a middleware's answer, or a failure. */
export type OpenedAttempt<O extends HubOperation> =
  | {
      readonly kind: 'call';
      readonly provider: LLMProvider;
      readonly target: Target;
      readonly request: RequestOf<O>;
      readonly options: CallOptions;
    }
  | { readonly kind: 'respond'; readonly response: ResponseOf<O>; readonly depth: number }
  | { readonly kind: 'failed'; readonly failure: AttemptFailure };

/**
 * Opens the current attempt of any operation, shared by `complete`, `stream`, `embed` and
 * `count-tokens`: finds the provider, points the request at the target's model, clears the
 * previous attempt's headers and runs the `onRequest` hooks.
 */
export async function openAttempt<O extends HubOperation>(
  deps: PipelineDeps,
  call: StartedCall<O>,
): Promise<OpenedAttempt<O>> {
  const { context, plan, middleware } = call;
  const target = plan.current;
  const provider = deps.providers.get(target.providerId);
  if (provider === undefined) {
    const error = new ConnectorError('config', `No provider "${target.providerId}" is registered.`);
    return { kind: 'failed', failure: { error, depth: middleware.all.length, fromProvider: false } };
  }
  const original = call.request;
  const request = original.model === target.model ? original : { ...original, model: target.model };
  context.beginAttempt();
  let hooked = request;
  if (middleware.all.length > 0) {
    const hooks = await runRequestHooks(middleware.all, request, context);
    if (hooks.kind !== 'call') return hooks;
    hooked = hooks.request;
  }
  return {
    kind: 'call',
    provider,
    target,
    request: hooked,
    options: context.optionsFor(call.providerOptions),
  };
}
