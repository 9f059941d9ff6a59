import type { CallOutcome } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import { explainAbort } from '../internal/sleep.js';
import type { CompletionRequest } from '../model/completion-request.js';
import { responseToChunks } from '../model/response-to-stream.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import { StreamFolder } from '../model/stream-folder.js';
import { decideErrorAction } from './decide-error-action.js';
import type { PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';
import { AttemptFailure, runRequestHooks, runResponseHooks } from './run-hooks.js';
import { asFailure } from './run-pipeline.js';
import { labelsOf, settleCall } from './settle-call.js';
import { startCall } from './start-call.js';

const isContent = (chunk: StreamChunk): boolean =>
  chunk.type === 'text-delta' || chunk.type === 'tool-call-delta' || chunk.type === 'reasoning-delta';

/**
 * Runs `hub.stream` as an async generator: the same onion as `complete`, with each attempt's
 * provider stream wrapped by `wrapStream` hooks (first registered outermost), folded as it passes
 * so `onResponse` sees the whole response at the end. Retry and fallback are possible only until
 * content reached the caller. When the caller stops iterating, the generator's `finally` returns
 * the upstream iterator, which closes the connection.
 */
export async function* runStreamPipeline(
  deps: PipelineDeps,
  request: CompletionRequest,
  options: ProviderCallOptions,
): AsyncGenerator<StreamChunk, void, undefined> {
  const { context, plan, callSignal, providerOptions } = await startCall(deps, request, options, 'stream');
  const middleware = deps.middleware;
  let outcome: CallOutcome | undefined;
  let cached = false;
  let timeToFirstTokenMs: number | undefined;

  try {
    for (;;) {
      const target = plan.current;
      const provider = deps.providers.get(target.providerId);
      let upstream: AsyncIterator<StreamChunk> | undefined;
      let attemptStarted = 0;
      try {
        if (provider === undefined) {
          throw new AttemptFailure(
            new ConnectorError('config', `No provider "${target.providerId}" is registered.`),
            middleware.length,
            false,
          );
        }
        const providerRequest =
          request.model === target.model ? request : { ...request, model: target.model };
        context.beginAttempt();
        const hooks =
          middleware.length > 0 ? await runRequestHooks(middleware, providerRequest, context) : undefined;
        if (hooks?.kind === 'respond') {
          cached = true;
          for (const chunk of responseToChunks(hooks.response)) {
            if (!context.contentYielded && isContent(chunk)) {
              context.contentYielded = true;
              timeToFirstTokenMs = context.elapsed();
            }
            if (chunk.type === 'finish') {
              // settled before `finish` is handed over: a caller that stops at finish still succeeded
              const response = await runResponseHooks(middleware, hooks.response, hooks.depth, context);
              outcome = { ok: true, response, cached: true };
            }
            yield chunk;
          }
          return;
        }
        let iterable: AsyncIterable<StreamChunk> = provider.streamCompletion(
          hooks?.request ?? providerRequest,
          context.optionsFor(providerOptions),
        );
        for (let index = middleware.length - 1; index >= 0; index--) {
          const wrap = middleware[index]?.wrapStream;
          if (wrap !== undefined) iterable = wrap.call(middleware[index], iterable, context);
        }
        const folder = new StreamFolder({
          provider: target.providerId,
          model: target.model,
          id: context.requestId,
        });
        attemptStarted = performance.now();
        upstream = iterable[Symbol.asyncIterator]();
        for (;;) {
          let step: IteratorResult<StreamChunk>;
          try {
            step = await upstream.next();
          } catch (error) {
            upstream = undefined;
            const converted = explainAbort(
              toConnectorError(error, { providerId: target.providerId, model: target.model }),
              context.signal,
            );
            if (converted.code !== 'cancelled')
              deps.stats.record(target, { ok: false, latencyMs: performance.now() - attemptStarted });
            throw new AttemptFailure(converted, middleware.length, true);
          }
          if (step.done === true) break;
          const chunk = step.value;
          folder.push(chunk);
          if (!context.contentYielded && isContent(chunk)) {
            context.contentYielded = true;
            timeToFirstTokenMs = context.elapsed();
          }
          if (chunk.type === 'finish' && outcome === undefined) {
            // `finish` is last by contract, so the attempt succeeded: settle before handing it over,
            // because many callers stop iterating as soon as they see it
            deps.stats.record(target, { ok: true, latencyMs: performance.now() - attemptStarted });
            const response = await runResponseHooks(middleware, folder.result(), middleware.length, context);
            outcome = { ok: true, response, cached: false };
          }
          yield chunk;
        }
        upstream = undefined;
        if (outcome !== undefined) return;
        if (!folder.finished) {
          deps.stats.record(target, { ok: false, latencyMs: performance.now() - attemptStarted });
          throw new AttemptFailure(
            new ConnectorError('stream', `The ${target.providerId} stream ended without a finish chunk.`, {
              providerId: target.providerId,
              model: target.model,
            }),
            middleware.length,
            true,
          );
        }
        deps.stats.record(target, { ok: true, latencyMs: performance.now() - attemptStarted });
        const response = await runResponseHooks(middleware, folder.result(), middleware.length, context);
        outcome = { ok: true, response, cached: false };
        return;
      } catch (thrown) {
        const failure = asFailure(thrown, middleware, context);
        if (deps.measuring) deps.metrics.recordAttemptError(labelsOf(context), failure.error.code);
        const decision = await decideErrorAction(middleware, failure.error, failure.depth, context);
        let proceed = false;
        try {
          proceed = await plan.advance(decision, context, () => labelsOf(context));
        } catch (waitError) {
          outcome = { ok: false, error: toConnectorError(waitError, { providerId: context.providerId }) };
          throw outcome.error;
        }
        if (!proceed) {
          outcome = { ok: false, error: decision.error };
          throw decision.error;
        }
      } finally {
        // reached with `upstream` set only when the caller stopped iterating mid-stream
        if (upstream !== undefined) await closeQuietly(upstream);
      }
    }
  } finally {
    callSignal.dispose();
    const final: CallOutcome = outcome ?? {
      ok: false,
      error: new ConnectorError('cancelled', 'The caller stopped reading the stream before it finished.', {
        providerId: context.providerId,
        model: context.model,
      }),
    };
    await settleCall(deps, context, final, { cached, timeToFirstTokenMs });
  }
}

async function closeQuietly(iterator: AsyncIterator<StreamChunk>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // the caller already left; a failure while closing has nobody to report to
  }
}
