import {
  type CompletionResponse,
  ConnectorError,
  type EmbeddingResponse,
  isEmbeddingRequest,
  isEmbeddingResponse,
  type Middleware,
  type MiddlewareContext,
  type RequestOf,
} from '@hub/core';
import { describeAdaptiveBlock, describeLimit } from './internal/describe-limit.js';
import { type Admission, FairQueue } from './internal/fair-queue.js';
import {
  type ResolvedAdaptive,
  type ResolvedLimit,
  resolveRateLimitOptions,
} from './internal/resolve-rate-limit-options.js';
import { memoryRateLimiter } from './memory-rate-limiter.js';
import type {
  LimitCheck,
  MultiLimitDecision,
  MultiLimitRateLimiter,
  RateLimitRule,
} from './multi-limit-rate-limiter.js';
import { LOCAL_RATE_LIMIT_CODE, RATE_LIMITER_UNAVAILABLE_CODE } from './rate-limit-error-codes.js';
import type { RateLimitedOperation, RateLimitOptions } from './rate-limit-options.js';

/** The rate-limit middleware, with access to its store. */
export interface RateLimitMiddleware extends Middleware<RateLimitedOperation> {
  /** The store in use (the default memory store, or the one passed in the options). */
  readonly limiter: MultiLimitRateLimiter;
  /** Closes the store when the middleware created it; a store passed in the options is left open. */
  close(): Promise<void>;
}

// a rule without capacities: the adaptive key only carries blocks learned from the provider
const ADAPTIVE_RULE: RateLimitRule = Object.freeze({ windowMs: 60_000 });
const NO_COST = Object.freeze({ requests: 0, tokens: 0 });
// `count-tokens` is left out on purpose, see `RATE_LIMITED_OPERATIONS`
const OPERATIONS: readonly RateLimitedOperation[] = Object.freeze(['complete', 'stream', 'embed']);

/** The limits one attempt was checked against and what it reserved. */
interface Reservation {
  readonly checks: readonly LimitCheck[];
  /** Checks with a token limit: the ones reconciled after the call. */
  readonly tokenChecks: readonly LimitCheck[];
  readonly tokens: number;
  /** Flipped (synchronously) by whichever hook settles it first, so it is settled exactly once. */
  open: boolean;
}

/** What one check stands for, to name it in an error. */
interface CheckOrigin {
  readonly limit: ResolvedLimit | undefined;
  readonly value: string;
}

/**
 * Creates the rate-limit middleware. For each attempt, `onRequest` checks every applicable limit
 * (plus any block learned from the provider) in one atomic store call, reserving one request and
 * `prompt estimate + maxTokens` tokens (for an embedding, the input estimate: about four
 * characters per token); `onResponse` reconciles the reservation with the reported usage
 * (`usage.totalTokens`, for an embedding `usage.inputTokens`; for streams, once the stream
 * finished) and learns from `response.rateLimit`; `onError` refunds the reservation and learns
 * from provider 429s; `onSettled` refunds a reservation left open by a stream its caller
 * abandoned.
 *
 * Operations: `complete`, `stream` and `embed` draw on the same limits. `count-tokens` calls
 * never consume budget: a provider's counting API is free and metered apart from generation (or
 * the hub answers with its local estimate, no provider call at all), and an application that
 * counts before every call would otherwise pay twice for each.
 *
 * Register it inside (after) a cache middleware, so cache hits do not count against limits.
 *
 * @throws ConfigError when an option is invalid (before any I/O).
 */
export function rateLimit(options: RateLimitOptions): RateLimitMiddleware {
  const resolved = resolveRateLimitOptions(options);
  const ownsLimiter = resolved.limiter === undefined;
  const limiter = resolved.limiter ?? memoryRateLimiter();
  const adaptive = resolved.adaptive;
  const queue = resolved.onLimited === 'queue' ? new FairQueue(Date.now) : undefined;
  const reservations = new WeakMap<MiddlewareContext<RateLimitedOperation>, Reservation>();

  const adaptiveTarget = (
    settings: ResolvedAdaptive,
    context: MiddlewareContext<RateLimitedOperation>,
  ): string =>
    settings.scope === 'provider' ? context.providerId : `${context.providerId}/${context.model}`;

  // no call signal here: refunds matter most when the call was cancelled
  const adjust = async (reservation: Reservation, tokens: number): Promise<void> => {
    try {
      await limiter.updateUsages(
        reservation.tokenChecks.map((check) =>
          check.rule === undefined
            ? { key: check.key, tokens }
            : { key: check.key, tokens, rule: check.rule },
        ),
      );
    } catch {
      // reconciliation is best effort: the call's outcome is decided, and a store reports its own
      // failures (redisRateLimiter's onError)
    }
  };

  const refund = async (reservation: Reservation): Promise<void> => {
    if (!reservation.open) return;
    reservation.open = false;
    if (reservation.tokenChecks.length === 0 || reservation.tokens === 0) return;
    await adjust(reservation, -reservation.tokens);
  };

  const block = async (target: string, durationMs: number): Promise<void> => {
    if (!(durationMs > 0)) return;
    try {
      await limiter.block(`adaptive:${target}`, durationMs);
    } catch {
      // a lost block only means the provider refuses the next call itself
    }
  };

  /** Tokens to reserve for one attempt: the input estimate, plus the completion budget. */
  const reserveTokens = (request: RequestOf<RateLimitedOperation>): number => {
    if (isEmbeddingRequest(request)) return Math.max(0, Math.ceil(resolved.estimateEmbeddingTokens(request)));
    return (
      Math.max(0, Math.ceil(resolved.estimatePromptTokens(request))) +
      (request.maxTokens ?? resolved.defaultMaxTokens)
    );
  };

  const middleware: RateLimitMiddleware = {
    name: resolved.name,
    operations: OPERATIONS,
    limiter,

    async onRequest(request, context): Promise<undefined> {
      const previous = reservations.get(context);
      if (previous !== undefined) await refund(previous);
      const checks: LimitCheck[] = [];
      const origins: CheckOrigin[] = [];
      const tokenChecks: LimitCheck[] = [];
      let tokens = -1;
      for (const limit of resolved.limits) {
        if (limit.provider !== undefined && limit.provider !== context.providerId) continue;
        const value =
          limit.scope === 'provider'
            ? context.providerId
            : limit.scope === 'model'
              ? `${context.providerId}/${context.model}`
              : limit.key?.(request, context);
        if (value === undefined) continue;
        if (limit.rule.tokensPerWindow !== undefined && tokens < 0) tokens = reserveTokens(request);
        const check: LimitCheck = {
          key: `${limit.name}:${value}`,
          rule: limit.rule,
          cost: { requests: 1, tokens: limit.rule.tokensPerWindow === undefined ? 0 : tokens },
        };
        checks.push(check);
        origins.push({ limit, value });
        if (limit.rule.tokensPerWindow !== undefined) tokenChecks.push(check);
      }
      if (adaptive !== undefined) {
        const target = adaptiveTarget(adaptive, context);
        checks.push({ key: `adaptive:${target}`, rule: ADAPTIVE_RULE, cost: NO_COST });
        origins.push({ limit: undefined, value: target });
      }
      if (checks.length === 0) return undefined;

      const reservation: Reservation = { checks, tokenChecks, tokens: Math.max(0, tokens), open: true };
      const callOptions = { signal: context.signal };
      const attempt = (): Promise<MultiLimitDecision> => limiter.checkLimits(checks, callOptions);
      let admission: Admission;
      try {
        if (queue === undefined) {
          const decision = await attempt();
          admission = decision.allowed
            ? { admitted: true, waitedMs: 0 }
            : {
                admitted: false,
                waitedMs: 0,
                retryAfterMs: decision.retryAfterMs,
                failedIndex: decision.failedIndex,
              };
        } else {
          admission = await queue.admit(
            checks.map((check) => check.key),
            attempt,
            () => {
              reservation.open = true;
              void refund(reservation);
            },
            context.signal,
            resolved.maxQueueWaitMs,
          );
        }
      } catch (error) {
        if (ConnectorError.isInstance(error) && error.code === 'rate_limit') {
          context.metrics.recordRateLimit(context.metricLabels(), { waitedMs: 0, rejected: true });
        }
        throw error;
      }
      if (admission.waitedMs > 0 || !admission.admitted) {
        context.metrics.recordRateLimit(context.metricLabels(), {
          waitedMs: admission.waitedMs,
          rejected: !admission.admitted,
        });
      }
      if (!admission.admitted) throw limitedError(admission, origins, context, queue !== undefined);
      reservations.set(context, reservation);
      return undefined;
    },

    async onResponse(response, context): Promise<undefined> {
      const reservation = reservations.get(context);
      if (reservation?.open === true) {
        reservation.open = false;
        const used = tokensUsed(response);
        // zero means the provider reported no count of its own: keep the reservation rather than guess
        if (reservation.tokenChecks.length > 0 && used > 0 && used !== reservation.tokens) {
          await adjust(reservation, used - reservation.tokens);
        }
      }
      // embedding responses carry no rate-limit snapshot; their 429s still teach through onError
      const snapshot = isEmbeddingResponse(response) ? undefined : response.rateLimit;
      if (adaptive !== undefined && snapshot !== undefined) {
        let blockMs = 0;
        if (
          snapshot.remainingRequests !== undefined &&
          snapshot.remainingRequests <= adaptive.minRequestsRemaining
        ) {
          blockMs = snapshot.requestsResetMs ?? adaptive.defaultBlockMs;
        }
        if (
          snapshot.remainingTokens !== undefined &&
          snapshot.remainingTokens <= adaptive.minTokensRemaining
        ) {
          blockMs = Math.max(blockMs, snapshot.tokensResetMs ?? adaptive.defaultBlockMs);
        }
        await block(adaptiveTarget(adaptive, context), blockMs);
      }
      return undefined;
    },

    async onError(error, context): Promise<undefined> {
      const reservation = reservations.get(context);
      if (reservation !== undefined) await refund(reservation);
      if (
        adaptive !== undefined &&
        error.code === 'rate_limit' &&
        error.providerCode !== LOCAL_RATE_LIMIT_CODE &&
        // a store that could not be reached says nothing about the provider's quota
        error.providerCode !== RATE_LIMITER_UNAVAILABLE_CODE
      ) {
        await block(adaptiveTarget(adaptive, context), error.retryAfterMs ?? adaptive.defaultBlockMs);
      }
      return undefined;
    },

    async onSettled(_outcome, context): Promise<void> {
      const reservation = reservations.get(context);
      if (reservation === undefined) return;
      reservations.delete(context);
      // still open only when a stream's caller stopped reading: nothing reported usage
      await refund(reservation);
    },

    async close(): Promise<void> {
      if (ownsLimiter) await limiter.close?.();
    },
  };
  return middleware;
}

/**
 * What an answered attempt used: all tokens of a completion, the input tokens of an embedding;
 * 0 (keep the reservation) when the embedding's count is the hub's estimate, since the
 * reservation came from this middleware's own (possibly configured) estimate.
 */
function tokensUsed(response: CompletionResponse | EmbeddingResponse): number {
  if (!isEmbeddingResponse(response)) return response.usage.totalTokens;
  return response.usage.estimated === true ? 0 : response.usage.inputTokens;
}

function limitedError(
  admission: Extract<Admission, { admitted: false }>,
  origins: readonly CheckOrigin[],
  context: MiddlewareContext<RateLimitedOperation>,
  queued: boolean,
): ConnectorError {
  const origin = admission.failedIndex === undefined ? undefined : origins[admission.failedIndex];
  const what =
    origin === undefined
      ? 'the calls queued before this one'
      : origin.limit === undefined
        ? describeAdaptiveBlock(origin.value)
        : describeLimit(origin.limit, origin.value);
  const retryAfterMs = admission.retryAfterMs;
  const waited = queued ? ` after waiting ${admission.waitedMs} ms in the queue` : '';
  const retry = retryAfterMs === undefined ? '' : `; retry in ${retryAfterMs} ms`;
  return new ConnectorError('rate_limit', `Rate limit reached: ${what}${waited}${retry}.`, {
    providerId: context.providerId,
    model: context.model,
    providerCode: LOCAL_RATE_LIMIT_CODE,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });
}
