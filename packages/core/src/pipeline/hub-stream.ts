import type { CallOutcome } from '../contracts/middleware.js';
import { ConnectorError } from '../errors/connector-error.js';
import { toConnectorError } from '../errors/to-connector-error.js';
import type { CompletionRequest } from '../model/completion-request.js';
import type { CompletionResponse } from '../model/completion-response.js';
import { responseToChunks } from '../model/response-to-stream.js';
import type { FinishChunk, StreamChunk } from '../model/stream-chunk.js';
import { StreamFolder } from '../model/stream-folder.js';
import { type AttemptFailure, unexpectedFailure } from './attempt-failure.js';
import { explainAbort } from './explain-abort.js';
import { openAttempt } from './open-attempt.js';
import type { PipelineDeps, ProviderCallOptions } from './pipeline-deps.js';
import { recoverFromFailure } from './recover-from-failure.js';
import { runResponseHooks } from './run-hooks.js';
import { settleCall } from './settle-call.js';
import { type StartedCall, startCall } from './start-call.js';

type StreamCall = StartedCall<'stream'>;

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
  #call: StreamCall | undefined;
  #upstream: AsyncIterator<StreamChunk> | undefined;
  #folder: StreamFolder | undefined;
  #replay: StreamChunk[] | undefined;
  #replayIndex = 0;
  #replayResponse: { response: CompletionResponse; depth: number } | undefined;
  #attemptStarted = 0;
  #outcome: CallOutcome<'stream'> | undefined;
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
        if (chunk.type !== 'finish') return step;
        if (this.#outcome === undefined) await this.#finishAttempt();
        return { done: false, value: this.#decorateFinish(chunk) };
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
      const failure = await this.#openAttempt();
      if (failure === undefined) return;
      await this.#recover(failure);
    }
  }

  async #openAttempt(): Promise<AttemptFailure | undefined> {
    const call = this.#call as StreamCall;
    const { context, plan } = call;
    const target = plan.current;
    const opened = await openAttempt(this.#deps, call);
    if (opened.kind === 'failed') return opened.failure;
    if (opened.kind === 'respond') {
      this.#replay = responseToChunks(opened.response);
      this.#replayIndex = 0;
      // kept for the response hooks, run before the replayed `finish` is handed over
      this.#replayResponse = { response: opened.response, depth: opened.depth };
      return undefined;
    }
    const middleware = call.middleware.all;
    let iterable: AsyncIterable<StreamChunk>;
    try {
      iterable = opened.provider.streamCompletion(opened.request, opened.options);
      for (let index = middleware.length - 1; index >= 0; index--) {
        const wrap = middleware[index]?.wrapStream;
        if (wrap !== undefined) iterable = wrap.call(middleware[index], iterable, context);
      }
    } catch (error) {
      return this.#providerFailure(error);
    }
    this.#folder = new StreamFolder({
      provider: target.providerId,
      model: target.model,
      id: context.requestId,
    });
    this.#attemptStarted = performance.now();
    this.#upstream = iterable[Symbol.asyncIterator]();
    return undefined;
  }

  async #nextReplayed(): Promise<IteratorResult<StreamChunk>> {
    const chunks = this.#replay as StreamChunk[];
    if (this.#replayIndex >= chunks.length) {
      await this.#close();
      return DONE;
    }
    const chunk = chunks[this.#replayIndex++] as StreamChunk;
    const context = (this.#call as StreamCall).context;
    if (!context.contentYielded && isContent(chunk)) {
      context.contentYielded = true;
      this.#timeToFirstTokenMs = context.elapsed();
    }
    if (chunk.type === 'finish' && this.#replayResponse !== undefined) {
      const { response, depth } = this.#replayResponse;
      const hooked = await runResponseHooks(
        (this.#call as StreamCall).middleware.all,
        response,
        depth,
        context,
      );
      if (!hooked.ok) await this.#recover(hooked.failure);
      else this.#outcome = { ok: true, response: hooked.response, cached: true };
    }
    return { done: false, value: chunk.type === 'finish' ? this.#decorateFinish(chunk) : chunk };
  }

  /** The `finish` handed to the caller: with who answered and, when priced, what it cost. */
  #decorateFinish(chunk: FinishChunk): FinishChunk {
    const outcome = this.#outcome;
    if (outcome === undefined || !outcome.ok) return chunk;
    const cost = outcome.response.cost;
    return { ...chunk, provider: outcome.response.provider, ...(cost !== undefined && { cost }) };
  }

  /** Folds a provider chunk and notes the time to first content. */
  #fold(chunk: StreamChunk): void {
    (this.#folder as StreamFolder).push(chunk);
    const context = (this.#call as StreamCall).context;
    if (!context.contentYielded && isContent(chunk)) {
      context.contentYielded = true;
      this.#timeToFirstTokenMs = context.elapsed();
    }
  }

  /** At `finish`: records the attempt's success and runs the response hooks. */
  async #finishAttempt(): Promise<void> {
    const call = this.#call as StreamCall;
    const { context, plan } = call;
    const deps = this.#deps;
    deps.stats.record(plan.current, { ok: true, latencyMs: performance.now() - this.#attemptStarted });
    deps.knownModels.learn(plan.current);
    let folded: CompletionResponse;
    try {
      folded = (this.#folder as StreamFolder).result();
    } catch (thrown) {
      await this.#recover(unexpectedFailure(thrown, call.middleware.all, context));
      return;
    }
    const hooked = await runResponseHooks(call.middleware.all, folded, call.middleware.all.length, context);
    // content already reached the caller, so a hook's failure ends the call with its error
    if (!hooked.ok) await this.#recover(hooked.failure);
    else this.#outcome = { ok: true, response: hooked.response, cached: false };
  }

  #providerFailure(error: unknown): AttemptFailure {
    const { context, plan } = this.#call as StreamCall;
    const target = plan.current;
    const converted = explainAbort(
      toConnectorError(error, { providerId: target.providerId, model: target.model }),
      context.signal,
    );
    if (converted.code !== 'cancelled') {
      this.#deps.stats.record(target, { ok: false, latencyMs: performance.now() - this.#attemptStarted });
    }
    return { error: converted, depth: (this.#call as StreamCall).middleware.all.length, fromProvider: true };
  }

  #truncated(): AttemptFailure {
    const target = (this.#call as StreamCall).plan.current;
    this.#deps.stats.record(target, { ok: false, latencyMs: performance.now() - this.#attemptStarted });
    const error = new ConnectorError(
      'stream',
      `The ${target.providerId} stream ended without a finish chunk.`,
      {
        providerId: target.providerId,
        model: target.model,
      },
    );
    return { error, depth: (this.#call as StreamCall).middleware.all.length, fromProvider: true };
  }

  /**
   * Lets the `onError` hooks decide after a failed attempt. Returns when the plan moved to another
   * attempt; throws the final error (and records it as the outcome) otherwise.
   */
  async #recover(failure: AttemptFailure): Promise<void> {
    const error = await recoverFromFailure(this.#deps, this.#call as StreamCall, failure);
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
      // a read may be pending (a caller closing from another task): cut it first, or an async
      // generator's return() would wait behind it until the next chunk arrives
      if (this.#outcome === undefined) {
        this.#call?.callSignal.abort(
          new ConnectorError('cancelled', 'The caller stopped reading the stream before it finished.'),
        );
      }
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
    await settleCall(this.#deps, call, outcome, this.#timeToFirstTokenMs);
  }
}
