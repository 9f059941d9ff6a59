import type { CallOutcome } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import { responseToChunks } from '../model/response-to-stream.js';
import type { StreamChunk } from '../model/stream-chunk.js';
import { StreamFolder } from '../model/stream-folder.js';
import { explainAbort } from './explain-abort.js';
import type { PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';
import { recoverFromFailure } from './recover-from-failure.js';
import { AttemptFailure, runRequestHooks, runResponseHooks } from './run-hooks.js';
import { settleCall } from './settle-call.js';
import { type StartedCall, startCall } from './start-call.js';

const DONE: IteratorResult<StreamChunk> = Object.freeze({ done: true, value: undefined });

const isContent = (chunk: StreamChunk): boolean =>
  chunk.type === 'text-delta' || chunk.type === 'tool-call-delta' || chunk.type === 'reasoning-delta';

/**
 * One `hub.stream` call as a hand-written async iterator: the same onion as `complete`, with each
 * attempt's provider stream wrapped by `wrapStream` hooks (first registered outermost) and folded
 * as it passes. A chunk costs one await (the upstream's), where an async generator would add its
 * own hops per chunk.
 *
 * - Retry and fallback happen only until content reached the caller.
 * - When `finish` arrives, `onResponse` runs with the folded response before the chunk is handed
 *   over, so a caller that stops at `finish` still completed the call.
 * - `return()` (a caller that stops iterating) closes the upstream iterator, which closes the
 *   connection, and settles the call as `cancelled` unless it had already finished.
 */
export class HubStream implements AsyncIterator<StreamChunk> {
  readonly #deps: PipelineDeps;
  readonly #request: CompletionRequest;
  readonly #options: ProviderCallOptions;
  #call: StartedCall | undefined;
  #upstream: AsyncIterator<StreamChunk> | undefined;
  #folder: StreamFolder | undefined;
  #replay: StreamChunk[] | undefined;
  #replayIndex = 0;
  #replayResponse: { response: CompletionResponse; depth: number } | undefined;
  #attemptStarted = 0;
  #outcome: CallOutcome | undefined;
  #timeToFirstTokenMs: number | undefined;
  #closed = false;

  constructor(deps: PipelineDeps, request: CompletionRequest, options: ProviderCallOptions) {
    this.#deps = deps;
    this.#request = request;
    this.#options = options;
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamChunk> {
    return this;
  }

  async next(): Promise<IteratorResult<StreamChunk>> {
    if (this.#closed) return DONE;
    try {
      if (this.#call === undefined) {
        this.#call = await startCall(this.#deps, this.#request, this.#options, 'stream');
        await this.#startAttempt();
      }
      for (;;) {
        if (this.#replay !== undefined) return await this.#nextReplayed();
        const upstream = this.#upstream as AsyncIterator<StreamChunk>;
        let step: IteratorResult<StreamChunk>;
        try {
          step = await upstream.next();
        } catch (error) {
          this.#upstream = undefined;
          await this.#recover(this.#providerFailure(error));
          await this.#startAttempt();
          continue;
        }
        if (step.done === true) {
          this.#upstream = undefined;
          if (this.#outcome !== undefined) {
            await this.#close();
            return DONE;
          }
          await this.#recover(this.#truncated());
          await this.#startAttempt();
          continue;
        }
        const chunk = step.value;
        this.#fold(chunk);
        // only `finish` needs async work (response hooks); other chunks pass without an extra hop
        if (chunk.type === 'finish' && this.#outcome === undefined) await this.#finishAttempt();
        return step;
      }
    } catch (error) {
      await this.#close();
      throw error;
    }
  }

  async return(): Promise<IteratorResult<StreamChunk>> {
    await this.#close();
    return DONE;
  }

  /** Opens attempts until one is streaming (or answered from a short-circuit), or fails finally. */
  async #startAttempt(): Promise<void> {
    for (;;) {
      try {
        await this.#openAttempt();
        return;
      } catch (thrown) {
        await this.#recover(thrown);
      }
    }
  }

  async #openAttempt(): Promise<void> {
    const { context, plan, providerOptions } = this.#call as StartedCall;
    const deps = this.#deps;
    const middleware = deps.middleware;
    const target = plan.current;
    const provider = deps.providers.get(target.providerId);
    if (provider === undefined) {
      throw new AttemptFailure(
        new ConnectorError('config', `No provider "${target.providerId}" is registered.`),
        middleware.length,
        false,
      );
    }
    const request = this.#request;
    const providerRequest = request.model === target.model ? request : { ...request, model: target.model };
    context.beginAttempt();
    const hooks =
      middleware.length > 0 ? await runRequestHooks(middleware, providerRequest, context) : undefined;
    if (hooks?.kind === 'respond') {
      this.#replay = responseToChunks(hooks.response);
      this.#replayIndex = 0;
      // kept for the response hooks, run before the replayed `finish` is handed over
      this.#replayResponse = { response: hooks.response, depth: hooks.depth };
      return;
    }
    let iterable = provider.streamCompletion(
      hooks?.request ?? providerRequest,
      context.optionsFor(providerOptions),
    );
    for (let index = middleware.length - 1; index >= 0; index--) {
      const wrap = middleware[index]?.wrapStream;
      if (wrap !== undefined) iterable = wrap.call(middleware[index], iterable, context);
    }
    this.#folder = new StreamFolder({
      provider: target.providerId,
      model: target.model,
      id: context.requestId,
    });
    this.#attemptStarted = performance.now();
    this.#upstream = iterable[Symbol.asyncIterator]();
  }

  async #nextReplayed(): Promise<IteratorResult<StreamChunk>> {
    const chunks = this.#replay as StreamChunk[];
    if (this.#replayIndex >= chunks.length) {
      await this.#close();
      return DONE;
    }
    const chunk = chunks[this.#replayIndex++] as StreamChunk;
    const context = (this.#call as StartedCall).context;
    if (!context.contentYielded && isContent(chunk)) {
      context.contentYielded = true;
      this.#timeToFirstTokenMs = context.elapsed();
    }
    if (chunk.type === 'finish' && this.#replayResponse !== undefined) {
      const { response, depth } = this.#replayResponse;
      this.#outcome = {
        ok: true,
        response: await runResponseHooks(this.#deps.middleware, response, depth, context),
        cached: true,
      };
    }
    return { done: false, value: chunk };
  }

  /** Folds a provider chunk and notes the time to first content. */
  #fold(chunk: StreamChunk): void {
    (this.#folder as StreamFolder).push(chunk);
    const context = (this.#call as StartedCall).context;
    if (!context.contentYielded && isContent(chunk)) {
      context.contentYielded = true;
      this.#timeToFirstTokenMs = context.elapsed();
    }
  }

  /** At `finish`: records the attempt's success and runs the response hooks. */
  async #finishAttempt(): Promise<void> {
    const { context, plan } = this.#call as StartedCall;
    const deps = this.#deps;
    deps.stats.record(plan.current, { ok: true, latencyMs: performance.now() - this.#attemptStarted });
    deps.knownModels.learn(plan.current);
    try {
      const folded = (this.#folder as StreamFolder).result();
      const response = await runResponseHooks(deps.middleware, folded, deps.middleware.length, context);
      this.#outcome = { ok: true, response, cached: false };
    } catch (thrown) {
      // content already reached the caller, so this ends the call with the hook's error
      await this.#recover(thrown);
    }
  }

  #providerFailure(error: unknown): AttemptFailure {
    const { context, plan } = this.#call as StartedCall;
    const target = plan.current;
    const converted = explainAbort(
      toConnectorError(error, { providerId: target.providerId, model: target.model }),
      context.signal,
    );
    if (converted.code !== 'cancelled') {
      this.#deps.stats.record(target, { ok: false, latencyMs: performance.now() - this.#attemptStarted });
    }
    return new AttemptFailure(converted, this.#deps.middleware.length, true);
  }

  #truncated(): AttemptFailure {
    const target = (this.#call as StartedCall).plan.current;
    this.#deps.stats.record(target, { ok: false, latencyMs: performance.now() - this.#attemptStarted });
    const error = new ConnectorError(
      'stream',
      `The ${target.providerId} stream ended without a finish chunk.`,
      {
        providerId: target.providerId,
        model: target.model,
      },
    );
    return new AttemptFailure(error, this.#deps.middleware.length, true);
  }

  /**
   * Lets the `onError` hooks decide after a failed attempt. Returns when the plan moved to another
   * attempt; throws the final error (and records it as the outcome) otherwise.
   */
  async #recover(thrown: unknown): Promise<void> {
    const { context, plan } = this.#call as StartedCall;
    const error = await recoverFromFailure(this.#deps, context, plan, thrown);
    if (error !== undefined) {
      this.#outcome = { ok: false, error };
      throw error;
    }
    this.#replay = undefined;
    this.#replayResponse = undefined;
  }

  /** Ends the call once: closes a still-open upstream, then settles (cancelled if unfinished). */
  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const upstream = this.#upstream;
    this.#upstream = undefined;
    if (upstream !== undefined) {
      try {
        await upstream.return?.();
      } catch {
        // the caller already left; a failure while closing has nobody to report to
      }
    }
    const call = this.#call;
    if (call === undefined) return;
    call.callSignal.dispose();
    const outcome: CallOutcome = this.#outcome ?? {
      ok: false,
      error: new ConnectorError('cancelled', 'The caller stopped reading the stream before it finished.', {
        providerId: call.context.providerId,
        model: call.context.model,
      }),
    };
    await settleCall(this.#deps, call.context, outcome, this.#timeToFirstTokenMs);
  }
}
