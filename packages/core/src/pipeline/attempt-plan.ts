import { sleep } from '../abort/sleep.js';
import type { Target } from '../contracts/middleware-context.js';
import type { ConnectorError } from '../errors/connector-error.js';
import { targetAddress } from '../hub/target-address.js';
import type { CallContext } from './call-context.js';
import type { ErrorDecision } from './decide-error-action.js';

const NO_TARGETS: readonly Target[] = Object.freeze([]);

/** Hub-wide rules for moving between attempts. */
export interface AttemptRules {
  readonly maxAttempts: number;
  readonly fallbackWhen: (error: ConnectorError) => boolean;
  /** Parses an explicit fallback target; undefined when it names no registered provider. */
  readonly parseTarget: (address: string, current: Target) => Target | undefined;
}

/**
 * The ordered targets of one hub call and the position in them. Applies `ErrorAction`s:
 * bounded retries (waited out cancellably), fallback to a named or the next untried target.
 */
export class AttemptPlan {
  readonly #targets: readonly Target[];
  readonly #rules: AttemptRules;
  // by address: an explicit fallback target parsed from text is a new object for the same target
  readonly #tried = new Set<string>();
  #current: Target;

  constructor(targets: readonly Target[], rules: AttemptRules, context: CallContext) {
    this.#targets = targets;
    this.#rules = rules;
    this.#current = targets[0] as Target;
    this.#enter(this.#current, context);
    context.attempt = 1;
    context.maxAttempts = rules.maxAttempts;
  }

  get current(): Target {
    return this.#current;
  }

  /**
   * Moves to the next attempt as `decision` says, waiting out a retry delay. Resolves false when
   * the call must fail instead: attempts exhausted, content already streamed, caller cancelled,
   * no target left to fall back to, or the action was `fail`.
   */
  async advance(decision: ErrorDecision, context: CallContext): Promise<boolean> {
    const action = decision.action;
    if (action.type === 'fail') return false;
    if (context.attempt >= this.#rules.maxAttempts || context.contentYielded || context.signal.aborted)
      return false;
    if (action.type === 'retry') {
      await sleep(action.delayMs ?? 0, context.signal);
      context.metrics.recordRetry(context.metricLabels());
      context.attempt++;
      return true;
    }
    let next: Target | undefined;
    if (action.type === 'fallback') {
      next =
        action.target === undefined
          ? this.#nextUntried()
          : this.#fromRoute(
              this.#rules.parseTarget(action.target, this.#current),
              context.operation === 'embed',
            );
    } else if (this.#rules.fallbackWhen(decision.error)) {
      next = this.#nextUntried();
    }
    if (next === undefined) return false;
    context.metrics.recordFallback(context.metricLabels(), context.targetLabel(next));
    context.attempt++;
    context.fallbacks++;
    this.#enter(next, context);
    return true;
  }

  #enter(target: Target, context: CallContext): void {
    this.#current = target;
    this.#tried.add(targetAddress(target));
    context.providerId = target.providerId;
    context.model = target.model;
    context.remainingTargets =
      this.#targets.length === 1
        ? NO_TARGETS
        : this.#targets.filter((candidate) => !this.#tried.has(targetAddress(candidate)));
  }

  #nextUntried(): Target | undefined {
    return this.#targets.find((candidate) => !this.#tried.has(targetAddress(candidate)));
  }

  /**
   * The route's own entry for a parsed target, when the route has it. `plannedOnly` refuses
   * targets outside the plan: an embedding fallback may only go where the planner checked the
   * vector length.
   */
  #fromRoute(target: Target | undefined, plannedOnly: boolean): Target | undefined {
    if (target === undefined) return undefined;
    const address = targetAddress(target);
    const planned = this.#targets.find((candidate) => targetAddress(candidate) === address);
    return planned ?? (plannedOnly ? undefined : target);
  }
}
