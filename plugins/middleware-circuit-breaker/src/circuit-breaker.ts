import {
  ConfigError,
  ConnectorError,
  type Middleware,
  type MiddlewareContext,
  targetAddress,
} from '@hub/core';
import { CALLS, Circuit, type CircuitAdmission, FAILURES } from './circuit.js';
import { type CircuitBreakerOptions, resolveCircuitBreakerOptions } from './circuit-breaker-options.js';
import type { CircuitState, CircuitTransitionReason } from './circuit-state-change.js';

/**
 * The operations the breaker takes part in: completions and embeddings, whose failures say
 * whether the target serves. Not `count-tokens`: a provider's counting endpoint is a separate,
 * auxiliary API (and the hub answers with its local estimate when it has none), so its failures
 * say little about the completion endpoint, and a breaker opened by them would refuse completions
 * that would have succeeded.
 */
type BreakerOperation = 'complete' | 'stream' | 'embed';

/** The circuit breaker middleware, with a query for the state of a target's circuit. */
export interface CircuitBreaker extends Middleware<BreakerOperation> {
  /**
   * The state of the circuit of `target` (`"provider/model"`, or `"provider"` with scope
   * `provider`; a `provider/model` is narrowed to its provider then). A target never called is
   * `closed`. An `open` circuit whose `openMs` elapsed stays `open` here until the next call
   * moves it to `half-open`.
   *
   * @throws ConfigError when scope is `model` and `target` names no model.
   */
  state(target: string | { readonly providerId: string; readonly model?: string }): CircuitState;
  /** How many circuits the breaker holds now: at most `maxCircuits`. */
  circuitCount(): number;
}

type Outcome = 'success' | 'failure' | 'ignored';

const REASON_TEXT: Record<CircuitTransitionReason, string> = {
  'failure-rate': 'too many of its recent calls failed',
  'consecutive-failures': 'consecutive failures',
  'probe-failed': 'a probe call failed',
  'open-elapsed': 'its open time elapsed',
  'probe-succeeded': 'a probe call succeeded',
};

/**
 * A circuit breaker per `provider/model` (or per provider): states closed → open → half-open.
 *
 * - **closed**: calls flow; each outcome is counted in a sliding window. The circuit opens when
 *   the failure rate reaches `failureRateThreshold` over at least `minimumCalls` calls in the
 *   window, or (only when `consecutiveFailures` is set) after that many failures in a row. Only
 *   errors in `failureCodes` (provider health: network, timeout, provider, overloaded, stream by
 *   default; not rate limits) are failures.
 * - **open** for `openMs`, or for `min(openMs, retryAfterMs)` when the failure that opened it
 *   carried the upstream's `retryAfterMs`: `onRequest` refuses at once with
 *   `ConnectorError('circuit_open')` naming the target, `retryAfterMs` = time until half-open,
 *   and marks the target unhealthy in `context.stats` until then, so selectors order it last and
 *   a fallback middleware (or the hub) moves on to another target.
 * - **half-open**: up to `halfOpenProbes` calls go through at once; the first success closes the
 *   circuit (and marks the target healthy), a failure opens it again.
 *
 * Operations: `complete`, `stream` and `embed`. An embedding model is a target of its own
 * (`openai/text-embedding-3-small`), so with the default `model` scope its failures open only its
 * own circuit; with `provider` scope they count toward the provider's one circuit, as every
 * failure of the provider does. Token counting is left out (see `BreakerOperation` above): its
 * endpoint failing says little about the completion endpoint.
 *
 * At most `maxCircuits` circuits are kept; the least recently used closed one is forgotten first.
 *
 * Every change goes to `onStateChange` and `context.metrics.recordCircuitState`. Outcomes of
 * calls admitted before a change (stale) are ignored, and a call cancelled by its caller counts
 * neither way.
 *
 * Register it last (innermost): `onError` hooks run innermost first and stop at the first that
 * retries or falls back, so an inner breaker sees every failed attempt.
 *
 * @throws ConfigError for invalid options, when called.
 */
export function circuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const settings = resolveCircuitBreakerOptions(options);
  const { now, scope, openMs, halfOpenProbes, failureCodes, maxCircuits, onStateChange } = settings;
  // Bound: at most `maxCircuits` entries, keyed by target (client-chosen model ids included).
  // Eviction: the Map's order is recency (a circuit is moved to the end at every admission);
  // a new target at the bound evicts the least recently used *closed* circuit (it loses only its
  // recent counts), or the least recently used circuit of all when none is closed.
  const circuits = new Map<string, Circuit>();
  let mostRecent: Circuit | undefined;
  // one entry per attempt in flight, released with its call's context
  const admissions = new WeakMap<MiddlewareContext<BreakerOperation>, CircuitAdmission>();

  const evictOne = (): void => {
    for (const [key, circuit] of circuits) {
      if (circuit.state === 'closed') {
        circuits.delete(key);
        return;
      }
    }
    const oldest = circuits.keys().next();
    if (oldest.done !== true) circuits.delete(oldest.value);
  };

  const circuitOf = (context: MiddlewareContext<BreakerOperation>): Circuit => {
    const key = scope === 'provider' ? context.providerId : targetAddress(context);
    let circuit = circuits.get(key);
    if (circuit !== undefined) {
      // most recently used goes last; already last (the usual case under steady traffic) costs nothing
      if (circuit !== mostRecent) {
        circuits.delete(key);
        circuits.set(key, circuit);
        mostRecent = circuit;
      }
      return circuit;
    }
    if (circuits.size >= maxCircuits) evictOne();
    circuit = new Circuit(
      key,
      context.providerId,
      scope === 'provider' ? undefined : context.model,
      settings.windowMs,
    );
    circuits.set(key, circuit);
    mostRecent = circuit;
    return circuit;
  };

  const transition = (
    circuit: Circuit,
    to: CircuitState,
    reason: CircuitTransitionReason,
    context: MiddlewareContext<BreakerOperation>,
    details: { readonly failureRate?: number; readonly retryAfterMs?: number | undefined } = {},
  ): void => {
    const from = circuit.state;
    const at = now();
    circuit.state = to;
    circuit.generation++;
    circuit.probesInFlight = 0;
    const healthTarget =
      circuit.model === undefined
        ? { providerId: circuit.providerId }
        : { providerId: circuit.providerId, model: circuit.model };
    if (to === 'open') {
      const openForMs = openPeriod(openMs, details.retryAfterMs);
      circuit.openUntil = at + openForMs;
      circuit.openReason = reason;
      // the stats store keeps wall-clock time; the breaker's clock may be injected
      context.stats.setHealth(healthTarget, false, Date.now() + openForMs);
    } else if (to === 'closed') {
      circuit.window.reset();
      circuit.consecutiveFailures = 0;
      circuit.closedAdmission = { circuit, probe: false, generation: circuit.generation };
      context.stats.setHealth(healthTarget, true);
    }
    context.metrics.recordCircuitState(circuit.key, to);
    if (onStateChange !== undefined) {
      try {
        onStateChange({
          target: circuit.key,
          from,
          to,
          reason,
          at,
          ...(details.failureRate !== undefined && { failureRate: details.failureRate }),
          ...(to === 'open' && { openUntil: circuit.openUntil }),
        });
      } catch {
        // a listener's failure must not fail the request that happened to trigger the change
      }
    }
  };

  const refuse = (
    circuit: Circuit,
    context: MiddlewareContext<BreakerOperation>,
    retryAfterMs?: number,
  ): ConnectorError => {
    const message =
      retryAfterMs === undefined
        ? `The circuit for "${circuit.key}" is half-open and its probe calls are in flight; try another target or again shortly.`
        : `The circuit for "${circuit.key}" is open (${REASON_TEXT[circuit.openReason ?? 'consecutive-failures']}); it admits a probe call in ${retryAfterMs} ms.`;
    return new ConnectorError('circuit_open', message, {
      providerId: context.providerId,
      model: context.model,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  };

  /** Counts the outcome of an admitted call; `error` is the failure, for its `retryAfterMs`. */
  const settle = (
    context: MiddlewareContext<BreakerOperation>,
    outcome: Outcome,
    error?: ConnectorError,
  ): void => {
    const admission = admissions.get(context);
    if (admission === undefined) return;
    admissions.delete(context);
    const circuit = admission.circuit;
    // the circuit changed since this call was admitted: its outcome says nothing about the new state
    if (admission.generation !== circuit.generation) return;
    const retryAfterMs = error?.retryAfterMs;
    if (admission.probe) {
      circuit.probesInFlight--;
      if (outcome === 'success') transition(circuit, 'closed', 'probe-succeeded', context);
      else if (outcome === 'failure') transition(circuit, 'open', 'probe-failed', context, { retryAfterMs });
      return;
    }
    if (outcome === 'ignored') return;
    const nowMs = now();
    circuit.window.add(CALLS, nowMs);
    if (outcome === 'success') {
      circuit.consecutiveFailures = 0;
      return;
    }
    circuit.window.add(FAILURES, nowMs);
    circuit.consecutiveFailures++;
    if (
      settings.consecutiveFailures !== undefined &&
      circuit.consecutiveFailures >= settings.consecutiveFailures
    ) {
      transition(circuit, 'open', 'consecutive-failures', context, { retryAfterMs });
      return;
    }
    const calls = circuit.window.sum(CALLS, nowMs);
    if (calls < settings.minimumCalls) return;
    const failureRate = circuit.window.sum(FAILURES, nowMs) / calls;
    if (failureRate >= settings.failureRateThreshold)
      transition(circuit, 'open', 'failure-rate', context, { failureRate, retryAfterMs });
  };

  return {
    name: 'circuit-breaker',
    operations: ['complete', 'stream', 'embed'],

    onRequest(_request, context) {
      // an earlier attempt of this call whose outcome never reached this breaker (a middleware
      // inside it decided first) must not keep holding a probe slot
      settle(context, 'ignored');
      const circuit = circuitOf(context);
      if (circuit.state === 'open') {
        const remaining = circuit.openUntil - now();
        if (remaining > 0) throw refuse(circuit, context, Math.ceil(remaining));
        transition(circuit, 'half-open', 'open-elapsed', context);
      }
      if (circuit.state === 'half-open') {
        if (circuit.probesInFlight >= halfOpenProbes) throw refuse(circuit, context);
        circuit.probesInFlight++;
        admissions.set(context, { circuit, probe: true, generation: circuit.generation });
        return;
      }
      admissions.set(context, circuit.closedAdmission);
    },

    onResponse(_response, context) {
      settle(context, 'success');
    },

    onError(error, context) {
      // a caller's cancel or deadline says nothing about the provider
      const counted = failureCodes.has(error.code) && !context.signal.aborted;
      settle(context, counted ? 'failure' : 'ignored', error);
      return undefined;
    },

    onSettled(_outcome, context) {
      // a stream its caller abandoned reaches neither onResponse nor onError
      settle(context, 'ignored');
    },

    state(target) {
      let providerId: string;
      let model: string | undefined;
      if (typeof target === 'string') {
        const slash = target.indexOf('/');
        providerId = slash > 0 ? target.slice(0, slash) : target;
        model = slash > 0 ? target.slice(slash + 1) : undefined;
      } else {
        providerId = target.providerId;
        model = target.model;
      }
      if (scope === 'model' && (model === undefined || model === '')) {
        throw new ConfigError(
          `circuitBreaker.state: the scope is "model", so name a "provider/model" target (got "${providerId}").`,
          { path: 'target' },
        );
      }
      const key = scope === 'provider' ? providerId : targetAddress({ providerId, model: model as string });
      return circuits.get(key)?.state ?? 'closed';
    },

    circuitCount() {
      return circuits.size;
    },
  };
}

/**
 * How long a circuit stays open: `openMs`, or less when the failure that opened it said when the
 * upstream takes calls again (`Retry-After`): waiting longer would turn a one-second rate limit
 * into a thirty-second outage. Never longer than `openMs`.
 */
function openPeriod(openMs: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return openMs;
  return Math.min(openMs, retryAfterMs);
}
