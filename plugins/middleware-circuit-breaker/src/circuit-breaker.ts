import { ConfigError, ConnectorError, type Middleware, type MiddlewareContext } from '@hub/core';
import { CALLS, Circuit, type CircuitAdmission, FAILURES } from './circuit.js';
import { type CircuitBreakerOptions, resolveCircuitBreakerOptions } from './circuit-breaker-options.js';
import type { CircuitState, CircuitTransitionReason } from './circuit-state-change.js';

/** The circuit breaker middleware, with a query for the state of a target's circuit. */
export interface CircuitBreaker extends Middleware {
  /**
   * The state of the circuit of `target` (`"provider/model"`, or `"provider"` with scope
   * `provider`; a `provider/model` is narrowed to its provider then). A target never called is
   * `closed`. An `open` circuit whose `openMs` elapsed stays `open` here until the next call
   * moves it to `half-open`.
   *
   * @throws ConfigError when scope is `model` and `target` names no model.
   */
  state(target: string | { readonly providerId: string; readonly model?: string }): CircuitState;
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
 *   window, or after `consecutiveFailures` failures in a row. Only errors in `failureCodes`
 *   (provider health: network, timeout, provider, overloaded, rate_limit, stream) are failures.
 * - **open** for `openMs`: `onRequest` refuses at once with `ConnectorError('circuit_open')`
 *   naming the target, `retryAfterMs` = time until half-open, and marks the target unhealthy in
 *   `context.stats` until then, so selectors order it last and a fallback middleware (or the
 *   hub) moves on to another target.
 * - **half-open**: up to `halfOpenProbes` calls go through at once; the first success closes the
 *   circuit (and marks the target healthy), a failure opens it again.
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
  const { now, scope, openMs, halfOpenProbes, failureCodes, onStateChange } = settings;
  const circuits = new Map<string, Circuit>();
  const admissions = new WeakMap<MiddlewareContext, CircuitAdmission>();

  const keyOf = (providerId: string, model: string | undefined): string =>
    scope === 'provider' ? providerId : `${providerId}/${model}`;

  const circuitOf = (context: MiddlewareContext): Circuit => {
    const key = keyOf(context.providerId, context.model);
    let circuit = circuits.get(key);
    if (circuit === undefined) {
      circuit = new Circuit(
        key,
        context.providerId,
        scope === 'provider' ? undefined : context.model,
        settings.windowMs,
      );
      circuits.set(key, circuit);
    }
    return circuit;
  };

  const transition = (
    circuit: Circuit,
    to: CircuitState,
    reason: CircuitTransitionReason,
    context: MiddlewareContext,
    failureRate?: number,
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
      circuit.openUntil = at + openMs;
      circuit.openReason = reason;
      // the stats store keeps wall-clock time; the breaker's clock may be injected
      context.stats.setHealth(healthTarget, false, Date.now() + openMs);
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
          ...(failureRate !== undefined && { failureRate }),
          ...(to === 'open' && { openUntil: circuit.openUntil }),
        });
      } catch {
        // a listener's failure must not fail the request that happened to trigger the change
      }
    }
  };

  const refuse = (circuit: Circuit, context: MiddlewareContext, retryAfterMs?: number): ConnectorError => {
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

  const settle = (context: MiddlewareContext, outcome: Outcome): void => {
    const admission = admissions.get(context);
    if (admission === undefined) return;
    admissions.delete(context);
    const circuit = admission.circuit;
    // the circuit changed since this call was admitted: its outcome says nothing about the new state
    if (admission.generation !== circuit.generation) return;
    if (admission.probe) {
      circuit.probesInFlight--;
      if (outcome === 'success') transition(circuit, 'closed', 'probe-succeeded', context);
      else if (outcome === 'failure') transition(circuit, 'open', 'probe-failed', context);
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
    if (circuit.consecutiveFailures >= settings.consecutiveFailures) {
      transition(circuit, 'open', 'consecutive-failures', context);
      return;
    }
    const calls = circuit.window.sum(CALLS, nowMs);
    if (calls < settings.minimumCalls) return;
    const failureRate = circuit.window.sum(FAILURES, nowMs) / calls;
    if (failureRate >= settings.failureRateThreshold)
      transition(circuit, 'open', 'failure-rate', context, failureRate);
  };

  return {
    name: 'circuit-breaker',

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
      settle(context, counted ? 'failure' : 'ignored');
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
      return circuits.get(keyOf(providerId, model))?.state ?? 'closed';
    },
  };
}
