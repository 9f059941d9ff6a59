import type { HubOperation, Middleware, RateLimitSnapshot } from '@hub/core';
import type { LiveStats } from './live-stats.js';
import type { CallDetail, RecentRequests } from './recent-requests.js';

interface SettledResponse {
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
  readonly cost?: { readonly totalUsd?: number };
  readonly rateLimit?: RateLimitSnapshot;
}

/**
 * The middleware that tells the dashboard how each hub call ended: the Requests page's row
 * (provider, model, tokens, cost; never prompt or answer text) and the provider's reported
 * rate-limit headroom. Register it outermost: its `onSettled` then runs last, after the cost
 * middleware priced the response, and it sees cache hits too. It only observes, in every
 * operation.
 */
export function dashboardObserver(recent: RecentRequests, live: LiveStats): Middleware<HubOperation> {
  return {
    name: 'gateway-dashboard-observer',
    operations: ['complete', 'stream', 'embed', 'count-tokens'],
    onSettled(outcome, context) {
      const response = outcome.ok ? (outcome.response as SettledResponse) : undefined;
      const usage = response?.usage;
      const requested = (context.originalRequest as { readonly model?: unknown }).model;
      const detail: CallDetail = {
        requestedModel: typeof requested === 'string' ? requested : null,
        provider: context.providerId,
        model: context.model,
        outcome: outcome.ok ? 'success' : outcome.error.code,
        inputTokens: usage?.inputTokens ?? null,
        outputTokens: usage?.outputTokens ?? null,
        costUsd: response?.cost?.totalUsd ?? null,
        cached: outcome.ok && outcome.cached,
        stream: context.operation === 'stream',
      };
      recent.recordCall(context.requestId, detail);
      // a cached answer carries the headroom of the call that filled the cache: stale
      if (response?.rateLimit !== undefined && !(outcome.ok && outcome.cached))
        live.noteRateLimit(context.metricLabels(), response.rateLimit);
    },
  };
}
