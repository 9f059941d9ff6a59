import { ErrorAction, type Middleware, type MiddlewareContext, type Target, targetAddress } from '@hub/core';
import { type FallbackOptions, resolveFallbackOptions } from './fallback-options.js';

/**
 * Why the fallback middleware let a mapped error through, in `context.metadata['fallback.stopped']`.
 * `not-in-plan`: an embedding call's rule named a target that is not one of the route's remaining
 * targets, the only ones the hub planned to produce vectors of the same length.
 */
export type FallbackStopReason = 'max-fallbacks' | 'no-untried-target' | 'already-tried' | 'not-in-plan';

/**
 * The operations fallback takes part in: completions and embeddings. An embedding call falls back
 * only within the targets the hub planned for it (same vector length: vectors of another length
 * would not fit the caller's index). Not `count-tokens`: a count is for one model's tokenizer,
 * another model's count answers a different question, and the hub already answers with its local
 * estimate when the provider cannot count.
 */
type FallbackOperation = 'complete' | 'stream' | 'embed';

/**
 * Maps error codes to a fallback (`ErrorAction.fallback`): by default `rate_limit`, `provider`,
 * `overloaded`, `network`, `timeout`, `circuit_open`, `stream` and `parse` move to the next candidate of
 * the route; `contextLengthFallback` and `contentFilterFallback` name targets for
 * `context_length_exceeded` and `content_filter`; `rules` adds or overrides per code.
 *
 * Operations: `complete`, `stream` and `embed`. For `embed`, `'next'` moves along the route's
 * remaining targets, which the hub limits to those producing vectors of the same length; a rule
 * naming a target falls back to it only when it is one of them (else `not-in-plan`).
 * `count-tokens` is left out (see `FallbackOperation`).
 *
 * Loop protection: a target already tried in this call is never chosen again, and a call falls
 * back at most `maxFallbacks` times. A stream that already yielded content never falls back.
 *
 * The hub also falls back on its own when every middleware lets an error through
 * (`HubOptions.fallbackWhen`, by default for retryable errors and `circuit_open`); pass
 * `fallbackWhen: () => false` to `createHub` so that these rules alone decide.
 *
 * Register it first (outermost): `onError` hooks run innermost first, so a retry middleware
 * inside it gets to retry before this one falls back.
 *
 * @throws ConfigError for invalid options, when called.
 */
export function fallback(options: FallbackOptions = {}): Middleware<FallbackOperation> {
  const { rules, maxFallbacks } = resolveFallbackOptions(options);
  // one entry per call in flight, released with its context; each set holds at most one target
  // per attempt (bounded by the hub's maxAttempts)
  const triedByCall = new WeakMap<MiddlewareContext<FallbackOperation>, Set<string>>();

  const stop = (context: MiddlewareContext<FallbackOperation>, reason: FallbackStopReason): undefined => {
    context.metadata.set('fallback.stopped', reason);
    return undefined;
  };

  return {
    name: 'fallback',
    operations: ['complete', 'stream', 'embed'],

    onRequest(_request, context) {
      let tried = triedByCall.get(context);
      if (tried === undefined) {
        tried = new Set();
        triedByCall.set(context, tried);
      }
      tried.add(targetAddress(context));
    },

    onError(error, context) {
      // the caller already has part of this answer: another target would write a different one
      if (context.contentYielded) return undefined;
      const rule = rules.get(error.code);
      if (rule === undefined) return undefined;
      if (context.fallbacks >= maxFallbacks) return stop(context, 'max-fallbacks');
      const tried = triedByCall.get(context) ?? new Set([targetAddress(context)]);
      if (rule === 'next') {
        const remaining = context.remainingTargets;
        for (let index = 0; index < remaining.length; index++) {
          const candidate = remaining[index] as (typeof remaining)[number];
          const address = targetAddress(candidate);
          if (tried.has(address)) continue;
          // the hub's own "next" is the first remaining candidate; name any later one explicitly
          return index === 0 ? ErrorAction.fallback() : ErrorAction.fallback(address);
        }
        return stop(context, 'no-untried-target');
      }
      const address = rule.includes('/') ? rule : `${rule}/${context.model}`;
      if (tried.has(address)) return stop(context, 'already-tried');
      if (context.operation === 'embed' && !isPlanned(context.remainingTargets, address))
        return stop(context, 'not-in-plan');
      return ErrorAction.fallback(rule);
    },
  };
}

/** Whether `address` is one of the call's remaining planned targets. */
function isPlanned(remaining: readonly Target[], address: string): boolean {
  for (const candidate of remaining) if (targetAddress(candidate) === address) return true;
  return false;
}
