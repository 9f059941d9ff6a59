import {
  type CompletionResponse,
  ConnectorError,
  type EmbeddingResponse,
  isCompletionResponse,
  isEmbeddingResponse,
  type StreamChunk,
  type TokenCount,
  type Usage,
} from '@hub/core';
import { computeCost } from '@hub/middleware-metrics';
import type { MultiLimitRateLimiter, TokenAdjustment } from '@hub/middleware-rate-limit';
import type {
  AuthenticatedKey,
  CallRecord,
  CallStatus,
  GovernanceStore,
  Reservation,
} from '@hub/store-postgres';
import type { Logger } from 'pino';
import type { CallEstimate } from './estimate-call.js';
import type { GovernanceCounters } from './governance-counters.js';
import { observeStream } from './observe-stream.js';

/**
 * What admission held for one call, and how it is given back: exactly once, when the call ends,
 * the reservation is settled at the call's real cost (or released if it never ran), the ledger
 * row is buffered, and the tokens-per-minute reservation is corrected to the tokens really used.
 * Wrap the hub call in the matching `track…` method; nothing else is needed.
 */
export interface CallAdmission {
  /** Settles when `call` settles: its `cost.totalUsd` on success, 0 on failure. Returns `call`. */
  trackCompletion(call: Promise<CompletionResponse>): Promise<CompletionResponse>;
  /** As `trackCompletion`, for `hub.embed`. */
  trackEmbedding(call: Promise<EmbeddingResponse>): Promise<EmbeddingResponse>;
  /**
   * Any other non-streamed hub call: settled like `trackEmbedding` or `trackCompletion` when it
   * answers with such a response, at 0 otherwise (a token count).
   */
  trackCall<Result>(call: Promise<Result>): Promise<Result>;
  /** Passes the stream through and settles at its `finish` chunk, failure, or early close. */
  trackStream(stream: AsyncIterable<StreamChunk>): AsyncIterable<StreamChunk>;
  /** The call was never made: gives back the reservation and reserved tokens, writes no row. */
  release(): void;
}

/** An admission that holds nothing (an open gateway without a database): tracking changes nothing. */
export const UNGOVERNED_ADMISSION: CallAdmission = Object.freeze({
  trackCompletion: (call: Promise<CompletionResponse>) => call,
  trackEmbedding: (call: Promise<EmbeddingResponse>) => call,
  trackCall: <Result>(call: Promise<Result>) => call,
  trackStream: (stream: AsyncIterable<StreamChunk>) => stream,
  release: () => undefined,
});

/**
 * Longest wait for writing a call that cost more than its estimate before its answer is released
 * (see `createCallAdmission`); past it the answer goes out and the write happens with the next flush.
 */
export const OVERRUN_WRITE_TIMEOUT_MS = 5_000;

/** Token reservations to correct once the call's real usage is known. */
export interface HeldTokens {
  readonly limiter: MultiLimitRateLimiter;
  /** The tokens-per-minute checks admission took from (key and/or team), each with what it took. */
  readonly checks: readonly TokenAdjustment[];
}

/** What `createCallAdmission` settles against. */
export interface CallAdmissionSettings {
  readonly store: GovernanceStore;
  readonly counters: GovernanceCounters;
  readonly logger: Logger | undefined;
  readonly now: () => number;
  readonly route: string;
  readonly operation: 'complete' | 'stream' | 'embed';
  /** The model as the client asked for it (a route alias or `provider/model`): the ledger's model. */
  readonly model: string;
  readonly requestId: string;
  readonly estimate: CallEstimate;
  /** The database key (its spend counts against it and its team); undefined for config-file keys. */
  readonly authenticated: AuthenticatedKey | undefined;
  /** Undefined: the call is recorded without a reservation (`store.record`). */
  readonly reservation: Reservation | undefined;
  readonly heldTokens: HeldTokens | undefined;
}

/** How a call ended, as admission charges it. */
interface Ending {
  readonly status: CallStatus;
  readonly cost: number;
  readonly provider?: string | undefined;
  readonly usage?: Usage | undefined;
}

/**
 * Creates the admission of one admitted call (see `CallAdmission`). What a call is charged:
 *
 * - success: the response's `cost.totalUsd` (set by cost tracking from the catalog); a response
 *   without one is a cache hit or an unpriced model and costs 0. A stream whose provider reported
 *   no usage at all is charged as if cut short (below), so silence is not free;
 * - failure before any output: 0 (providers do not bill a refused call);
 * - a stream that failed or was closed after output had passed: the estimated input plus its
 *   output characters / 4 as output tokens, at the estimate's prices.
 *
 * Ledger writes are buffered and written off the request path, except in one case: a call that
 * cost more than its reservation held (an estimate that fell short) is written before its answer
 * is released (waiting at most `OVERRUN_WRITE_TIMEOUT_MS`). Until then the budget counts only its
 * estimate; written first, the overrun is seen by every replica before the same client can send
 * another call, so spend passes a budget only by what calls in flight when it was reached cost
 * beyond their estimates.
 */
export function createCallAdmission(settings: CallAdmissionSettings): CallAdmission {
  const started = settings.now();
  let done = false;

  /** Settles once; resolves (never rejects) once an overrun is written, at once otherwise. */
  const finish = (ending: Ending): Promise<void> | undefined => {
    if (done) return undefined;
    done = true;
    const usage = ending.usage;
    const record: CallRecord = {
      cost: ending.cost,
      status: ending.status,
      model: settings.model,
      operation: settings.operation,
      route: settings.route,
      requestId: settings.requestId,
      latencyMs: Math.max(0, settings.now() - started),
      ...(ending.provider !== undefined && { provider: ending.provider }),
      ...(usage !== undefined && {
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        ...(usage.cachedInputTokens !== undefined && { cachedTokens: usage.cachedInputTokens }),
        ...(usage.reasoningTokens !== undefined && { reasoningTokens: usage.reasoningTokens }),
      }),
    };
    let written: boolean;
    try {
      written =
        settings.reservation === undefined
          ? settings.store.record(settings.authenticated, record)
          : settings.store.settle(settings.reservation, record);
    } catch (error) {
      // a record the store refuses is a gateway bug; the call itself is over and answered
      written = false;
      settings.logger?.error({ error: (error as Error).message }, 'governance: ledger record refused');
    }
    if (!written) {
      // counted by the store (`droppedEntries`, on /metrics)
      settings.logger?.warn(
        { requestId: settings.requestId },
        'governance: ledger buffer full, spend dropped',
      );
    }
    correctTokens(settings.heldTokens, usage === undefined ? 0 : usage.inputTokens + usage.outputTokens);
    const reservation = settings.reservation;
    if (
      !written ||
      reservation === undefined ||
      !reservation.enforced ||
      ending.cost <= reservation.estimatedCost
    )
      return undefined;
    return settings.store
      .flush({ signal: AbortSignal.timeout(OVERRUN_WRITE_TIMEOUT_MS) })
      .catch((error: unknown) => {
        // still buffered, and written by the next flush: only the early view of the overrun is lost
        settings.counters.lateOverrunWrites++;
        settings.logger?.warn({ error: (error as Error).message }, 'governance: overrun not written yet');
      });
  };

  const partial = (status: CallStatus, outputCharacters: number): Ending => {
    if (outputCharacters === 0) return { status, cost: 0 };
    const inputTokens = settings.estimate.inputTokens;
    const outputTokens = Math.ceil(outputCharacters / 4);
    const usage: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
    const pricing = settings.estimate.pricing;
    return { status, cost: pricing === undefined ? 0 : computeCost(usage, pricing).totalUsd, usage };
  };

  const failed = (error: unknown): Ending => ({
    status: ConnectorError.isInstance(error) && error.code === 'cancelled' ? 'cancelled' : 'error',
    cost: 0,
  });

  const admission: CallAdmission = {
    trackCompletion(call) {
      return call.then(
        async (response) => {
          await finish({
            status: 'success',
            cost: response.cost?.totalUsd ?? 0,
            provider: response.provider,
            usage: response.usage,
          });
          return response;
        },
        (error: unknown) => {
          finish(failed(error));
          throw error;
        },
      );
    },
    trackEmbedding(call) {
      return call.then(
        async (response) => {
          const inputTokens = response.usage.inputTokens;
          await finish({
            status: 'success',
            cost: response.cost?.totalUsd ?? 0,
            provider: response.provider,
            usage: { inputTokens, outputTokens: 0, totalTokens: inputTokens },
          });
          return response;
        },
        (error: unknown) => {
          finish(failed(error));
          throw error;
        },
      );
    },
    trackCall<Result>(call: Promise<Result>) {
      return call.then(
        async (result) => {
          // the hub's answers are told apart by shape; anything else (a token count) is free
          const answer = result as unknown as CompletionResponse | EmbeddingResponse | TokenCount;
          if (isEmbeddingResponse(answer)) await admission.trackEmbedding(Promise.resolve(answer));
          else if (isCompletionResponse(answer)) await admission.trackCompletion(Promise.resolve(answer));
          else await finish({ status: 'success', cost: 0 });
          return result;
        },
        (error: unknown) => {
          finish(failed(error));
          throw error;
        },
      );
    },
    trackStream(stream) {
      return observeStream(stream, (ending) => {
        if (ending.kind === 'finished') {
          const usage = ending.usage;
          const reported = usage !== undefined && usage.inputTokens + usage.outputTokens > 0;
          if (!reported && ending.outputCharacters > 0) {
            return finish({
              ...partial('success', ending.outputCharacters),
              provider: ending.finish?.provider,
            });
          }
          return finish({
            status: 'success',
            cost: ending.finish?.cost?.totalUsd ?? 0,
            provider: ending.finish?.provider,
            usage,
          });
        }
        const status = ending.kind === 'closed' ? 'cancelled' : failed(ending.error).status;
        return finish(partial(status, ending.outputCharacters));
      });
    },
    release() {
      if (done) return;
      done = true;
      if (settings.reservation !== undefined) settings.store.release(settings.reservation);
      correctTokens(settings.heldTokens, 0);
    },
  };
  return admission;
}

/** Corrects a tokens-per-minute reservation to the tokens used; best effort, off the request path. */
function correctTokens(held: HeldTokens | undefined, used: number): void {
  if (held === undefined) return;
  const corrections = held.checks
    .filter((check) => check.tokens !== used)
    .map((check) => ({ ...check, tokens: used - check.tokens }));
  if (corrections.length === 0) return;
  held.limiter.updateUsages(corrections).catch(() => {
    // the limiter reports its own failures (Redis' onError); a lost correction only skews one window
  });
}
