import type { CallOptions } from '../contracts/call-options.js';
import type { LLMProvider } from '../contracts/llm-provider.js';
import { ConnectorError } from '../errors/connector-error.js';
import type { ProviderHealth } from './hub.js';

/** The health-check policy, owned by the hub so every provider is judged the same way. */
export const HEALTH_POLICY = Object.freeze({
  /** A probe that has not answered by then is abandoned (its signal aborted) and unhealthy. */
  budgetMs: 5_000,
  /** A probe answering slower than this is `degraded`. */
  degradedAboveMs: 2_000,
});

/**
 * Runs one provider's probe within the health budget and classifies the outcome: `healthy`,
 * `degraded` (answered slower than 2 s, or rate limited: it is up but will refuse work) or
 * `unhealthy` (failed, or no answer within 5 s, even if the provider ignores its signal).
 * Never rejects.
 */
export async function checkHealth(
  provider: LLMProvider,
  options: CallOptions = {},
  now: () => number = Date.now,
): Promise<ProviderHealth> {
  const providerId = provider.providerId;
  const started = now();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overBudget = new Promise<'over-budget'>((resolve) => {
    timer = setTimeout(() => resolve('over-budget'), HEALTH_POLICY.budgetMs);
  });
  const probed = Promise.resolve()
    .then(() => provider.probe({ ...options, signal: controller.signal, timeoutMs: HEALTH_POLICY.budgetMs }))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  try {
    const outcome = await Promise.race([probed, overBudget]);
    const latencyMs = now() - started;
    const checkedAt = now();
    if (outcome === 'over-budget') {
      controller.abort(new DOMException('The health check exceeded its budget.', 'TimeoutError'));
      const message = `No answer within ${HEALTH_POLICY.budgetMs / 1000} s.`;
      return { providerId, status: 'unhealthy', message, latencyMs, checkedAt };
    }
    if (outcome === undefined) {
      return latencyMs > HEALTH_POLICY.degradedAboveMs
        ? {
            providerId,
            status: 'degraded',
            message: `Answered in ${Math.round(latencyMs)} ms.`,
            latencyMs,
            checkedAt,
          }
        : { providerId, status: 'healthy', latencyMs, checkedAt };
    }
    const error = ConnectorError.isInstance(outcome) ? outcome : undefined;
    const status = error?.code === 'rate_limit' ? 'degraded' : 'unhealthy';
    return { providerId, status, message: describe(error), latencyMs, checkedAt };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function describe(error: ConnectorError | undefined): string {
  if (error === undefined) return 'The probe failed.';
  // messages of connector errors never carry secrets (providers mask them before wrapping)
  return `${error.code}: ${error.message}`;
}
